package dev.nnpaint.theory;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * What the mean-field theory predicts for one network, layer by layer, for given inputs: the pre-activations of
 * layer 0 are W x + b for the input features x, so q = sigma_w^2 |x|^2 / fan_in + sigma_b^2 and a pixel and its
 * neighbour start at squared distance sigma_w^2 |x1 - x2|^2 / fan_in; every later layer applies the length and
 * correlation maps of {@link MeanField} with its own sigma_w, sigma_b and the previous layer's activation.
 * Values are averaged over the given pixels, as the measurements are.
 *
 * @param layers one entry per layer, hidden layers first and the output layer last
 * @param maps   the layer-to-layer maps, consecutive layers with the same map grouped
 */
public record NetworkPrediction(List<LayerPrediction> layers, List<MapSummary> maps) {

    public NetworkPrediction {
        layers = List.copyOf(layers);
        maps = List.copyOf(maps);
    }

    /** Predicted means over the pixels: q, the saturated fraction, and 1 - c of neighbouring pixels. */
    public record LayerPrediction(double meanSquaredPreActivation, double saturatedFraction,
                                  double neighbourDecorrelation) {
    }

    /**
     * One map, governing the pre-activations of layers {@code firstLayer..lastLayer} (0-based; the output layer
     * is {@code layers().size() - 1}), with its fixed point, chi_1, correlation depth and phase.
     */
    public record MapSummary(int firstLayer, int lastLayer, ActivationSpec phi, double sigmaW, double sigmaB,
                             MeanField.Summary summary) {
        public int layerCount() {
            return lastLayer - firstLayer + 1;
        }
    }

    /**
     * The map that describes the network: the one governing the most hidden-to-hidden layers, or the map into the
     * output layer when there is at most one hidden layer. Null for a network without hidden layers.
     */
    public MapSummary governing() {
        int output = layers.size() - 1;
        MapSummary best = null;
        for (MapSummary m : maps) {
            int hiddenLayers = Math.min(m.lastLayer, output - 1) - m.firstLayer + 1;
            if (hiddenLayers > 0 && (best == null || hiddenLayers > best.layerCount())) {
                best = m;
            }
        }
        if (best == null && !maps.isEmpty()) {
            best = maps.get(maps.size() - 1);
        }
        return best;
    }

    /**
     * Predicts the network of {@code scales} on {@code pixels[p]} (input feature vectors) and their neighbours
     * {@code neighbours[p]}.
     */
    public static NetworkPrediction predict(List<LayerScale> scales, double[][] pixels, double[][] neighbours) {
        int depth = scales.size();
        double[] q = new double[depth];
        double[] saturated = new double[depth];
        double[] decorrelation = new double[depth];
        List<MeanField> fields = new ArrayList<>();
        fields.add(null); // layer 0 reads the inputs, not an activation
        for (int k = 1; k < depth; k++) {
            fields.add(new MeanField(scales.get(k - 1).activation(), scales.get(k).sigmaW(), scales.get(k).sigmaB()));
        }
        LayerScale first = scales.get(0);
        for (int p = 0; p < pixels.length; p++) {
            double w2 = first.sigmaW() * first.sigmaW() / first.fanIn();
            double b2 = first.sigmaB() * first.sigmaB();
            MeanField.Pair pair = new MeanField.Pair(w2 * squaredNorm(pixels[p], null) + b2,
                    w2 * squaredNorm(neighbours[p], null) + b2, w2 * squaredNorm(pixels[p], neighbours[p]));
            for (int k = 0; k < depth; k++) {
                if (k > 0) {
                    pair = fields.get(k).step(pair);
                }
                q[k] += pair.q11();
                saturated[k] += saturatedFraction(scales.get(k).activation(), pair.q11());
                decorrelation[k] += pair.decorrelation();
            }
        }
        List<LayerPrediction> layers = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            int n = pixels.length;
            layers.add(new LayerPrediction(q[k] / n, saturated[k] / n, decorrelation[k] / n));
        }
        return new NetworkPrediction(layers, summarize(fields));
    }

    private static List<MapSummary> summarize(List<MeanField> fields) {
        List<MapSummary> maps = new ArrayList<>();
        int k = 1;
        while (k < fields.size()) {
            MeanField m = fields.get(k);
            int last = k;
            while (last + 1 < fields.size() && fields.get(last + 1).equals(m)) {
                last++;
            }
            maps.add(new MapSummary(k, last, m.phi(), m.sigmaW(), m.sigmaB(), m.summary()));
            k = last + 1;
        }
        return maps;
    }

    /** The mixture average of the saturated fraction at length q. */
    static double saturatedFraction(ActivationSpec spec, double q) {
        double sum = 0;
        for (Activation a : spec.choices()) {
            sum += Saturation.predictedFraction(a, q);
        }
        return sum / spec.choices().size();
    }

    /** |a|^2, or |a - b|^2 when b is given. */
    private static double squaredNorm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double v = b == null ? a[i] : a[i] - b[i];
            s += v * v;
        }
        return s;
    }
}
