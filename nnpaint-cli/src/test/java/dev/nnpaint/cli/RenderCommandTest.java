package dev.nnpaint.cli;

import dev.nnpaint.ops.format.PngText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RenderCommandTest {

    @TempDir
    Path dir;

    /** Exit code and stderr of one command line. */
    record Result(int code, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new Result(code, err.toString());
    }

    private Result render(String... args) {
        List<String> all = new ArrayList<>(List.of("render", "--quiet"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static int[] pixels(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void paintsAPngThatCarriesItsRecipe() throws Exception {
        Path out = dir.resolve("art.png");
        assertThat(render("-o", out.toString(), "--size", "96x64", "--seed", "5").code()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(96);
        assertThat(img.getHeight()).isEqualTo(64);
        assertThat(PngText.read(out).get("nnpaint")).contains("\"seed\"", "nnpaint.image/1");
    }

    @Test
    void fromRepaintsIdenticalPixelsAndAcceptsANewSize() throws Exception {
        Path first = dir.resolve("a.png");
        Path again = dir.resolve("b.png");
        Path bigger = dir.resolve("c.png");
        render("-o", first.toString(), "--size", "80", "--seed", "11", "--activation", "mix:tanh,sin",
                "--color", "hsv", "--rotate", "30", "--zoom", "2", "--z-dim", "2");
        assertThat(render("--from", first.toString(), "-o", again.toString()).code()).isZero();
        assertThat(pixels(again)).isEqualTo(pixels(first));
        assertThat(render("--from", first.toString(), "-o", bigger.toString(), "--size", "160").code()).isZero();
        assertThat(ImageIO.read(bigger.toFile()).getWidth()).isEqualTo(160);
    }

    @Test
    void savedConfigAndModelRepaintTheSameImage() throws Exception {
        Path art = dir.resolve("art.png");
        Path config = dir.resolve("recipe.json");
        Path model = dir.resolve("model.json");
        assertThat(render("-o", art.toString(), "--size", "64", "--hidden", "12,8,4", "--weights", "he-normal",
                "--save-config", config.toString(), "--save-model", model.toString()).code()).isZero();
        Path fromConfig = dir.resolve("config.png");
        Path fromModel = dir.resolve("model.png");
        assertThat(render("--config", config.toString(), "-o", fromConfig.toString()).code()).isZero();
        assertThat(render("--model", model.toString(), "-o", fromModel.toString(), "--size", "64").code()).isZero();
        assertThat(pixels(fromConfig)).isEqualTo(pixels(art));
        assertThat(pixels(fromModel)).isEqualTo(pixels(art));
        Path again = dir.resolve("again.png");
        assertThat(render("--from", fromModel.toString(), "-o", again.toString()).code()).isZero();
        assertThat(pixels(again)).isEqualTo(pixels(art));
    }

    @Test
    void optionsOverrideTheConfigFile() throws Exception {
        Path config = dir.resolve("recipe.json");
        render("-o", dir.resolve("x.png").toString(), "--size", "32", "--seed", "3",
                "--save-config", config.toString());
        Path changed = dir.resolve("changed.png");
        assertThat(render("--config", config.toString(), "--seed", "4", "-o", changed.toString()).code()).isZero();
        assertThat(PngText.read(changed).get("nnpaint")).contains("\"seed\":4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--activation tanhh|unknown activation 'tanhh'; valid: identity, tanh",
            "--layers abc|'abc'",
            "--size -5|size must be positive",
            "--size 0x10|size must be positive",
            "--weights normal:x|'x' is not a number",
            "--size 100000 --layers 30 --neurons 64|add --force",
            "--color sepia|unknown colour mode 'sepia'",
            "--config /nonexistent/recipe.json|cannot read recipe '/nonexistent/recipe.json'",
            "-o /nonexistent-dir/art.png|cannot write",
            "-o art.jpg|name the output *.png"})
    void badInputGetsOneLineAndExitCode2(String args, String message) {
        List<String> all = new ArrayList<>(List.of("render", "--quiet"));
        all.addAll(List.of(args.split(" ")));
        if (!all.contains("-o")) {
            all.addAll(List.of("-o", dir.resolve("ok.png").toString()));
        }
        Result r = run(all.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aModelWhoseLayersDoNotChainIsRefused() throws Exception {
        Path model = dir.resolve("bad.json");
        Files.writeString(model, "{\"format\": \"nnpaint.model/1\", \"inputs\": [\"x\", \"y\"], \"layers\": ["
                + "{\"activation\": \"tanh\", \"weights\": [[1, 2], [3, 4], [5, 6]]},"
                + "{\"activation\": \"sigmoid\", \"weights\": [[1, 2, 3, 4]]}]}");
        Result r = render("--model", model.toString(), "-o", dir.resolve("m.png").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json", "layers[1]", "3 outputs");
    }

    @Test
    void aFailedRenderLeavesNoFileBehind() throws Exception {
        Path out = dir.resolve("art.png");
        Result r = render("-o", out.toString(), "--inputs", "x,q");
        assertThat(r.code()).isEqualTo(2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("render", "--help")).isZero();
        String help = out.toString();
        String flat = help.replaceAll("\\s", ""); // the help wraps lines, also inside a default
        dev.nnpaint.net.Recipe d = dev.nnpaint.net.Recipe.defaults();
        assertThat(help).contains("--seed", "--layers", "--neurons", "--hidden", "--activation", "--activations",
                "--output-activation", "--weights", "--biases", "--gain", "--inputs", "--z-dim", "--z", "--size",
                "--extent", "--zoom", "--center", "--rotate", "--color", "--model", "--from", "--save-config",
                "--save-model", "--threads", "--quiet", "--force", "--config");
        assertThat(flat).contains("(default:" + d.seed() + ")", "(default:" + d.hidden().length + ")",
                "(default:" + d.hidden()[0] + ")", "(default:" + d.activations().get(0) + ")",
                "(default:" + d.outputActivation() + ")", "(default:" + d.weights() + ")",
                "(default:" + d.biases() + ")", "(default:" + String.join(",", d.inputs()) + ")",
                "(default:" + d.width() + ")", "(default:" + d.color() + ")", "Default:art.png");
    }
}
