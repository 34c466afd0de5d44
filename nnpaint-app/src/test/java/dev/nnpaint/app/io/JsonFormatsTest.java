package dev.nnpaint.app.io;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Recipe and model files: exact round trips, and malformed files thrown at the parsers. */
class JsonFormatsTest {

    private static final Recipe RICH = Recipe.builder()
            .seed(-42)
            .inputs(List.of("x", "y", "r", "z", "bias"))
            .latent(3, new double[] {0.25, -1.5, 3e-7})
            .hidden(12, 7, 5)
            .activations(List.of(ActivationSpec.parse("tanh"), ActivationSpec.parse("mix:sin+gaussian+abs")))
            .weights(Init.parse("scaled-normal:1.7"))
            .biases(Init.parse("uniform:0.3"))
            .gain(0.8125)
            .size(320, 200)
            .extent(2.5)
            .center(-0.125, 3.0)
            .rotateDegrees(33.3)
            .color("palette:twilight")
            .build();

    @Test
    void aRecipeSurvivesTheRoundTripExactly() {
        String json = RecipeJson.toJson(RICH);
        Recipe back = RecipeJson.fromJson(json, "rich.json");
        assertThat(back).isEqualTo(RICH);
        assertThat(RecipeJson.toJson(back)).isEqualTo(json);
        assertThat(back.toModel().layers().get(1).weights()).isEqualTo(RICH.toModel().layers().get(1).weights());
    }

    @Test
    void leftOutFieldsTakeTheDefaults() {
        assertThat(RecipeJson.fromJson("{}", "empty.json")).isEqualTo(Recipe.builder().build());
        assertThat(RecipeJson.fromJson("{\"seed\": 7}", "seed.json")).isEqualTo(Recipe.builder().seed(7).build());
    }

    @Test
    void aModelSurvivesTheRoundTripBitForBit() {
        Model model = RICH.toModel();
        String json = ModelJson.toJson(model, "palette:twilight");
        ModelJson.ModelFile back = ModelJson.fromJson(json, "m.json");
        assertThat(back.color()).isEqualTo("palette:twilight");
        assertThat(back.model().inputNames()).isEqualTo(model.inputNames());
        for (int k = 0; k < model.layers().size(); k++) {
            Layer a = model.layers().get(k);
            Layer b = back.model().layers().get(k);
            assertThat(b.weights()).isEqualTo(a.weights());
            assertThat(b.bias()).isEqualTo(a.bias());
            assertThat(b.activations()).isEqualTo(a.activations());
        }
    }

    @Test
    void aModelLayerMayLeaveOutItsBias() {
        Model m = ModelJson.fromJson("{\"inputs\": [\"x\"], \"layers\": [{\"activation\": \"sigmoid\", "
                + "\"weights\": [[2.5]]}]}", "nobias.json").model();
        assertThat(m.layers().get(0).bias()).isNull();
        assertThat(m.layers().get(0).weights()).containsExactly(2.5f);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"seed\": 1, \"colour\": \"rgb\"}|colour",
            "{\"hidden\": [16, -2]}|hidden",
            "{\"width\": 0}|width",
            "{\"activations\": [\"tanh\", \"swish\"]}|swish",
            "{\"weights\": \"normal:abc\"}|weights",
            "{\"gain\": \"big\"}|gain",
            "{\"center\": [1]}|center",
            "{\"format\": \"nnpaint.recipe/9\"}|format",
            "[1, 2]|object",
            "{\"seed\": 1,|invalid JSON"})
    void aBadRecipeIsRefusedNamingTheField(String caseText) {
        String[] parts = caseText.split("\\|");
        assertThatThrownBy(() -> RecipeJson.fromJson(parts[0], "bad.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"inputs\": [\"x\", \"y\"], \"layers\": [{\"activation\": \"tanh\", \"weights\": [[1, 2], [3]]}]}"
                    + "|layers[0].weights",
            "{\"inputs\": [\"x\", \"y\"], \"layers\": [{\"activation\": \"tanh\", \"weights\": [[1, 2]]},"
                    + " {\"activation\": \"tanh\", \"weights\": [[1, 2]]}]}|layer",
            "{\"inputs\": [\"x\"], \"layers\": [{\"activation\": \"nope\", \"weights\": [[1]]}]}|nope",
            "{\"inputs\": [\"x\"], \"layers\": [{\"activation\": \"tanh\", \"weights\": [[1]], \"bias\": [1, 2]}]}"
                    + "|bias",
            "{\"inputs\": [\"x\"], \"layers\": []}|layers",
            "{\"inputs\": [\"x\"], \"layers\": [{\"activation\": \"tanh\", \"weights\": [[\"a\"]]}]}|weights",
            "{\"layers\": [{\"activation\": \"tanh\", \"weights\": [[1]]}]}|inputs"})
    void aBadModelIsRefusedSayingWhere(String caseText) {
        String[] parts = caseText.split("\\|");
        assertThatThrownBy(() -> ModelJson.fromJson(parts[0], "bad-model.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("bad-model.json")
                .hasMessageContaining(parts[1]);
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 300).boxed();
    }

    /**
     * Random damage to valid files: truncation, byte flips, deleted or doubled characters, swapped numbers.
     * Whatever comes out, the parsers either read a valid file or throw a BadInputException with a message
     * naming the file; never any other exception.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void damagedFilesNeverEscapeAsAnythingButBadInput(int seed) {
        Random random = new Random(seed);
        String recipe = RecipeJson.toJson(RICH);
        String model = ModelJson.toJson(Recipe.builder().layers(2, 3).build().toModel(), "rgb");
        for (String valid : new String[] {recipe, model}) {
            String damaged = damage(valid, random);
            Throwable t = catchThrowable(() -> {
                if (valid == recipe) {
                    RecipeJson.fromJson(damaged, "fuzz.json").toModel();
                } else {
                    ModelJson.fromJson(damaged, "fuzz.json");
                }
            });
            if (t != null) {
                assertThat(t).as("input:%n%s", damaged).isInstanceOf(BadInputException.class);
                assertThat(t.getMessage()).contains("fuzz.json").doesNotContain("\n");
            }
        }
    }

    private static String damage(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && s.length() > 1; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0: s.setLength(at); break;
                case 1: s.setCharAt(at, (char) (32 + random.nextInt(95))); break;
                case 2: s.deleteCharAt(at); break;
                case 3: s.insert(at, s.charAt(at)); break;
                case 4: s.insert(at, new String[] {"NaN", "1e999", "-0", "null", "[]", "{}", "\"\"", "-7"}[random.nextInt(8)]); break;
                default: s.insert(at, String.valueOf(random.nextInt(100000) - 50000)); break;
            }
        }
        return s.toString();
    }
}
