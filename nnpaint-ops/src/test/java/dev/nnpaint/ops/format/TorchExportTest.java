package dev.nnpaint.ops.format;

import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/torch_export.py carries activation parameters: each of the modules it used to export with the
 * default parameters paints within one level of PyTorch on every pixel, with both kernels.
 */
class TorchExportTest {

    @ParameterizedTest
    @CsvSource({"leaky-relu-0.3, leaky-relu:0.3", "elu-2, elu:2", "hardtanh-0.5, hard-tanh:-0.5:0.5",
            "softplus-3, softplus:3"})
    void exportedParametersPaintLikePyTorch(String net, String activation) throws IOException {
        ModelJson.ModelFile file = ModelJson.read(TorchFixtures.file(net + ".json"));
        Layer hidden = file.model().layers().get(0);
        assertThat(hidden.activationName(0)).isEqualTo(activation);
        TorchFixtures.assertPaintsLikePyTorch(file.model(), net, Kernels.scalar());
        TorchFixtures.assertPaintsLikePyTorch(file.model(), net, Kernels.fastest());
    }

    @ParameterizedTest
    @CsvSource({"leaky-relu-0.3", "elu-2", "hardtanh-0.5", "softplus-3"})
    void theSameNetworkWithDefaultParametersPaintsSomethingElse(String net) throws IOException {
        // the check above has teeth: dropping the parameters (what the example used to do) moves many pixels
        ModelJson.ModelFile file = ModelJson.read(TorchFixtures.file(net + ".json"));
        java.util.List<Layer> plain = file.model().layers().stream()
                .map(l -> new Layer(l.inputs(), l.outputs(), l.weights(), l.bias(), l.activations())).toList();
        dev.nnpaint.net.Model defaults = new dev.nnpaint.net.Model(file.model().inputNames(), plain);
        assertThat(defaults.layers().get(0).activations()[0]).isNotEqualTo(Activation.IDENTITY);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TorchFixtures.assertPaintsLikePyTorch(defaults, net, Kernels.scalar()))
                .isInstanceOf(AssertionError.class);
    }
}
