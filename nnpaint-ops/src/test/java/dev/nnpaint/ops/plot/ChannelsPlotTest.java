package dev.nnpaint.ops.plot;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelsPlotTest {

    private static final int W = 48;
    private static final int H = 36;

    private static Painting painting(String color) {
        return Painting.of(Recipe.builder().hidden(8, 8).seed(5).color(color).build());
    }

    /** Pixel p lies inside the frame line, which covers the outermost ring of each panel. */
    private static boolean inside(int p) {
        int x = p % W;
        int y = p / W;
        return x > 0 && y > 0 && x < W - 1 && y < H - 1;
    }

    /** The 8-bit gray level the painting's gray mode gives value v: clamped to [0, 1], rounded. */
    private static int gray(float v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    @Test
    void eachPanelIsOneOutputChannelAndTheLastIsThePainting() {
        Painting painting = painting("rgb");
        ChannelsPlot plot = ChannelsPlot.of(painting, W, H, false, Kernels.scalar(), 1);
        Painting same = painting.withView(plot.view());
        float[] outputs = new Renderer(same, 1).renderOutputs();
        byte[] rgb = new Renderer(same, 1).renderRgb();
        BufferedImage image = plot.figure().image();
        assertThat(plot.areas()).hasSize(4);
        int pixels = W * H;
        int differing = 0;
        for (int c = 0; c < 3; c++) {
            Rectangle a = plot.areas().get(c);
            assertThat(a.width).isEqualTo(W);
            assertThat(a.height).isEqualTo(H);
            for (int p = 0; p < pixels; p++) {
                if (!inside(p)) {
                    continue;
                }
                int shown = image.getRGB(a.x + p % W, a.y + p / W) & 0xFFFFFF;
                int level = gray(outputs[c * pixels + p]);
                assertThat(Math.abs((shown & 0xFF) - level)).as("channel %d pixel %d", c, p).isLessThanOrEqualTo(1);
                assertThat(shown >> 16).isEqualTo(shown & 0xFF);
                // in rgb mode the gray panel of channel c is the combined painting's byte c
                assertThat(shown & 0xFF).isEqualTo(rgb[3 * p + c] & 0xFF);
            }
        }
        Rectangle combined = plot.areas().get(3);
        for (int p = 0; p < pixels; p++) {
            if (!inside(p)) {
                continue;
            }
            int expected = (rgb[3 * p] & 0xFF) << 16 | (rgb[3 * p + 1] & 0xFF) << 8 | (rgb[3 * p + 2] & 0xFF);
            int shown = image.getRGB(combined.x + p % W, combined.y + p / W) & 0xFFFFFF;
            assertThat(shown).isEqualTo(expected);
            if ((rgb[3 * p] & 0xFF) != (rgb[3 * p + 1] & 0xFF)) {
                differing++;
            }
        }
        assertThat(differing).as("a colour painting, not gray").isGreaterThan(pixels / 10);
    }

    @Test
    void tintedPanelsKeepOnlyTheirOwnColour() {
        ChannelsPlot plot = ChannelsPlot.of(painting("rgb"), W, H, true, Kernels.scalar(), 1);
        BufferedImage image = plot.figure().image();
        int[] shifts = {16, 8, 0};
        for (int c = 0; c < 3; c++) {
            Rectangle a = plot.areas().get(c);
            int lit = 0;
            for (int y = 1; y < H - 1; y++) {
                for (int x = 1; x < W - 1; x++) {
                    int v = image.getRGB(a.x + x, a.y + y) & 0xFFFFFF;
                    assertThat(v & ~(0xFF << shifts[c])).as("channel %d at %d,%d", c, x, y).isZero();
                    lit += (v >> shifts[c] & 0xFF) > 0 ? 1 : 0;
                }
            }
            assertThat(lit).isPositive();
        }
    }

    @Test
    void hsvPanelsAreNamedForWhatTheOutputsMean() {
        assertThat(ChannelsPlot.channelNames(painting("hsv").colorizer().mode()))
                .containsExactly("output 0: hue", "output 1: saturation", "output 2: value");
        // a hue of 1.25 is the same hue as 0.25
        byte[] rgb = ChannelsPlot.channel(new float[] {1.25f, 0.25f}, 0, 2, false, true);
        assertThat(rgb[0]).isEqualTo(rgb[3]);
    }

    @Test
    void refusesANetworkWithoutThreeOutputs() {
        assertThatThrownBy(() -> ChannelsPlot.of(painting("gray"), W, H, false, Kernels.scalar(), 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("three outputs")
                .hasMessageContaining("this one has 1");
    }
}
