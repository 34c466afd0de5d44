package dev.nnpaint.paint;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A tiled view repeats seamlessly: the column after the last is the first, the row after the last the first. */
class TileTest {

    private static final Recipe TILED = Recipe.builder().seed(9).layers(5, 16).size(48, 32).rotateDegrees(15)
            .center(0.3, -0.2).tile(true).build();

    /** The colours of pixels (columns[k], rows[k]) of the painting, which may lie just outside the image. */
    private static float[] colorsAt(Painting p, int[] columns, int[] rows) {
        int count = columns.length;
        Evaluator e = new Evaluator(p.model(), Kernels.scalar());
        int n = e.padded(count);
        float[] in = new float[p.model().inputCount() * n];
        float[] out = new float[p.model().outputCount() * n];
        p.inputs().fillGrid(p.view(), columns, rows, count, 1, in, n);
        e.forward(in, out, n, e.newScratch(n));
        float[] rgb = new float[3 * count];
        p.colorizer().toColor(out, n, count, rgb, 0);
        return rgb;
    }

    @Test
    void oppositeEdgesMeet() {
        Painting p = Painting.of(TILED);
        int w = TILED.width();
        int h = TILED.height();
        int[] rows = new int[h];
        int[] first = new int[h];
        int[] after = new int[h];
        for (int j = 0; j < h; j++) {
            rows[j] = j;
            after[j] = w;
        }
        float[] left = colorsAt(p, first, rows);
        float[] beyondRight = colorsAt(p, after, rows);
        for (int k = 0; k < left.length; k++) {
            assertThat(beyondRight[k]).as("row %d", k / 3).isCloseTo(left[k], within(1e-4f));
        }
        int[] columns = new int[w];
        int[] top = new int[w];
        int[] below = new int[w];
        for (int i = 0; i < w; i++) {
            columns[i] = i;
            below[i] = h;
        }
        float[] upper = colorsAt(p, columns, top);
        float[] beyondBottom = colorsAt(p, columns, below);
        for (int k = 0; k < upper.length; k++) {
            assertThat(beyondBottom[k]).as("column %d", k / 3).isCloseTo(upper[k], within(1e-4f));
        }
    }

    @Test
    void theTilesSeamIsNoBiggerThanItsNeighbours() {
        Painting p = Painting.of(TILED);
        byte[] rgb = new Renderer(p, 1).renderRgb();
        int w = TILED.width();
        long seam = 0;
        long inside = 0;
        for (int j = 0; j < TILED.height(); j++) {
            for (int c = 0; c < 3; c++) {
                seam += Math.abs((rgb[3 * (j * w + w - 1) + c] & 0xff) - (rgb[3 * j * w + c] & 0xff));
                inside += Math.abs((rgb[3 * (j * w + 1) + c] & 0xff) - (rgb[3 * j * w + c] & 0xff));
            }
        }
        assertThat(seam).isLessThan(3 * inside + 3L * TILED.height());
        // The tiled picture is not the flat one.
        assertThat(rgb).isNotEqualTo(new Renderer(Painting.of(TILED.toBuilder().tile(false).build()), 1).renderRgb());
    }

    @Test
    void tiledInputsAreATorusWithANonNegativeR() {
        Painting p = Painting.of(TILED);
        int n = 4;
        float[] in = new float[3 * n];
        p.inputs().fillGrid(p.view(), new int[] {0, 12, 24, 36}, new int[] {0, 8, 16, 24}, 4, 1, in, n);
        for (int k = 0; k < n; k++) {
            assertThat(in[2 * n + k]).isGreaterThanOrEqualTo(0f);
        }
    }
}
