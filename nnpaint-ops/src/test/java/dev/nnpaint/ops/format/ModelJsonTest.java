package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model file: written and read back bit for bit, in every shape a network can take. */
class ModelJsonTest {

    @TempDir
    Path dir;

    /** Floats whose shortest decimal form is long, tiny, huge, negative zero: all must come back identical. */
    private static float awkward(Random random, int i) {
        switch (i % 9) {
            case 0: return Float.MIN_VALUE;
            case 1: return -0.0f;
            case 2: return Float.MAX_VALUE;
            case 3: return -Float.MIN_NORMAL;
            case 4: return Math.nextUp(1.0f);
            case 5: return 1e-40f; // subnormal
            default: return Float.intBitsToFloat(random.nextInt()) % 1e6f; // any pattern, kept finite below
        }
    }

    private static Model randomModel(long seed, boolean mixedActivations) {
        Random random = new Random(seed);
        List<String> inputs = List.of("x", "y", "r", "z0", "z1", "bias");
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputs.size();
        int[] widths = {7, 1, 5, 3};
        for (int k = 0; k < widths.length; k++) {
            int out = widths[k];
            float[] w = new float[out * fanIn];
            for (int i = 0; i < w.length; i++) {
                float v = awkward(random, i + k);
                w[i] = Float.isFinite(v) ? v : random.nextFloat();
            }
            float[] b = null;
            if (k != 1) { // one layer without bias
                b = new float[out];
                for (int i = 0; i < out; i++) {
                    b[i] = (float) random.nextGaussian();
                }
            }
            Activation[] acts = new Activation[out];
            for (int i = 0; i < out; i++) {
                acts[i] = mixedActivations && k % 2 == 0 ? Activation.values()[random.nextInt(Activation.values().length)]
                        : Activation.values()[(k * 5) % Activation.values().length];
            }
            layers.add(new Layer(fanIn, out, w, b, acts));
            fanIn = out;
        }
        return new Model(inputs, layers);
    }

    @Test
    void writeThenReadGivesTheIdenticalModel() {
        for (long seed = 0; seed < 20; seed++) {
            Model model = randomModel(seed, seed % 2 == 0);
            ModelJson.ModelFile back = ModelJson.fromJson(ModelJson.toJson(model, "rgb"), "m.json");
            // Layer equality compares floats bit for bit (Arrays.equals on float[]), activations and bias presence.
            assertThat(back.model()).isEqualTo(model);
            assertThat(back.color()).isEqualTo("rgb");
        }
    }

    @Test
    void theFileOnDiskReadsBackIdentically() throws Exception {
        Model model = randomModel(42, true);
        Path file = dir.resolve("model.json");
        ModelJson.write(file, model, "hsv");
        ModelJson.ModelFile back = ModelJson.read(file);
        assertThat(back.model()).isEqualTo(model);
        assertThat(back.color()).isEqualTo("hsv");
        String text = Files.readString(file);
        assertThat(text).startsWith("{\n  \"format\": \"nnpaint.model/1\",\n  \"inputs\": [\"x\", \"y\", \"r\", \"z0\", \"z1\", \"bias\"]");
        // one row of weights per line: 7 + 1 + 5 + 3 rows, plus 3 bias lines
        assertThat(text.lines().filter(l -> l.trim().startsWith("[") && !l.contains("\"")).count()).isEqualTo(16);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aRecipesNetworkRoundTripsWithItsPerNeuronMix() {
        Recipe recipe = Recipe.builder().seed(9).hidden(6, 4)
                .activations(List.of(ActivationSpec.parse("mix:tanh,sin,gaussian"), ActivationSpec.parse("relu")))
                .inputs(List.of("x", "y", "r", "z")).latent(2, null).build();
        Model model = recipe.toModel();
        String json = ModelJson.toJson(model, recipe.color().toString());
        assertThat(json).contains("\"activation\": [\"").contains("\"activation\": \"relu\"");
        assertThat(ModelJson.fromJson(json, "m.json").model()).isEqualTo(model);
    }

    @Test
    void biasIsOptionalAndAnExplicitNullMeansNone() {
        Model m = ModelJson.fromJson("{\"inputs\": [\"x\"], \"layers\": [{\"activation\": \"tanh\", "
                + "\"weights\": [[2.5], [-1]], \"bias\": null}, {\"activation\": \"sigmoid\", "
                + "\"weights\": [[1, 2]]}]}", "nobias.json").model();
        assertThat(m.layers().get(0).bias()).isNull();
        assertThat(m.layers().get(1).bias()).isNull();
        assertThat(m.layers().get(0).weights()).containsExactly(2.5f, -1f);
        assertThat(ModelJson.toJson(m, null)).doesNotContain("bias").doesNotContain("color");
    }

    @Test
    void aHandWrittenExportReadsAsWritten() {
        // What a few lines of Python write from torch's Linear layers: integers, exponents, one name per unit.
        String json = "{\"format\": \"nnpaint.model/1\", \"inputs\": [\"x\", \"y\"], \"layers\": [\n"
                + "{\"activation\": [\"tanh\", \"sin\", \"gaussian\"], \"weights\": [[1, -2], [3E-2, 4.5e+1], [0, -0.0]],"
                + " \"bias\": [0.125, -1, 2]},\n"
                + "{\"activation\": \"sigmoid\", \"weights\": [[1, 1, 1]]}]}";
        ModelJson.ModelFile file = ModelJson.fromJson(json, "torch.json");
        Layer first = file.model().layers().get(0);
        assertThat(first.weights()).containsExactly(1f, -2f, 0.03f, 45f, 0f, -0.0f);
        assertThat(Float.floatToRawIntBits(first.weights()[5])).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(first.activations()).containsExactly(Activation.TANH, Activation.SIN, Activation.GAUSSIAN);
        assertThat(first.bias()).containsExactly(0.125f, -1f, 2f);
        assertThat(file.color()).as("one output defaults to gray").isEqualTo("gray");
    }

    @Test
    void theColourDefaultsFromTheOutputCountAndMustMatchIt() {
        String three = "{\"inputs\": [\"x\"], \"layers\": [{\"activation\": \"tanh\", \"weights\": [[1], [2], [3]]}]";
        assertThat(ModelJson.fromJson(three + "}", "m.json").color()).isEqualTo("rgb");
        assertThat(ModelJson.fromJson(three + ", \"color\": \"hsl\"}", "m.json").color()).isEqualTo("hsl");
        assertThatThrownBy(() -> ModelJson.fromJson(three + ", \"color\": \"palette:magma\"}", "m.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("m.json: color: 'palette:magma' needs 1 output but the last layer has 3");
    }

    @Test
    void aModelThatCannotBeWrittenAsJsonIsRefusedBeforeAnyFileAppears() {
        Layer broken = new Layer(1, 1, new float[] {Float.NaN}, null, new Activation[] {Activation.TANH});
        Model model = new Model(List.of("x"), List.of(broken));
        Path file = dir.resolve("nan.json");
        assertThatThrownBy(() -> ModelJson.write(file, model, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("layers[0].weights").hasMessageContaining("NaN");
        assertThat(file).doesNotExist();
    }

    @Test
    void aMissingOrFolderModelFileIsNamed() {
        assertThatThrownBy(() -> ModelJson.read(dir.resolve("gone.json"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gone.json").hasMessageContaining("cannot read");
        assertThatThrownBy(() -> ModelJson.read(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("it is a folder");
    }
}
