package dev.nnpaint.paint;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RendererTest {

    private static final Recipe RECIPE = Recipe.builder().seed(3).layers(4, 12).size(67, 41)
            .latent(2, null).build();

    private static byte[] render(Kernel kernel, int threads, int tile) {
        Painting p = Painting.of(RECIPE);
        return new Renderer(p, new Evaluator(p.model(), kernel), threads, tile).renderRgb();
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "fastest"})
    void pixelsDoNotDependOnThreadsOrTileSize(String kernelName) {
        Kernel kernel = kernelName.equals("scalar") ? Kernels.scalar() : Kernels.fastest();
        byte[] reference = render(kernel, 1, 4096);
        for (int threads : new int[] {1, 2, 3}) {
            for (int tile : new int[] {16, 37, 512}) {
                assertThat(render(kernel, threads, tile)).as("threads %d tile %d", threads, tile)
                        .isEqualTo(reference);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aRegionHoldsThePixelsOfTheWholeImage(int threads) {
        Painting p = Painting.of(RECIPE.toBuilder().rotateDegrees(33).build());
        Renderer renderer = new Renderer(p, new Evaluator(p.model(), Kernels.fastest()), threads, 37);
        byte[] whole = renderer.renderRgb();
        int width = p.view().width();
        for (Region r : List.of(new Region(0, 0, 67, 41), new Region(5, 7, 13, 11), new Region(66, 40, 1, 1),
                new Region(20, 0, 47, 3))) {
            byte[] part = renderer.renderRgb(r);
            assertThat(part).hasSize((int) r.pixels() * 3);
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(part[3 * (y * r.width() + x) + c]).as("%s pixel %d,%d", r, x, y)
                                .isEqualTo(whole[3 * ((r.y() + y) * width + r.x() + x) + c]);
                    }
                }
            }
        }
    }

    @Test
    void aRegionOutsideTheImageIsRefused() {
        Renderer renderer = new Renderer(Painting.of(RECIPE), 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> renderer.renderRgb(new Region(60, 0, 8, 8)))
                .isInstanceOf(dev.nnpaint.BadInputException.class).hasMessageContaining("lies outside the 67x41 image");
    }

    @Test
    void outputsMatchAPlainPerPixelEvaluation() {
        Painting p = Painting.of(RECIPE);
        float[] outputs = new Renderer(p, new Evaluator(p.model(), Kernels.scalar()), 2, 64).renderOutputs();
        Model m = p.model();
        int pixels = 67 * 41;
        double[] z = RECIPE.latent();
        for (int index : new int[] {0, 66, 67, 1234, pixels - 1}) {
            int i = index % 67;
            int j = index / 67;
            double x = p.view().x(i, j);
            double y = p.view().y(i, j);
            double[] a = {x, y, Math.hypot(x, y), z[0], z[1]};
            for (var layer : m.layers()) {
                double[] next = new double[layer.outputs()];
                for (int o = 0; o < layer.outputs(); o++) {
                    double s = layer.biasOf(o);
                    for (int k = 0; k < layer.inputs(); k++) {
                        s += layer.weight(o, k) * a[k];
                    }
                    next[o] = layer.activations()[o].apply(s);
                }
                a = next;
            }
            for (int c = 0; c < 3; c++) {
                assertThat((double) outputs[c * pixels + index]).isCloseTo(a[c], within(1e-5));
            }
        }
    }

    @Test
    void fastAndScalarKernelsPaintTheSameImage() {
        Recipe calm = RECIPE.toBuilder().weights(Init.scaledNormal(1.2)).build();
        Painting p = Painting.of(calm);
        float[] scalar = new Renderer(p, new Evaluator(p.model(), Kernels.scalar()), 2, 64).renderOutputs();
        float[] fast = new Renderer(p, new Evaluator(p.model(), Kernels.fastest()), 2, 64).renderOutputs();
        for (int i = 0; i < scalar.length; i++) {
            assertThat(fast[i]).isCloseTo(scalar[i], within(1e-5f));
        }
    }

    @Test
    void streamingDeliversEveryRowOnceInOrder() throws Exception {
        Recipe tall = RECIPE.toBuilder().size(300, 211).build();
        Painting p = Painting.of(tall);
        Renderer r = new Renderer(p, new Evaluator(p.model(), Kernels.fastest()), 2, 128);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        List<Integer> firstRows = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        r.render((rgb, first, rows) -> {
            firstRows.add(first);
            streamed.write(rgb, 0, rows * 300 * 3);
        }, (done, total) -> progress.add(done));
        assertThat(streamed.toByteArray()).isEqualTo(r.renderRgb());
        assertThat(firstRows).isSorted().startsWith(0);
        assertThat(progress).isSorted().endsWith(300L * 211);
    }

    @Test
    void theDefaultRecipeIsNotGrey() {
        Recipe small = Recipe.defaults().toBuilder().size(128, 128).build();
        byte[] rgb = new Renderer(Painting.of(small), 2).renderRgb();
        double[] mean = new double[3];
        double[] sq = new double[3];
        int n = rgb.length / 3;
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                int v = rgb[3 * p + c] & 0xff;
                mean[c] += v;
                sq[c] += (double) v * v;
            }
        }
        for (int c = 0; c < 3; c++) {
            double m = mean[c] / n;
            double std = Math.sqrt(sq[c] / n - m * m);
            assertThat(std).as("channel %d spread", c).isGreaterThan(30);
        }
    }
}
