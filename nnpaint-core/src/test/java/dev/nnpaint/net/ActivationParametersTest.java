package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Activation names with parameters, as model files write them. */
class ActivationParametersTest {

    @Test
    void namesWithParametersReadBackAsWritten() {
        for (String name : new String[] {"leaky-relu:0.3", "elu:2", "softplus:3", "hard-tanh:-0.5:0.5", "tanh"}) {
            Activation.Parameterised p = Activation.parseWithParameters(name);
            assertThat(p.toString()).isEqualTo(name);
        }
        assertThat(Activation.parseWithParameters("hard-tanh:-0.5:0.5").parameters()).containsExactly(-0.5, 0.5);
    }

    @Test
    void defaultParametersReadAsNone() {
        assertThat(Activation.parseWithParameters("leaky-relu:0.01").parameters()).isNull();
        assertThat(Activation.parseWithParameters("hard-tanh:-1:1").parameters()).isNull();
        assertThat(Activation.parseWithParameters("elu").parameters()).isNull();
    }

    @Test
    void badParametersAreRefusedWithTheName() {
        assertThatThrownBy(() -> Activation.parseWithParameters("tanh:2"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("tanh takes no parameters");
        assertThatThrownBy(() -> Activation.parseWithParameters("hard-tanh:0.5"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("(min:max)");
        assertThatThrownBy(() -> Activation.parseWithParameters("hard-tanh:1:-1"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("min < max");
        assertThatThrownBy(() -> Activation.parseWithParameters("softplus:0"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("beta must be above 0");
        assertThatThrownBy(() -> Activation.parseWithParameters("elu:x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'x' is not a number");
    }

    @Test
    void aLayerWithOnlyDefaultParametersHasNone() {
        Activation[] acts = {Activation.LEAKY_RELU, Activation.TANH};
        Layer layer = new Layer(1, 2, new float[] {1, 1}, null, acts, new double[][] {{0.01}, null});
        assertThat(layer.hasParameters()).isFalse();
        assertThat(layer.equals(new Layer(1, 2, new float[] {1, 1}, null, acts))).isTrue();
        Layer leaky = new Layer(1, 2, new float[] {1, 1}, null, acts, new double[][] {{0.3}, null});
        assertThat(leaky.activationName(0)).isEqualTo("leaky-relu:0.3");
        assertThat(leaky.activate(0, -2)).isCloseTo(-0.6, org.assertj.core.data.Offset.offset(1e-7)); // 0.3 as a float
        assertThat(leaky).isNotEqualTo(layer);
    }
}
