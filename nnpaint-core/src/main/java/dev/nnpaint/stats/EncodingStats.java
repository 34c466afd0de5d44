package dev.nnpaint.stats;

import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;

/**
 * Statistics of a model's encoded inputs (a hash grid's features, or the sines and cosines of a fixed encoding's
 * frozen layer), measured on the same pixels as {@link NetworkStats}: what the first trainable layer sees.
 *
 * @param encoding               the encoding's spec
 * @param features               encoded features per pixel
 * @param meanSquare             the mean over features and pixels of the squared feature
 * @param featureStd             the root mean square over features of each feature's standard deviation over the
 *                               pixels (0 when every pixel encodes alike)
 * @param neighbourDecorrelation 1 - c for a pixel and its neighbour, c the cosine of their encoded vectors,
 *                               averaged over the pixels
 * @param curveLength            length of the closed curve's image in the encoded space
 */
public record EncodingStats(String encoding, int features, double meanSquare, double featureStd,
                            double neighbourDecorrelation, double curveLength) {

    /** The statistics of {@code model}'s encoding, or null when it reads its inputs as they are. */
    public static EncodingStats measure(Model model, PixelPairs pairs, double[][] curve, Kernel kernel) {
        if (model.grid() == null && model.frozenLayers() == 0) {
            return null;
        }
        int total = pairs.count();
        int n = pad(2 * total, kernel);
        int inputs = model.inputCount();
        float[] in = new float[inputs * n];
        for (int p = 0; p < total; p++) {
            for (int f = 0; f < inputs; f++) {
                in[f * n + p] = (float) pairs.pixels()[p][f];
                in[f * n + total + p] = (float) pairs.neighbours()[p][f];
            }
        }
        int features = model.grid() != null ? model.grid().outputs() : model.layers().get(0).outputs();
        float[] out = encode(model, in, n, kernel);
        double squares = 0;
        double decorrelation = 0;
        for (int p = 0; p < total; p++) {
            double q1 = 0;
            double q2 = 0;
            double dot = 0;
            for (int f = 0; f < features; f++) {
                double a = out[f * n + p];
                double b = out[f * n + total + p];
                q1 += a * a;
                q2 += b * b;
                dot += a * b;
            }
            squares += q1 / features;
            // two zero vectors (an untrained grid's corner, say) are alike, not unrelated
            decorrelation += q1 > 0 && q2 > 0 ? 1 - dot / Math.sqrt(q1 * q2) : (q1 == q2 ? 0 : 1);
        }
        double variance = 0;
        for (int f = 0; f < features; f++) {
            double sum = 0;
            double sumSquares = 0;
            for (int p = 0; p < total; p++) {
                double v = out[f * n + p];
                sum += v;
                sumSquares += v * v;
            }
            double mean = sum / total;
            variance += Math.max(0, sumSquares / total - mean * mean);
        }

        double length = 0;
        int count = curve.length;
        if (count >= 2) {
            int m = pad(count, kernel);
            float[] c = new float[inputs * m];
            for (int p = 0; p < count; p++) {
                for (int f = 0; f < inputs; f++) {
                    c[f * m + p] = (float) curve[p][f];
                }
            }
            float[] e = encode(model, c, m, kernel);
            for (int p = 0; p < count; p++) {
                int next = (p + 1) % count;
                double s = 0;
                for (int f = 0; f < features; f++) {
                    double d = e[f * m + next] - e[f * m + p];
                    s += d * d;
                }
                length += Math.sqrt(s);
            }
        }
        return new EncodingStats(model.encoding().spec(), features, squares / total, Math.sqrt(variance / features),
                decorrelation / total, length);
    }

    /** The encoded features of {@code n} points, feature-major. */
    private static float[] encode(Model model, float[] in, int n, Kernel kernel) {
        if (model.grid() != null) {
            float[] out = new float[model.grid().outputs() * n];
            model.grid().encode(in, out, n);
            return out;
        }
        float[] out = new float[model.layers().get(0).outputs() * n];
        kernel.dense(model.layers().get(0), in, out, null, n);
        return out;
    }

    private static int pad(int n, Kernel kernel) {
        int lanes = kernel.lanes();
        return (n + lanes - 1) / lanes * lanes;
    }
}
