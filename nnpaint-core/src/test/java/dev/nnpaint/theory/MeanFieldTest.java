package dev.nnpaint.theory;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Mean-field values against numbers computed independently in numpy (float64). The functions used below are
 * z = np.linspace(-14, 14, 280001); gw = np.exp(-z*z/2) / np.sqrt(2*np.pi) * (z[1]-z[0]);
 * E(f, q) = np.sum(gw * f(np.sqrt(q) * z)); L(q) = sw**2 * E(tanh^2, q) + sb**2, iterated to its fixed point;
 * chi1 = sw**2 * E(sech^4, q*). Two-point integrals use a 4001 x 4001 trapezoid over (z1, z2) in [-10, 10]^2 with
 * u1 = sqrt(q) z1, u2 = sqrt(q) (c z1 + sqrt(1 - c^2) z2).
 */
class MeanFieldTest {

    private static final MeanField TANH_CHAOTIC = MeanField.of(Activation.TANH, 2.5, 0.3);

    @Test
    void tanhFixedPointsMatchNumpy() {
        assertThat(MeanField.of(Activation.TANH, 1.5, 0.05).fixedPoint()).isCloseTo(0.7983871143043735, within(1e-9));
        assertThat(TANH_CHAOTIC.fixedPoint()).isCloseTo(4.079123875270109, within(1e-9));
        assertThat(MeanField.of(Activation.TANH, 1.0, 0.3).fixedPoint()).isCloseTo(0.27629919287107363, within(1e-9));
    }

    @Test
    void tanhChi1MatchesNumpy() {
        assertThat(MeanField.of(Activation.TANH, 1.5, 0.05).summary().chi1()).isCloseTo(1.1367077840948936, within(1e-8));
        assertThat(TANH_CHAOTIC.summary().chi1()).isCloseTo(1.5852247650045275, within(1e-8));
        assertThat(MeanField.of(Activation.TANH, 1.0, 0.3).summary().chi1()).isCloseTo(0.7002581466018882, within(1e-8));
    }

    /**
     * Bisection of chi1(sw, sb) = 1 with the numpy functions above. Schoenholz et al. 2017 (fig. 1) draw the
     * tanh critical line through sigma_w^2 ~ 1.95 at sigma_b^2 = 0.09 and sigma_w^2 ~ 1.26 at sigma_b^2 = 0.0025.
     */
    @Test
    void tanhEdgeOfChaosMatchesNumpy() {
        ActivationSpec tanh = ActivationSpec.of(Activation.TANH);
        assertThat(MeanField.criticalSigmaW(tanh, 0.3)).isCloseTo(1.3955839751565295, within(1e-7));
        assertThat(MeanField.criticalSigmaW(tanh, 0.05)).isCloseTo(1.1225390047708856, within(1e-7));
        assertThat(MeanField.criticalSigmaW(tanh, 0)).isCloseTo(1.0, within(1e-7));
        // the same numpy functions, with q* by bisection of L(q) - q over [1e-12, 1e6] and sigma_w by bisection
        assertThat(MeanField.criticalSigmaW(tanh, 0.1)).isCloseTo(1.19340072502572, within(1e-6));
        assertThat(MeanField.criticalSigmaW(tanh, 1.0)).isCloseTo(1.855589101141054, within(1e-6));
    }

    /** Poole et al. 2016 and Schoenholz et al. 2017 quote sigma_w ~ 1.39-1.40 (sigma_w^2 ~ 1.95) at sigma_b = 0.3. */
    @Test
    void tanhEdgeOfChaosAtSigmaBPointThreeIsThePublishedValue() {
        assertThat(MeanField.criticalSigmaW(ActivationSpec.of(Activation.TANH), 0.3)).isBetween(1.39, 1.40);
    }

