package dev.nnpaint.ops.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recipe file: every field written, read back, defaulted when left out, and unknown fields refused. */
class RecipeJsonTest {

    @TempDir
    Path dir;

    /** Every field away from its default. */
    static final Recipe RICH = Recipe.builder()
            .seed(-42)
            .inputs(List.of("x", "y", "r", "z", "bias"))
            .latent(3, new double[] {0.25, -1.5, 3e-7})
            .hidden(12, 7, 5)
            .activations(List.of(ActivationSpec.parse("tanh"), ActivationSpec.parse("mix:sin,gaussian,abs")))
            .outputActivation(dev.nnpaint.net.Activation.HARD_TANH)
            .weights(Init.parse("scaled-normal:1.7"))
            .biases(Init.parse("uniform:0.3"))
            .gain(0.8125)
            .size(320, 200)
            .extent(2.5)
            .center(-0.125, 3.0)
            .rotateDegrees(33.3)
            .antialias(dev.nnpaint.paint.Antialias.grid(3))
            .tile(true)
            .color("palette:twilight")
            .build();

    private static ObjectNode tree(Recipe r) {
        return RecipeJson.toTree(r);
    }

    @Test
    void everyFieldSurvivesTheRoundTripExactly() throws Exception {
        String json = RecipeJson.toJson(RICH);
        Recipe back = RecipeJson.fromJson(json, "rich.json");
        assertThat(back).isEqualTo(RICH);
        assertThat(RecipeJson.toJson(back)).isEqualTo(json);
        assertThat(back.toModel()).isEqualTo(RICH.toModel());
        Path file = dir.resolve("rich.json");
        RecipeJson.write(file, RICH);
        assertThat(RecipeJson.read(file)).isEqualTo(RICH);
        assertThat(Files.readString(file)).isEqualTo(json);
    }

    @Test
    void theWrittenFileListsEveryFieldInOrder() {
        ObjectNode t = tree(RICH);
        assertThat(t.fieldNames()).toIterable().containsExactlyElementsOf(RecipeJson.FIELDS);
        assertThat(RecipeJson.toJson(RICH)).contains("\n  \"hidden\": [12, 7, 5],\n")
                .contains("\"activations\": [\"tanh\", \"mix:sin,gaussian,abs\"]").endsWith("}\n");
        assertThat(RecipeJson.toCompactJson(RICH)).doesNotContain(" ").doesNotContain("\n")
                .isEqualTo(t.toString());
    }

    @Test
    void anEmptyObjectIsTheDefaults() {
        assertThat(RecipeJson.fromJson("{}", "empty.json")).isEqualTo(Recipe.defaults());
        assertThat(RecipeJson.fromJson(RecipeJson.toJson(Recipe.defaults()), "d.json")).isEqualTo(Recipe.defaults());
    }

    /** The fields that stand alone; inputs, z_dim and z depend on each other and are checked together below. */
    static Stream<String> independentFields() {
        return RecipeJson.FIELDS.stream().filter(f -> !List.of("format", "inputs", "z_dim", "z").contains(f));
    }

    @ParameterizedTest
    @MethodSource("independentFields")
    void aLeftOutFieldTakesItsDefaultAndNothingElseChanges(String field) {
        ObjectNode without = tree(RICH);
        without.remove(field);
        ObjectNode expected = tree(RICH);
        com.fasterxml.jackson.databind.JsonNode byDefault = tree(Recipe.defaults()).get(field);
        if (byDefault == null) {
            expected.remove(field); // a newer field at its default is left out of the file
        } else {
            expected.set(field, byDefault);
        }
        assertThat(tree(RecipeJson.fromJson(without.toString(), "r.json"))).isEqualTo(expected);
    }

