package dev.nnpaint.theory;

import dev.nnpaint.net.Activation;

/**
 * When a unit counts as saturated: its output is pinned near a bound and its slope is nearly zero, so it passes
 * on (and, in training, back) almost nothing of a change in its input. One threshold on the pre-activation u
 * per activation, chosen so that the wording below holds:
 * <ul>
 *   <li>tanh: |tanh(u)| > 0.99, that is |u| > atanh(0.99) = 2.647;</li>
 *   <li>sigmoid: outside [0.01, 0.99], |u| > ln 99 = 4.595;</li>
 *   <li>hard-tanh: clipped, |u| >= 1; gaussian: exp(-u^2) < 0.01, |u| > 2.146;</li>
 *   <li>relu: dead (output 0), u <= 0; leaky-relu: on its 0.01 slope, u <= 0;</li>
 *   <li>elu, softplus, silu: on their flat tail, u < -ln 99 = -4.595;</li>
 *   <li>identity, sin, cos, abs: never.</li>
 * </ul>
 */
public final class Saturation {

    private static final double TANH_EDGE = 2.6466524123622457; // atanh(0.99)
    private static final double LOGIT_EDGE = 4.59511985013459; // ln 99
    private static final double GAUSSIAN_EDGE = 2.1459660262893472; // sqrt(ln 100)

    private Saturation() {
    }

    /** True when a unit with activation {@code a} is saturated at pre-activation {@code u}. */
    public static boolean isSaturated(Activation a, double u) {
        switch (a) {
            case TANH: return Math.abs(u) > TANH_EDGE;
            case SIGMOID: return Math.abs(u) > LOGIT_EDGE;
            case HARD_TANH: return Math.abs(u) >= 1;
            case GAUSSIAN: return Math.abs(u) > GAUSSIAN_EDGE;
            case RELU:
            case LEAKY_RELU: return u <= 0;
            case ELU:
            case SOFTPLUS:
            case SILU: return u < -LOGIT_EDGE;
            default: return false;
        }
    }

    /** The rule in words, for reports. */
    public static String describe(Activation a) {
        switch (a) {
            case TANH: return "|tanh| > 0.99";
            case SIGMOID: return "sigmoid outside [0.01, 0.99]";
            case HARD_TANH: return "hard-tanh clipped at +-1";
            case GAUSSIAN: return "gaussian below 0.01";
            case RELU: return "relu dead (output 0)";
            case LEAKY_RELU: return "leaky-relu on its 0.01 slope";
            case ELU:
            case SOFTPLUS:
            case SILU: return a.id() + " on its flat tail (u < -4.6)";
            default: return a.id() + " never saturates";
        }
    }

    /** P(saturated) for a pre-activation u ~ N(0, q): the mean-field prediction. */
    public static double predictedFraction(Activation a, double q) {
        double sd = Math.sqrt(Math.max(q, 0));
        switch (a) {
            case TANH: return twoSidedTail(TANH_EDGE, sd);
            case SIGMOID: return twoSidedTail(LOGIT_EDGE, sd);
            case HARD_TANH: return twoSidedTail(1, sd);
            case GAUSSIAN: return twoSidedTail(GAUSSIAN_EDGE, sd);
            case RELU:
            case LEAKY_RELU: return 0.5;
            case ELU:
            case SOFTPLUS:
            case SILU: return 0.5 * twoSidedTail(LOGIT_EDGE, sd);
            default: return 0;
        }
    }

    /** P(|u| > t) for u ~ N(0, sd^2). */
    private static double twoSidedTail(double t, double sd) {
        return sd == 0 ? 0 : erfc(t / (sd * Math.sqrt(2)));
    }

    /**
     * The complementary error function by the Chebyshev fit of Numerical Recipes (erfcc), fractional error below
     * 1.2e-7 everywhere: plenty for a fraction of units.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
