package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.train.FitModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ONNX files in and out: PyTorch's exports (both exporters) paint as PyTorch did, and nnpaint's read back. */
class OnnxModelTest {

    @ParameterizedTest(name = "{0}.{1}.onnx")
    @CsvSource({
            "leaky-relu-0.3, torchscript", "leaky-relu-0.3, dynamo", "leaky-relu-0.3, matmul",
            "elu-2, torchscript", "elu-2, dynamo",
            "hardtanh-0.5, torchscript", "hardtanh-0.5, dynamo", "hardtanh-0.5, opset10",
            "softplus-3, torchscript", "softplus-3, dynamo",
            "mixed, torchscript", "mixed, dynamo"})
    void pyTorchExportsPaintLikePyTorch(String net, String form) throws IOException {
        ModelJson.ModelFile file = OnnxModel.read(TorchFixtures.file(net + "." + form + ".onnx"));
        assertThat(file.model().inputNames()).containsExactly("x", "y", "r");
        assertThat(file.color()).isEqualTo("rgb");
        TorchFixtures.assertPaintsLikePyTorch(file.model(), net, Kernels.scalar());
        TorchFixtures.assertPaintsLikePyTorch(file.model(), net, Kernels.fastest());
    }

    @Test
    void bothLinearFormsGiveTheSameModelAsTheJsonExport() {
        Model json = ModelJson.read(TorchFixtures.file("leaky-relu-0.3.json")).model();
        assertThat(OnnxModel.read(TorchFixtures.file("leaky-relu-0.3.torchscript.onnx")).model()).isEqualTo(json);
        assertThat(OnnxModel.read(TorchFixtures.file("leaky-relu-0.3.matmul.onnx")).model()).isEqualTo(json);
        assertThat(OnnxModel.read(TorchFixtures.file("softplus-3.dynamo.onnx")).model().layers().get(1)
                .activationName(0)).isEqualTo("softplus:3");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationRoundTrips(Activation activation) {
        Model model = Recipe.defaults().toBuilder().hidden(5, 4).build().toModel();
        Layer first = model.layers().get(0);
        Activation[] acts = new Activation[first.outputs()];
        java.util.Arrays.fill(acts, activation);
        double[][] params = null;
        if (activation.parameterCount() > 0) {
            params = new double[acts.length][];
            java.util.Arrays.fill(params, activation == Activation.HARD_TANH ? new double[] {-0.25, 2}
                    : new double[] {0.5});
        }
        Layer changed = new Layer(first.inputs(), first.outputs(), first.weights(), first.bias(), acts, params);
        List<Layer> layers = new java.util.ArrayList<>(model.layers());
        layers.set(0, changed);
        Model m = new Model(model.inputNames(), layers);
        ModelJson.ModelFile back = OnnxModel.fromBytes(OnnxModel.toBytes(m, "rgb"), "test.onnx");
        assertThat(back.model()).isEqualTo(m);
        assertThat(back.color()).isEqualTo("rgb");
    }

    @Test
    void aModelWithoutBiasAndOtherInputNamesRoundTrips(@TempDir Path dir) {
        Layer l = Layer.of(4, 1, new float[] {1, -2, 3.5f, 0.25f}, null, Activation.SIGMOID);
        Model m = new Model(List.of("x", "y", "z0", "bias"), List.of(l));
        Path file = dir.resolve("m.onnx");
        OnnxModel.write(file, m, null);
        ModelJson.ModelFile back = OnnxModel.read(file);
        assertThat(back.model()).isEqualTo(m);
        assertThat(back.color()).isEqualTo("gray");
    }

    @Test
    void aLayerMixingActivationsIsRefusedOnExport() {
        Layer mixed = new Layer(2, 2, new float[] {1, 0, 0, 1}, null,
                new Activation[] {Activation.TANH, Activation.SIN});
        Model m = new Model(List.of("x", "y"), List.of(mixed));
        assertThatThrownBy(() -> OnnxModel.toBytes(m, null)).isInstanceOf(BadInputException.class)
                .hasMessage("cannot write layer 0 as ONNX: its units mix activations (tanh, ...), and ONNX applies "
                        + "one operator to a whole layer; save it as .json instead");
    }

    @Test
    void aHashGridIsRefusedOnExportInOneLineAndNothingIsWritten(@TempDir Path dir) {
        Model m = FitModels.build(new Encoding.Hash(3, 2, 6, 4, 32), new int[] {8}, Activation.RELU, 0,
                Activation.SIGMOID, 3, 9);
        assertThat(OnnxModel.canWrite(m)).isFalse();
        String line = "cannot write the hash-grid encoding hash:3:2:6:4:32 as ONNX: its trainable tables and their "
                + "lookup have no ONNX form in nnpaint; save the model as .json instead";
        assertThatThrownBy(() -> OnnxModel.toBytes(m, "rgb")).isInstanceOf(BadInputException.class).hasMessage(line);
        Path file = dir.resolve("grid.onnx");
        assertThatThrownBy(() -> ModelFiles.write(file, m, "rgb")).isInstanceOf(BadInputException.class)
                .hasMessage(line);
        assertThat(file).doesNotExist();
    }

    @Test
    void aFixedEncodingIsExportedAsTheFrozenLayerOfSinesItIs() {
        for (Encoding encoding : List.of(new Encoding.Gaussian(5, 4, 3), new Encoding.Positional(2))) {
            Model m = FitModels.build(encoding, new int[] {6}, Activation.RELU, 0, Activation.SIGMOID, 3, 2);
            assertThat(OnnxModel.canWrite(m)).isTrue();
            Model back = OnnxModel.fromBytes(OnnxModel.toBytes(m, "rgb"), "m.onnx").model();
            // the same network, its first layer an ordinary (no longer frozen) sine layer
            assertThat(back).as(encoding.spec()).isEqualTo(new Model(m.inputNames(), m.layers()));
            assertThat(back.layers().get(0).activationName(0)).isEqualTo("sin");
        }
    }

    @Test
    void anUnknownOperatorIsRefusedByName() {
        // nnpaint's own file with its Tanh node renamed to Gelu (same length, so the protobuf stays valid)
        Model m = new Model(List.of("x", "y"), List.of(Layer.of(2, 1, new float[] {1, 2}, null, Activation.TANH)));
        byte[] bytes = OnnxModel.toBytes(m, null);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\u0004Tanh", "\u0004Gelu");
        byte[] gelu = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> OnnxModel.fromBytes(gelu, "m.onnx")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.onnx: ONNX operator 'Gelu' (node layer0.tanh) is not one nnpaint paints");
    }

    @Test
    void aFileThatIsNotOnnxSaysSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.onnx");
        Files.writeString(file, "{\"format\": \"nnpaint.model/1\"}");
        assertThatThrownBy(() -> OnnxModel.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a readable ONNX file");
    }
}
