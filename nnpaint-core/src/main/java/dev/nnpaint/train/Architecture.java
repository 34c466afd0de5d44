package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a network to train: its layers' sizes and activations, before any weight is drawn. Written
 * compactly as {@code 2-25-50-50-25-1} with one hidden and one output activation, or layer by layer (the
 * plain-NumPy article's {@code [{"input_dim": 2, "output_dim": 25, "activation": "relu"}, ...]}).
 *
 * <p>{@code softmax} is accepted as the output activation: the layer then outputs logits (identity) and the
 * cross-entropy loss applies the softmax, which is both faster and numerically safer.
 *
 * @param layers  layer shapes, input side first; they chain (each takes the previous one's outputs)
 * @param softmax whether the output activation was given as softmax
 */
public record Architecture(List<LayerShape> layers, boolean softmax) {

    /** One dense layer: sizes and activation. */
    public record LayerShape(int inputs, int outputs, ActivationSpec activation) {
    }

    public Architecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new BadInputException("a network needs at least one layer");
        }
        for (int k = 0; k < layers.size(); k++) {
            LayerShape l = layers.get(k);
            if (l.inputs() <= 0 || l.outputs() <= 0) {
                throw new BadInputException("layer " + (k + 1) + ": sizes must be positive, got " + l.inputs()
                        + " -> " + l.outputs());
            }
            if (k > 0 && l.inputs() != layers.get(k - 1).outputs()) {
                throw new BadInputException("layer " + (k + 1) + " takes " + l.inputs() + " inputs but layer " + k
                        + " has " + layers.get(k - 1).outputs() + " outputs");
            }
        }
    }

    /** Whether an output activation name means softmax (logits plus the cross-entropy loss). */
    public static boolean isSoftmax(String name) {
        return name.trim().toLowerCase(Locale.ROOT).equals("softmax");
    }

    /** The output activation for a name, softmax meaning identity (the loss applies it). */
    public static ActivationSpec outputActivation(String name) {
        return isSoftmax(name) ? ActivationSpec.of(Activation.IDENTITY) : ActivationSpec.parse(name);
    }

    /**
     * Parses {@code 2-25-50-50-25-1}: the input size, the hidden sizes and the output size. Every hidden layer
     * uses {@code hidden} ({@code relu}, or {@code mix:tanh,sin}); the last uses {@code output}
     * ({@code sigmoid}, {@code softmax}, {@code identity}, ...).
     */
    public static Architecture parse(String sizes, String hidden, String output) {
        String[] parts = sizes.trim().split("\\s*[-,]\\s*|\\s+", -1);
        if (parts.length < 2) {
            throw new BadInputException("layers '" + sizes + "': give at least the input and output sizes, "
                    + "as in 2-25-1");
        }
        int[] n = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new BadInputException("layers '" + sizes + "': '" + parts[i] + "' is not a whole number");
            }
            if (n[i] <= 0) {
                throw new BadInputException("layers '" + sizes + "': sizes must be positive, got " + n[i]);
            }
        }
        ActivationSpec hiddenSpec = ActivationSpec.parse(hidden);
        ActivationSpec outputSpec = outputActivation(output);
        List<LayerShape> shapes = new ArrayList<>();
        for (int k = 0; k + 1 < n.length; k++) {
            boolean last = k + 2 == n.length;
            shapes.add(new LayerShape(n[k], n[k + 1], last ? outputSpec : hiddenSpec));
        }
        return new Architecture(shapes, isSoftmax(output));
    }

    public int inputs() {
        return layers.get(0).inputs();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** The sizes from input to output, {@code 2-25-1}. */
    public String sizes() {
        StringBuilder s = new StringBuilder().append(inputs());
        for (LayerShape l : layers) {
            s.append('-').append(l.outputs());
        }
        return s.toString();
    }

    /**
     * Draws the network's weights and biases: weight (k, row, column) of layer k and bias (k, row) depend only
     * on the seed and that key, as for painted networks. The input names are the data's feature names; their
     * number must match the first layer.
     */
    public Model build(List<String> inputNames, long seed, Init weights, Init biases) {
        return build(inputNames, Encoding.NONE, seed, weights, biases);
    }

    /**
     * As {@link #build(List, long, Init, Init)}, the first layer reading {@code encoding}'s outputs: none, or
     * input features ({@link Encoding.Features}) of the two inputs, whose count the first layer's size must be.
     */
    public Model build(List<String> inputNames, Encoding encoding, long seed, Init weights, Init biases) {
        if (encoding instanceof Encoding.Features f) {
            if (inputNames.size() != 2) {
                throw new BadInputException("input features are made from two inputs (x, y), but the data has "
                        + inputNames.size() + " (" + String.join(", ", inputNames) + ")");
            }
            if (f.names().size() != inputs()) {
                throw new BadInputException("layer 1 takes " + inputs() + " input" + (inputs() == 1 ? "" : "s")
                        + " but the features " + String.join(",", f.names()) + " are " + f.names().size()
                        + "; start the layers with " + f.names().size());
            }
        } else if (!(encoding instanceof Encoding.None)) {
            throw new BadInputException("training builds networks on plain inputs or input features, not "
                    + encoding.spec());
        } else if (inputNames.size() != inputs()) {
            throw new BadInputException("layer 1 takes " + inputs() + " input" + (inputs() == 1 ? "" : "s")
                    + " but the data has " + inputNames.size() + " feature" + (inputNames.size() == 1 ? "" : "s")
                    + " (" + String.join(", ", inputNames) + ")");
        }
        KeyedRandom random = new KeyedRandom(seed);
        List<Layer> built = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            LayerShape shape = layers.get(k);
            int fanIn = shape.inputs();
            int fanOut = shape.outputs();
            float[] w = new float[fanIn * fanOut];
            float[] b = new float[fanOut];
            Activation[] acts = new Activation[fanOut];
            for (int row = 0; row < fanOut; row++) {
                for (int col = 0; col < fanIn; col++) {
                    w[row * fanIn + col] = (float) weights.draw(random, KeyedRandom.WEIGHTS, k, row, col, fanIn, fanOut);
                }
                b[row] = (float) biases.draw(random, KeyedRandom.BIASES, k, row, 0, fanIn, fanOut);
                acts[row] = shape.activation().forUnit(random, k, row);
            }
            built.add(new Layer(fanIn, fanOut, w, b, acts));
        }
        return new Model(inputNames, built, encoding, null);
    }
}
