package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.Locale;

/**
 * What training minimises: the mean over the batch of a per-sample loss, and its gradient with respect to the
 * output layer's pre-activations {@code z} (the "delta" that backpropagation starts from).
 * <ul>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: one sigmoid unit, targets 0 or 1. Computed from {@code z}, not from
 *   the probability, so it never takes the log of 0: {@code max(z, 0) - z y + log(1 + e^-|z|)}; its gradient
 *   is {@code sigmoid(z) - y}.</li>
 *   <li>{@link #CROSS_ENTROPY}: softmax over k identity units (the logits), target a class index:
 *   {@code log sum_k e^z_k - z_y}; gradient {@code softmax(z) - onehot(y)}.</li>
 *   <li>{@link #MEAN_SQUARED_ERROR}: {@code mean_k (out_k - y_k)^2}, for regression (or one-hot classes);
 *   gradient {@code 2 (out - y) act'(z) / k}.</li>
 * </ul>
 */
public enum Loss {
    BINARY_CROSS_ENTROPY("bce"),
    CROSS_ENTROPY("cross-entropy"),
    MEAN_SQUARED_ERROR("mse");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static final String VALID = "auto, bce, cross-entropy, mse";

    /** Parses a loss name; {@code auto} gives null (choose from the data with {@link #choose}). */
    public static Loss parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "auto": return null;
            case "bce":
            case "binary-cross-entropy": return BINARY_CROSS_ENTROPY;
            case "cross-entropy":
            case "ce":
            case "categorical-cross-entropy":
            case "softmax": return CROSS_ENTROPY;
            case "mse":
            case "mean-squared-error": return MEAN_SQUARED_ERROR;
            default: throw new BadInputException("unknown loss '" + name.trim() + "'; valid: " + VALID);
        }
    }

    /**
     * The loss for a model and data set: {@code requested} if not null, otherwise mean squared error for a
     * real-valued target, binary cross-entropy for one output unit and cross-entropy for one unit per class.
     * Then checks that the model's last layer fits it and the data.
     */
    public static Loss choose(Loss requested, Model model, Dataset data) {
        Layer last = model.layers().get(model.layers().size() - 1);
        Loss loss = requested;
        if (loss == null) {
            loss = !data.isClassification() ? MEAN_SQUARED_ERROR
                    : last.outputs() == 1 ? BINARY_CROSS_ENTROPY : CROSS_ENTROPY;
        }
        loss.check(model, data);
        return loss;
    }

    /** Throws a {@link BadInputException} naming the last layer when it does not fit this loss and the data. */
    public void check(Model model, Dataset data) {
        int index = model.layers().size();
        Layer last = model.layers().get(index - 1);
        String layer = "the last layer (layer " + index + ")";
        int units = last.outputs();
        Activation act = last.uniformActivation();
        int classes = data.classes();
        switch (this) {
            case BINARY_CROSS_ENTROPY:
                if (!data.isClassification()) {
                    throw new BadInputException("binary cross-entropy needs class labels, but the target '"
                            + data.targetName() + "' is real-valued; use --loss mse");
                }
                if (classes != 2) {
                    throw new BadInputException("binary cross-entropy needs 2 classes, but the data has " + classes
                            + "; use cross-entropy with " + classes + " output units (--output-activation softmax)");
                }
                if (units != 1 || act != Activation.SIGMOID) {
                    throw new BadInputException("binary cross-entropy needs one sigmoid output unit, but " + layer
                            + " has " + units + " " + describe(last));
                }
                break;
            case CROSS_ENTROPY:
                if (!data.isClassification()) {
                    throw new BadInputException("cross-entropy needs class labels, but the target '"
                            + data.targetName() + "' is real-valued; use --loss mse");
                }
                if (units != classes) {
                    throw new BadInputException(layer + " has " + units + " unit" + (units == 1 ? "" : "s")
                            + " but the data has " + classes + " classes; cross-entropy needs one unit per class"
                            + (classes == 2 ? " (or use one sigmoid unit with bce)" : ""));
                }
                if (act != Activation.IDENTITY) {
                    throw new BadInputException("cross-entropy applies the softmax itself: " + layer
                            + " must output logits (--output-activation softmax), not " + describe(last));
                }
                break;
            case MEAN_SQUARED_ERROR:
                if (data.isClassification() ? units != 1 && units != classes : units != 1) {
                    throw new BadInputException(layer + " has " + units + " units but mean squared error on this "
                            + "data needs " + (data.isClassification() ? "1 or " + classes : "1"));
                }
                break;
            default:
                throw new AssertionError(this);
        }
    }

    private static String describe(Layer layer) {
        Activation a = layer.uniformActivation();
        return (a == null ? "mixed" : a.id()) + (layer.outputs() == 1 ? " unit" : " units");
    }

    /**
     * The summed loss of samples {@code 0 .. valid-1} of a block. When {@code delta} is not null it also writes
     * {@code delta[o * n + p] = scale * d loss_p / d z[o][p]}, and 0 for the padding samples {@code valid .. n-1}.
     *
     * @param acts    activations of the output units
     * @param pre     output pre-activations z, {@code outputs x n} (feature-major)
     * @param out     outputs act(z), same layout
     * @param targets per sample: class index or real target
     */
    public double evaluate(Activation[] acts, float[] pre, float[] out, int outputs, int n, int valid,
                           float[] targets, float scale, float[] delta) {
        double sum = 0;
        switch (this) {
            case BINARY_CROSS_ENTROPY:
                for (int p = 0; p < valid; p++) {
                    double z = pre[p];
                    double y = targets[p];
                    // log(1 + e^-|z|) with log rather than log1p: e^-|z| is in (0, 1], where this is accurate
                    // to a few ulps of the sum and several times faster
                    sum += Math.max(z, 0) - z * y + Math.log(1 + Math.exp(-Math.abs(z)));
                    if (delta != null) {
                        delta[p] = scale * (out[p] - (float) y);
                    }
                }
                break;
            case CROSS_ENTROPY:
                for (int p = 0; p < valid; p++) {
                    int y = (int) targets[p];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int o = 0; o < outputs; o++) {
                        max = Math.max(max, pre[o * n + p]);
                    }
                    double total = 0;
                    for (int o = 0; o < outputs; o++) {
                        total += Math.exp(pre[o * n + p] - max);
                    }
                    sum += Math.log(total) + max - pre[y * n + p];
                    if (delta != null) {
                        for (int o = 0; o < outputs; o++) {
                            double softmax = Math.exp(pre[o * n + p] - max) / total;
                            delta[o * n + p] = (float) (scale * (softmax - (o == y ? 1 : 0)));
                        }
                    }
                }
                break;
            case MEAN_SQUARED_ERROR:
                for (int p = 0; p < valid; p++) {
                    double t = targets[p];
                    for (int o = 0; o < outputs; o++) {
                        // one output: the target itself; one output per class: one-hot
                        double y = outputs == 1 ? t : (o == (int) t ? 1 : 0);
                        double e = out[o * n + p] - y;
                        sum += e * e / outputs;
                        if (delta != null) {
                            delta[o * n + p] = (float) (scale * 2 * e / outputs * acts[o].derivative(pre[o * n + p]));
                        }
                    }
                }
                break;
            default:
                throw new AssertionError(this);
        }
        if (delta != null) {
            for (int o = 0; o < outputs; o++) {
                java.util.Arrays.fill(delta, o * n + valid, o * n + n, 0f);
            }
        }
        return sum;
    }

    /**
     * How many of samples {@code 0 .. valid-1} are classified correctly: one output unit predicts class 1 when
     * its probability exceeds 1/2 (for bce: when z > 0), several predict the unit with the largest output.
     */
    public int correct(float[] pre, float[] out, int outputs, int n, int valid, float[] targets) {
        int right = 0;
        for (int p = 0; p < valid; p++) {
            int predicted;
            if (outputs == 1) {
                predicted = (this == BINARY_CROSS_ENTROPY ? pre[p] > 0 : out[p] > 0.5f) ? 1 : 0;
            } else {
                predicted = 0;
                for (int o = 1; o < outputs; o++) {
                    if (out[o * n + p] > out[predicted * n + p]) {
                        predicted = o;
                    }
                }
            }
            if (predicted == (int) targets[p]) {
                right++;
            }
        }
        return right;
    }
}
