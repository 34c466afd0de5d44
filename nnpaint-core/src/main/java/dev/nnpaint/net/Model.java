package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.List;

/**
 * A feed-forward network with named inputs: the one type that painting, training, statistics and the
 * browser all use. Input names for painting are {@code x}, {@code y}, {@code r}, {@code z0 .. z(k-1)} and
 * {@code bias}; a trained model's inputs are its feature names.
 *
 * <p>A coordinate network fitted to an image may encode its inputs first ({@link Encoding}): a fixed encoding is
 * its first layer, frozen (so every kernel runs it as a dense sine layer), a hash grid is {@code grid}, whose
 * outputs feed layer 0. Playground's input features ({@link Encoding.Features}) are computed from (x, y) and feed
 * layer 0 in the same way, with nothing to train.
 */
public record Model(List<String> inputNames, List<Layer> layers, Encoding encoding, HashGrid grid) {

    public Model {
        inputNames = List.copyOf(inputNames);
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new BadInputException("a model needs at least one layer");
        }
        if (encoding == null) {
            encoding = Encoding.NONE;
        }
        if ((encoding instanceof Encoding.Hash) != (grid != null)
                || (grid != null && !grid.spec().equals(encoding))) {
            throw new BadInputException("a hash-grid encoding needs its tables, and only it has tables");
        }
        if (grid != null && inputNames.size() != 2) {
            throw new BadInputException("a hash grid encodes two inputs (x, y), not " + inputNames.size());
        }
        if (encoding.isFixed() && (layers.size() < 2 || !layers.get(0).equals(encoding.frozenLayer(inputNames.size())))) {
            throw new BadInputException("the first layer of a model with encoding " + encoding.spec()
                    + " must be the encoding's frozen layer");
        }
        if (encoding instanceof Encoding.Features f) {
            if (inputNames.size() != 2) {
                throw new BadInputException("input features are made from two inputs (x, y), not "
                        + inputNames.size());
            }
            if (layers.get(0).inputs() != f.names().size()) {
                throw new BadInputException("layer 0 takes " + layers.get(0).inputs() + " inputs but the features "
                        + String.join(", ", f.names()) + " are " + f.names().size());
            }
        }
        if (grid != null && layers.get(0).inputs() != grid.outputs()) {
            throw new BadInputException("layer 0 takes " + layers.get(0).inputs() + " inputs but the hash grid makes "
                    + grid.outputs());
        }
        if (grid == null && !(encoding instanceof Encoding.Features) && layers.get(0).inputs() != inputNames.size()) {
            throw new BadInputException("layer 0 takes " + layers.get(0).inputs() + " inputs but the model has "
                    + inputNames.size() + " (" + String.join(", ", inputNames) + ")");
        }
        for (int i = 1; i < layers.size(); i++) {
            int previous = layers.get(i - 1).outputs();
            if (layers.get(i).inputs() != previous) {
                throw new BadInputException("layer " + i + " takes " + layers.get(i).inputs()
                        + " inputs but layer " + (i - 1) + " has " + previous + " outputs");
            }
        }
    }

    /** A plain network: its inputs go straight into its first layer. */
    public Model(List<String> inputNames, List<Layer> layers) {
        this(inputNames, layers, Encoding.NONE, null);
    }

    /** Layers at the front that training leaves alone: a fixed encoding's frozen layer. */
    public int frozenLayers() {
        return encoding.isFixed() ? 1 : 0;
    }

    /** The same encoding (and grid tables) in front of other layers, the frozen one included for a fixed one. */
    public Model withLayers(List<Layer> newLayers) {
        return new Model(inputNames, newLayers, encoding, grid);
    }

    /**
     * Whether the inputs go through a computed encoding ({@link #encode}) before layer 0: a hash grid or input
     * features. (A fixed encoding is layer 0 itself.)
     */
    public boolean encodesInputs() {
        return grid != null || encoding instanceof Encoding.Features;
    }

    /**
     * Encodes {@code n} samples for layer 0 (feature-major, as the kernels lay them out) when
     * {@link #encodesInputs()}: {@code in} holds {@code inputCount() x n}, {@code out} receives
     * {@code layers().get(0).inputs() x n}.
     */
    public void encode(float[] in, float[] out, int n) {
        if (grid != null) {
            grid.encode(in, out, n);
        } else if (encoding instanceof Encoding.Features f) {
            f.encode(in, out, n);
        } else {
            throw new IllegalStateException(encoding.spec() + " is not computed before layer 0");
        }
    }

    public int inputCount() {
        return inputNames.size();
    }

    public int outputCount() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** The widest layer, inputs included: the size of the scratch buffers a forward pass needs. */
    public int maxWidth() {
        int w = Math.max(inputCount(), encodesInputs() ? layers.get(0).inputs() : 0);
        for (Layer l : layers) {
            w = Math.max(w, l.outputs());
        }
        return w;
    }

    /** Floating-point operations of one sample's forward pass, counting a multiply-add as two. */
    public long flopsPerSample() {
        // a grid level: four corners of bilinear weights (3 flops each) and four multiply-adds per feature
        long f = grid == null ? 0 : (long) grid.spec().levels() * (12 + 8L * grid.spec().features());
        if (encoding instanceof Encoding.Features features) {
            // a product or a sine each (a sine counted as a few flops): small beside any layer
            f += 4L * features.names().size();
        }
        for (Layer l : layers) {
            f += 2 * l.multiplyAdds();
        }
        return f;
    }

    /** The first {@code count} layers followed by {@code head}: the network read out after an earlier layer. */
    public Model truncated(int count, Layer head) {
        List<Layer> kept = new java.util.ArrayList<>(layers.subList(0, count));
        kept.add(head);
        return new Model(inputNames, kept, encoding, grid);
    }
}
