package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel: the Vector API with samples along the lanes (layout in {@link Kernel}).
 *
 * <p>A micro-kernel computes a block of 4 output units x 4 vectors of samples in 16 registers: for each input j
 * it loads 4 vectors of {@code in[j]}, broadcasts the 4 units' weights and does 16 fmas. The block is stored
 * and its activation applied while it is still in L1. Tails (fewer units or vectors) use smaller blocks.
 *
 * <p>Every sample gets the same arithmetic wherever it sits in the batch: its sum starts at the bias and adds
 * {@code W[o][j] * in[j]} with one fma per j in increasing j, and the activation is lane-wise. So results are
 * identical, bit for bit, across batch sizes, tile sizes and thread counts.
 */
public final class VectorKernel implements Kernel {

    public static final VectorKernel INSTANCE = new VectorKernel();

    private static final VectorSpecies<Float> S = FastActivations.SPECIES;
    private static final int L = S.length();

    private VectorKernel() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void dense(Layer layer, float[] in, float[] out, float[] pre, int n) {
        int k = layer.inputs();
        int m = layer.outputs();
        if (n % L != 0 || in.length < k * n || out.length < m * n || (pre != null && pre.length < m * n)) {
            throw new IllegalArgumentException("batch of " + n + " does not fit lanes " + L + " or the arrays");
        }
        float[] w = layer.weights();
        float[] bias = layer.bias();
        Activation[] acts = layer.activations();
        double[][] params = layer.parameters();
        int wide = 4 * L;
        int p = 0;
        for (; p + wide <= n; p += wide) {
            int o = 0;
            for (; o + 4 <= m; o += 4) {
                rows4x4(w, bias, k, in, out, pre, n, o, p);
                activate(acts, params, out, n, o, 4, p, wide);
            }
            for (; o < m; o++) {
                rows1x4(w, bias, k, in, out, pre, n, o, p);
                activate(acts, params, out, n, o, 1, p, wide);
            }
        }
        for (; p < n; p += L) {
            int o = 0;
            for (; o + 4 <= m; o += 4) {
                rows4x1(w, bias, k, in, out, pre, n, o, p);
                activate(acts, params, out, n, o, 4, p, L);
            }
            for (; o < m; o++) {
                rows1x1(w, bias, k, in, out, pre, n, o, p);
                activate(acts, params, out, n, o, 1, p, L);
            }
        }
    }

    /** Stores one vector of sums: to {@code pre} if wanted, and to {@code out} for the activation to rewrite. */
    private static void put(FloatVector sum, float[] out, float[] pre, int at) {
        if (pre != null) {
            sum.intoArray(pre, at);
        }
        sum.intoArray(out, at);
    }

    /**
     * Applies each unit's activation to a block just stored, while it is still in L1. A separate pass rather than
     * in registers: with the activation's math inlined sixteen times, the micro-kernel outgrows what C2 keeps in
     * registers, and it ran three times slower.
     */
    private static void activate(Activation[] acts, double[][] params, float[] out, int n, int o, int rows, int p,
                                 int width) {
        for (int r = o; r < o + rows; r++) {
            if (params == null || params[r] == null) {
                FastActivations.applyInPlace(acts[r], out, r * n + p, width);
            } else {
                FastActivations.applyInPlace(acts[r], params[r], out, r * n + p, width);
            }
        }
    }

    private static float biasOf(float[] bias, int o) {
        return bias == null ? 0f : bias[o];
    }

