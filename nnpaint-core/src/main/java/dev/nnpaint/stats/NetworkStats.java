package dev.nnpaint.stats;

import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.theory.MeanField;
import dev.nnpaint.theory.Saturation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Statistics of one network measured over pixels: per layer (hidden layers first, the output layer last) the
 * mean squared pre-activation q, the fraction of saturated units ({@link Saturation}), the decorrelation 1 - c of
 * neighbouring pixels and the length of a closed curve's image; for the output, its standard deviation over the
 * pixels and the correlation of neighbouring pixels; for piecewise-linear networks, the number of distinct
 * activation patterns (linear regions) among the pixels.
 *
 * @param layers             one entry per layer, the output layer last
 * @param inputCurveLength   length of the curve in input-feature space
 * @param outputStd          standard deviation over the pixels of each output
 * @param outputNeighbourCorrelation 1 - E[(o - o')^2] / (2 var o) over outputs, pixels o and neighbours o'
 *                           (1 for a constant output)
 * @param activationPatterns distinct hidden activation patterns among the pixels, or -1 when a hidden activation
 *                           is not piecewise linear
 * @param pixels             the number of pixels measured
 */
public record NetworkStats(List<LayerStats> layers, double inputCurveLength, double[] outputStd,
                           double outputNeighbourCorrelation, long activationPatterns, int pixels) {

    public NetworkStats {
        layers = List.copyOf(layers);
        outputStd = outputStd.clone();
    }

    /**
     * @param units                    units in the layer
     * @param meanSquaredPreActivation q: the mean over units and pixels of h^2
     * @param saturatedFraction        the share of (unit, pixel) pairs saturated
     * @param neighbourDecorrelation   1 - c for a pixel and its neighbour, c the cosine of their pre-activation
     *                                 vectors, averaged over the pixels
     * @param curveLength              length of the curve's image in the layer's outputs (after the activation)
     */
    public record LayerStats(int units, double meanSquaredPreActivation, double saturatedFraction,
                             double neighbourDecorrelation, double curveLength) {
    }

    /** Root mean square of the per-output standard deviations: how much the picture varies. */
    public double outputVariation() {
        double s = 0;
        for (double v : outputStd) {
            s += v * v;
        }
        return Math.sqrt(s / outputStd.length);
    }

    private static final Set<Activation> PIECEWISE_LINEAR = EnumSet.of(Activation.RELU, Activation.LEAKY_RELU,
            Activation.ABS, Activation.HARD_TANH, Activation.IDENTITY);
    private static final int CHUNK = 2048;

    /** Measures {@code model} on the pixel pairs and on the closed curve {@code curve} (input feature vectors). */
    public static NetworkStats measure(Model model, PixelPairs pairs, double[][] curve, Kernel kernel) {
        int depth = model.layers().size();
        int outputs = model.outputCount();
        double[] sumSquares = new double[depth];
        long[] saturated = new long[depth];
        double[] decorrelation = new double[depth];
        double[] outSum = new double[outputs];
        double[] outSumSquares = new double[outputs];
        double outNeighbourSquares = 0;
        boolean piecewise = isPiecewiseLinear(model);
        Set<Pattern> patterns = new HashSet<>();

        int total = pairs.count();
        int width = model.maxWidth();
        int capacity = pad(2 * Math.min(CHUNK, total), kernel);
        float[] a = new float[width * capacity];
        float[] b = new float[width * capacity];
        float[] pre = new float[width * capacity];
        long[] hashA = new long[CHUNK];
        long[] hashB = new long[CHUNK];
        for (int start = 0; start < total; start += CHUNK) {
            int c = Math.min(CHUNK, total - start);
            int n = pad(2 * c, kernel);
            // samples 0..c-1 are the pixels, c..2c-1 their neighbours, the rest padding
            load(pairs.pixels(), pairs.neighbours(), start, c, model.inputCount(), a, n);
            java.util.Arrays.fill(hashA, 0, c, 1);
            java.util.Arrays.fill(hashB, 0, c, 7);
            float[] in = a;
            float[] out = b;
            if (model.encodesInputs()) {
                model.encode(a, b, n);
                in = b;
                out = a;
            }
            for (int k = 0; k < depth; k++) {
                Layer layer = model.layers().get(k);
                kernel.dense(layer, in, out, pre, n);
                int m = layer.outputs();
                for (int p = 0; p < c; p++) {
                    double q1 = 0;
                    double q2 = 0;
                    double d = 0;
                    for (int o = 0; o < m; o++) {
                        double h1 = pre[o * n + p];
                        double h2 = pre[o * n + c + p];
                        q1 += h1 * h1;
                        q2 += h2 * h2;
                        d += (h1 - h2) * (h1 - h2);
                        Activation act = layer.activations()[o];
                        if (Saturation.isSaturated(act, h1)) {
                            saturated[k]++;
                        }
                        if (piecewise && k < depth - 1) {
                            int state = state(act, h1);
                            hashA[p] = hashA[p] * 0x9E3779B97F4A7C15L + state + 1;
                            hashB[p] = hashB[p] * 1_000_003L + 3 * state + 11;
                        }
                    }
                    sumSquares[k] += q1 / m;
                    decorrelation[k] += new MeanField.Pair(q1 / m, q2 / m, d / m).decorrelation();
                }
                float[] t = in;
                in = out;
                out = t;
            }
            // "in" now holds the output layer's values
            for (int o = 0; o < outputs; o++) {
                for (int p = 0; p < c; p++) {
                    double v = in[o * n + p];
                    double w = in[o * n + c + p];
                    outSum[o] += v;
                    outSumSquares[o] += v * v;
                    outNeighbourSquares += (v - w) * (v - w);
                }
            }
            if (piecewise) {
                for (int p = 0; p < c; p++) {
                    patterns.add(new Pattern(hashA[p], hashB[p]));
                }
            }
        }

        double[] curveLengths = curveLengths(model, curve, kernel);
        List<LayerStats> layers = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            int m = model.layers().get(k).outputs();
            layers.add(new LayerStats(m, sumSquares[k] / total, saturated[k] / ((double) m * total),
                    decorrelation[k] / total, curveLengths[k + 1]));
        }
        double[] std = new double[outputs];
        double variance = 0;
        for (int o = 0; o < outputs; o++) {
            double mean = outSum[o] / total;
            double v = Math.max(0, outSumSquares[o] / total - mean * mean);
            std[o] = Math.sqrt(v);
            variance += v;
        }
        double meanSquaredStep = outNeighbourSquares / total;
        double neighbourCorrelation = variance > 0 ? 1 - meanSquaredStep / (2 * variance) : 1;
        return new NetworkStats(layers, curveLengths[0], std, neighbourCorrelation,
                piecewise ? patterns.size() : -1, total);
    }

    /** Lengths of the closed curve: [0] in input space, [k + 1] after layer k. */
    static double[] curveLengths(Model model, double[][] curve, Kernel kernel) {
        int depth = model.layers().size();
        double[] lengths = new double[depth + 1];
        int count = curve.length;
        if (count < 2) {
            return lengths;
        }
        int n = pad(count, kernel);
        int width = model.maxWidth();
        float[] in = new float[width * n];
        float[] out = new float[width * n];
        for (int p = 0; p < count; p++) {
            for (int f = 0; f < curve[p].length; f++) {
                in[f * n + p] = (float) curve[p][f];
            }
        }
        lengths[0] = closedLength(in, model.inputCount(), n, count);
        if (model.encodesInputs()) {
            model.encode(in, out, n);
            float[] t = in;
            in = out;
            out = t;
        }
        for (int k = 0; k < depth; k++) {
            Layer layer = model.layers().get(k);
            kernel.dense(layer, in, out, null, n);
            lengths[k + 1] = closedLength(out, layer.outputs(), n, count);
            float[] t = in;
            in = out;
            out = t;
        }
        return lengths;
    }

    /** Sum of the distances between consecutive points, the last joined to the first. */
    private static double closedLength(float[] values, int features, int n, int count) {
        double length = 0;
        for (int p = 0; p < count; p++) {
            int next = (p + 1) % count;
            double s = 0;
            for (int f = 0; f < features; f++) {
                double d = values[f * n + next] - values[f * n + p];
                s += d * d;
            }
            length += Math.sqrt(s);
        }
        return length;
    }

    private static boolean isPiecewiseLinear(Model model) {
        List<Layer> layers = model.layers();
        for (int k = 0; k < layers.size() - 1; k++) {
            for (Activation a : layers.get(k).activations()) {
                if (!PIECEWISE_LINEAR.contains(a)) {
                    return false;
                }
            }
        }
        return layers.size() > 1;
    }

    /** Which linear piece of its activation a unit is on. */
    private static int state(Activation a, double u) {
        if (a == Activation.HARD_TANH) {
            return u <= -1 ? 0 : (u >= 1 ? 2 : 1);
        }
        if (a == Activation.IDENTITY) {
            return 0;
        }
        return u > 0 ? 1 : 0;
    }

    /** Two independent 64-bit hashes of an activation pattern: a collision among 1e5 patterns is 1e-28 likely. */
    private record Pattern(long a, long b) {
    }

    private static void load(double[][] pixels, double[][] neighbours, int start, int c, int features, float[] in,
                             int n) {
        java.util.Arrays.fill(in, 0, features * n, 0f);
        for (int p = 0; p < c; p++) {
            for (int f = 0; f < features; f++) {
                in[f * n + p] = (float) pixels[start + p][f];
                in[f * n + c + p] = (float) neighbours[start + p][f];
            }
        }
    }

    private static int pad(int n, Kernel kernel) {
        int lanes = kernel.lanes();
        return (n + lanes - 1) / lanes * lanes;
    }
}
