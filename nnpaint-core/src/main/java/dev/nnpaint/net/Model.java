package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.List;

/**
 * A feed-forward network with named inputs: the one type that painting, training, statistics and the
 * browser all use. Input names for painting are {@code x}, {@code y}, {@code r}, {@code z0 .. z(k-1)} and
 * {@code bias}; a trained model's inputs are its feature names.
 */
public record Model(List<String> inputNames, List<Layer> layers) {

    public Model {
        inputNames = List.copyOf(inputNames);
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new BadInputException("a model needs at least one layer");
        }
        if (layers.get(0).inputs() != inputNames.size()) {
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

    public int inputCount() {
        return inputNames.size();
    }

    public int outputCount() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** The widest layer, inputs included: the size of the scratch buffers a forward pass needs. */
    public int maxWidth() {
        int w = inputCount();
        for (Layer l : layers) {
            w = Math.max(w, l.outputs());
        }
        return w;
    }

    /** Floating-point operations of one sample's forward pass, counting a multiply-add as two. */
    public long flopsPerSample() {
        long f = 0;
        for (Layer l : layers) {
            f += 2 * l.multiplyAdds();
        }
        return f;
    }

    /** The first {@code count} layers followed by {@code head}: the network read out after an earlier layer. */
    public Model truncated(int count, Layer head) {
        List<Layer> kept = new java.util.ArrayList<>(layers.subList(0, count));
        kept.add(head);
        return new Model(inputNames, kept);
    }
}
