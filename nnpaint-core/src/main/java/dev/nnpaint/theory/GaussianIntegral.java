package dev.nnpaint.theory;

import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;

/**
 * Expectations of a function of a Gaussian, E[g(u)] for u ~ N(mean, variance), by adaptive Gauss-Kronrod
 * quadrature (the 7/15-point pair of QUADPACK) in the variable u itself.
 *
 * <p>Why not Gauss-Hermite: for a large variance q the integrands of the mean-field maps, such as tanh'(u)^2,
 * live in a window of width 1 around u = 0 while the Gaussian is sqrt(q) wide, so a fixed rule in z = u/sqrt(q)
 * puts hardly any nodes where the mass is. Integrating over u with breakpoints where activations bend
 * (u = 0, +-1, +-3), graded panels [2^k, 2^(k+1)] on both sides of 0 out to the range's ends, and bisecting the
 * panel with the largest error estimate resolves both scales. The grading matters: a single panel [3, 25000] puts
 * its nearest node 100 units from 3, every node sees sech(u)^4 = 0, the error estimate is 0, and the tail's mass
 * is lost. The range is mean +- 10 standard deviations: the Gaussian mass outside is 1.5e-23.
 */
public final class GaussianIntegral {

    /** Where activations change character: kinks of relu and hard-tanh, the knees of tanh and sigmoid. */
    private static final double[] FEATURES = {-3, -1, 0, 1, 3};
    private static final double HALF_RANGE = 10;
    private static final int INITIAL_PANELS = 8;
    /** Stops refinement of integrands that never meet the tolerance (e.g. noise around an exact zero). */
    private static final int MAX_PANELS = 2000;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    // Gauss-Kronrod 7/15 nodes on [-1, 1] (the non-negative half) and weights, from QUADPACK's qk15.
    // XGK[1], XGK[3], XGK[5], XGK[7] are the Gauss nodes, with weights WG.
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private GaussianIntegral() {
    }

    /**
     * E[g(u)] for u ~ N(mean, variance), to within {@code max(absTol, relTol * |result|)} by the quadrature's
     * error estimate. A variance of zero gives g(mean).
     */
    public static double expectation(double mean, double variance, DoubleUnaryOperator g, double absTol,
                                     double relTol) {
        if (!(variance >= 0) || !Double.isFinite(variance) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("need a finite mean and variance >= 0, got " + mean + ", " + variance);
        }
        double sd = Math.sqrt(variance);
        if (sd == 0 || sd < 1e-300) {
            return g.applyAsDouble(mean);
        }
        double inv2var = 1 / (2 * variance);
        double norm = INV_SQRT_2PI / sd;
        DoubleUnaryOperator weighted = u -> {
            double t = u - mean;
            return g.applyAsDouble(u) * Math.exp(-t * t * inv2var) * norm;
        };
        return integrate(weighted, mean - HALF_RANGE * sd, mean + HALF_RANGE * sd, absTol, relTol);
    }

    /** The integral of f over [a, b], split at the activation features inside, refined adaptively. */
    static double integrate(DoubleUnaryOperator f, double a, double b, double absTol, double relTol) {
        PriorityQueue<Panel> panels = new PriorityQueue<>((p, q) -> Double.compare(q.error, p.error));
        double[] cuts = breakpoints(a, b);
        double total = 0;
        double error = 0;
        for (int i = 0; i + 1 < cuts.length; i++) {
            Panel p = Panel.of(f, cuts[i], cuts[i + 1]);
            panels.add(p);
            total += p.value;
            error += p.error;
        }
        while (error > Math.max(absTol, relTol * Math.abs(total)) && panels.size() < MAX_PANELS) {
            Panel worst = panels.poll();
            double mid = 0.5 * (worst.a + worst.b);
            if (mid <= worst.a || mid >= worst.b) {
                panels.add(worst); // cannot split further in double precision
                break;
            }
            Panel left = Panel.of(f, worst.a, mid);
            Panel right = Panel.of(f, mid, worst.b);
            panels.add(left);
            panels.add(right);
            total += left.value + right.value - worst.value;
            error += left.error + right.error - worst.error;
        }
        // Re-sum at the end: the running total collects rounding from many updates.
        double sum = 0;
        for (Panel p : panels) {
            sum += p.value;
        }
        return sum;
    }

    private static double[] breakpoints(double a, double b) {
        double[] cuts = new double[INITIAL_PANELS + 1 + FEATURES.length + 2 * 1100];
        int n = 0;
        for (int i = 0; i <= INITIAL_PANELS; i++) {
            cuts[n++] = a + (b - a) * i / INITIAL_PANELS;
        }
        for (double x : FEATURES) {
            if (x > a && x < b) {
                cuts[n++] = x;
            }
        }
        // +-2^k from 1/4 up: geometric panels whose nodes follow a decaying tail at every scale
        double reach = Math.max(Math.abs(a), Math.abs(b));
        for (double x = 0.25; x < reach; x *= 2) {
            if (x > a && x < b) {
                cuts[n++] = x;
            }
            if (-x > a && -x < b) {
                cuts[n++] = -x;
            }
        }
        double[] sorted = java.util.Arrays.copyOf(cuts, n);
        java.util.Arrays.sort(sorted);
        sorted[0] = a;
        sorted[n - 1] = b;
        return java.util.Arrays.stream(sorted).distinct().toArray();
    }

    /** One panel's Kronrod estimate and |Kronrod - Gauss| as its error. */
    private record Panel(double a, double b, double value, double error) {
        static Panel of(DoubleUnaryOperator f, double a, double b) {
            double center = 0.5 * (a + b);
            double half = 0.5 * (b - a);
            double fc = f.applyAsDouble(center);
            double kronrod = fc * WGK[7];
            double gauss = fc * WG[3];
            for (int j = 0; j < 7; j++) {
                double dx = half * XGK[j];
                double sum = f.applyAsDouble(center - dx) + f.applyAsDouble(center + dx);
                kronrod += WGK[j] * sum;
                if (j % 2 == 1) {
                    gauss += WG[j / 2] * sum;
                }
            }
            return new Panel(a, b, kronrod * half, Math.abs((kronrod - gauss) * half));
        }
    }
}
