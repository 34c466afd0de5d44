package dev.nnpaint.app.cli;

import dev.nnpaint.app.cli.RenderCommandTest.Result;
import dev.nnpaint.app.io.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.nnpaint.app.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input to `nnpaint render`: one clear line, exit code 2, and no file left behind. */
class BadInputTest {

    @TempDir
    Path dir;

    private Result render(String... args) {
        List<String> all = new ArrayList<>(List.of("render", "--quiet", "-o", dir.resolve("art.png").toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private void assertRefused(Result r, String... fragments) throws Exception {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: ").contains(fragments).hasLineCount(1)
                .doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("art"))).as("files left").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--activation swish        | unknown activation 'swish' | identity, tanh, sigmoid",
            "--activations tanh,nope   | nope                       | silu",
            "--output-activation soft  | soft                       | sigmoid",
            "--weights normal:x        | normal:x                   | not a number",
            "--weights gauss:1         | gauss:1                    | xavier-normal",
            "--gain abc                | abc                        | --gain",
            "--size 0                  | size                       | positive",
            "--size -5x10              | -5x10                      | size",
            "--size 100x               | 100x                       | 1920x1080",
            "--layers -1               | layers                     | -1",
            "--neurons 0               | neurons                    | 0",
            "--zoom 0                  | zoom                       | 0",
            "--color cmyk              | cmyk                       | rgb",
            "--color palette:nope      | nope                       | viridis",
            "--inputs x,q              | q                          | x, y, r",
            "--threads 0               | threads                    | positive",
            "--size 200000             | --force                    | minutes"})
    void badOptionsAreRefused(String options, String what, String hint) throws Exception {
        assertRefused(render(options.trim().split(" +")), what.trim(), hint.trim());
    }

    @Test
    void aMissingRecipeFileIsNamed() throws Exception {
        assertRefused(render("--config", dir.resolve("nope.json").toString()), "nope.json");
    }

    @Test
    void aRecipeWithABadFieldNamesTheFileAndTheField() throws Exception {
        Path recipe = dir.resolve("recipe.json");
        Files.writeString(recipe, "{\"seed\": 3, \"hidden\": [16, \"wide\"]}");
        assertRefused(render("--config", recipe.toString()), "recipe.json", "hidden");
    }

    @Test
    void aMissingModelFileIsNamed() throws Exception {
        assertRefused(render("--model", dir.resolve("gone.json").toString()), "gone.json");
    }

    @Test
    void aModelWhoseLayersDoNotChainNamesTheLayer() throws Exception {
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"format\": \"nnpaint.model/1\", \"inputs\": [\"x\", \"y\"], \"layers\": ["
                + "{\"activation\": \"tanh\", \"weights\": [[1, 2], [3, 4], [5, 6]]},"
                + "{\"activation\": \"sigmoid\", \"weights\": [[1, 2], [3, 4], [5, 6]]}]}");
        assertRefused(render("--model", model.toString()), "model.json", "layer");
    }

    @Test
    void anUnwritableOutputPathIsRefusedBeforeAnyWork() throws Exception {
        Path out = dir.resolve("no-such-folder").resolve("art.png");
        Result r = run("render", "--quiet", "-o", out.toString(), "--size", "64");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-folder").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void fromAPngWithoutARecipeSaysSo() throws Exception {
        Path plain = dir.resolve("plain.png");
        PngWriter.write(plain, 2, 2, new byte[12], Map.of());
        assertRefused(render("--from", plain.toString()), "plain.png");
    }

    @Test
    void fromAFileThatIsNotAPngSaysSo() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "hello");
        assertRefused(render("--from", text.toString()), "notes.png");
    }
}
