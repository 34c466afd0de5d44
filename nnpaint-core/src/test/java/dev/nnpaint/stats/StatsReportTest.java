package dev.nnpaint.stats;

import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The mean field describes wide networks: measured and predicted columns agree once the layers are wide. */
class StatsReportTest {

    @Test
    void aWideTanhNetworkFollowsTheMeanFieldLayerByLayer() {
        Recipe recipe = Recipe.builder().hidden(128, 128, 128, 128).activation(Activation.TANH)
                .weights(Init.scaledNormal(2)).biases(Init.normal(0.3)).size(128, 128).build();
        StatsReport r = StatsReport.of(recipe, 24, Kernels.scalar());
        for (int k = 1; k < 4; k++) {
            NetworkStats.LayerStats measured = r.measured().layers().get(k);
            var predicted = r.predicted().layers().get(k);
            // 128 units: q fluctuates by a few percent around the infinite-width value
            assertThat(measured.meanSquaredPreActivation()).as("q of layer %d", k + 1)
                    .isCloseTo(predicted.meanSquaredPreActivation(), within(0.1 * predicted.meanSquaredPreActivation()));
            assertThat(measured.saturatedFraction()).as("saturated share of layer %d", k + 1)
                    .isCloseTo(predicted.saturatedFraction(), within(0.05));
        }
        // the curve's length grows with depth in the chaotic phase (chi_1 = 1.3 at sigma_w = 2)
        assertThat(r.predicted().governing().summary().chi1()).isGreaterThan(1.2);
        assertThat(r.measured().layers().get(3).curveLength()).isGreaterThan(1.3 * r.measured().layers().get(0).curveLength());
    }
}
