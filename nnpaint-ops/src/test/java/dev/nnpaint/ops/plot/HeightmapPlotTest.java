package dev.nnpaint.ops.plot;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.paint.View;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HeightmapPlotTest {

    private static Painting sigmoidNeuron(double extent) {
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).color("gray").extent(extent).build();
        return Painting.of(PlotModels.sigmoidNeuron(), view);
    }

    @Test
    void surfaceHeightsAreTheSigmoidNeuronAtGridPoints() {
        HeightmapPlot plot = HeightmapPlot.of(sigmoidNeuron(6), 120, 9, -35, 32, Kernels.scalar(), 1);
        SurfacePlot surface = plot.surface();
        assertThat(surface.columns()).isEqualTo(9);
        assertThat(surface.rows()).isEqualTo(9);
        // cell centres of a 9 x 9 mesh over [-6, 6]: -6 + (i + 0.5) * 12 / 9
        assertThat(surface.sampleX(0)).isCloseTo(-6 + 0.5 * 12 / 9.0, within(1e-12));
        assertThat(surface.sampleY(0)).isCloseTo(6 - 0.5 * 12 / 9.0, within(1e-12));
        assertThat(surface.sampleX(4)).isCloseTo(0, within(1e-12));
        for (int row = 0; row < 9; row++) {
            for (int column = 0; column < 9; column++) {
                double x = surface.sampleX(column);
                double y = surface.sampleY(row);
                double expected = 1 / (1 + Math.exp(-(0.4 * x + 1.0 * y - 0.3)));
                assertThat(surface.height(column, row)).as("(%s, %s)", x, y).isCloseTo(expected, within(1e-5));
            }
        }
        assertThat(surface.height(4, 4)).isCloseTo(1 / (1 + Math.exp(0.3)), within(1e-5));
        assertThat(HeightmapPlot.describe(PlotModels.sigmoidNeuron())).isEqualTo(
                "one neuron: sigmoid(0.40 x + 1.00 y - 0.30)");
    }

    @Test
    void aNeuronReadingInputFeaturesIsWrittenWithTheirLabels() {
        Model disc = new Model(List.of("x", "y"), List.of(Layer.of(3, 1, new float[] {-11.85f, -11.5f, 0.25f},
                new float[] {7.05f}, Activation.SIGMOID)), Encoding.Features.of("x2", "y2", "sinx"), null);
        assertThat(HeightmapPlot.describe(disc)).isEqualTo("one neuron: sigmoid(-11.85 x² - 11.50 y² + 0.25 sin x"
                + " + 7.05)");
        Model deeper = disc.withLayers(List.of(Layer.of(3, 2, new float[6], null, Activation.TANH),
                Layer.of(2, 1, new float[2], null, Activation.SIGMOID)));
        assertThat(HeightmapPlot.describe(deeper)).isEqualTo("network 3-2-1 (tanh, sigmoid output) over x², y², sin x");
    }

    @Test
    void surfaceHeightsOfADeepNetworkAreItsOutputAtGridPoints() {
        Recipe recipe = Recipe.builder().inputs(List.of("x", "y")).hidden(6, 6).color("gray").seed(3).extent(2)
                .center(0.5, -0.25).build();
        Painting painting = Painting.of(recipe);
        SurfacePlot surface = HeightmapPlot.of(painting, 100, 7, 20, 40, Kernels.fastest(), 2).surface();
        assertThat(surface.xLo()).isCloseTo(-1.5, within(1e-12));
        assertThat(surface.yHi()).isCloseTo(1.75, within(1e-12));
        for (int row = 0; row < 7; row++) {
            for (int column = 0; column < 7; column++) {
                double expected = PlotModels.outputs(painting.model(), surface.sampleX(column),
                        surface.sampleY(row))[0];
                assertThat(surface.height(column, row)).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void overheadPanelIsTheRenderedImagePixelForPixel() {
        Painting painting = sigmoidNeuron(6);
        HeightmapPlot plot = HeightmapPlot.of(painting, 80, 12, -35, 32, Kernels.scalar(), 1);
        Rectangle area = plot.overheadArea();
        assertThat(area.width).isEqualTo(80);
        assertThat(area.height).isEqualTo(80);
        View view = plot.overheadView();
        byte[] rgb = new Renderer(painting.withView(view), 1).renderRgb();
        BufferedImage image = plot.figure().image();
        // every pixel inside the frame line, which covers the outermost ring
        for (int y = 1; y < 79; y++) {
            for (int x = 1; x < 79; x++) {
                int expected = (rgb[3 * (y * 80 + x)] & 0xFF) << 16 | (rgb[3 * (y * 80 + x) + 1] & 0xFF) << 8
                        | (rgb[3 * (y * 80 + x) + 2] & 0xFF);
                assertThat(image.getRGB(area.x + x, area.y + y) & 0xFFFFFF).as("pixel %d,%d", x, y)
                        .isEqualTo(expected);
            }
        }
        // dark where 0.4 x + y is low (bottom left), light at the top right
        assertThat(image.getRGB(area.x + 2, area.y + 77) & 0xFF).isLessThan(20);
        assertThat(image.getRGB(area.x + 77, area.y + 2) & 0xFF).isGreaterThan(235);
    }

    @Test
    void channelPicksOneOutputOfAColourNetwork() {
        Recipe recipe = Recipe.builder().inputs(List.of("x", "y", "r")).hidden(5).color("rgb").seed(8).build();
        Painting painting = Painting.of(recipe);
        Model model = painting.model();
        SurfacePlot surface = HeightmapPlot.of(painting, 2, 80, 5, -35, 32, Kernels.scalar(), 1).surface();
        for (int row = 0; row < 5; row++) {
            for (int column = 0; column < 5; column++) {
                double x = surface.sampleX(column);
                double y = surface.sampleY(row);
                double expected = PlotModels.outputs(model, x, y, Math.sqrt(x * x + y * y))[2];
                assertThat(surface.height(column, row)).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void aColourNetworkNeedsAChosenChannel() {
        Painting painting = Painting.of(Recipe.builder().inputs(List.of("x", "y")).hidden(4).color("rgb").build());
        assertThatThrownBy(() -> HeightmapPlot.of(painting, 80, 5, -35, 32, Kernels.scalar(), 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("this network has 3: choose one with --channel 0..2");
        assertThatThrownBy(() -> HeightmapPlot.of(painting, 3, 80, 5, -35, 32, Kernels.scalar(), 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--channel must be between 0 and 2");
        assertThatThrownBy(() -> HeightmapPlot.of(sigmoidNeuron(1), 80, 1, -35, 32, Kernels.scalar(), 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--mesh must be between 2 and 1000");
    }
}
