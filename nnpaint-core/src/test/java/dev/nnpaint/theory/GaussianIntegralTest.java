package dev.nnpaint.theory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaussianIntegralTest {

    private static double sech(double u) {
        return 1 / Math.cosh(u);
    }

    @Test
    void momentsOfTheGaussianAreExact() {
        assertThat(GaussianIntegral.expectation(0, 2.5, u -> u * u, 0, 1e-12)).isCloseTo(2.5, within(1e-11));
        assertThat(GaussianIntegral.expectation(1, 4, u -> u * u * u * u, 0, 1e-12))
                .isCloseTo(1 + 6 * 4 + 3 * 16, within(1e-9)); // E[u^4] = m^4 + 6 m^2 s^2 + 3 s^4
        assertThat(GaussianIntegral.expectation(0, 1e-3, Math::exp, 0, 1e-12))
                .isCloseTo(Math.exp(0.5e-3), within(1e-13));
    }

    @Test
    void zeroVarianceIsTheFunctionAtTheMean() {
        assertThat(GaussianIntegral.expectation(0.7, 0, Math::tanh, 0, 1e-12)).isEqualTo(Math.tanh(0.7));
    }

    /**
     * Large variances, where the integrand lives in a window of width 1 around 0 while the Gaussian is
     * sqrt(q) wide. Expected values by mpmath at 30 digits (a float64 trapezoid is off in the 11th digit here):
     * mp.mp.dps = 30; g = lambda u: mp.exp(-u*u/(2*q)) / mp.sqrt(2*mp.pi*q); pts = [0, .5, 1, 2, 4, 8, 16, 32, 64];
     * 2 * mp.quad(lambda u: mp.sech(u)**4 * g(u), pts) and 1 - 2 * mp.quad(lambda u: mp.sech(u)**2 * g(u), pts).
     */
    @Test
    void largeVariancesKeepTheirDigits() {
        assertThat(GaussianIntegral.expectation(0, 1e4, u -> Math.pow(sech(u), 4), 0, 1e-12))
                .isCloseTo(0.005319144644014622, within(1e-14));
        assertThat(GaussianIntegral.expectation(0, 1e4, u -> Math.tanh(u) * Math.tanh(u), 0, 1e-12))
                .isCloseTo(0.9920214824805130, within(1e-13));
        assertThat(GaussianIntegral.expectation(0, 100, u -> Math.pow(sech(u), 4), 0, 1e-12))
                .isCloseTo(0.05310678774811583, within(1e-13));
        // q = 1e8 and 1e12 (the same mpmath recipe with breakpoints up to 128): E[sech^4] ~ 4 / (3 sqrt(2 pi q))
        assertThat(GaussianIntegral.expectation(0, 1e8, u -> Math.pow(sech(u), 4), 0, 1e-12))
                .isCloseTo(5.3192303967760534861e-5, within(1e-16));
        assertThat(GaussianIntegral.expectation(0, 1e8, u -> Math.tanh(u) * Math.tanh(u), 0, 1e-12))
                .isCloseTo(0.99992021154424783034, within(1e-13));
        assertThat(GaussianIntegral.expectation(0, 1e12, u -> Math.pow(sech(u), 4), 0, 1e-12))
                .isCloseTo(5.3192304053515780676e-7, within(1e-18));
        assertThat(GaussianIntegral.expectation(0, 1e12, u -> Math.tanh(u) * Math.tanh(u), 0, 1e-12))
                .isCloseTo(0.99999920211543919746, within(1e-13));
    }

    /** E[sigmoid(u)^2] at q = 1e6 by mpmath: quad over [-inf, -64, -8, 0, 8, 64, inf] at 30 digits. */
    @Test
    void sigmoidAtLargeVarianceKeepsItsDigits() {
        assertThat(GaussianIntegral.expectation(0, 1e6, u -> Math.pow(1 / (1 + Math.exp(-u)), 2), 0, 1e-12))
                .isCloseTo(0.4996010583758300482, within(1e-12));
    }

    @Test
    void kinksAndStepsAreIntegratedExactly() {
        // E[relu(u)^2] = q / 2 and P(u > 0) = 1/2 for u ~ N(0, q)
        assertThat(GaussianIntegral.expectation(0, 1e6, u -> u > 0 ? u * u : 0, 0, 1e-12))
                .isCloseTo(5e5, within(1e-5));
        assertThat(GaussianIntegral.expectation(0, 3, u -> u > 0 ? 1 : 0, 0, 1e-12)).isCloseTo(0.5, within(1e-12));
    }
}
