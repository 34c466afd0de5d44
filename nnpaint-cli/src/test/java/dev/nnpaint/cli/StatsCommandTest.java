package dev.nnpaint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code nnpaint stats} through the command line: the table, the JSON, the edge of chaos, the chart, bad input. */
class StatsCommandTest {

    @TempDir
    Path dir;

    record Output(int code, String out, String err) {
    }

    private static Output stats(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "stats";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Output(code, out.toString(), err.toString());
    }

    private static final String[] GREY_GOO = {"--layers", "8", "--neurons", "16", "--activation", "tanh",
        "--weights", "pytorch", "--biases", "pytorch", "--samples", "32"};

    @Test
    void tableShowsEveryLayerBesideTheMeanFieldAndTheVerdict() {
        Output r = stats(GREY_GOO);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("tanh, sigma_w 0.577, sigma_b 0.144")
                .contains("q* 0.0304  chi_1 0.315").contains("phase: ordered")
                .contains("layer  units  q measured  predicted  saturated")
                .contains("verdict: grey goo: the output varies by only 0.000").contains("try --weights normal:1");
        // the hidden layers 1..8 and the output layer each have a row
        assertThat(r.out()).containsPattern("(?m)^1 +16 ").containsPattern("(?m)^8 +16 ")
                .containsPattern("(?m)^out +3 ").doesNotContainPattern("(?m)^9 +16 ");
    }

