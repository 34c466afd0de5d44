package dev.nnpaint.ops.plot;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SCurvePlotTest {

    private static final Kernel KERNEL = Kernels.scalar();

    @Test
    void combinationCurveIsTheSecondLayerPreActivationFromTheWeights() {
        Model model = PlotModels.oneInput();
        SCurvePlot plot = SCurvePlot.of(model, 1, -3, 3, 13, KERNEL);
        assertThat(plot.x()).containsExactly(new double[] {-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3},
                within(1e-12));
        assertThat(plot.weights()).containsExactly(new double[] {1.7, 0.6, -2.1}, within(1e-6));
        assertThat(plot.bias()).isCloseTo(-0.7, within(1e-6));
        for (int i = 0; i < plot.x().length; i++) {
            double x = plot.x()[i];
            double[] h = {Math.tanh(1.5 * x + 0.5), Math.tanh(-0.8 * x - 1.0), Math.tanh(2.5 * x - 2.0)};
            double z = 1.7 * h[0] + 0.6 * h[1] - 2.1 * h[2] - 0.7;
            for (int j = 0; j < 3; j++) {
                assertThat(plot.hidden()[j][i]).as("h%d at x=%s", j, x).isCloseTo(h[j], within(1e-5));
            }
            assertThat(plot.preActivation()[i]).as("z at x=%s", x).isCloseTo(z, within(1e-5));
            assertThat(plot.preActivation()[i]).isCloseTo(PlotModels.preActivations(model, 1, x)[1], within(1e-5));
            assertThat(plot.output()[i]).as("sigmoid(z) at x=%s", x).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-5));
        }
    }

    @Test
    void vectorKernelDrawsTheSameCurves() {
        SCurvePlot scalar = SCurvePlot.of(PlotModels.oneInput(), 0, -4, 4, 37, KERNEL);
        SCurvePlot fastest = SCurvePlot.of(PlotModels.oneInput(), 0, -4, 4, 37, Kernels.fastest());
        assertThat(fastest.preActivation()).containsExactly(scalar.preActivation(), within(1e-5));
        assertThat(fastest.output()).containsExactly(scalar.output(), within(1e-5));
    }

    @Test
    void middlePanelDrawsEachWeightedTermAndTheirSum() {
        SCurvePlot plot = SCurvePlot.of(PlotModels.oneInput(), 0, -2, 2, 9, KERNEL);
        List<LinePanel> panels = plot.panels();
        assertThat(panels).hasSize(3);
        assertThat(panels.get(0).series()).hasSize(3);
        List<LinePanel.Series> middle = panels.get(1).series();
        assertThat(middle).hasSize(4);
        for (int i = 0; i < 9; i++) {
            double sum = plot.bias();
            for (int j = 0; j < 3; j++) {
                assertThat(middle.get(j).dashed()).isTrue();
                assertThat(middle.get(j).y()[i]).isCloseTo(plot.weights()[j] * plot.hidden()[j][i], within(1e-12));
                sum += middle.get(j).y()[i];
            }
            // the bold curve is the terms added up plus the bias: the forward pass agrees with the picture's parts
            assertThat(middle.get(3).y()[i]).isCloseTo(sum, within(1e-5));
        }
        assertThat(panels.get(2).series().get(0).y()).containsExactly(plot.output());
        assertThat(plot.unitFormula(0)).isEqualTo("tanh(1.50 x + 0.50)");
        assertThat(plot.unitFormula(2)).isEqualTo("tanh(2.50 x - 2.00)");
    }

    @Test
    void svgIsValidXmlWithOnePathPerCurveThroughEverySample() throws Exception {
        SCurvePlot plot = SCurvePlot.of(PlotModels.oneInput(), 0, -2, 2, 50, KERNEL);
        String svg = plot.svg(420, 340);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList paths = doc.getElementsByTagName("path");
        // 3 curves, 3 weighted terms and their sum, 1 output
        assertThat(paths.getLength()).isEqualTo(8);
        for (int p = 0; p < paths.getLength(); p++) {
            String d = ((Element) paths.item(p)).getAttribute("d");
            assertThat(d).startsWith("M");
            assertThat(d.chars().filter(c -> c == 'L').count()).as("path %d", p).isEqualTo(49);
        }
        assertThat(svg).contains("layer 1: 3 units, tanh(w x + b)").contains("h1 = tanh(1.50 x + 0.50)")
                .contains("sigmoid(z)");
    }

    @Test
    void svgCurveHeightsFollowTheData() throws Exception {
        // A rising sum must be drawn rising: SVG y grows downwards, so its y coordinates fall.
        SCurvePlot plot = SCurvePlot.of(PlotModels.oneInput(), 0, -2, 2, 20, KERNEL);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(plot.svg(420, 340).getBytes(StandardCharsets.UTF_8)));
        String d = ((Element) doc.getElementsByTagName("path").item(6)).getAttribute("d");
        String[] numbers = d.replaceAll("[ML]", " ").trim().split("\\s+");
        double[] z = plot.preActivation();
        for (int i = 1; i < z.length; i++) {
            double previousY = Double.parseDouble(numbers[2 * i - 1]);
            double y = Double.parseDouble(numbers[2 * i + 1]);
            assertThat(Math.signum(previousY - y)).as("step %d", i).isEqualTo(Math.signum(z[i] - z[i - 1]));
        }
    }

    @Test
    void pngHasThreePanelsOfTheGivenSizeAndVariedContent() {
        Figure figure = SCurvePlot.of(PlotModels.oneInput(), 0, -3, 3, 100, KERNEL).png(300, 240);
        BufferedImage image = figure.image();
        assertThat(figure.panels()).hasSize(3);
        assertThat(image.getWidth()).isEqualTo(Figure.GAP + 3 * (300 + Figure.GAP));
        assertThat(figure.panels().get(0).width).isEqualTo(300);
        assertThat(figure.panels().get(0).height).isGreaterThan(240);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(100);
    }

    @Test
    void refusesNetworksWithoutOneVaryingInputOrASecondLayer() {
        assertThatThrownBy(() -> SCurvePlot.of(PlotModels.sigmoidNeuron(), 0, -1, 1, 10, KERNEL))
                .isInstanceOf(BadInputException.class).hasMessageContaining("one input, this one has 2 (x, y)");
        Model single = new Model(List.of("x"), List.of(PlotModels.oneInput().layers().get(0)));
        assertThatThrownBy(() -> SCurvePlot.of(single, 0, -1, 1, 10, KERNEL))
                .isInstanceOf(BadInputException.class).hasMessageContaining("at least one hidden layer");
        assertThatThrownBy(() -> SCurvePlot.of(PlotModels.oneInput(), 2, -1, 1, 10, KERNEL))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--unit must be between 0 and 1");
        assertThatThrownBy(() -> SCurvePlot.of(PlotModels.oneInput(), 0, 1, 1, 10, KERNEL))
                .isInstanceOf(BadInputException.class).hasMessageContaining("LO < HI");
    }
}
