package dev.nnpaint.stats;

import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.theory.MeanField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdicts on the networks the articles and the mean-field papers made famous. */
class VerdictTest {

    private static StatsReport report(int layers, int neurons, Init weights, Init biases) {
        Recipe recipe = Recipe.builder().layers(layers, neurons).activation(Activation.TANH).weights(weights)
                .biases(biases).size(256, 256).build();
        return StatsReport.of(recipe, 48, Kernels.scalar());
    }

    @Test
    void pytorchDefaultInitOfEightTanhLayersIsGreyGoo() {
        StatsReport r = report(8, 16, Init.of(Init.Kind.PYTORCH), Init.of(Init.Kind.PYTORCH));
        Verdict main = r.verdicts().get(0);
        assertThat(main.kind()).isEqualTo(Verdict.Kind.GREY_GOO);
        assertThat(main.text()).startsWith("grey goo: the output varies by only 0.000")
                .contains("ordered phase").contains("try --weights normal:1");
        assertThat(r.measured().outputVariation()).isLessThan(1e-3);
        // U(+-1/sqrt(n)) has sigma_w = 1/sqrt(3): chi_1 = 0.315 at q* = 0.0304, far below the edge of chaos
        MeanField.Summary s = r.predicted().governing().summary();
        assertThat(s.phase()).isEqualTo(MeanField.Phase.ORDERED);
        assertThat(s.chi1()).isBetween(0.30, 0.33);
    }

    @Test
    void largeWeightsInADeepTanhNetworkAreStatic() {
        StatsReport r = report(16, 32, Init.scaledNormal(8), Init.normal(0.3));
        Verdict main = r.verdicts().get(0);
        assertThat(main.kind()).isEqualTo(Verdict.Kind.STATIC);
        assertThat(main.text()).startsWith("static: ").contains("deep in the chaotic phase")
                .contains("scaled-normal:1.4");
        assertThat(r.measured().outputNeighbourCorrelation()).isLessThan(0.5);
        assertThat(r.predicted().governing().summary().chi1()).isGreaterThan(4);
        // at q* = 57 about 73% of the tanh units sit beyond |u| = 2.65, measured and predicted alike
        int lastHidden = r.measured().layers().size() - 2;
        assertThat(r.measured().layers().get(lastHidden).saturatedFraction()).isBetween(0.65, 0.80);
        assertThat(r.predicted().layers().get(lastHidden).saturatedFraction()).isBetween(0.72, 0.735);
    }

    @Test
    void weightsNearTheEdgeOfChaosAreNeither() {
        StatsReport r = report(8, 16, Init.scaledNormal(1.5), Init.normal(0.3));
        Verdict main = r.verdicts().get(0);
        assertThat(main.kind()).isEqualTo(Verdict.Kind.FINE);
        assertThat(main.text()).startsWith("neither grey goo nor static");
        assertThat(r.measured().outputVariation()).isGreaterThan(Verdict.GREY_GOO_STD);
        assertThat(r.measured().outputNeighbourCorrelation()).isGreaterThan(0.9);
        assertThat(r.criticalSigmaW()).isBetween(1.39, 1.40);
    }

    @Test
    void anOutputDrivenToItsBoundsIsFlatNotGreyGooAndAsksForSmallerWeights() {
        // softplus grows without bound: after 8 layers of normal:3 weights every output pre-activation is huge
        Recipe recipe = Recipe.builder().layers(8, 16).activation(Activation.SOFTPLUS).weights(Init.normal(3))
                .biases(Init.normal(1)).size(256, 256).build();
        StatsReport r = StatsReport.of(recipe, 48, Kernels.scalar());
        Verdict main = r.verdicts().get(0);
        assertThat(main.kind()).isEqualTo(Verdict.Kind.SATURATED);
        assertThat(main.text()).startsWith("flat: the output varies by only ").contains("pinned at their bounds")
                .contains("try smaller weights").doesNotContain("--weights normal:1");
        int out = r.measured().layers().size() - 1;
        assertThat(r.measured().layers().get(out).meanSquaredPreActivation()).isGreaterThan(100);
    }
}
