package dev.nnpaint.ops.anim;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smooth gradient with far more than 256 colours, reduced to a palette: dithering must keep it smooth (many
 * distinct colours, small error, local averages that follow the source), where nearest-colour mapping bands.
 */
class DitherQualityTest {

    static final int W = 256;
    static final int H = 128;

    /** A slow diagonal sweep through hue and lightness, like a CPPN's smooth regions: about 30,000 colours. */
    static byte[] smoothGradient() {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = x / (W - 1.0);
                double v = y / (H - 1.0);
                int p = 3 * (y * W + x);
                rgb[p] = (byte) Math.round(40 + 200 * u);
                rgb[p + 1] = (byte) Math.round(30 + 180 * v * (0.5 + 0.5 * u));
                rgb[p + 2] = (byte) Math.round(220 - 150 * (u + v) / 2);
            }
        }
        return rgb;
    }

    record Quality(int distinctColors, double meanError, double blockError) {
    }

    static Quality measure(Dither dither) {
        byte[] rgb = smoothGradient();
        AdaptivePalette palette = AdaptivePalette.of(rgb, W * H);
        byte[] indices = dither.indices(rgb, W, H, palette);
        Set<Integer> seen = new HashSet<>();
        double error = 0;
        int[] out = new int[W * H * 3];
        for (int p = 0; p < W * H; p++) {
            int c = palette.color(indices[p] & 0xff);
            seen.add(c);
            for (int k = 0; k < 3; k++) {
                out[3 * p + k] = c >> (16 - 8 * k) & 0xff;
                error += Math.abs(out[3 * p + k] - (rgb[3 * p + k] & 0xff));
            }
        }
        // Averages over 4x4 blocks: what the eye sees from a normal distance. Banding shows up here.
        double blockError = 0;
        int blocks = 0;
        for (int by = 0; by < H; by += 4) {
            for (int bx = 0; bx < W; bx += 4) {
                for (int k = 0; k < 3; k++) {
                    double diff = 0;
                    for (int y = by; y < by + 4; y++) {
                        for (int x = bx; x < bx + 4; x++) {
                            int p = y * W + x;
                            diff += out[3 * p + k] - (rgb[3 * p + k] & 0xff);
                        }
                    }
                    blockError += Math.abs(diff / 16);
                }
                blocks++;
            }
        }
        return new Quality(seen.size(), error / (3.0 * W * H), blockError / (3.0 * blocks));
    }

    @Test
    void theGradientHasFarMoreColoursThanAPalette() {
        assertThat(AdaptivePalette.distinctColors(smoothGradient(), W * H, 256)).isNull();
    }

    /*
     * Dithering trades per-pixel error for local averages: a well converged 256-colour k-means palette with
     * exact Floyd-Steinberg, computed independently in NumPy on this gradient, gives a per-pixel error of 2.71
     * and a 4x4 block error of 0.50 (nearest colour alone: 2.18 and 1.39). So the per-pixel bound only keeps the
     * noise in check; the block error is where banding shows. Measured here: fs 2.87 / 0.61, ordered 3.17 / 0.65,
     * none 2.34 / 1.54.
     */
    @Test
    void orderedDitheringKeepsAGradientSmooth() {
        Quality q = measure(Dither.ORDERED);
        assertThat(q.distinctColors()).isGreaterThan(200);
        assertThat(q.meanError()).isLessThan(3.5);
        assertThat(q.blockError()).isLessThan(0.72);
    }

    @Test
    void errorDiffusionKeepsAGradientSmooth() {
        Quality q = measure(Dither.FS);
        assertThat(q.distinctColors()).isGreaterThan(200);
        assertThat(q.meanError()).isLessThan(3.2);
        assertThat(q.blockError()).isLessThan(0.7);
    }

    @Test
    void ditheringFollowsTheSourceCloserThanNearestColoursAlone() {
        Quality none = measure(Dither.NONE);
        Quality ordered = measure(Dither.ORDERED);
        Quality fs = measure(Dither.FS);
        // Banding is the nearest-colour block error; dithering must remove more than half of it.
        assertThat(ordered.blockError()).isLessThan(none.blockError() / 2);
        assertThat(fs.blockError()).isLessThan(none.blockError() / 2);
    }

    @Test
    void aPaletteOfAFewColoursIsExact() {
        byte[] rgb = new byte[3 * 100];
        for (int p = 0; p < 100; p++) {
            rgb[3 * p] = (byte) (p % 5 * 50);
            rgb[3 * p + 2] = (byte) 200;
        }
        AdaptivePalette palette = AdaptivePalette.of(rgb, 100);
        assertThat(palette.exact()).isTrue();
        assertThat(palette.size()).isEqualTo(5);
        byte[] indices = Dither.FS.indices(rgb, 10, 10, palette);
        for (int p = 0; p < 100; p++) {
            assertThat(palette.color(indices[p] & 0xff)).isEqualTo((p % 5 * 50) << 16 | 200);
        }
    }
}
