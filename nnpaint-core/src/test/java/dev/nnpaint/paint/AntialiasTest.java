package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Anti-aliasing: painting bigger and filtering down, the same in any tile and thread, and the auto mode. */
class AntialiasTest {

    /** A deep, wide network with large weights: pixel noise without anti-aliasing. */
    private static final Recipe NOISY = Recipe.builder().seed(5).layers(6, 24).weights(Init.normal(2))
            .size(29, 19).rotateDegrees(20).build();

    private static Renderer renderer(Painting p, Kernel kernel, int threads, int tile) {
        return new Renderer(p, new Evaluator(p.model(), kernel), threads, tile);
    }

    private static byte[] render(Recipe r, int threads, int tile) {
        return renderer(Painting.of(r), Kernels.scalar(), threads, tile).renderRgb();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void aGridOfNIsPaintingNTimesBiggerAndBoxFilteringInLinearLight(int n) {
        Recipe small = NOISY.toBuilder().antialias(Antialias.grid(n)).build();
        byte[] aa = render(small, 1, 512);
        Recipe big = NOISY.toBuilder().size(NOISY.width() * n, NOISY.height() * n).build();
        byte[] bigRgb = render(big, 1, 512);
        int w = NOISY.width();
        int exact = 0;
        int worst = 0;
        for (int j = 0; j < NOISY.height(); j++) {
            for (int i = 0; i < w; i++) {
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int b = 0; b < n; b++) {
                        for (int a = 0; a < n; a++) {
                            int big8 = bigRgb[3 * ((n * j + b) * w * n + n * i + a) + c] & 0xff;
                            sum += Colorizer.linear(big8 / 255.0);
                        }
                    }
                    int filtered = (int) Math.round(Colorizer.srgb(sum / (n * n)) * 255);
                    int diff = Math.abs(filtered - (aa[3 * (j * w + i) + c] & 0xff));
                    worst = Math.max(worst, diff);
                    exact += diff == 0 ? 1 : 0;
                }
            }
        }
        // The big image's samples are rounded to bytes before the filter; anti-aliasing filters them unrounded.
        assertThat(worst).isLessThanOrEqualTo(1);
        assertThat(exact).isGreaterThan(NOISY.width() * NOISY.height() * 3 * 8 / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "auto"})
    void pixelsDoNotDependOnThreadsTilesOrRegions(String mode) {
        Recipe r = NOISY.toBuilder().antialias(Antialias.parse(mode)).build();
        byte[] reference = render(r, 1, 4096);
        for (int threads : new int[] {1, 3}) {
            for (int tile : new int[] {1, 7, 100}) {
                assertThat(render(r, threads, tile)).as("threads %d tile %d", threads, tile).isEqualTo(reference);
            }
        }
        Renderer fast = renderer(Painting.of(r), Kernels.fastest(), 2, 50);
        Region part = new Region(4, 3, 11, 9);
        byte[] piece = fast.renderRgb(part);
        byte[] whole = fast.renderRgb();
        for (int y = 0; y < part.height(); y++) {
            for (int x = 0; x < 3 * part.width(); x++) {
                assertThat(piece[3 * y * part.width() + x])
                        .isEqualTo(whole[3 * ((part.y() + y) * r.width() + part.x()) + x]);
            }
        }
    }

    @Test
    void autoRefinesOnlyWherePixelsAreBusy() {
        byte[] off = render(NOISY, 1, 512);
        byte[] two = render(NOISY.toBuilder().antialias(Antialias.grid(2)).build(), 1, 512);
        byte[] four = render(NOISY.toBuilder().antialias(Antialias.grid(4)).build(), 1, 512);
        byte[] auto = render(NOISY.toBuilder().antialias(Antialias.AUTO).build(), 1, 512);
        int asTwo = 0;
        int asFour = 0;
        for (int p = 0; p < off.length / 3; p++) {
            boolean isTwo = same(auto, two, p);
            boolean isFour = same(auto, four, p);
            assertThat(isTwo || isFour).as("pixel %d is the 2 x 2 or the 4 x 4 mean", p).isTrue();
            asTwo += isTwo ? 1 : 0;
            asFour += isFour && !isTwo ? 1 : 0;
        }
        assertThat(asFour).as("noisy pixels refined").isPositive();
        // A smooth picture hardly refines.
        Recipe smooth = Recipe.builder().seed(2).layers(3, 8).size(40, 30).build();
        byte[] smoothTwo = render(smooth.toBuilder().antialias(Antialias.grid(2)).build(), 1, 512);
        byte[] smoothAuto = render(smooth.toBuilder().antialias(Antialias.AUTO).build(), 1, 512);
        int unchanged = 0;
        for (int p = 0; p < smoothTwo.length / 3; p++) {
            unchanged += same(smoothTwo, smoothAuto, p) ? 1 : 0;
        }
        assertThat(unchanged).isGreaterThan(40 * 30 * 9 / 10);
    }

    private static boolean same(byte[] a, byte[] b, int p) {
        return a[3 * p] == b[3 * p] && a[3 * p + 1] == b[3 * p + 1] && a[3 * p + 2] == b[3 * p + 2];
    }

    @Test
    void offIsOneSampleAtTheCentreAsBefore() {
        assertThat(render(NOISY.toBuilder().antialias(Antialias.grid(1)).build(), 2, 64))
                .isEqualTo(render(NOISY, 1, 512));
        assertThat(Antialias.parse("1")).isEqualTo(Antialias.OFF);
        assertThat(Antialias.parse("auto").toString()).isEqualTo("auto");
        assertThatThrownBy(() -> Antialias.parse("0")).isInstanceOf(BadInputException.class)
                .hasMessage("antialias must be 1 (off), 2..16 or auto, got 0");
        assertThatThrownBy(() -> Antialias.parse("lots")).isInstanceOf(BadInputException.class);
    }

    @Test
    void sixteenBitPixelsRoundToTheEightBitOnes() {
        for (Recipe r : List.of(NOISY, NOISY.toBuilder().color("hsv").build(),
                NOISY.toBuilder().color("palette:magma").build(),
                NOISY.toBuilder().antialias(Antialias.grid(2)).build())) {
            Painting p = Painting.of(r);
            Renderer eight = renderer(p, Kernels.scalar(), 1, 512);
            Renderer sixteen = eight.withDepth(16);
            byte[] a = eight.renderRgb();
            byte[] b = sixteen.renderRgb();
            assertThat(sixteen.bytesPerPixel()).isEqualTo(6);
            assertThat(b).hasSize(2 * a.length);
            // A palette's 8-bit colour is its nearest entry; 16 bits interpolate between entries.
            double tolerance = r.color().kind() == ColorMode.Kind.PALETTE ? 4 : 0.51;
            int finer = 0;
            for (int k = 0; k < a.length; k++) {
                int v16 = (b[2 * k] & 0xff) << 8 | (b[2 * k + 1] & 0xff);
                assertThat(Math.abs(v16 / 257.0 - (a[k] & 0xff))).as("%s sample %d", r.color(), k)
                        .isLessThanOrEqualTo(tolerance);
                finer += v16 % 257 != 0 ? 1 : 0;
            }
            assertThat(finer).as("16 bits carry more than the 8-bit values").isPositive();
        }
        assertThatThrownBy(() -> renderer(Painting.of(NOISY), Kernels.scalar(), 1, 64).withDepth(12))
                .isInstanceOf(BadInputException.class);
    }
}
