package dev.nnpaint.data;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature standardisation, {@code (x - mean) / scale} per feature, fitted on the training set and applied to
 * every set. After training, {@link #foldInto} moves it into the first layer, so the saved model reads raw
 * features and needs no separate preprocessing step.
 *
 * @param means  mean of each feature
 * @param scales standard deviation of each feature (1 where a feature is constant)
 */
public record Standardizer(double[] means, double[] scales) {

    public static Standardizer fit(Dataset data) {
        int d = data.featureCount();
        int n = data.size();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.feature(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = data.feature(i, j) - mean[j];
                scale[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(scale[j] / n);
            scale[j] = s > 0 ? s : 1;
        }
        return new Standardizer(mean, scale);
    }

    public Dataset apply(Dataset data) {
        int d = data.featureCount();
        float[] x = data.features().clone();
        for (int i = 0; i < x.length; i++) {
            int j = i % d;
            x[i] = (float) ((x[i] - means[j]) / scales[j]);
        }
        return data.withFeatures(x);
    }

    /**
     * The model that gives on raw features what {@code model} gives on standardised ones:
     * {@code W'[o][j] = W[o][j] / s_j} and {@code b'[o] = b[o] - sum_j W[o][j] m_j / s_j}.
     */
    public Model foldInto(Model model) {
        if (!(model.encoding() instanceof Encoding.None)) {
            // an encoding reads the raw inputs: there is no linear first layer on them to fold the scaling into
            throw new BadInputException("standardised features cannot be folded into a model with the encoding "
                    + model.encoding().spec());
        }
        Layer first = model.layers().get(0);
        int in = first.inputs();
        float[] w = new float[first.weights().length];
        float[] b = new float[first.outputs()];
        for (int o = 0; o < first.outputs(); o++) {
            double shift = first.biasOf(o);
            for (int j = 0; j < in; j++) {
                double wj = first.weight(o, j) / scales[j];
                w[o * in + j] = (float) wj;
                shift -= wj * means[j];
            }
            b[o] = (float) shift;
        }
        List<Layer> layers = new ArrayList<>(model.layers());
        layers.set(0, first.withWeights(in, w, b));
        return new Model(model.inputNames(), layers);
    }
}
