package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every sweepable recipe field: its names, the values it parses, and what it sets on a recipe. */
class RecipeFieldTest {

    private static List<String> labels(RecipeField f, String text) {
        return f.parseValues(text).stream().map(FieldValue::label).toList();
    }

    /** The recipe from the defaults with value {@code i} of {@code field=text} applied. */
    private static Recipe applied(RecipeField f, String text, int i) {
        return f.apply(Recipe.builder(), f.parseValues(text).get(i)).build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "depth, DEPTH", "layers, DEPTH", "Layers, DEPTH", "neurons, NEURONS", "width, NEURONS",
            "hidden, HIDDEN", "activation, ACTIVATION", "activations, ACTIVATIONS",
            "output-activation, OUTPUT_ACTIVATION", "output_activation, OUTPUT_ACTIVATION", "output, OUTPUT_ACTIVATION",
            "weights, WEIGHTS", "biases, BIASES", "gain, GAIN", "extent, EXTENT", "zoom, ZOOM", "center, CENTER",
            "centre, CENTER", "rotate, ROTATE", "rotation, ROTATE", "seed, SEED", "z, Z", "z-dim, Z_DIM",
            "inputs, INPUTS", "color, COLOR", "colour, COLOR", "' gain ', GAIN",
    })
    void parsesFieldNamesAndAliases(String name, RecipeField expected) {
        assertThat(RecipeField.parse(name)).isEqualTo(expected);
    }

    @Test
    void unknownFieldListsTheKnownOnes() {
        assertThatThrownBy(() -> RecipeField.parse("temperature")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("unknown recipe field 'temperature'; valid: depth (or layers), neurons (or width)")
                .hasMessageContaining("activation, ").hasMessageContaining("weights, biases, gain, extent, zoom")
                .hasMessageContaining("seed, z, z-dim, inputs, color (or colour)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Every field: a typical sweep, its labels, and the recipe field that value 1 sets. */
    @Test
    void depthTakesThePrefixOfTheRecipesLayers() {
        assertThat(labels(RecipeField.DEPTH, "1..10")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(applied(RecipeField.DEPTH, "0,3,10", 0).hidden()).isEmpty();
        assertThat(applied(RecipeField.DEPTH, "0,3,10", 1).hidden()).containsExactly(16, 16, 16);
        assertThat(applied(RecipeField.DEPTH, "0,3,10", 2).hidden()).hasSize(10).containsOnly(16);
        Recipe.Builder tapering = Recipe.builder().hidden(64, 32, 8);
        RecipeField.DEPTH.apply(tapering, RecipeField.DEPTH.parseValues("2").get(0));
        assertThat(tapering.build().hidden()).containsExactly(64, 32);
        RecipeField.DEPTH.apply(tapering, RecipeField.DEPTH.parseValues("5").get(0));
        assertThat(tapering.build().hidden()).containsExactly(64, 32, 32, 32, 32);
    }

    @Test
    void wholeFieldsRoundGeometricAndLinearRangesButRefuseFractions() {
        assertThat(labels(RecipeField.NEURONS, "geom:10..400:6")).containsExactly("10", "21", "44", "91", "191", "400");
        assertThat(labels(RecipeField.DEPTH, "geom:1..4:8")).containsExactly("1", "2", "3", "4");
        assertThat(labels(RecipeField.DEPTH, "lin:0..9:4")).containsExactly("0", "3", "6", "9");
        assertThat(labels(RecipeField.SEED, "1..3,100")).containsExactly("1", "2", "3", "100");
        assertThatThrownBy(() -> RecipeField.SEED.parseValues("1,2.5")).isInstanceOf(BadInputException.class)
                .hasMessage("seed takes whole numbers, got 2.5");
        assertThatThrownBy(() -> RecipeField.DEPTH.parseValues("0..1:0.5")).isInstanceOf(BadInputException.class)
                .hasMessage("depth takes whole numbers, got 0.5");
    }

    @Test
    void neuronsKeepTheDepth() {
        Recipe r = applied(RecipeField.NEURONS, "8,32", 1);
        assertThat(r.hidden()).hasSize(8).containsOnly(32);
    }

    @Test
    void hiddenListsAreSeparatedBySemicolons() {
        assertThat(labels(RecipeField.HIDDEN, "16,16;128,64,32")).containsExactly("16,16", "128,64,32");
        assertThat(applied(RecipeField.HIDDEN, "16,16;128,64,32", 1).hidden()).containsExactly(128, 64, 32);
    }

    @Test
    void activationsAndColoursAreWordsAndAMixKeepsItsCommasBetweenSemicolons() {
        assertThat(labels(RecipeField.ACTIVATION, "tanh,relu,mix:sin+gaussian"))
                .containsExactly("tanh", "relu", "mix:sin+gaussian");
        assertThat(applied(RecipeField.ACTIVATION, "tanh,relu,mix:sin+gaussian", 2).activations())
                .containsExactly(new ActivationSpec(List.of(Activation.SIN, Activation.GAUSSIAN)));
        assertThat(labels(RecipeField.ACTIVATION, "tanh;mix:tanh,sin")).containsExactly("tanh", "mix:tanh,sin");
        assertThat(applied(RecipeField.ACTIVATION, "tanh;mix:tanh,sin", 1).activations())
                .containsExactly(new ActivationSpec(List.of(Activation.TANH, Activation.SIN)));
        assertThat(applied(RecipeField.ACTIVATIONS, "tanh,relu;sin", 0).activations())
                .containsExactly(ActivationSpec.of(Activation.TANH), ActivationSpec.of(Activation.RELU));
        assertThat(applied(RecipeField.OUTPUT_ACTIVATION, "sigmoid,sin", 1).outputActivation()).isEqualTo(Activation.SIN);
        assertThat(applied(RecipeField.COLOR, "rgb,hsv,palette:viridis", 2).color()).isEqualTo("palette:viridis");
    }

    @Test
    void initialisationsTakeRangesAndContinueTheirKind() {
        assertThat(labels(RecipeField.WEIGHTS, "uniform:geom:0.5..1.0:3"))
                .containsExactly("uniform:0.5", "uniform:0.7071", "uniform:1");
        assertThat(labels(RecipeField.WEIGHTS, "uniform:0.5,1,2,normal:1,he-normal"))
                .containsExactly("uniform:0.5", "uniform:1", "uniform:2", "normal:1", "he-normal");
        assertThat(labels(RecipeField.BIASES, "normal:0..1:0.5")).containsExactly("normal:0", "normal:0.5", "normal:1");
        assertThat(applied(RecipeField.WEIGHTS, "uniform:0.5..1:0.25", 1).weights()).isEqualTo(Init.uniform(0.75));
        assertThat(applied(RecipeField.BIASES, "zero,const:0.1", 1).biases()).isEqualTo(new Init(Init.Kind.CONST, 0.1));
    }

    @Test
    void numbersSetTheViewAndTheGain() {
        assertThat(applied(RecipeField.GAIN, "0.5,2", 1).gain()).isEqualTo(2);
        assertThat(applied(RecipeField.EXTENT, "1..40:13", 3).extent()).isEqualTo(40);
        assertThat(applied(RecipeField.ZOOM, "geom:1..100:3", 1).extent()).isEqualTo(0.1);
        assertThat(applied(RecipeField.ROTATE, "0..90:45", 2).rotateDegrees()).isEqualTo(90);
        assertThat(applied(RecipeField.SEED, "7..9", 2).seed()).isEqualTo(9);
    }

    @Test
    void vectorsAreSeparatedBySemicolonsOrInterpolated() {
        assertThat(labels(RecipeField.CENTER, "0,0;0.5,-1")).containsExactly("0,0", "0.5,-1");
        assertThat(labels(RecipeField.CENTER, "lin:0,0..1,2:3")).containsExactly("0,0", "0.5,1", "1,2");
        Recipe r = applied(RecipeField.CENTER, "0,0;0.5,-1", 1);
        assertThat(new double[] {r.centerX(), r.centerY()}).containsExactly(0.5, -1);
        Recipe z = applied(RecipeField.Z, "-1,0;1,0.5", 1);
        assertThat(z.z()).containsExactly(1, 0.5);
        assertThat(z.inputs()).containsExactly("x", "y", "r", "z");
        assertThat(labels(RecipeField.Z, "-1..1:0.5")).containsExactly("-1", "-0.5", "0", "0.5", "1");
        assertThat(applied(RecipeField.Z_DIM, "1..3", 2).zDim()).isEqualTo(3);
    }

    @Test
    void inputListsAreSeparatedBySemicolons() {
        assertThat(labels(RecipeField.INPUTS, "x,y; x,y,r ;r")).containsExactly("x,y", "x,y,r", "r");
        assertThat(applied(RecipeField.INPUTS, "x,y;r", 1).inputFeatures()).containsExactly("r");
        Recipe.Builder withZ = Recipe.builder().latent(2, null);
        RecipeField.INPUTS.apply(withZ, RecipeField.INPUTS.parseValues("x,y").get(0));
        assertThat(withZ.build().zDim()).isZero();
    }

    /** Every field parses a value that, applied to the defaults, builds a valid recipe. */
    @ParameterizedTest
    @EnumSource(RecipeField.class)
    void everyFieldAppliesATypicalValue(RecipeField f) {
        String text = switch (f.kind()) {
            case WHOLE -> "1..3";
            case NUMBER -> "0.5,2";
            case VECTOR -> f == RecipeField.CENTER ? "0,0;1,1" : "0.5,0.5;1,1";
            case WHOLE_VECTOR -> "4,4;8";
            case WORD -> f == RecipeField.COLOR ? "gray,hsv" : "sin,relu";
            case WORD_LIST -> f == RecipeField.INPUTS ? "x,y;y,bias" : "tanh,sin;relu";
            case INIT -> "uniform:1,normal:2";
        };
        List<FieldValue> values = f.parseValues(text);
        assertThat(values).hasSizeGreaterThanOrEqualTo(2);
        Recipe first = f.apply(Recipe.builder(), values.get(0)).build();
        Recipe last = f.apply(Recipe.builder(), values.get(values.size() - 1)).build();
        assertThat(first).as("distinct values make distinct recipes").isNotEqualTo(last);
    }

    @ParameterizedTest(name = "{0}=[{1}]")
    @CsvSource(delimiter = '|', value = {
            "depth      | -1..2          | depth must not be negative, got -1",
            "depth      | 1..x           | depth: 'x' is not a number",
            "depth      | 5..1:1         | depth: '5..1:1' is an empty range",
            "neurons    | 0,4            | neurons must be at least 1, got 0",
            "z-dim      | 0              | z-dim must be at least 1, got 0",
            "hidden     | 16,0           | hidden sizes must be positive, got 16,0",
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
            "rotate     | ''             | rotate: no values given",
    })
    void refusesBadValuesWithOneLine(String field, String text, String message) {
        RecipeField f = RecipeField.parse(field);
        assertThatThrownBy(() -> f.parseValues(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void continuousFieldsAreTheAnimatableOnes() {
        assertThat(Arrays.stream(RecipeField.values()).filter(RecipeField::continuous))
                .containsExactlyInAnyOrder(RecipeField.GAIN, RecipeField.EXTENT, RecipeField.ZOOM, RecipeField.ROTATE,
                        RecipeField.CENTER, RecipeField.Z, RecipeField.WEIGHTS, RecipeField.BIASES);
    }
}