    @Test
    void newerFieldsAppearOnlyWhenSet() {
        assertThat(RecipeJson.toJson(Recipe.defaults())).doesNotContain("antialias").doesNotContain("tile");
        Recipe auto = Recipe.builder().antialias(dev.nnpaint.paint.Antialias.AUTO).build();
        assertThat(RecipeJson.toCompactJson(auto)).contains("\"antialias\":\"auto\"").doesNotContain("tile");
        assertThat(RecipeJson.fromJson(RecipeJson.toJson(auto), "a.json")).isEqualTo(auto);
        assertThat(RecipeJson.fromJson("{\"antialias\": 4, \"tile\": true}", "a.json"))
                .isEqualTo(Recipe.builder().antialias(dev.nnpaint.paint.Antialias.grid(4)).tile(true).build());
        assertThatThrownBy(() -> RecipeJson.fromJson("{\"antialias\": 40}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a.json: antialias");
        assertThatThrownBy(() -> RecipeJson.fromJson("{\"tile\": \"yes\"}", "a.json"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a.json: tile: expected true or false");
    }

    @ParameterizedTest
    @MethodSource("independentFields")
    void aFieldGivenAloneChangesOnlyItself(String field) {
        ObjectNode only = tree(Recipe.defaults()).objectNode();
        only.set(field, tree(RICH).get(field));
        ObjectNode expected = tree(Recipe.defaults());
        expected.set(field, tree(RICH).get(field));
        assertThat(tree(RecipeJson.fromJson(only.toString(), "r.json"))).isEqualTo(expected);
    }

    @Test
    void theLatentFieldsWorkTogether() {
        Recipe drawn = RecipeJson.fromJson("{\"inputs\": [\"x\", \"z\"], \"z_dim\": 2}", "r.json");
        assertThat(drawn.zDim()).isEqualTo(2);
        assertThat(drawn.z()).isNull();
        Recipe given = RecipeJson.fromJson("{\"inputs\": [\"x\", \"z\"], \"z\": [0.5, -2]}", "r.json");
        assertThat(given.zDim()).as("z_dim defaults to the length of z").isEqualTo(2);
        assertThat(given.z()).containsExactly(0.5, -2.0);
        assertThat(RecipeJson.fromJson("{\"inputs\": [\"x\", \"z\"], \"z_dim\": 2, \"z\": null}", "r.json"))
                .isEqualTo(drawn);
    }

    @Test
    void aSingleActivationMayBeGivenAsAString() {
        assertThat(RecipeJson.fromJson("{\"activations\": \"sin\"}", "r.json").activations())
                .containsExactly(ActivationSpec.parse("sin"));
    }

    @Test
    void anUnknownFieldIsNamedWithASuggestionOrTheValidList() {
        assertThatThrownBy(() -> RecipeJson.fromJson("{\"seed\": 1, \"colour\": \"rgb\"}", "my.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("my.json: unknown field 'colour'; did you mean 'color'?");
        assertThatThrownBy(() -> RecipeJson.fromJson("{\"depth\": 4}", "my.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("my.json: unknown field 'depth'; valid: " + String.join(", ", RecipeJson.FIELDS));
    }

    @Test
    void aModelFileGivenAsARecipeIsRecognised() {
        String model = ModelJson.toJson(Recipe.builder().hidden(2).build().toModel(), "rgb");
        assertThatThrownBy(() -> RecipeJson.fromJson(model, "model.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model.json: format: expected \"nnpaint.recipe/1\"")
                .hasMessageContaining("(this is a model file)");
    }

    @Test
    void aRecipeFileThatCannotBeReadIsNamed() throws Exception {
        assertThatThrownBy(() -> RecipeJson.read(dir.resolve("nope.json"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot read").hasMessageContaining("nope.json");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThatThrownBy(() -> RecipeJson.read(binary)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("binary.json: invalid JSON at line 1");
    }

    @Test
    void numbersAreKeptExactly() {
        JsonNode z = tree(RICH).get("z");
        assertThat(z.get(2).doubleValue()).isEqualTo(3e-7);
        Recipe precise = RICH.toBuilder().gain(0.1 + 0.2).rotateDegrees(-1e-300).build();
        assertThat(RecipeJson.fromJson(RecipeJson.toJson(precise), "p.json")).isEqualTo(precise);
    }
}