    /** ReLU: q' = sigma_w^2 q / 2 + sigma_b^2, so chi_1 = sigma_w^2 / 2 at every q and the edge is sqrt(2). */
    @Test
    void reluEdgeOfChaosIsRootTwoWithoutBiases() {
        assertThat(MeanField.criticalSigmaW(ActivationSpec.of(Activation.RELU), 0)).isCloseTo(Math.sqrt(2), within(1e-7));
        assertThat(MeanField.of(Activation.RELU, 1.0, 0).summary().phase()).isEqualTo(MeanField.Phase.ORDERED);
        assertThat(MeanField.of(Activation.RELU, 2.0, 0).summary().phase()).isEqualTo(MeanField.Phase.CHAOTIC);
        assertThat(MeanField.of(Activation.RELU, 2.0, 0).summary().unbounded()).isTrue();
    }

    @Test
    void tanhCorrelationMapMatchesTheTwoDimensionalTrapezoid() {
        double q = TANH_CHAOTIC.fixedPoint();
        assertThat(TANH_CHAOTIC.correlationMap(q, 0.5)).isCloseTo(0.4442411628897063, within(1e-8));
        assertThat(TANH_CHAOTIC.correlationMap(q, 0.9)).isCloseTo(0.8593656017309554, within(1e-8));
        MeanField.Summary s = TANH_CHAOTIC.summary();
        assertThat(s.cStar()).isCloseTo(0.12210374730736709, within(1e-7));
        assertThat(s.chiC()).isCloseTo(0.8222291727257546, within(1e-7));
        assertThat(s.correlationDepth()).isCloseTo(5.108918989236285, within(1e-5));
        assertThat(s.phase()).isEqualTo(MeanField.Phase.CHAOTIC);
    }

    /** ReLU has closed forms: q' = sw^2 q / 2 + sb^2 and the arc-cosine kernel of Cho and Saul (2009). */
    @Test
    void reluFollowsItsClosedForms() {
        MeanField relu = MeanField.of(Activation.RELU, 1.2, 0.4);
        for (double q : new double[] {1e-3, 0.7, 3, 1e4}) {
            assertThat(relu.lengthMap(q)).isCloseTo(1.44 * q / 2 + 0.16, within(1e-10 * q + 1e-12));
        }
        assertThat(relu.fixedPoint()).isCloseTo(0.16 / (1 - 0.72), within(1e-10));
        assertThat(relu.summary().chi1()).isCloseTo(0.72, within(1e-10));
        double q = 2.0;
        for (double c : new double[] {0.0, 0.3, 0.9, 0.999}) {
            double theta = Math.acos(c);
            double k = q / (2 * Math.PI) * (Math.sin(theta) + (Math.PI - theta) * c);
            double expected = (1.44 * k + 0.16) / (1.44 * q / 2 + 0.16);
            assertThat(relu.correlationMap(q, c)).as("c = %s", c).isCloseTo(expected, within(1e-9));
            assertThat(relu.chiC(q, c)).isCloseTo(1.44 * (Math.PI - theta) / (2 * Math.PI), within(1e-9));
        }
        assertThat(MeanField.criticalSigmaW(ActivationSpec.of(Activation.RELU), 0.3)).isCloseTo(Math.sqrt(2), within(1e-7));
    }

    @Test
    void largeLengthsStayAccurate() {
        // tanh at q = 1e4: L = sw^2 (1 - E[sech^2]) + sb^2; E[sech^2] by mpmath as in GaussianIntegralTest
        assertThat(MeanField.of(Activation.TANH, 1, 0).lengthMap(1e4)).isCloseTo(0.9920214824805130, within(1e-12));
        assertThat(MeanField.of(Activation.TANH, 1, 0).chi1(1e4)).isCloseTo(0.005319144644014622, within(1e-14));
        assertThat(MeanField.of(Activation.TANH, 2, 0).chi1(1e12)).isCloseTo(4 * 5.3192304053515780676e-7, within(1e-17));
        assertThat(MeanField.of(Activation.TANH, 1, 0.5).lengthMap(1e8)).isCloseTo(0.99992021154424783034 + 0.25,
                within(1e-12));
    }
}