    @Test
    void jsonParsesAndHoldsTheNumbers() throws Exception {
        Output r = stats(concat(GREY_GOO, "--json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("pixels").asInt()).isEqualTo(32 * 32);
        assertThat(root.get("outputStd").asDouble()).isBetween(1e-5, 1e-3);
        assertThat(root.get("layers")).hasSize(9);
        JsonNode last = root.get("layers").get(8);
        assertThat(last.get("layer").asText()).isEqualTo("out");
        assertThat(last.get("predicted").get("q").asDouble()).isCloseTo(0.0304, within(5e-4));
        JsonNode map = root.get("meanField").get("maps").get(0);
        assertThat(map.get("activation").asText()).isEqualTo("tanh");
        assertThat(map.get("sigmaW").asDouble()).isCloseTo(1 / Math.sqrt(3), within(1e-9));
        assertThat(map.get("chi1").asDouble()).isCloseTo(0.315, within(5e-3));
        assertThat(map.get("phase").asText()).isEqualTo("ordered");
        assertThat(root.get("meanField").get("criticalSigmaW").asDouble()).isBetween(1.2, 1.3);
        assertThat(root.get("verdicts").get(0).get("kind").asText()).isEqualTo("grey goo");
        assertThat(root.has("activationPatterns")).isFalse(); // tanh is not piecewise linear
    }

    @Test
    void reluNetworksCountTheirLinearRegions() throws Exception {
        Output r = stats("--layers", "2", "--neurons", "4", "--activation", "relu", "--samples", "32", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        long regions = new ObjectMapper().readTree(r.out()).get("activationPatterns").asLong();
        // eight relu units whose lines cross the view cut it into several regions, fewer than the pixels
        assertThat(regions).isBetween(2L, 32L * 32 - 1);
        Output text = stats("--layers", "2", "--neurons", "4", "--activation", "relu", "--samples", "32");
        assertThat(text.out()).contains("linear regions: " + regions + " distinct activation patterns among the 1024");
    }

    @Test
    void criticalPrintsTheEdgeOfChaos() throws Exception {
        Output r = stats("--critical", "--activation", "tanh", "--sigma-b", "0.3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("edge of chaos for tanh at sigma_b = 0.3: sigma_w = 1.39558")
                .contains("--weights scaled-normal:1.3956 --biases normal:0.3");
        Output json = stats("--critical", "--activation", "relu", "--sigma-b", "0", "--json");
        assertThat(new ObjectMapper().readTree(json.out()).get("criticalSigmaW").asDouble())
                .isCloseTo(Math.sqrt(2), within(1e-6));
    }

    @Test
    void plotWritesAChartOfThreePanels() throws Exception {
        Path png = dir.resolve("stats.png");
        Output r = stats(concat(GREY_GOO, "--plot", png.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(3 * 400);
        assertThat(image.getHeight()).isGreaterThan(300);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--critical --activation tanh | --critical needs --sigma-b",
        "--critical --activation tanh --sigma-b -1 | --sigma-b must be a number >= 0",
        "--critical --activation nope --sigma-b 0.3 | nope",
        "--sigma-b 0.3 | --sigma-b goes with --critical",
        "--samples 0 | --samples must be between 8 and 4096",
        "--plot out.gif | --plot writes a PNG",
        "--weights wobbly:3 | unknown initialisation 'wobbly:3'"})
    void badValuesGiveOneLineAndExitCodeTwo(String args, String message) {
        Output r = stats(args.trim().split(" +"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void tooFewSamplesAreRefusedRatherThanCalledGreyGoo() {
        RenderCommandTest.Result r = RenderCommandTest.run("stats", "--samples", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nnpaint: --samples must be between 8 and 4096 pixels a row, got 1"
                + System.lineSeparator());
    }

    /** A small colour image with structure at several scales, for fits. */
    private Path picture() throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                int r = (x * 8) & 255;
                int g = ((x / 4 + y / 4) % 2) * 200;
                int b = (int) (127 + 120 * Math.sin(y * 0.7));
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Path p = dir.resolve("picture.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private Path fitted(String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        String[] args = new String[options.length + 8];
        String[] head = {"fit", picture().toString(), "--out", out.toString(), "--steps", "5", "--threads", "2"};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(options, 0, args, head.length, options.length);
        RenderCommandTest.Result r = RenderCommandTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return out.resolve("model.json");
    }

    @Test
    void aFittedModelsEncodedInputsAreLayerZeroAndTrainedWeightsGetNoPrediction() throws Exception {
        Path model = fitted("gauss", "--encoding", "gauss:16:3", "--hidden", "8,8", "-q");
        Output r = stats("--model", model.toString(), "--samples", "16", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("encoding").asText()).isEqualTo("gauss:16:3");
        JsonNode layers = root.get("layers");
        // the encoding, two hidden layers and the output; the frozen sine layer is the encoding, not a row
        assertThat(layers).hasSize(4);
        JsonNode enc = layers.get(0);
        assertThat(enc.get("kind").asText()).isEqualTo("encoding");
        assertThat(enc.get("units").asInt()).isEqualTo(32);
        // sin^2 + cos^2 = 1 for each of the 16 frequencies: the features' mean square is exactly one half
        assertThat(enc.get("measured").get("meanSquare").asDouble()).isCloseTo(0.5, within(1e-5));
        assertThat(layers.get(1).get("units").asInt()).isEqualTo(8);
        assertThat(layers.get(1).get("activation").asText()).isEqualTo("relu");
        assertThat(layers.get(3).get("layer").asText()).isEqualTo("out");
        assertThat(layers.get(3).get("units").asInt()).isEqualTo(3);
        assertThat(layers.get(1).has("predicted")).isFalse();
        assertThat(root.get("meanField").get("note").asText()).contains("does not apply");

        Output table = stats("--model", model.toString(), "--samples", "16");
        assertThat(table.out()).contains("mean field: n/a").contains("0 enc     32    sin, cos");
    }

    @Test
    void aHashGridsFeaturesAreMeasuredAndAPngPaintedFromTheModelGivesTheSameNumbers() throws Exception {
        Path model = fitted("hash", "--encoding", "hash:3:2:8:4:32", "--hidden", "8", "-q");
        Output direct = stats("--model", model.toString(), "--samples", "16", "--size", "64x48", "--json");
        assertThat(direct.code()).as(direct.err()).isZero();
        JsonNode enc = new ObjectMapper().readTree(direct.out()).get("layers").get(0);
        assertThat(enc.get("units").asInt()).isEqualTo(6);
        // tables start at U(-1e-4, 1e-4) and five steps of Adam at 1e-2 move them by at most 0.05
        assertThat(enc.get("measured").get("meanSquare").asDouble()).isGreaterThan(0).isLessThan(0.05 * 0.05 * 1.01);
        Path png = dir.resolve("painted.png");
        RenderCommandTest.Result painted = RenderCommandTest.run("render", "--quiet", "--model", model.toString(),
                "--size", "64x48", "-o", png.toString());
        assertThat(painted.code()).as(painted.err()).isZero();
        Output fromPng = stats("--from", png.toString(), "--samples", "16", "--json");
        assertThat(fromPng.code()).as(fromPng.err()).isZero();
        assertThat(fromPng.out()).isEqualTo(direct.out());
    }

    @Test
    void modelAndFromTogetherAreRefused() throws Exception {
        Output r = stats("--model", "a.json", "--from", "b.png");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("either --model or --from");
    }
}
