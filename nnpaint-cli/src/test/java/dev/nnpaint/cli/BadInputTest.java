package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input to {@code nnpaint render}: one line saying what is wrong and where, exit code 2, no
 * stack trace, and no file left behind, neither under the requested name nor as a temporary file.
 */
class BadInputTest {

    @TempDir
    Path dir;

    /** Files the test itself put in {@link #dir}; anything else found there afterwards was left by the command. */
    private final Set<String> inputs = new java.util.HashSet<>();

    private Path input(String name, String content) throws Exception {
        inputs.add(name);
        return Files.writeString(dir.resolve(name), content);
    }

    private Result render(String... args) {
        List<String> all = new ArrayList<>(List.of("render", "--quiet", "-o", dir.resolve("art.png").toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private void assertRefused(Result r, String... fragments) throws Exception {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: ").contains(fragments).hasLineCount(1)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !inputs.contains(n)))
                    .as("files left behind").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // unknown names, with the valid ones listed
            "--activation swish           | unknown activation 'swish' | identity, tanh, sigmoid, relu",
            "--activations tanh,nope      | nope                       | silu",
            "--activation mix:tanh,nope   | nope                       | gaussian",
            "--output-activation soft     | soft                       | sigmoid",
            "--weights gauss:1            | gauss:1                    | xavier-normal",
            "--color cmyk                 | cmyk                       | rgb",
            "--color palette:nope         | nope                       | viridis",
            "--inputs x,q                 | q                          | x, y, r",
            "--kernel gpu                 | gpu                        | scalar",
            // malformed numbers
            "--weights normal:x           | normal:x                   | not a number",
            "--gain abc                   | abc                        | --gain",
            "--seed 1.5                   | 1.5                        | --seed",
            "--seed 99999999999999999999  | 99999999999999999999       | --seed",
            "--zoom two                   | two                        | --zoom",
            "--rotate 10deg               | 10deg                      | --rotate",
            "--center 0.5,y               | y                          | --center",
            "--z 0.3,abc                  | abc                        | --z",
            "--hidden 16,,8               | --hidden                   | '",
            "--threads two                | two                        | --threads",
            "--size 100x                  | 100x                       | 1920x1080",
            "--size 10x10x10              | 10x10x10                   | 1920x1080",
            "--size 1e3                   | 1e3                        | 1920x1080",
            // zero and negative sizes
            "--size 0                     | size                       | positive",
            "--size -5x10                 | -5x10                      | positive",
            "--size 64x0                  | 64x0                       | positive",
            "--layers -1                  | layers                     | -1",
            "--neurons 0                  | neurons                    | 0",
            "--hidden 16,0,8              | hidden                     | 0",
            "--zoom 0                     | zoom                       | 0",
            "--extent -2                  | extent                     | -2",
            "--z-dim -3                   | z                          | -3",
            "--threads 0                  | threads                    | positive",
            // more than is reasonable, without --force
            "--size 200000                | --force                    | minutes",
            "--size 60000 --hidden 512,512,512 | --force               | minutes",
            // contradictions
            "--hidden 8,8 --layers 3      | --hidden                   | --layers",
            "--z 1,2 --z-dim 3            | --z has 2 values           | --z-dim is 3"})
    void badOptionsAreRefused(String options, String what, String hint) throws Exception {
        assertRefused(render(options.trim().split(" +")), what.trim(), hint.trim());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--gain NaN        | gain must be a finite number, got NaN",
            "--gain Infinity   | gain must be a finite number, got Infinity",
            "--zoom NaN        | --zoom must be a positive number, got NaN",
            "--extent Infinity | extent must be a positive number, got Infinity",
            "--rotate NaN      | center and rotation must be finite numbers",
            "--center NaN,0    | center and rotation must be finite numbers",
            "--z 1,NaN         | z must hold finite numbers, got [1.0, NaN]"})
    void numbersThatAreNotFiniteAreRefused(String options, String message) throws Exception {
        assertRefused(render(("--inputs x,y,z --z-dim 2 " + options.trim()).split(" ")), message.trim());
    }

    @Test
    void aMissingRecipeFileIsNamed() throws Exception {
        assertRefused(render("--config", dir.resolve("nope.json").toString()), "nope.json", "cannot read");
    }

    @Test
    void aRecipeThatIsAFolderIsNamed() throws Exception {
        Files.createDirectory(dir.resolve("recipes"));
        inputs.add("recipes");
        assertRefused(render("--config", dir.resolve("recipes").toString()), "recipes", "directory");
    }

    @Test
    void aRecipeWithABadFieldNamesTheFileTheFieldAndWhatWasExpected() throws Exception {
        Path recipe = input("recipe.json", "{\"seed\": 3, \"hidden\": [16, \"wide\"]}");
        assertRefused(render("--config", recipe.toString()), "recipe.json: hidden[1]: expected a positive integer",
                "got \"wide\"");
    }

    @Test
    void aRecipeWithAnUnknownFieldNamesIt() throws Exception {
        Path recipe = input("recipe.json", "{\"seed\": 3, \"colour\": \"rgb\"}");
        assertRefused(render("--config", recipe.toString()), "recipe.json: unknown field 'colour'", "'color'");
    }

    @Test
    void aRecipeThatIsNotJsonSaysWhere() throws Exception {
        Path recipe = input("recipe.json", "{\n  \"seed\": 3,\n  \"hidden\": [16 8]\n}");
        assertRefused(render("--config", recipe.toString()), "recipe.json: invalid JSON at line 3");
    }

    @Test
    void aModelGivenAsTheRecipeIsRecognised() throws Exception {
        Path model = input("model.json", ModelJson.toJson(Recipe.builder().hidden(2).build().toModel(), "rgb"));
        assertRefused(render("--config", model.toString()), "model.json", "this is a model file");
    }

    @Test
    void aMissingModelFileIsNamed() throws Exception {
        assertRefused(render("--model", dir.resolve("gone.json").toString()), "gone.json", "cannot read");
    }

    @Test
    void aModelWithABadWeightNamesTheFileTheFieldAndTheLine() throws Exception {
        Path model = input("model.json", "{\"inputs\": [\"x\", \"y\"], \"layers\": [\n"
                + "{\"activation\": \"tanh\", \"weights\": [[1, 2], [3, \"four\"]]}]}");
        assertRefused(render("--model", model.toString()), "model.json: layers[0].weights[1][1]: expected a number",
                "got \"four\" at line 2");
    }

    @Test
    void aModelWhoseLayersDoNotChainNamesTheLayers() throws Exception {
        Path model = input("model.json", "{\"format\": \"nnpaint.model/1\", \"inputs\": [\"x\", \"y\"], \"layers\": ["
                + "{\"activation\": \"tanh\", \"weights\": [[1, 2], [3, 4], [5, 6]]},"
                + "{\"activation\": \"sigmoid\", \"weights\": [[1, 2], [3, 4], [5, 6]]}]}");
        assertRefused(render("--model", model.toString()), "model.json: layers[1].weights: rows have 2 numbers",
                "layers[0] has 3 outputs");
    }

    @Test
    void aModelWithAnUnknownActivationListsTheValidOnes() throws Exception {
        Path model = input("model.json", "{\"inputs\": [\"x\"], \"layers\": [{\"activation\": [\"tanh\", \"swish\"], "
                + "\"weights\": [[1], [2]]}, {\"activation\": \"sigmoid\", \"weights\": [[1, 1]]}]}");
        assertRefused(render("--model", model.toString()), "layers[0].activation[1]: unknown activation 'swish'",
                "identity, tanh");
    }

    @Test
    void anOutputInAMissingFolderIsRefusedBeforeAnyWork() throws Exception {
        Path out = dir.resolve("no-such-folder").resolve("art.png");
        Result r = run("render", "--quiet", "-o", out.toString(), "--size", "64");
        assertRefused(r, "cannot write", "no-such-folder", "does not exist");
    }

    @Test
    void anOutputThatIsAFolderIsRefused() throws Exception {
        Files.createDirectory(dir.resolve("pictures.png"));
        inputs.add("pictures.png");
        Result r = run("render", "--quiet", "-o", dir.resolve("pictures.png").toString(), "--size", "64");
        assertRefused(r, "cannot write", "pictures.png", "it is a folder");
    }

    @Test
    void anOutputUnderAFileIsRefused() throws Exception {
        Path file = input("notes.txt", "x");
        Result r = run("render", "--quiet", "-o", file.resolve("art.png").toString(), "--size", "64");
        assertRefused(r, "cannot write", "is not a folder");
    }

    @Test
    void anUnwritableSideFileStopsTheRenderBeforeTheImageIsWritten() throws Exception {
        assertRefused(render("--size", "32", "--save-model", dir.resolve("nope").resolve("m.json").toString()),
                "cannot write", "m.json");
        assertRefused(render("--size", "32", "--save-config", dir.toString()), "cannot write", "it is a folder");
    }

    @Test
    void anOutputThatIsNotAPngIsRefused() throws Exception {
        assertRefused(run("render", "--quiet", "-o", dir.resolve("art.jpg").toString()), "art.jpg", "*.png");
    }

    @Test
    void fromAPngWithoutARecipeSaysSo() throws Exception {
        Path plain = dir.resolve("plain.png");
        inputs.add("plain.png");
        PngWriter.write(plain, 2, 2, new byte[12], Map.of());
        assertRefused(render("--from", plain.toString()), "plain.png", "carries no nnpaint recipe");
    }

    @Test
    void fromAFileThatIsNotAPngSaysSo() throws Exception {
        Path text = input("notes.png", "hello");
        assertRefused(render("--from", text.toString()), "notes.png", "not a PNG file");
    }

    @Test
    void fromAMissingPngSaysSo() throws Exception {
        assertRefused(render("--from", dir.resolve("gone.png").toString()), "gone.png", "cannot read");
    }

    @Test
    void fromAndModelTogetherAreRefused() throws Exception {
        Path model = input("model.json", ModelJson.toJson(Recipe.builder().hidden(2).build().toModel(), "rgb"));
        assertRefused(render("--from", dir.resolve("a.png").toString(), "--model", model.toString()),
                "--model", "--from");
    }

    @Test
    void anUnknownOptionIsRefused() throws Exception {
        assertRefused(render("--colour", "rgb"), "--colour");
    }
}
