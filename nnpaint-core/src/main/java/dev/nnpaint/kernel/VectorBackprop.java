package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The backward products of {@link Backprop} with the Vector API: register blocks of 4 x 4 so that each loaded
 * vector feeds four multiply-adds. dIn keeps samples along the lanes (inputs x sample-vectors), with the activation
 * derivative applied to each row after. dW of a layer of 16 or more units takes its columns along the lanes, from
 * a samples-major copy of the input a panel at a time (units x column-vectors, summed over every sample in
 * registers); narrower layers and leftover columns take dot products along the samples (units x inputs, each ending
 * in a horizontal sum). Loaded by name through {@link Backprops}, only when the {@code jdk.incubator.vector} module
 * is present.
 */
final class VectorBackprop implements Backprop {

    static final VectorBackprop INSTANCE = new VectorBackprop();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorBackprop() {
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
    public boolean needsPreActivation(Activation activation) {
        switch (activation) {
            case IDENTITY:
            case RELU:
            case LEAKY_RELU:
            case SIGMOID:
            case TANH:
            case ELU:
            case HARD_TANH:
                return false;
            default:
                return true;
        }
    }

    // ---- dW = delta . in^T, dB = delta . 1 ----

    /**
     * Batches of at least this many samples take dW from a transposed copy of the input (see below); smaller ones,
     * where the copy would not pay, take dot products along the samples.
     */
    static final int TRANSPOSE_FROM = 64;

    /** Layers with fewer units than this take the dot products: the copy of the input costs more than it saves. */
    static final int TRANSPOSE_UNITS = 16;

    /**
     * A thread's buffers for the copy, kept between calls (the trainers call once a layer a block and allocate
     * nothing a step); the copy is remade only for a larger batch.
     */
    private static final ThreadLocal<Panel> PANELS = ThreadLocal.withInitial(Panel::new);

    /** One panel of the input, samples by columns, and the gather's offsets of L input rows of n samples. */
    private static final class Panel {
        float[] t = new float[0];
        final int[] rows = new int[L];
        int n = -1;

        /** Ready for batches of n samples. */
        Panel sizedFor(int samples) {
            if (t.length < 4 * L * samples) {
                t = new float[4 * L * samples];
            }
            if (n != samples) {
                n = samples;
                for (int k = 0; k < L; k++) {
                    rows[k] = k * samples;
                }
            }
            return this;
        }
    }

    @Override
    public void parameterGradients(float[] delta, float[] in, int outputs, int inputs, int n, float[] dW,
                                   float[] dB) {
        // Columns in whole panels of four vectors come from the transposed input: dW's row segments accumulate in
        // registers over every sample and are stored once, where the dot products below end each 4 x 4 block with
        // sixteen horizontal sums. The columns left over take the dot products (narrower panels lost time to the
        // copy: 2-25-50-50-25-1 trained at half speed).
        int panel = 4 * L;
        int wide = n >= TRANSPOSE_FROM && outputs >= TRANSPOSE_UNITS ? inputs / panel * panel : 0;
        if (wide > 0) {
            transposedGradients(delta, in, outputs, inputs, n, wide, dW);
        }
        int o = 0;
        for (; o + 4 <= outputs; o += 4) {
            int j = wide;
            for (; j + 4 <= inputs; j += 4) {
                dw4x4(delta, in, o, j, inputs, n, dW);
            }
            for (; j < inputs; j++) {
                dw4x1(delta, in, o, j, inputs, n, dW);
            }
        }
        for (; o < outputs; o++) {
            int j = wide;
            for (; j + 4 <= inputs; j += 4) {
                dw1x4(delta, in, o, j, inputs, n, dW);
            }
            for (; j < inputs; j++) {
                dw1x1(delta, in, o, j, inputs, n, dW);
            }
        }
        if (dB != null) {
            for (int u = 0; u < outputs; u++) {
                FloatVector s = FloatVector.zero(S);
                for (int p = 0; p < n; p += L) {
                    s = s.add(FloatVector.fromArray(S, delta, u * n + p));
                }
                dB[u] = s.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    // ---- dW from the transposed input: columns along the lanes ----

    /**
     * dW's columns 0 .. wide (a multiple of four vectors), panel by panel of four vectors of columns: the
     * panel's input is copied samples-major ({@code t[p * cols + c]}, small enough to stay in the core's cache
     * while every unit reads it), then each unit's row segment is the sum over samples of {@code delta[o][p]}
     * times row p of the copy.
     */
    private static void transposedGradients(float[] delta, float[] in, int outputs, int inputs, int n, int wide,
                                            float[] dW) {
        int panel = 4 * L;
        Panel buffers = PANELS.get().sizedFor(n);
        float[] t = buffers.t;
        for (int j0 = 0; j0 < wide; j0 += panel) {
            transpose(in, j0, panel, n, buffers.rows, t);
            int o = 0;
            for (; o + 4 <= outputs; o += 4) {
                dwt4x4(delta, t, o, j0, inputs, n, dW);
            }
            for (; o < outputs; o++) {
                for (int c = 0; c < panel; c += L) {
                    dwt1x1(delta, t, o, c, panel, j0, inputs, n, dW);
                }
            }
        }
    }

    /**
     * {@code t[p * cols + c] = in[(j0 + c) * n + p]}: each vector of a row of t gathered from L rows of the input
     * at one sample (faster on JDK 17 and 25 than a cache-blocked scalar copy, whose strided stores stall).
     */
    private static void transpose(float[] in, int j0, int cols, int n, int[] rows, float[] t) {
        for (int c = 0; c < cols; c += L) {
            int base = (j0 + c) * n;
            for (int p = 0; p < n; p++) {
                FloatVector.fromArray(S, in, base + p, rows, 0).intoArray(t, p * cols + c);
            }
        }
    }

    /** Units o..o+3 by the panel's four column vectors: sixteen accumulators over every sample. */
    private static void dwt4x4(float[] delta, float[] t, int o, int j0, int inputs, int n, float[] dW) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int d0 = o * n, d1 = d0 + n, d2 = d1 + n, d3 = d2 + n;
        int cols = 4 * L;
        for (int p = 0; p < n; p++) {
            int r = p * cols;
            FloatVector x0 = FloatVector.fromArray(S, t, r);
            FloatVector x1 = FloatVector.fromArray(S, t, r + L);
            FloatVector x2 = FloatVector.fromArray(S, t, r + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, t, r + 3 * L);
            FloatVector e = FloatVector.broadcast(S, delta[d0 + p]);
            c00 = x0.fma(e, c00);
            c01 = x1.fma(e, c01);
            c02 = x2.fma(e, c02);
            c03 = x3.fma(e, c03);
            e = FloatVector.broadcast(S, delta[d1 + p]);
            c10 = x0.fma(e, c10);
            c11 = x1.fma(e, c11);
            c12 = x2.fma(e, c12);
            c13 = x3.fma(e, c13);
            e = FloatVector.broadcast(S, delta[d2 + p]);
            c20 = x0.fma(e, c20);
            c21 = x1.fma(e, c21);
            c22 = x2.fma(e, c22);
            c23 = x3.fma(e, c23);
            e = FloatVector.broadcast(S, delta[d3 + p]);
            c30 = x0.fma(e, c30);
            c31 = x1.fma(e, c31);
            c32 = x2.fma(e, c32);
            c33 = x3.fma(e, c33);
        }
        int w = o * inputs + j0;
        storeRow(dW, w, c00, c01, c02, c03);
        storeRow(dW, w + inputs, c10, c11, c12, c13);
        storeRow(dW, w + 2 * inputs, c20, c21, c22, c23);
        storeRow(dW, w + 3 * inputs, c30, c31, c32, c33);
    }

    /** One unit by one column vector of the panel: four accumulators over the samples, added at the end. */
    private static void dwt1x1(float[] delta, float[] t, int o, int c, int cols, int j0, int inputs, int n,
                               float[] dW) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int d = o * n;
        int p = 0;
        for (; p + 4 <= n; p += 4) {
            int r = p * cols + c;
            a0 = FloatVector.fromArray(S, t, r).fma(FloatVector.broadcast(S, delta[d + p]), a0);
            a1 = FloatVector.fromArray(S, t, r + cols).fma(FloatVector.broadcast(S, delta[d + p + 1]), a1);
            a2 = FloatVector.fromArray(S, t, r + 2 * cols).fma(FloatVector.broadcast(S, delta[d + p + 2]), a2);
            a3 = FloatVector.fromArray(S, t, r + 3 * cols).fma(FloatVector.broadcast(S, delta[d + p + 3]), a3);
        }
        for (; p < n; p++) {
            a0 = FloatVector.fromArray(S, t, p * cols + c).fma(FloatVector.broadcast(S, delta[d + p]), a0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(dW, o * inputs + j0 + c);
    }

    // ---- dW by dot products along the samples ----

    /** Sixteen dot products over the batch: rows o..o+3 of delta against rows j..j+3 of in. */
    private static void dw4x4(float[] delta, float[] in, int o, int j, int inputs, int n, float[] dW) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int d0 = o * n, d1 = d0 + n, d2 = d1 + n, d3 = d2 + n;
        int a0 = j * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        for (int p = 0; p < n; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, in, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, in, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, in, a2 + p);
            FloatVector x3 = FloatVector.fromArray(S, in, a3 + p);
            FloatVector e = FloatVector.fromArray(S, delta, d0 + p);
            c00 = e.fma(x0, c00);
            c01 = e.fma(x1, c01);
            c02 = e.fma(x2, c02);
            c03 = e.fma(x3, c03);
            e = FloatVector.fromArray(S, delta, d1 + p);
            c10 = e.fma(x0, c10);
            c11 = e.fma(x1, c11);
            c12 = e.fma(x2, c12);
            c13 = e.fma(x3, c13);
            e = FloatVector.fromArray(S, delta, d2 + p);
            c20 = e.fma(x0, c20);
            c21 = e.fma(x1, c21);
            c22 = e.fma(x2, c22);
            c23 = e.fma(x3, c23);
            e = FloatVector.fromArray(S, delta, d3 + p);
            c30 = e.fma(x0, c30);
            c31 = e.fma(x1, c31);
            c32 = e.fma(x2, c32);
            c33 = e.fma(x3, c33);
        }
        int w = o * inputs + j;
        store4(dW, w, c00, c01, c02, c03);
        store4(dW, w + inputs, c10, c11, c12, c13);
        store4(dW, w + 2 * inputs, c20, c21, c22, c23);
        store4(dW, w + 3 * inputs, c30, c31, c32, c33);
    }

    private static void store4(float[] dW, int at, FloatVector a, FloatVector b, FloatVector c, FloatVector d) {
        dW[at] = a.reduceLanes(VectorOperators.ADD);
        dW[at + 1] = b.reduceLanes(VectorOperators.ADD);
        dW[at + 2] = c.reduceLanes(VectorOperators.ADD);
        dW[at + 3] = d.reduceLanes(VectorOperators.ADD);
    }

    private static void dw4x1(float[] delta, float[] in, int o, int j, int inputs, int n, float[] dW) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int d0 = o * n, d1 = d0 + n, d2 = d1 + n, d3 = d2 + n;
        int a0 = j * n;
        for (int p = 0; p < n; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, in, a0 + p);
            c0 = FloatVector.fromArray(S, delta, d0 + p).fma(x0, c0);
            c1 = FloatVector.fromArray(S, delta, d1 + p).fma(x0, c1);
            c2 = FloatVector.fromArray(S, delta, d2 + p).fma(x0, c2);
            c3 = FloatVector.fromArray(S, delta, d3 + p).fma(x0, c3);
        }
        int w = o * inputs + j;
        dW[w] = c0.reduceLanes(VectorOperators.ADD);
        dW[w + inputs] = c1.reduceLanes(VectorOperators.ADD);
        dW[w + 2 * inputs] = c2.reduceLanes(VectorOperators.ADD);
        dW[w + 3 * inputs] = c3.reduceLanes(VectorOperators.ADD);
    }

