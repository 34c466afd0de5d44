package dev.nnpaint.theory;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The mean-field theory of a wide random network (Poole et al. 2016, "Exponential expressivity in deep neural
 * networks through transient chaos"; Schoenholz et al. 2017, "Deep information propagation"): one layer's map
 * from the pre-activations h of a layer to those of the next, h' = W phi(h) + b, with weights drawn from
 * N(0, sigma_w^2 / fan_in) and biases from N(0, sigma_b^2), in the limit of infinite width where every
 * pre-activation is Gaussian over the draw of the weights.
 *
 * <ul>
 *   <li>length map: q' = sigma_w^2 E[phi(u)^2] + sigma_b^2, u ~ N(0, q), q the mean squared pre-activation;
 *       its stable fixed point q*;</li>
 *   <li>correlation map of two inputs: q12' = sigma_w^2 E[phi(u1) phi(u2)] + sigma_b^2, c = q12 / sqrt(q11 q22);
 *       it is tracked here as the squared distance d = q11 + q22 - 2 q12, which stays exact when the inputs are
 *       neighbouring pixels and c is 1 - 1e-6;</li>
 *   <li>chi_1 = sigma_w^2 E[phi'(u)^2] at q*, the slope of the correlation map at c = 1: below 1 the network is
 *       ordered (inputs converge: smooth, eventually constant pictures), above 1 chaotic (nearby inputs fly
 *       apart: noise);</li>
 *   <li>the correlation depth xi_c = -1 / ln chi_c with chi_c = sigma_w^2 E[phi'(u1) phi'(u2)] at the stable
 *       correlation fixed point c* (c* = 1 and chi_c = chi_1 in the ordered phase): the number of layers over
 *       which correlations approach c*.</li>
 * </ul>
 *
 * A mixed activation ({@code mix:tanh,sin}) is the average over its choices, each drawn for a 1/k share of the
 * units. The map goes through {@code phi}, the activation of the layer the weights read from.
 */
public record MeanField(ActivationSpec phi, double sigmaW, double sigmaB) {

    /** |ln chi_1| below this counts as critical: a correlation depth of more than 50 layers. */
    public static final double CRITICAL_BAND = 0.02;

    private static final double REL_TOL = 1e-11;
    private static final double INNER_REL_TOL = 1e-11;
    /** Lengths beyond this count as unbounded growth (relu with sigma_w^2 > 2, say). */
    private static final double UNBOUNDED = 1e14;
    /** Below this d / q, two inputs are close enough for the first-order expansion of phi between them. */
    private static final double LINEAR_DISTANCE = 1e-7;

    public MeanField {
        if (!(sigmaW >= 0) || !(sigmaB >= 0) || !Double.isFinite(sigmaW) || !Double.isFinite(sigmaB)) {
            throw new IllegalArgumentException("sigma_w and sigma_b must be finite and >= 0, got " + sigmaW
                    + ", " + sigmaB);
        }
    }

    public static MeanField of(Activation phi, double sigmaW, double sigmaB) {
        return new MeanField(ActivationSpec.of(phi), sigmaW, sigmaB);
    }

    /** The phase of the map, from chi_1 at the fixed point. */
    public enum Phase {
        ORDERED("ordered"), CRITICAL("critical"), CHAOTIC("chaotic");

        private final String id;

        Phase(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }

        static Phase of(double chi1) {
            if (Math.abs(Math.log(chi1)) < CRITICAL_BAND) {
                return CRITICAL;
            }
            return chi1 < 1 ? ORDERED : CHAOTIC;
        }
    }

    /**
     * The second moments of two inputs' pre-activations at one layer: q11 and q22 (mean squares) and the
     * squared distance d = E[(h1 - h2)^2] = q11 + q22 - 2 q12.
     */
    public record Pair(double q11, double q22, double d) {

        /** c = q12 / sqrt(q11 q22), computed from d so that it keeps its digits when c is near 1. */
        public double correlation() {
            return 1 - decorrelation();
        }

        /** 1 - c = (d - (sqrt(q11) - sqrt(q22))^2) / (2 sqrt(q11 q22)). */
        public double decorrelation() {
            if (q11 <= 0 || q22 <= 0) {
                return d <= 0 ? 0 : 1;
            }
            double rootGap = (q11 - q22) / (Math.sqrt(q11) + Math.sqrt(q22));
            return (d - rootGap * rootGap) / (2 * Math.sqrt(q11 * q22));
        }
    }

    /** The values that describe the map once and for all (see the class comment). */
    public record Summary(double qStar, double chi1, double cStar, double chiC, double correlationDepth,
                          Phase phase) {
        /** True when the length map has no finite fixed point (q grows without bound). */
        public boolean unbounded() {
            return Double.isInfinite(qStar);
        }
    }

    private List<Activation> choices() {
        return phi.choices();
    }

    /** E over the units' activations of f(activation), the mixture average. */
    private double mixture(java.util.function.ToDoubleFunction<Activation> f) {
        double sum = 0;
        for (Activation a : choices()) {
            sum += f.applyAsDouble(a);
        }
        return sum / choices().size();
    }

    /** q' = sigma_w^2 E[phi(u)^2] + sigma_b^2, u ~ N(0, q). */
    public double lengthMap(double q) {
        double s2 = sigmaW * sigmaW;
        double e = mixture(a -> GaussianIntegral.expectation(0, q, u -> square(a.apply(u)), 1e-300, REL_TOL));
        return s2 * e + sigmaB * sigmaB;
    }

    /** chi_1 at length q: sigma_w^2 E[phi'(u)^2], u ~ N(0, q). */
    public double chi1(double q) {
        double s2 = sigmaW * sigmaW;
        return s2 * mixture(a -> GaussianIntegral.expectation(0, q, u -> square(a.derivative(u)), 1e-300, REL_TOL));
    }

    /**
     * The stable fixed point q* of the length map: the largest root of L(q) = q, found by doubling an upper
     * bracket and bisecting. Infinite when L(q) > q for every q up to 1e14 (unbounded growth); zero when the
     * only fixed point is q = 0 (no bias and contracting weights).
     */
    public double fixedPoint() {
        double hi = 1;
        while (lengthMap(hi) >= hi) {
            hi *= 4;
            if (hi > UNBOUNDED) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double lo = hi;
        do {
            lo /= 4;
            if (lo < 1e-30) {
                return 0;
            }
        } while (lengthMap(lo) <= lo);
        // lo < q* < hi: bisect in log space, since q* can be anything from 1e-6 to 1e12
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = Math.sqrt(lo * hi);
            if (mid <= lo || mid >= hi) {
                mid = 0.5 * (lo + hi);
            }
            if (lengthMap(mid) > mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** One layer of the map for two inputs. */
    public Pair step(Pair in) {
        double q11 = lengthMap(in.q11);
        double q22 = lengthMap(in.q22);
        double d = sigmaW * sigmaW * mixture(a -> squaredDistance(a, in.q11, in.q22, in.d));
        return new Pair(q11, q22, d);
    }

    /**
     * E[(phi(u1) - phi(u2))^2] for Gaussian (u1, u2) with variances q11, q22 and E[(u1 - u2)^2] = d. Written as
     * u2 = u1 (1 + beta) + s z with z ~ N(0, 1) independent of u1, so the integrand is a difference of nearby
     * values and nothing cancels when d is tiny.
     */
    static double squaredDistance(Activation a, double q11, double q22, double d) {
        if (d <= 0) {
            return 0;
        }
        if (q11 < q22) {
            double t = q11; // the formula divides by q11: take the larger one
            q11 = q22;
            q22 = t;
        }
        if (q11 <= 0) {
            return 0;
        }
        double delta = q11 - q22;
        double beta = (-delta - d) / (2 * q11);
        double s2 = Math.max(0, (2 * d * (q11 + q22) - d * d - delta * delta) / (4 * q11));
        if (d < LINEAR_DISTANCE * q11) {
            // phi(u2) - phi(u1) = phi'(u1) (beta u1 + s z) to first order; the rest is O(d/q) relatively
            // (O(sqrt(d/q)) at a kink). The nested integral below would chase a tolerance of d-sized rounding.
            return GaussianIntegral.expectation(0, q11, u1 -> square(a.derivative(u1)) * (beta * beta * u1 * u1 + s2),
                    1e-300, 1e-10);
        }
        double innerAbs = 1e-15 * d;
        DoubleUnaryOperator outer = u1 -> {
            double f1 = a.apply(u1);
            return GaussianIntegral.expectation(u1 * (1 + beta), s2, w -> square(f1 - a.apply(w)), innerAbs,
                    INNER_REL_TOL);
        };
        return GaussianIntegral.expectation(0, q11, outer, 1e-14 * d, 1e-10);
    }

    /** The correlation map at equal lengths q: c' = 1 - sigma_w^2 E[(phi(u1) - phi(u2))^2] / (2 L(q)). */
    public double correlationMap(double q, double c) {
        Pair next = step(new Pair(q, q, 2 * q * (1 - c)));
        return next.correlation();
    }

    /** chi_c = sigma_w^2 E[phi'(u1) phi'(u2)], u1, u2 ~ N(0, q) with correlation c. */
    public double chiC(double q, double c) {
        double s2 = sigmaW * sigmaW;
        double condVar = q * (1 - c) * (1 + c);
        return s2 * mixture(a -> GaussianIntegral.expectation(0, q, u1 -> {
            double g1 = a.derivative(u1);
            if (g1 == 0) {
                return 0;
            }
            return g1 * GaussianIntegral.expectation(c * u1, condVar, a::derivative, 1e-15, INNER_REL_TOL);
        }, 1e-14, 1e-10));
    }

    /**
     * The stable fixed point c* of the correlation map at q*: 1 unless chi_1 > 1, when it is the root of
     * C(c) = c below 1 (C(0) >= 0 and C(1 - e) < 1 - e for small e bracket it), found by bisection on 1 - c.
     */
    public double correlationFixedPoint(double qStar, double chi1) {
        if (!(chi1 > 1) || !(qStar > 0) || Double.isInfinite(qStar)) {
            return 1;
        }
        double lo = 1e-9; // 1 - c where the map still pushes correlations down (1 - C > 1 - c)
        if (oneMinusMap(qStar, lo) <= lo) {
            return 1;
        }
        double hi = 1;
        if (oneMinusMap(qStar, hi) >= hi) {
            return 0;
        }
        for (int i = 0; i < 60 && hi - lo > 1e-12; i++) {
            double mid = (i < 20) ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
            if (oneMinusMap(qStar, mid) > mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 1 - 0.5 * (lo + hi);
    }

    private double oneMinusMap(double q, double oneMinusC) {
        Pair next = step(new Pair(q, q, 2 * q * oneMinusC));
        return next.decorrelation();
    }

    /**
     * Where to evaluate slopes for a fixed point q*: an unbounded map at 1e14, and q* = 0 as the limit q -> 0+
     * (relu's phi'(0) is 0, but its chi_1 is sigma_w^2 / 2 at every q > 0).
     */
    private static double where(double qStar) {
        if (Double.isInfinite(qStar)) {
            return UNBOUNDED;
        }
        return Math.max(qStar, 1e-30);
    }

    /** q*, chi_1, c*, chi_c, the correlation depth and the phase; unbounded maps are described at q = 1e14. */
    public Summary summary() {
        double qStar = fixedPoint();
        double qAt = where(qStar);
        double chi1 = chi1(qAt);
        double cStar = correlationFixedPoint(qStar, chi1);
        double chiC = cStar == 1 ? chi1 : chiC(qAt, cStar);
        double depth = chiC >= 1 ? Double.POSITIVE_INFINITY : -1 / Math.log(chiC);
        return new Summary(qStar, chi1, cStar, chiC, depth, Phase.of(chi1));
    }

    /**
     * The sigma_w of the edge of chaos for an activation and sigma_b: where chi_1 at q* crosses 1, by bisection
     * of log sigma_w over [1e-3, 1e3]. NaN when chi_1 does not cross 1 there.
     */
    public static double criticalSigmaW(ActivationSpec phi, double sigmaB) {
        double lo = 1e-3;
        double hi = 1e3;
        double fLo = criticalGap(phi, lo, sigmaB);
        double fHi = criticalGap(phi, hi, sigmaB);
        if (!(fLo < 0 && fHi > 0)) {
            return Double.NaN;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-13 * hi; i++) {
            double mid = Math.sqrt(lo * hi);
            if (criticalGap(phi, mid, sigmaB) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double criticalGap(ActivationSpec phi, double sigmaW, double sigmaB) {
        MeanField m = new MeanField(phi, sigmaW, sigmaB);
        double q = m.fixedPoint();
        return m.chi1(where(q)) - 1;
    }

    private static double square(double x) {
        return x * x;
    }
}
