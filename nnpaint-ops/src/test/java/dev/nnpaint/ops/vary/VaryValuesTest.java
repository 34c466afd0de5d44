package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every sweepable recipe field: its names, the values it parses, and what it sets on a recipe. */
class VaryValuesTest {

    private static List<String> labels(Field<?> f, String text) {
        return VaryValues.parse(f, text).stream().map(FieldValue::label).toList();
    }

    /** The recipe from the defaults with value {@code i} of {@code field=text} applied. */
    private static Recipe applied(Field<?> f, String text, int i) {
        return f.vary(Recipe.builder(), VaryValues.parse(f, text).get(i)).build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "depth, LAYERS", "layers, LAYERS", "Layers, LAYERS", "neurons, NEURONS", "width, NEURONS",
            "hidden, HIDDEN", "activation, ACTIVATION", "activations, ACTIVATIONS",
            "output-activation, OUTPUT_ACTIVATION", "output_activation, OUTPUT_ACTIVATION", "output, OUTPUT_ACTIVATION",
            "weights, WEIGHTS", "biases, BIASES", "gain, GAIN", "extent, EXTENT", "zoom, ZOOM", "center, CENTER",
            "centre, CENTER", "rotate, ROTATE", "rotation, ROTATE", "seed, SEED", "z, Z", "z-dim, Z_DIM",
            "inputs, INPUTS", "color, COLOR", "colour, COLOR", "' gain ', GAIN",
    })
    void parsesFieldNamesAndAliases(String name, String expected) throws Exception {
        assertThat(RecipeFields.varied(name)).isSameAs(RecipeFields.class.getField(expected).get(null));
    }

    @Test
    void unknownFieldListsTheKnownOnes() {
        assertThatThrownBy(() -> RecipeFields.varied("temperature")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("unknown recipe field 'temperature'; valid: seed, inputs, z-dim, z, hidden, "
                        + "depth (or layers), neurons (or width), activation, ")
                .hasMessageContaining("weights, biases, gain, extent, zoom")
                .hasMessageContaining("center (or centre), rotate (or rotation), antialias, tile, color (or colour)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Every field: a typical sweep, its labels, and the recipe field that value 1 sets. */
    @Test
    void depthTakesThePrefixOfTheRecipesLayers() {
        assertThat(labels(RecipeFields.LAYERS, "1..10")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(applied(RecipeFields.LAYERS, "0,3,10", 0).hidden()).isEmpty();
        assertThat(applied(RecipeFields.LAYERS, "0,3,10", 1).hidden()).containsExactly(16, 16, 16);
        assertThat(applied(RecipeFields.LAYERS, "0,3,10", 2).hidden()).hasSize(10).containsOnly(16);
        Recipe.Builder tapering = Recipe.builder().hidden(64, 32, 8);
        RecipeFields.LAYERS.vary(tapering, VaryValues.parse(RecipeFields.LAYERS, "2").get(0));
        assertThat(tapering.build().hidden()).containsExactly(64, 32);
        RecipeFields.LAYERS.vary(tapering, VaryValues.parse(RecipeFields.LAYERS, "5").get(0));
        assertThat(tapering.build().hidden()).containsExactly(64, 32, 32, 32, 32);
    }

    @Test
    void wholeFieldsRoundGeometricAndLinearRangesButRefuseFractions() {
        assertThat(labels(RecipeFields.NEURONS, "geom:10..400:6")).containsExactly("10", "21", "44", "91", "191", "400");
        assertThat(labels(RecipeFields.LAYERS, "geom:1..4:8")).containsExactly("1", "2", "3", "4");
        assertThat(labels(RecipeFields.LAYERS, "lin:0..9:4")).containsExactly("0", "3", "6", "9");
        assertThat(labels(RecipeFields.SEED, "1..3,100")).containsExactly("1", "2", "3", "100");
        assertThatThrownBy(() -> VaryValues.parse(RecipeFields.SEED, "1,2.5")).isInstanceOf(BadInputException.class)
                .hasMessage("seed takes whole numbers, got 2.5");
        assertThatThrownBy(() -> VaryValues.parse(RecipeFields.LAYERS, "0..1:0.5")).isInstanceOf(BadInputException.class)
                .hasMessage("depth takes whole numbers, got 0.5");
    }

    @Test
    void neuronsKeepTheDepth() {
        Recipe r = applied(RecipeFields.NEURONS, "8,32", 1);
        assertThat(r.hidden()).hasSize(8).containsOnly(32);
    }

    @Test
    void hiddenListsAreSeparatedBySemicolons() {
        assertThat(labels(RecipeFields.HIDDEN, "16,16;128,64,32")).containsExactly("16,16", "128,64,32");
        assertThat(applied(RecipeFields.HIDDEN, "16,16;128,64,32", 1).hidden()).containsExactly(128, 64, 32);
    }

    @Test
    void activationsAndColoursAreWordsAndAMixKeepsItsCommasBetweenSemicolons() {
        assertThat(labels(RecipeFields.ACTIVATION, "tanh,relu,mix:sin+gaussian"))
                .containsExactly("tanh", "relu", "mix:sin+gaussian");
        assertThat(applied(RecipeFields.ACTIVATION, "tanh,relu,mix:sin+gaussian", 2).activations())
                .containsExactly(new ActivationSpec(List.of(Activation.SIN, Activation.GAUSSIAN)));
        assertThat(labels(RecipeFields.ACTIVATION, "tanh;mix:tanh,sin")).containsExactly("tanh", "mix:tanh,sin");
        assertThat(applied(RecipeFields.ACTIVATION, "tanh;mix:tanh,sin", 1).activations())
                .containsExactly(new ActivationSpec(List.of(Activation.TANH, Activation.SIN)));
        assertThat(applied(RecipeFields.ACTIVATIONS, "tanh,relu;sin", 0).activations())
                .containsExactly(ActivationSpec.of(Activation.TANH), ActivationSpec.of(Activation.RELU));
        assertThat(applied(RecipeFields.OUTPUT_ACTIVATION, "sigmoid,sin", 1).outputActivation()).isEqualTo(Activation.SIN);
        assertThat(applied(RecipeFields.COLOR, "rgb,hsv,palette:viridis", 2).color()).hasToString("palette:viridis");
    }

    @Test
    void colourStopsStayInsideTheirPaletteWhenValuesAreSeparatedByCommas() {
        assertThat(labels(RecipeFields.COLOR, "rgb,palette:#000000,#FF8800,palette:magma,palette:#0b0b3b, #ffffff"))
                .containsExactly("rgb", "palette:#000000,#FF8800", "palette:magma", "palette:#0b0b3b,#ffffff");
        assertThat(applied(RecipeFields.COLOR, "rgb,palette:#000000,#FF8800", 1).color())
                .hasToString("palette:#000000,#ff8800");
        assertThat(applied(RecipeFields.COLOR, "palette:#000000,#ff8800,#ffffff", 0).color())
                .hasToString("palette:#000000,#ff8800,#ffffff");
        // semicolons still separate values on their own
        assertThat(labels(RecipeFields.COLOR, "palette:#000000,#ff8800;hsv"))
                .containsExactly("palette:#000000,#ff8800", "hsv");
    }

    @Test
    void initialisationsTakeRangesAndContinueTheirKind() {
        assertThat(labels(RecipeFields.WEIGHTS, "uniform:geom:0.5..1.0:3"))
                .containsExactly("uniform:0.5", "uniform:0.7071", "uniform:1");
        assertThat(labels(RecipeFields.WEIGHTS, "uniform:0.5,1,2,normal:1,he-normal"))
                .containsExactly("uniform:0.5", "uniform:1", "uniform:2", "normal:1", "he-normal");
        assertThat(labels(RecipeFields.BIASES, "normal:0..1:0.5")).containsExactly("normal:0", "normal:0.5", "normal:1");
        assertThat(applied(RecipeFields.WEIGHTS, "uniform:0.5..1:0.25", 1).weights()).isEqualTo(Init.uniform(0.75));
        assertThat(applied(RecipeFields.BIASES, "zero,const:0.1", 1).biases()).isEqualTo(new Init(Init.Kind.CONST, 0.1));
    }

    @Test
    void numbersSetTheViewAndTheGain() {
        assertThat(applied(RecipeFields.GAIN, "0.5,2", 1).gain()).isEqualTo(2);
        assertThat(applied(RecipeFields.EXTENT, "1..40:13", 3).extent()).isEqualTo(40);
        assertThat(applied(RecipeFields.ZOOM, "geom:1..100:3", 1).extent()).isEqualTo(0.1);
        assertThat(applied(RecipeFields.ROTATE, "0..90:45", 2).rotateDegrees()).isEqualTo(90);
        assertThat(applied(RecipeFields.SEED, "7..9", 2).seed()).isEqualTo(9);
    }

    @Test
    void vectorsAreSeparatedBySemicolonsOrInterpolated() {
        assertThat(labels(RecipeFields.CENTER, "0,0;0.5,-1")).containsExactly("0,0", "0.5,-1");
        assertThat(labels(RecipeFields.CENTER, "lin:0,0..1,2:3")).containsExactly("0,0", "0.5,1", "1,2");
        Recipe r = applied(RecipeFields.CENTER, "0,0;0.5,-1", 1);
        assertThat(new double[] {r.centerX(), r.centerY()}).containsExactly(0.5, -1);
        Recipe z = applied(RecipeFields.Z, "-1,0;1,0.5", 1);
        assertThat(z.z()).containsExactly(1, 0.5);
        assertThat(z.inputs()).containsExactly("x", "y", "r", "z");
        assertThat(labels(RecipeFields.Z, "-1..1:0.5")).containsExactly("-1", "-0.5", "0", "0.5", "1");
        assertThat(applied(RecipeFields.Z_DIM, "1..3", 2).zDim()).isEqualTo(3);
    }

    @Test
    void inputListsAreSeparatedBySemicolons() {
        assertThat(labels(RecipeFields.INPUTS, "x,y; x,y,r ;r")).containsExactly("x,y", "x,y,r", "r");
        assertThat(applied(RecipeFields.INPUTS, "x,y;r", 1).inputFeatures()).containsExactly("r");
        Recipe.Builder withZ = Recipe.builder().latent(2, null);
        RecipeFields.INPUTS.vary(withZ, VaryValues.parse(RecipeFields.INPUTS, "x,y").get(0));
        assertThat(withZ.build().zDim()).isZero();
    }

    static List<Field<?>> varyable() {
        return RecipeFields.varyable();
    }

    /** Every field parses a value that, applied to the defaults, builds a valid recipe. */
    @ParameterizedTest
    @MethodSource("varyable")
    void everyFieldAppliesATypicalValue(Field<?> f) {
        String text = switch (f.grid()) {
            case WHOLE -> "1..3";
            case NUMBER -> "0.5,2";
            case VECTOR -> f == RecipeFields.CENTER ? "0,0;1,1" : "0.5,0.5;1,1";
            case WHOLE_VECTOR -> "4,4;8";
            case WORD -> f == RecipeFields.COLOR ? "gray,hsv" : f == RecipeFields.ANTIALIAS ? "1,auto"
                    : f == RecipeFields.TILE ? "false,true" : "sin,relu";
            case WORD_LIST -> f == RecipeFields.INPUTS ? "x,y;y,bias" : "tanh,sin;relu";
            case INIT -> "uniform:1,normal:2";
        };
        List<FieldValue> values = VaryValues.parse(f, text);
        assertThat(values).hasSizeGreaterThanOrEqualTo(2);
        Recipe first = f.vary(Recipe.builder(), values.get(0)).build();
        Recipe last = f.vary(Recipe.builder(), values.get(values.size() - 1)).build();
        assertThat(first).as("distinct values make distinct recipes").isNotEqualTo(last);
    }

    @ParameterizedTest(name = "{0}=[{1}]")
    @CsvSource(delimiter = '|', value = {
            "depth      | -1..2          | depth must not be negative, got -1",
            "depth      | 1..x           | depth: 'x' is not a number",
            "depth      | 5..1:1         | depth: '5..1:1' is an empty range",
            "neurons    | 0,4            | neurons must be at least 1, got 0",
            "z-dim      | 0              | z-dim must be at least 1, got 0",
            "hidden     | 16,0           | hidden must be at least 1, got 0",
            "hidden     | 16,1.5         | hidden takes whole numbers, got 1.5",
            "hidden     | 16;;8          | hidden: empty value in '16;;8'",
            "activation | tanh,swish     | unknown activation 'swish'",
            "activations| tanh,nope      | unknown activation 'nope'",
            "output     | relu2          | unknown activation 'relu2'",
            "weights    | gaussian:1     | unknown initialisation 'gaussian:1'",
            "weights    | 0.5            | weights: '0.5' needs an initialisation, as in uniform:0.5",
            "weights    | uniform:-1..1  | uniform scale must not be negative, got -1",
            "weights    | he-normal:1..2 | 'he-normal' takes no number",
            "biases     | normal:1..x    | biases: 'x' is not a number",
            "gain       | 1..10:0        | gain: the step of '1..10:0' must not be 0",
            "extent     | 0,1            | extent must be positive, got 0",
            "zoom       | -2             | zoom must be positive, got -2",
            "center     | 0,0,0          | center takes two numbers X,Y per value, got 0,0,0",
            "center     | 0,0..1,1       | a range of vectors needs a count",
            "center     | lin:0,0..1:3   | the ends of 'lin:0,0..1:3' have different lengths",
            "z          | a,b            | z: 'a' is not a number",
            "seed       | 1.5            | seed takes whole numbers, got 1.5",
            "inputs     | x,w            | inputs: unknown input 'w'",
            "color      | purple         | unknown colour mode 'purple'",
            "color      | palette:nope   | nope",
            "color      | '#000000,#ff8800' | colour stops belong to a palette, as in palette:#000000,#ffffff",
            "color      | palette:#000000 | a palette of colour stops needs 2 to 64 colours",
            "rotate     | ''             | rotate: no values given",
    })
    void refusesBadValuesWithOneLine(String field, String text, String message) {
        Field<?> f = RecipeFields.varied(field);
        assertThatThrownBy(() -> VaryValues.parse(f, text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void continuousFieldsAreTheAnimatableOnes() {
        assertThat(RecipeFields.varyable().stream().filter(f -> f.animate() != null))
                .containsExactlyInAnyOrder(RecipeFields.GAIN, RecipeFields.EXTENT, RecipeFields.ZOOM, RecipeFields.ROTATE,
                        RecipeFields.CENTER, RecipeFields.Z, RecipeFields.WEIGHTS, RecipeFields.BIASES);
    }
}