    private static void rows4x4(float[] w, float[] bias, int k, float[] in, float[] out, float[] pre, int n,
                                int o, int p) {
        FloatVector b0 = FloatVector.broadcast(S, biasOf(bias, o));
        FloatVector b1 = FloatVector.broadcast(S, biasOf(bias, o + 1));
        FloatVector b2 = FloatVector.broadcast(S, biasOf(bias, o + 2));
        FloatVector b3 = FloatVector.broadcast(S, biasOf(bias, o + 3));
        FloatVector a00 = b0, a01 = b0, a02 = b0, a03 = b0;
        FloatVector a10 = b1, a11 = b1, a12 = b1, a13 = b1;
        FloatVector a20 = b2, a21 = b2, a22 = b2, a23 = b2;
        FloatVector a30 = b3, a31 = b3, a32 = b3, a33 = b3;
        int w0 = o * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        for (int j = 0, x = p; j < k; j++, x += n) {
            FloatVector x0 = FloatVector.fromArray(S, in, x);
            FloatVector x1 = FloatVector.fromArray(S, in, x + L);
            FloatVector x2 = FloatVector.fromArray(S, in, x + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, in, x + 3 * L);
            FloatVector c = FloatVector.broadcast(S, w[w0 + j]);
            a00 = x0.fma(c, a00);
            a01 = x1.fma(c, a01);
            a02 = x2.fma(c, a02);
            a03 = x3.fma(c, a03);
            c = FloatVector.broadcast(S, w[w1 + j]);
            a10 = x0.fma(c, a10);
            a11 = x1.fma(c, a11);
            a12 = x2.fma(c, a12);
            a13 = x3.fma(c, a13);
            c = FloatVector.broadcast(S, w[w2 + j]);
            a20 = x0.fma(c, a20);
            a21 = x1.fma(c, a21);
            a22 = x2.fma(c, a22);
            a23 = x3.fma(c, a23);
            c = FloatVector.broadcast(S, w[w3 + j]);
            a30 = x0.fma(c, a30);
            a31 = x1.fma(c, a31);
            a32 = x2.fma(c, a32);
            a33 = x3.fma(c, a33);
        }
        int y = o * n + p;
        put(a00, out, pre, y);
        put(a01, out, pre, y + L);
        put(a02, out, pre, y + 2 * L);
        put(a03, out, pre, y + 3 * L);
        y += n;
        put(a10, out, pre, y);
        put(a11, out, pre, y + L);
        put(a12, out, pre, y + 2 * L);
        put(a13, out, pre, y + 3 * L);
        y += n;
        put(a20, out, pre, y);
        put(a21, out, pre, y + L);
        put(a22, out, pre, y + 2 * L);
        put(a23, out, pre, y + 3 * L);
        y += n;
        put(a30, out, pre, y);
        put(a31, out, pre, y + L);
        put(a32, out, pre, y + 2 * L);
        put(a33, out, pre, y + 3 * L);
    }

    private static void rows1x4(float[] w, float[] bias, int k, float[] in, float[] out, float[] pre, int n,
                                int o, int p) {
        FloatVector b0 = FloatVector.broadcast(S, biasOf(bias, o));
        FloatVector a00 = b0, a01 = b0, a02 = b0, a03 = b0;
        int w0 = o * k;
        for (int j = 0, x = p; j < k; j++, x += n) {
            FloatVector c = FloatVector.broadcast(S, w[w0 + j]);
            a00 = FloatVector.fromArray(S, in, x).fma(c, a00);
            a01 = FloatVector.fromArray(S, in, x + L).fma(c, a01);
            a02 = FloatVector.fromArray(S, in, x + 2 * L).fma(c, a02);
            a03 = FloatVector.fromArray(S, in, x + 3 * L).fma(c, a03);
        }
        int y = o * n + p;
        put(a00, out, pre, y);
        put(a01, out, pre, y + L);
        put(a02, out, pre, y + 2 * L);
        put(a03, out, pre, y + 3 * L);
    }

    private static void rows4x1(float[] w, float[] bias, int k, float[] in, float[] out, float[] pre, int n,
                                int o, int p) {
        FloatVector a0 = FloatVector.broadcast(S, biasOf(bias, o));
        FloatVector a1 = FloatVector.broadcast(S, biasOf(bias, o + 1));
        FloatVector a2 = FloatVector.broadcast(S, biasOf(bias, o + 2));
        FloatVector a3 = FloatVector.broadcast(S, biasOf(bias, o + 3));
        int w0 = o * k;
        int w1 = w0 + k;
        int w2 = w1 + k;
        int w3 = w2 + k;
        for (int j = 0, x = p; j < k; j++, x += n) {
            FloatVector x0 = FloatVector.fromArray(S, in, x);
            a0 = x0.fma(FloatVector.broadcast(S, w[w0 + j]), a0);
            a1 = x0.fma(FloatVector.broadcast(S, w[w1 + j]), a1);
            a2 = x0.fma(FloatVector.broadcast(S, w[w2 + j]), a2);
            a3 = x0.fma(FloatVector.broadcast(S, w[w3 + j]), a3);
        }
        int y = o * n + p;
        put(a0, out, pre, y);
        put(a1, out, pre, y + n);
        put(a2, out, pre, y + 2 * n);
        put(a3, out, pre, y + 3 * n);
    }

    private static void rows1x1(float[] w, float[] bias, int k, float[] in, float[] out, float[] pre, int n,
                                int o, int p) {
        FloatVector a0 = FloatVector.broadcast(S, biasOf(bias, o));
        int w0 = o * k;
        for (int j = 0, x = p; j < k; j++, x += n) {
            a0 = FloatVector.fromArray(S, in, x).fma(FloatVector.broadcast(S, w[w0 + j]), a0);
        }
        put(a0, out, pre, o * n + p);
    }
}
