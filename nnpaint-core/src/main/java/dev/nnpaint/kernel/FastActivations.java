package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector approximations of every {@link Activation}, built from adds, multiplies, fmas and one division at
 * most, so they run at the speed of the matrix product around them. ({@code lanewise(TANH / EXP / SIN)} of the
 * Vector API falls back to slow scalar code on JDK 17, hence the math here.) Every operation is lane-wise, so a
 * sample's result does not depend on its neighbours in the vector.
 *
 * <p>Error bounds below are measured over dense grids against {@link Activation#apply} in double precision,
 * float rounding included; the tests check them.
 */
final class FastActivations {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private FastActivations() {
    }

    /**
     * Applies {@code activation} in place to {@code length} values from {@code from} (length a multiple of the
     * vector length). One loop per activation, so the loop body holds no switch.
     */
    static void applyInPlace(Activation activation, float[] v, int from, int length) {
        switch (activation) {
            case IDENTITY: return;
            case TANH: tanhInPlace(v, from, from + length); return;
            case SIGMOID: sigmoidInPlace(v, from, from + length); return;
            case RELU: reluInPlace(v, from, from + length); return;
            case LEAKY_RELU: leakyReluInPlace(v, from, from + length); return;
            case ELU: eluInPlace(v, from, from + length); return;
            case SOFTPLUS: softplusInPlace(v, from, from + length); return;
            case SIN: sinInPlace(v, from, from + length); return;
            case COS: cosInPlace(v, from, from + length); return;
            case GAUSSIAN: gaussianInPlace(v, from, from + length); return;
            case ABS: absInPlace(v, from, from + length); return;
            case HARD_TANH: hardTanhInPlace(v, from, from + length); return;
            case SILU: siluInPlace(v, from, from + length); return;
            default: throw new AssertionError(activation);
        }
    }

    /**
     * Applies {@code activation} with non-default parameters (see {@link Activation#apply(double, double[])}).
     * A path of its own so the default one, which most networks take, stays exactly as it was.
     */
    static void applyInPlace(Activation activation, double[] p, float[] v, int from, int length) {
        int end = from + length;
        switch (activation) {
            case LEAKY_RELU: leakyReluInPlace(v, from, end, (float) p[0]); return;
            case ELU: eluInPlace(v, from, end, (float) p[0]); return;
            case SOFTPLUS: softplusInPlace(v, from, end, (float) p[0]); return;
            case HARD_TANH: clampInPlace(v, from, end, (float) p[0], (float) p[1]); return;
            default: applyInPlace(activation, v, from, length);
        }
    }

    /** x for x > 0, slope x otherwise (any slope, so not the max trick of the default). */
    private static void leakyReluInPlace(float[] v, int from, int end, float slope) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            x.max(0f).add(x.min(0f).mul(slope)).intoArray(v, i);
        }
    }

    /** x for x > 0, alpha (e^x - 1) otherwise. */
    private static void eluInPlace(float[] v, int from, int end, float alpha) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            exp(x.min(0f)).sub(1f).mul(alpha).add(x.max(0f)).intoArray(v, i);
        }
    }

    /** softplus(beta x) / beta. */
    private static void softplusInPlace(float[] v, int from, int end, float beta) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            softplus(x.mul(beta)).div(beta).intoArray(v, i);
        }
    }

    /** hard-tanh over the range [lo, hi]. */
    private static void clampInPlace(float[] v, int from, int end, float lo, float hi) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            x.max(lo).min(hi).intoArray(v, i);
        }
    }

    // One small method per activation: C2 compiles each loop on its own, which keeps every vector in registers
    // (one method holding all thirteen loops grows past the compiler's limits and boxes vectors).
    private static void tanhInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            tanh(x).intoArray(v, i);
        }
    }

    private static void sigmoidInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            sigmoid(x).intoArray(v, i);
        }
    }

    private static void reluInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            x.max(0f).intoArray(v, i);
        }
    }

    private static void leakyReluInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            leakyRelu(x).intoArray(v, i);
        }
    }

    private static void eluInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            elu(x).intoArray(v, i);
        }
    }

    private static void softplusInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            softplus(x).intoArray(v, i);
        }
    }

    private static void sinInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            sin(x).intoArray(v, i);
        }
    }

    private static void cosInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            cos(x).intoArray(v, i);
        }
    }

    private static void gaussianInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            gaussian(x).intoArray(v, i);
        }
    }

    private static void absInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            x.abs().intoArray(v, i);
        }
    }

    private static void hardTanhInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            x.max(-1f).min(1f).intoArray(v, i);
        }
    }

    private static void siluInPlace(float[] v, int from, int end) {
        for (int i = from; i < end; i += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, v, i);
            silu(x).intoArray(v, i);
        }
    }

    // tanh: the [13/6] odd/even rational of Eigen's fast tanh, clamped where tanh rounds to +-1 in float.
    // Max abs error 3.5e-7 (at the clamp; below 1e-7 for |x| < 7).
    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float TA1 = 4.89352455891786e-03f;
    private static final float TA3 = 6.37261928875436e-04f;
    private static final float TA5 = 1.48572235717979e-05f;
    private static final float TA7 = 5.12229709037114e-08f;
    private static final float TA9 = -8.60467152213735e-11f;
    private static final float TA11 = 2.00018790482477e-13f;
    private static final float TA13 = -2.76076847742355e-16f;
    private static final float TB0 = 4.89352518554385e-03f;
    private static final float TB2 = 2.26843463243900e-03f;
    private static final float TB4 = 1.18534705686654e-04f;
    private static final float TB6 = 1.19825839466702e-06f;

    static FloatVector tanh(FloatVector x) {
        FloatVector c = x.max(-TANH_CLAMP).min(TANH_CLAMP);
        FloatVector c2 = c.mul(c);
        FloatVector p = c2.fma(TA13, TA11).fma(c2, bc(TA9)).fma(c2, bc(TA7)).fma(c2, bc(TA5))
                .fma(c2, bc(TA3)).fma(c2, bc(TA1)).mul(c);
        FloatVector q = c2.fma(TB6, TB4).fma(c2, bc(TB2)).fma(c2, bc(TB0));
        return p.div(q);
    }

    /** sigmoid(x) = (1 + tanh(x / 2)) / 2: max abs error 1.8e-7. */
    static FloatVector sigmoid(FloatVector x) {
        return tanh(x.mul(0.5f)).fma(0.5f, 0.5f);
    }

    /** max(x, 0.01 x): the slope is below one, so the larger of the two is the right branch. */
    static FloatVector leakyRelu(FloatVector x) {
        return x.max(x.mul((float) Activation.LEAKY_SLOPE));
    }

    // exp: x = n ln2 + r with |r| <= ln2/2 (ln2 split in two for an exact reduction), e^r by the degree-7
    // polynomial of Cephes' expf, 2^n built in the exponent bits. Inputs are clamped to [-87, 88] so 2^n stays a
    // normal float: results below e^-87 (1.6e-38) are returned as that, above e^88 as e^88. Max relative error
    // 2.4e-7.
    private static final float EXP_LO = -87f;
    private static final float EXP_HI = 88f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = 0x4B400000;
    private static final float E0 = 1.9875691500e-4f;
    private static final float E1 = 1.3981999507e-3f;
    private static final float E2 = 8.3334519073e-3f;
    private static final float E3 = 4.1665795894e-2f;
    private static final float E4 = 1.6666665459e-1f;
    private static final float E5 = 5.0000001201e-1f;

    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_LO).min(EXP_HI);
        FloatVector shifted = c.fma(LOG2E, ROUNDER);
        FloatVector n = shifted.sub(ROUNDER);
        FloatVector r = n.fma(bc(-LN2_LO), n.fma(bc(-LN2_HI), c));
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(E0, E1).fma(r, bc(E2)).fma(r, bc(E3)).fma(r, bc(E4)).fma(r, bc(E5))
                .fma(r2, r).add(1f);
        // 2^n: the low bits of shifted hold ROUNDER_BITS + n; move n + 127 into the exponent field.
        FloatVector twoToN = shifted.reinterpretAsInts()
                .add(127 - ROUNDER_BITS)
                .lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(twoToN);
    }

    /** x for x > 0, e^x - 1 otherwise: max abs error 1.2e-7 (e^x - 1 loses relative, not absolute, accuracy). */
    static FloatVector elu(FloatVector x) {
        return exp(x.min(0f)).sub(1f).add(x.max(0f));
    }

    /** e^(-x^2): max abs error 1.2e-7. */
    static FloatVector gaussian(FloatVector x) {
        return exp(x.mul(x).neg());
    }

    /** x sigmoid(x) = x / (1 + e^-x): max relative error 5e-7 (exp-based, so the tiny negative tail stays exact). */
    static FloatVector silu(FloatVector x) {
        // below -88 the result is below 1e-36 in size; clamping keeps the division from seeing e^88 clipped
        FloatVector c = x.max(EXP_LO);
        return c.div(exp(c.neg()).add(1f));
    }

    // softplus(x) = max(x, 0) + log1p(e^-|x|). log1p(u) on [0, 1] is a degree-8 near-minimax polynomial
    // u P(u) (error 3.2e-8). Max abs error 2.5e-7 for x <= 1, relative 2e-7 above.
    private static final float L1 = 9.999964235e-01f;
    private static final float L2 = -4.998740428e-01f;
    private static final float L3 = 3.317982373e-01f;
    private static final float L4 = -2.407306912e-01f;
    private static final float L5 = 1.676477194e-01f;
    private static final float L6 = -9.532233043e-02f;
    private static final float L7 = 3.608441959e-02f;
    private static final float L8 = -6.452586985e-03f;

    static FloatVector softplus(FloatVector x) {
        FloatVector u = exp(x.abs().neg());
        FloatVector log1p = u.fma(L8, L7).fma(u, bc(L6)).fma(u, bc(L5)).fma(u, bc(L4)).fma(u, bc(L3))
                .fma(u, bc(L2)).fma(u, bc(L1)).mul(u);
        return x.max(0f).add(log1p);
    }

    // sin and cos: x = q pi + r with q = round(x / pi) and |r| <= pi/2; pi is split in two floats and each
    // part subtracted with an fma, so r stays accurate while q is far below 2^22 (|x| up to about 10^6).
    // Then sin x = (-1)^q sin r and cos x = (-1)^q cos r, with near-minimax polynomials on [-pi/2, pi/2]
    // (sin: degree 11, error 4.6e-9; cos: degree 10, error 5.3e-8).
    // Max abs error 2.5e-7 over |x| <= 1000, against sin of the same float input.
    private static final float INV_PI = 0.318309886183790672f;
    /** Beyond this the two-part reduction loses accuracy; vectors holding such inputs take the library's path. */
    private static final float REDUCIBLE = 1e5f;
    private static final float PI_A = 3.141592741e+00f;
    private static final float PI_B = -8.742277657e-08f;
    private static final float S3 = -1.666665710e-01f;
    private static final float S5 = 8.333017299e-03f;
    private static final float S7 = -1.980661573e-04f;
    private static final float S9 = 2.600055889e-06f;
    private static final float C2 = -4.999999955e-01f;
    private static final float C4 = 4.166664073e-02f;
    private static final float C6 = -1.388840351e-03f;
    private static final float C8 = 2.476188633e-05f;
    private static final float C10 = -2.607710642e-07f;

    static FloatVector sin(FloatVector x) {
        VectorMask<Float> huge = x.abs().compare(VectorOperators.GT, REDUCIBLE);
        if (huge.anyTrue()) {
            return x.lanewise(VectorOperators.SIN); // the library's slow but exact reduction, for rare inputs
        }
        FloatVector shifted = x.fma(INV_PI, ROUNDER);
        FloatVector r = reduceByPi(x, shifted);
        FloatVector r2 = r.mul(r);
        FloatVector s = r2.fma(S9, S7).fma(r2, bc(S5)).fma(r2, bc(S3)).mul(r2).fma(r, r);
        return flipIfOdd(s, shifted);
    }

    static FloatVector cos(FloatVector x) {
        VectorMask<Float> huge = x.abs().compare(VectorOperators.GT, REDUCIBLE);
        if (huge.anyTrue()) {
            return x.lanewise(VectorOperators.COS);
        }
        FloatVector shifted = x.fma(INV_PI, ROUNDER);
        FloatVector r = reduceByPi(x, shifted);
        FloatVector r2 = r.mul(r);
        FloatVector c = r2.fma(C10, C8).fma(r2, bc(C6)).fma(r2, bc(C4)).fma(r2, bc(C2)).fma(r2, bc(1f));
        return flipIfOdd(c, shifted);
    }

    /** x - q pi where {@code shifted} = ROUNDER + q. */
    private static FloatVector reduceByPi(FloatVector x, FloatVector shifted) {
        FloatVector q = shifted.sub(ROUNDER);
        return q.fma(bc(-PI_B), q.fma(bc(-PI_A), x));
    }

    /** Negates v where the integer held in the low bits of {@code shifted} is odd. */
    private static FloatVector flipIfOdd(FloatVector v, FloatVector shifted) {
        IntVector sign = shifted.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31);
        return v.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    }

    private static FloatVector bc(float c) {
        return FloatVector.broadcast(SPECIES, c);
    }
}
