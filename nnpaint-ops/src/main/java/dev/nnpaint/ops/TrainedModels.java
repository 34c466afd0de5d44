package dev.nnpaint.ops;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Model;

/**
 * The defaults a trained network gets, in one place for {@code nnpaint train} and the web's train view: its
 * output activation when none is asked for, and the colours it is painted with.
 */
public final class TrainedModels {

    private TrainedModels() {
    }

    /**
     * How a trained network is painted: one output (a probability or a real value) through a colour map, three as
     * rgb; other counts have no default colouring (null).
     */
    public static String colorFor(Model model) {
        return switch (model.outputCount()) {
            case 1 -> "palette:viridis";
            case 3 -> "rgb";
            default -> null;
        };
    }

    /** The output activation for {@code outputs} outputs: sigmoid or softmax for classes, identity for regression. */
    public static String defaultOutputActivation(boolean classification, int outputs) {
        if (!classification) {
            return "identity";
        }
        return outputs > 1 ? "softmax" : "sigmoid";
    }

    /** The output units a network trained on {@code data} needs: one per class beyond two, else one. */
    public static int outputsFor(Dataset data) {
        return data.isClassification() && data.classes() > 2 ? data.classes() : 1;
    }

    public static String defaultOutputActivation(Dataset data) {
        return defaultOutputActivation(data.isClassification(), outputsFor(data));
    }
}