    private static void dw1x4(float[] delta, float[] in, int o, int j, int inputs, int n, float[] dW) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        int d0 = o * n;
        int a0 = j * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
        for (int p = 0; p < n; p += L) {
            FloatVector e = FloatVector.fromArray(S, delta, d0 + p);
            c0 = e.fma(FloatVector.fromArray(S, in, a0 + p), c0);
            c1 = e.fma(FloatVector.fromArray(S, in, a1 + p), c1);
            c2 = e.fma(FloatVector.fromArray(S, in, a2 + p), c2);
            c3 = e.fma(FloatVector.fromArray(S, in, a3 + p), c3);
        }
        store4(dW, o * inputs + j, c0, c1, c2, c3);
    }

    private static void dw1x1(float[] delta, float[] in, int o, int j, int inputs, int n, float[] dW) {
        FloatVector c = FloatVector.zero(S);
        for (int p = 0; p < n; p += L) {
            c = FloatVector.fromArray(S, delta, o * n + p).fma(FloatVector.fromArray(S, in, j * n + p), c);
        }
        dW[o * inputs + j] = c.reduceLanes(VectorOperators.ADD);
    }

    // ---- dIn = (W^T . delta) * act'(z) ----

    @Override
    public void inputGradient(Layer layer, float[] delta, Activation[] below, float[] belowPre, float[] belowOut,
                              float[] dIn, int n) {
        int inputs = layer.inputs();
        int outputs = layer.outputs();
        float[] w = layer.weights();
        int block = 4 * L;
        int j = 0;
        for (; j + 4 <= inputs; j += 4) {
            int p = 0;
            for (; p + block <= n; p += block) {
                di4x4(w, delta, j, p, inputs, outputs, n, dIn);
            }
            for (; p < n; p += L) {
                di4x1(w, delta, j, p, inputs, outputs, n, dIn);
            }
        }
        for (; j < inputs; j++) {
            int p = 0;
            for (; p + block <= n; p += block) {
                di1x4(w, delta, j, p, inputs, outputs, n, dIn);
            }
            for (; p < n; p += L) {
                di1x1(w, delta, j, p, inputs, outputs, n, dIn);
            }
        }
        for (int r = 0; r < inputs; r++) {
            applyDerivative(below[r], dIn, belowPre, belowOut, r * n, n);
        }
    }

    /** dIn rows j..j+3, samples p..p+4L: sums over the units o of W[o][j] * delta[o][p]. */
    private static void di4x4(float[] w, float[] delta, int j, int p, int inputs, int outputs, int n,
                              float[] dIn) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (int o = 0; o < outputs; o++) {
            int d = o * n + p;
            FloatVector e0 = FloatVector.fromArray(S, delta, d);
            FloatVector e1 = FloatVector.fromArray(S, delta, d + L);
            FloatVector e2 = FloatVector.fromArray(S, delta, d + 2 * L);
            FloatVector e3 = FloatVector.fromArray(S, delta, d + 3 * L);
            int wr = o * inputs + j;
            FloatVector v = FloatVector.broadcast(S, w[wr]);
            c00 = e0.fma(v, c00);
            c01 = e1.fma(v, c01);
            c02 = e2.fma(v, c02);
            c03 = e3.fma(v, c03);
            v = FloatVector.broadcast(S, w[wr + 1]);
            c10 = e0.fma(v, c10);
            c11 = e1.fma(v, c11);
            c12 = e2.fma(v, c12);
            c13 = e3.fma(v, c13);
            v = FloatVector.broadcast(S, w[wr + 2]);
            c20 = e0.fma(v, c20);
            c21 = e1.fma(v, c21);
            c22 = e2.fma(v, c22);
            c23 = e3.fma(v, c23);
            v = FloatVector.broadcast(S, w[wr + 3]);
            c30 = e0.fma(v, c30);
            c31 = e1.fma(v, c31);
            c32 = e2.fma(v, c32);
            c33 = e3.fma(v, c33);
        }
        int r0 = j * n + p;
        storeRow(dIn, r0, c00, c01, c02, c03);
        storeRow(dIn, r0 + n, c10, c11, c12, c13);
        storeRow(dIn, r0 + 2 * n, c20, c21, c22, c23);
        storeRow(dIn, r0 + 3 * n, c30, c31, c32, c33);
    }

    private static void storeRow(float[] out, int at, FloatVector a, FloatVector b, FloatVector c, FloatVector d) {
        a.intoArray(out, at);
        b.intoArray(out, at + L);
        c.intoArray(out, at + 2 * L);
        d.intoArray(out, at + 3 * L);
    }

    private static void di4x1(float[] w, float[] delta, int j, int p, int inputs, int outputs, int n,
                              float[] dIn) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int o = 0; o < outputs; o++) {
            FloatVector e = FloatVector.fromArray(S, delta, o * n + p);
            int wr = o * inputs + j;
            c0 = e.fma(FloatVector.broadcast(S, w[wr]), c0);
            c1 = e.fma(FloatVector.broadcast(S, w[wr + 1]), c1);
            c2 = e.fma(FloatVector.broadcast(S, w[wr + 2]), c2);
            c3 = e.fma(FloatVector.broadcast(S, w[wr + 3]), c3);
        }
        int r0 = j * n + p;
        c0.intoArray(dIn, r0);
        c1.intoArray(dIn, r0 + n);
        c2.intoArray(dIn, r0 + 2 * n);
        c3.intoArray(dIn, r0 + 3 * n);
    }

    /** One row of dIn over four sample vectors: four independent sums, so the fmas do not wait on each other. */
    private static void di1x4(float[] w, float[] delta, int j, int p, int inputs, int outputs, int n,
                              float[] dIn) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
        for (int o = 0; o < outputs; o++) {
            int d = o * n + p;
            FloatVector v = FloatVector.broadcast(S, w[o * inputs + j]);
            c0 = FloatVector.fromArray(S, delta, d).fma(v, c0);
            c1 = FloatVector.fromArray(S, delta, d + L).fma(v, c1);
            c2 = FloatVector.fromArray(S, delta, d + 2 * L).fma(v, c2);
            c3 = FloatVector.fromArray(S, delta, d + 3 * L).fma(v, c3);
        }
        storeRow(dIn, j * n + p, c0, c1, c2, c3);
    }

    private static void di1x1(float[] w, float[] delta, int j, int p, int inputs, int outputs, int n,
                              float[] dIn) {
        FloatVector c = FloatVector.zero(S);
        for (int o = 0; o < outputs; o++) {
            c = FloatVector.fromArray(S, delta, o * n + p).fma(FloatVector.broadcast(S, w[o * inputs + j]), c);
        }
        c.intoArray(dIn, j * n + p);
    }

    /**
     * Multiplies row {@code dIn[at .. at+n)} by the activation's derivative. The common activations take it
     * from the unit's output; the rest use the pre-activation and the exact reference derivative. One small
     * method per activation, so that C2 keeps each loop's vectors in registers.
     */
    private static void applyDerivative(Activation act, float[] dIn, float[] pre, float[] out, int at, int n) {
        switch (act) {
            case IDENTITY: return;
            case RELU: reluDerivative(dIn, out, at, at + n); return;
            case LEAKY_RELU: leakyReluDerivative(dIn, out, at, at + n); return;
            case SIGMOID: sigmoidDerivative(dIn, out, at, at + n); return;
            case TANH: tanhDerivative(dIn, out, at, at + n); return;
            case ELU: eluDerivative(dIn, out, at, at + n); return;
            case HARD_TANH: hardTanhDerivative(dIn, out, at, at + n); return;
            case SIN: sinDerivative(dIn, pre, at, at + n); return;
            case COS: cosDerivative(dIn, pre, at, at + n); return;
            default:
                for (int p = at; p < at + n; p++) {
                    dIn[p] = (float) (dIn[p] * act.derivative(pre[p]));
                }
        }
    }

    /** sin'(z) = cos z, from the pre-activation (SIREN's layers, whose omega0 is folded into z). */
    private static void sinDerivative(float[] g, float[] pre, int from, int end) {
        for (int p = from; p < end; p += L) {
            FloatVector z = FloatVector.fromArray(S, pre, p);
            FloatVector.fromArray(S, g, p).mul(FastActivations.cos(z)).intoArray(g, p);
        }
    }

    /** cos'(z) = -sin z, from the pre-activation. */
    private static void cosDerivative(float[] g, float[] pre, int from, int end) {
        for (int p = from; p < end; p += L) {
            FloatVector z = FloatVector.fromArray(S, pre, p);
            FloatVector.fromArray(S, g, p).mul(FastActivations.sin(z).neg()).intoArray(g, p);
        }
    }

    /** relu'(z) = 1 where out > 0, else 0. */
    private static void reluDerivative(float[] g, float[] out, int from, int end) {
        for (int p = from; p < end; p += L) {
            VectorMask<Float> off = FloatVector.fromArray(S, out, p).compare(VectorOperators.LE, 0f);
            FloatVector.fromArray(S, g, p).blend(0f, off).intoArray(g, p);
        }
    }

    private static void leakyReluDerivative(float[] g, float[] out, int from, int end) {
        float slope = (float) Activation.LEAKY_SLOPE;
        for (int p = from; p < end; p += L) {
            FloatVector v = FloatVector.fromArray(S, g, p);
            VectorMask<Float> off = FloatVector.fromArray(S, out, p).compare(VectorOperators.LE, 0f);
            v.blend(v.mul(slope), off).intoArray(g, p);
        }
    }

    /** sigmoid' = s (1 - s), from the output s. */
    private static void sigmoidDerivative(float[] g, float[] out, int from, int end) {
        for (int p = from; p < end; p += L) {
            FloatVector s = FloatVector.fromArray(S, out, p);
            FloatVector.fromArray(S, g, p).mul(s.sub(s.mul(s))).intoArray(g, p);
        }
    }

    /** tanh' = 1 - t^2, from the output t. */
    private static void tanhDerivative(float[] g, float[] out, int from, int end) {
        for (int p = from; p < end; p += L) {
            FloatVector t = FloatVector.fromArray(S, out, p);
            FloatVector v = FloatVector.fromArray(S, g, p);
            v.sub(v.mul(t.mul(t))).intoArray(g, p);
        }
    }

    /** elu'(z) = 1 for z > 0, e^z = out + 1 otherwise. */
    private static void eluDerivative(float[] g, float[] out, int from, int end) {
        for (int p = from; p < end; p += L) {
            FloatVector y = FloatVector.fromArray(S, out, p);
            FloatVector v = FloatVector.fromArray(S, g, p);
            v.blend(v.mul(y.add(1f)), y.compare(VectorOperators.LE, 0f)).intoArray(g, p);
        }
    }

    /** hard-tanh'(z) = 1 inside (-1, 1), where the output is not clamped; 0 outside. */
    private static void hardTanhDerivative(float[] g, float[] out, int from, int end) {
        for (int p = from; p < end; p += L) {
            FloatVector y = FloatVector.fromArray(S, out, p);
            FloatVector.fromArray(S, g, p).blend(0f, y.abs().compare(VectorOperators.GE, 1f)).intoArray(g, p);
        }
    }
}
