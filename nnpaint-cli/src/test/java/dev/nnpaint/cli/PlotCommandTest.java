package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code nnpaint plot}: each kind writes a picture of the expected shape, and bad values are one line. */
class PlotCommandTest {

    /** The article's sigmoid neuron, shipped with the project. */
    private static final Path SIGMOID_NEURON = Path.of("..", "examples", "sigmoid-neuron.json");

    @TempDir
    Path dir;

    private Result plot(String... args) {
        List<String> all = new ArrayList<>(List.of("plot", "--quiet", "--threads", "2"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static BufferedImage read(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        return image;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void oneDimensionalPlotIsThreePanelsSideBySide() throws Exception {
        Path png = dir.resolve("s.png");
        Result r = plot("1d", "--hidden", "4,1", "--seed", "2", "--panel-size", "300x220", "-o", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(12 + 3 * (300 + 12));
        assertThat(image.getHeight()).isGreaterThan(220);
        assertThat(colours(image)).isGreaterThan(100);
    }

    @Test
    void oneDimensionalSvgIsValidXml() throws Exception {
        Path svg = dir.resolve("s.svg");
        Result r = plot("1d", "--hidden", "3,2", "--unit", "1", "--samples", "60", "-o", svg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo(String.valueOf(12 + 3 * (420 + 12)));
        assertThat(doc.getElementsByTagName("path").getLength()).isEqualTo(3 + 3 + 1 + 1);
        assertThat(Files.readString(svg)).contains("layer 2, unit 1");
    }

    @Test
    void sigmoidNeuronExampleIsTheArticlesNeuron() throws Exception {
        Layer layer = ModelJson.read(SIGMOID_NEURON).model().layers().get(0);
        assertThat(layer.weight(0, 0)).isCloseTo(0.4f, within(1e-7f));
        assertThat(layer.weight(0, 1)).isCloseTo(1.0f, within(1e-7f));
        assertThat(layer.biasOf(0)).isCloseTo(-0.3f, within(1e-7f));

        Path png = dir.resolve("h.png");
        Result r = plot("heightmap", "--model", SIGMOID_NEURON.toString(), "--range", "-6,6", "--panel-size", "160",
                "--mesh", "30", "-o", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage image = read(png);
        assertThat(image.getHeight()).isGreaterThan(160);
        assertThat(image.getWidth()).isGreaterThan(2 * 160);
        assertThat(colours(image)).isGreaterThan(100);
    }

    @Test
    void heightmapOfOneColourChannel() throws Exception {
        Path png = dir.resolve("c.png");
        Result r = plot("heightmap", "--color", "rgb", "--channel", "1", "--hidden", "6", "--panel-size", "120",
                "--mesh", "20", "-o", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(colours(read(png))).isGreaterThan(50);
    }

    @Test
    void channelsPlotIsFourPanels() throws Exception {
        Path png = dir.resolve("ch.png");
        Result r = plot("channels", "--hidden", "8,8", "--panel-size", "64x48", "-o", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isGreaterThan(4 * 64);
        assertThat(colours(image)).isGreaterThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "surface",
        "1d --inputs x,y",
        "1d --layers 0",
        "1d --hidden 4 --unit 3",
        "1d --samples 1",
        "1d --range 3,-3",
        "1d --range 1",
        "1d --panel-size 100",
        "heightmap --color rgb",
        "heightmap --color rgb --channel 3",
        "heightmap --channel -1",
        "heightmap --azimuth NaN",
        "heightmap --azimuth east",
        "heightmap --elevation 91",
        "heightmap --mesh 1",
        "heightmap --rotate 30",
        "heightmap --range -1,1 --extent 2",
        "channels --color gray",
        "channels --panel-size 5000",
        "channels --size 64",
        "channels --out-of-range",
    })
    void badValuesAreOneLineExitTwoAndNoFile(String args) {
        Path out = dir.resolve("bad.png");
        List<String> all = new ArrayList<>(List.of(args.split(" ")));
        all.addAll(List.of("-o", out.toString()));
        Result r = plot(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("nnpaint: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void svgIsOnlyForTheOneDimensionalPlot() {
        Path out = dir.resolve("bad.svg");
        Result r = plot("heightmap", "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("SVG is for 1d");
        Result gif = plot("1d", "-o", dir.resolve("x.gif").toString());
        assertThat(gif.code()).isEqualTo(2);
        assertThat(gif.err()).contains("plot writes .png or .svg files");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpLeavesOutTheOptionsPlotRefuses() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.execute("plot", "--help");
        assertThat(out.toString()).contains("--panel-size").doesNotContain("--size").doesNotContain("--rotate");
        Result r = plot("heightmap", "--rotate", "30", "-o", dir.resolve("p.png").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("leave out --rotate").hasLineCount(1);
    }

    @Test
    void svgCurvesAreClippedWithoutClipPaths() throws Exception {
        Path svg = dir.resolve("p.svg");
        assertThat(plot("1d", "-o", svg.toString()).code()).isZero();
        String text = Files.readString(svg);
        assertThat(text).doesNotContain("clip-path").doesNotContain("clipPath").contains("<path d=\"M");
    }
}
