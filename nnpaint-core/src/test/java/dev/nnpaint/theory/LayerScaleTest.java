package dev.nnpaint.theory;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** How a recipe's --weights and --biases become sigma_w and sigma_b (the table in the stats documentation). */
class LayerScaleTest {

    /** Inputs x, y, r (fan-in 3), hidden layers of 16 and 8, three outputs. */
    private static List<LayerScale> scales(Init weights, Init biases, double gain) {
        Recipe r = Recipe.builder().hidden(16, 8).activation(Activation.TANH).weights(weights).biases(biases)
                .gain(gain).build();
        return LayerScale.of(r);
    }

    @Test
    void normalWeightsScaleWithTheRootOfTheFanIn() {
        List<LayerScale> s = scales(Init.normal(1), Init.normal(0.5), 1);
        assertThat(s).extracting(LayerScale::fanIn).containsExactly(3, 16, 8);
        assertThat(s.get(0).sigmaW()).isCloseTo(Math.sqrt(3), within(1e-12));
        assertThat(s.get(1).sigmaW()).isCloseTo(4, within(1e-12));
        assertThat(s.get(2).sigmaW()).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(s.get(1).sigmaB()).isCloseTo(0.5, within(1e-12));
        assertThat(s.get(2).activation().toString()).isEqualTo("sigmoid");
    }

    @Test
    void uniformPytorchAndScaledNormalFollowTheirVariances() {
        assertThat(scales(Init.uniform(0.5), Init.uniform(0.3), 1).get(1).sigmaW())
                .isCloseTo(0.5 * Math.sqrt(16 / 3.0), within(1e-12));
        assertThat(scales(Init.uniform(0.5), Init.uniform(0.3), 1).get(1).sigmaB())
                .isCloseTo(0.3 / Math.sqrt(3), within(1e-12));
        List<LayerScale> pytorch = scales(Init.of(Init.Kind.PYTORCH), Init.of(Init.Kind.PYTORCH), 1);
        assertThat(pytorch.get(1).sigmaW()).isCloseTo(1 / Math.sqrt(3), within(1e-12));
        assertThat(pytorch.get(1).sigmaB()).isCloseTo(1 / Math.sqrt(3 * 16), within(1e-12));
        assertThat(scales(Init.scaledNormal(1.4), Init.scaledNormal(0.3), 1).get(2).sigmaW()).isCloseTo(1.4, within(1e-12));
        assertThat(scales(Init.scaledNormal(1.4), Init.scaledNormal(0.3), 1).get(2).sigmaB()).isCloseTo(0.3, within(1e-12));
        assertThat(scales(Init.of(Init.Kind.HE_NORMAL), Init.of(Init.Kind.ZERO), 1).get(1).sigmaW())
                .isCloseTo(Math.sqrt(2), within(1e-12));
    }

    @Test
    void gainMultipliesSigmaW() {
        assertThat(scales(Init.scaledNormal(1.5), Init.normal(0.1), 2).get(1).sigmaW()).isCloseTo(3, within(1e-12));
    }

    @Test
    void constantWeightsHaveNoSigmaW() {
        Recipe r = Recipe.builder().weights(Init.parse("const:0.1")).build();
        assertThat(LayerScale.notApplicable(r)).contains("constant");
        assertThatThrownBy(() -> LayerScale.of(r)).isInstanceOf(BadInputException.class);
    }
}
