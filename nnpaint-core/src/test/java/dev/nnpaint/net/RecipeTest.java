package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipeTest {

    private static final Recipe BASE = Recipe.builder().seed(9).layers(3, 8).build();

    @Test
    void addingLayersKeepsEveryExistingWeightAndTheReadout() {
        Model shallow = BASE.toModel();
        Model deep = BASE.toBuilder().layers(6, 8).build().toModel();
        for (int k = 0; k < 3; k++) {
            assertThat(deep.layers().get(k)).isEqualTo(shallow.layers().get(k));
        }
        assertThat(deep.layers().get(6)).isEqualTo(shallow.layers().get(3));
    }

    @Test
    void wideningKeepsTheExistingRowsAndColumns() {
        Model narrow = BASE.toModel();
        Model wide = BASE.toBuilder().layers(3, 12).build().toModel();
        Layer n = narrow.layers().get(1);
        Layer w = wide.layers().get(1);
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++) {
                assertThat(w.weight(row, col)).isEqualTo(n.weight(row, col));
            }
            assertThat(w.biasOf(row)).isEqualTo(n.biasOf(row));
        }
    }

    @Test
    void changingTheScaleMultipliesTheSameDraws() {
        Layer one = BASE.toBuilder().weights(Init.normal(1)).build().toModel().layers().get(2);
        Layer half = BASE.toBuilder().weights(Init.normal(0.5)).build().toModel().layers().get(2);
        Layer gained = BASE.toBuilder().weights(Init.normal(1)).gain(0.5).build().toModel().layers().get(2);
        for (int i = 0; i < one.weights().length; i++) {
            assertThat(half.weights()[i]).isEqualTo(one.weights()[i] * 0.5f);
            assertThat(gained.weights()[i]).isEqualTo(half.weights()[i]);
        }
    }

    @Test
    void theSeedChangesTheWeights() {
        Layer a = BASE.toModel().layers().get(0);
        Layer b = BASE.toBuilder().seed(10).build().toModel().layers().get(0);
        assertThat(a.weights()).isNotEqualTo(b.weights());
    }

    @Test
    void mixedActivationsAreDrawnPerUnitAndRepeatable() {
        Recipe r = BASE.toBuilder().layers(4, 64)
                .activations(List.of(ActivationSpec.parse("mix:tanh,sin,gaussian"))).build();
        Layer layer = r.toModel().layers().get(1);
        assertThat(layer.uniformActivation()).isNull();
        assertThat(List.of(layer.activations())).contains(Activation.TANH, Activation.SIN, Activation.GAUSSIAN)
                .doesNotContain(Activation.RELU);
        assertThat(r.toModel().layers().get(1)).isEqualTo(layer);
    }

    @Test
    void perLayerActivationsRepeatWhenTheNetworkIsDeeper() {
        Recipe r = BASE.toBuilder().layers(5, 4).activations(List.of(ActivationSpec.parse("relu"),
                ActivationSpec.parse("sin"))).build();
        Model m = r.toModel();
        assertThat(m.layers()).extracting(Layer::uniformActivation).containsExactly(Activation.RELU,
                Activation.SIN, Activation.RELU, Activation.SIN, Activation.RELU, Activation.SIGMOID);
    }

    @Test
    void latentInputsExpandAndComeFromTheSeedUnlessGiven() {
        Recipe r = BASE.toBuilder().latent(3, null).build();
        assertThat(r.inputs()).containsExactly("x", "y", "r", "z");
        assertThat(r.inputFeatures()).containsExactly("x", "y", "r", "z0", "z1", "z2");
        assertThat(r.latent()).hasSize(3).isEqualTo(r.latent());
        Recipe given = BASE.toBuilder().latent(0, new double[] {0.5, -1}).build();
        assertThat(given.latent()).containsExactly(0.5, -1);
        assertThat(given.toModel().inputCount()).isEqualTo(5);
    }

    @Test
    void outputsFollowTheColourMode() {
        assertThat(BASE.toModel().outputCount()).isEqualTo(3);
        assertThat(BASE.toBuilder().color("palette:magma").build().toModel().outputCount()).isEqualTo(1);
        assertThat(BASE.toBuilder().color("gray").build().toModel().outputCount()).isEqualTo(1);
    }

    @Test
    void zeroHiddenLayersIsALinearReadout() {
        Model m = BASE.toBuilder().hidden().build().toModel();
        assertThat(m.layers()).hasSize(1);
        assertThat(m.layers().get(0).inputs()).isEqualTo(3);
    }

    @Test
    void invalidRecipesAreRefused() {
        assertThatThrownBy(() -> BASE.toBuilder().size(0, 10).build()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("size must be positive");
        assertThatThrownBy(() -> BASE.toBuilder().hidden(4, -1).build()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("hidden layer sizes");
        assertThatThrownBy(() -> BASE.toBuilder().inputs(List.of("x", "w")).build())
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown input 'w'");
        assertThatThrownBy(() -> BASE.toBuilder().inputs(List.of("x", "z")).build())
                .isInstanceOf(BadInputException.class).hasMessageContaining("z-dim is 0");
        assertThatThrownBy(() -> BASE.toBuilder().extent(-1).build()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("extent");
        assertThatThrownBy(() -> BASE.toBuilder().color("sepia").build()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown colour mode 'sepia'");
        assertThatThrownBy(() -> ActivationSpec.parse("tanhh")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("valid: identity, tanh, sigmoid, relu, leaky-relu");
    }

    @Test
    void modelsWhoseLayersDoNotChainNameTheLayer() {
        Layer a = Layer.of(2, 3, new float[6], null, Activation.TANH);
        Layer b = Layer.of(4, 1, new float[4], null, Activation.TANH);
        assertThatThrownBy(() -> new Model(List.of("x", "y"), List.of(a, b)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("layer 1 takes 4 inputs but layer 0 has 3 outputs");
    }
}
