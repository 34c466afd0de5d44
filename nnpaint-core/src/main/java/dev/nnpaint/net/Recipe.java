package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import dev.nnpaint.paint.ColorMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every hyperparameter of a painting: the seed, the architecture, activations and initialisation of a random
 * network, its inputs, the view and the colour mapping. {@link #toModel()} draws the network; a recipe and a
 * seed give the same weights on every machine.
 *
 * @param seed              key of every random draw
 * @param inputs            input features in order, from {@code x, y, r, z, bias}; {@code z} stands for zDim inputs
 * @param zDim              number of latent inputs (0 unless {@code inputs} contains {@code z})
 * @param z                 the latent vector, or null to draw it from the seed
 * @param hidden            hidden layer sizes, first to last (may be empty)
 * @param activations       hidden activations; layer k uses {@code activations[k % size]}
 * @param outputActivation  activation of the output layer
 * @param weights           weight initialisation
 * @param biases            bias initialisation
 * @param gain              factor applied to every weight after drawing
 * @param width             image width in pixels
 * @param height            image height in pixels
 * @param extent            half-width of the view in input units (zoom = 1 / extent)
 * @param centerX           view centre, x
 * @param centerY           view centre, y
 * @param rotateDegrees     view rotation, counter-clockwise, in degrees
 * @param color             colour mapping: rgb, gray, hsv, hsl or palette:NAME
 */
public record Recipe(long seed, List<String> inputs, int zDim, double[] z, int[] hidden,
                     List<ActivationSpec> activations, Activation outputActivation, Init weights, Init biases,
                     double gain, int width, int height, double extent, double centerX, double centerY,
                     double rotateDegrees, String color) {

    public static final Set<String> INPUT_NAMES = Set.of("x", "y", "r", "z", "bias");

    /** The output layer's weights are keyed apart from the hidden layers, so a deeper network keeps its readout. */
    public static final int OUTPUT_LAYER_KEY = 0x7FFF;

    public Recipe {
        inputs = List.copyOf(inputs);
        activations = List.copyOf(activations);
        hidden = hidden.clone();
        z = z == null ? null : z.clone();
        if (inputs.isEmpty()) {
            throw new BadInputException("inputs: at least one of x, y, r, z, bias is needed");
        }
        for (String in : inputs) {
            if (!INPUT_NAMES.contains(in)) {
                throw new BadInputException("inputs: unknown input '" + in + "'; valid: x, y, r, z, bias");
            }
        }
        if (inputs.stream().distinct().count() != inputs.size()) {
            throw new BadInputException("inputs: each input may appear once, got " + String.join(",", inputs));
        }
        if (zDim < 0) {
            throw new BadInputException("z-dim must not be negative, got " + zDim);
        }
        if (inputs.contains("z") != zDim > 0) {
            throw new BadInputException(zDim > 0 ? "z-dim is " + zDim + " but the inputs do not include z"
                    : "the inputs include z but z-dim is 0");
        }
        if (z != null && z.length != zDim) {
            throw new BadInputException("z has " + z.length + " values but z-dim is " + zDim);
        }
        if (z != null && !Arrays.stream(z).allMatch(Double::isFinite)) {
            throw new BadInputException("z must hold finite numbers, got " + Arrays.toString(z));
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new BadInputException("hidden layer sizes must be positive, got " + Arrays.toString(hidden));
            }
        }
        if (activations.isEmpty()) {
            throw new BadInputException("at least one hidden activation is needed");
        }
        if (!Double.isFinite(gain)) {
            throw new BadInputException("gain must be a finite number, got " + gain);
        }
        if (width <= 0 || height <= 0) {
            throw new BadInputException("image size must be positive, got " + width + "x" + height);
        }
        if (!(extent > 0) || !Double.isFinite(extent)) {
            throw new BadInputException("extent must be a positive number, got " + extent);
        }
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY) || !Double.isFinite(rotateDegrees)) {
            throw new BadInputException("center and rotation must be finite numbers");
        }
        ColorMode.parse(color);
    }

    /** The defaults of {@code nnpaint render}. */
    public static Recipe defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Input feature names of the model: {@code z} expanded to {@code z0 .. z(k-1)}. */
    public List<String> inputFeatures() {
        List<String> names = new ArrayList<>();
        for (String in : inputs) {
            if (in.equals("z")) {
                for (int k = 0; k < zDim; k++) {
                    names.add("z" + k);
                }
            } else {
                names.add(in);
            }
        }
        return names;
    }

    /** The latent vector: the given one, or one drawn from the seed (standard normal per dimension). */
    public double[] latent() {
        if (z != null) {
            return z.clone();
        }
        KeyedRandom random = new KeyedRandom(seed);
        double[] drawn = new double[zDim];
        for (int k = 0; k < zDim; k++) {
            drawn[k] = random.normal(KeyedRandom.LATENT, k, 0, 0);
        }
        return drawn;
    }

    public int outputCount() {
        return ColorMode.parse(color).channels();
    }

    public ActivationSpec activationOfLayer(int k) {
        return activations.get(k % activations.size());
    }

    /** Draws the network. Weight (layer, row, column) depends only on the seed and that key. */
    public Model toModel() {
        KeyedRandom random = new KeyedRandom(seed);
        List<String> features = inputFeatures();
        List<Layer> layers = new ArrayList<>();
        int fanIn = features.size();
        for (int k = 0; k <= hidden.length; k++) {
            boolean output = k == hidden.length;
            int fanOut = output ? outputCount() : hidden[k];
            int key = output ? OUTPUT_LAYER_KEY : k;
            float[] w = new float[fanOut * fanIn];
            float[] b = new float[fanOut];
            Activation[] acts = new Activation[fanOut];
            ActivationSpec spec = output ? ActivationSpec.of(outputActivation) : activationOfLayer(k);
            for (int row = 0; row < fanOut; row++) {
                for (int col = 0; col < fanIn; col++) {
                    w[row * fanIn + col] = (float) (gain
                            * weights.draw(random, KeyedRandom.WEIGHTS, key, row, col, fanIn, fanOut));
                }
                b[row] = (float) biases.draw(random, KeyedRandom.BIASES, key, row, 0, fanIn, fanOut);
                acts[row] = spec.forUnit(random, key, row);
            }
            layers.add(new Layer(fanIn, fanOut, w, b, acts));
            fanIn = fanOut;
        }
        return new Model(features, layers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recipe r && seed == r.seed && inputs.equals(r.inputs) && zDim == r.zDim
                && Arrays.equals(z, r.z) && Arrays.equals(hidden, r.hidden) && activations.equals(r.activations)
                && outputActivation == r.outputActivation && weights.equals(r.weights) && biases.equals(r.biases)
                && Double.compare(gain, r.gain) == 0 && width == r.width && height == r.height
                && Double.compare(extent, r.extent) == 0 && Double.compare(centerX, r.centerX) == 0
                && Double.compare(centerY, r.centerY) == 0 && Double.compare(rotateDegrees, r.rotateDegrees) == 0
                && color.equals(r.color);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(hidden);
    }

    @Override
    public String toString() {
        return "Recipe[seed=" + seed + ", inputs=" + inputs + ", zDim=" + zDim + ", z=" + Arrays.toString(z)
                + ", hidden=" + Arrays.toString(hidden) + ", activations=" + activations + ", output="
                + outputActivation + ", weights=" + weights + ", biases=" + biases + ", gain=" + gain + ", size="
                + width + "x" + height + ", extent=" + extent + ", center=" + centerX + "," + centerY
                + ", rotate=" + rotateDegrees + ", color=" + color + "]";
    }

    /** Mutable builder; every field starts at the documented default. */
    public static final class Builder {
        private long seed = 1;
        private List<String> inputs = List.of("x", "y", "r");
        private int zDim = 0;
        private double[] z = null;
        private int[] hidden = {16, 16, 16, 16, 16, 16, 16, 16};
        private List<ActivationSpec> activations = List.of(ActivationSpec.of(Activation.TANH));
        private Activation outputActivation = Activation.SIGMOID;
        private Init weights = Init.normal(1);
        private Init biases = Init.normal(1);
        private double gain = 1;
        private int width = 1024;
        private int height = 1024;
        private double extent = 1;
        private double centerX = 0;
        private double centerY = 0;
        private double rotateDegrees = 0;
        private String color = "rgb";

        Builder() {
        }

        Builder(Recipe r) {
            seed = r.seed;
            inputs = r.inputs;
            zDim = r.zDim;
            z = r.z;
            hidden = r.hidden;
            activations = r.activations;
            outputActivation = r.outputActivation;
            weights = r.weights;
            biases = r.biases;
            gain = r.gain;
            width = r.width;
            height = r.height;
            extent = r.extent;
            centerX = r.centerX;
            centerY = r.centerY;
            rotateDegrees = r.rotateDegrees;
            color = r.color;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder inputs(List<String> v) { inputs = v; return this; }
        public Builder zDim(int v) { zDim = v; return this; }
        public Builder z(double[] v) { z = v; return this; }
        /**
         * Sets the latent vector (or, with {@code values} null, its size for a vector drawn from the seed) and
         * adds {@code z} to the inputs if it is missing: asking for a latent vector means wanting it painted.
         */
        public Builder latent(int dimensions, double[] values) {
            zDim = values != null ? values.length : dimensions;
            z = values;
            if (zDim > 0 && !inputs.contains("z")) {
                List<String> with = new ArrayList<>(inputs);
                with.add("z");
                inputs = with;
            }
            return this;
        }
        public Builder hidden(int... v) { hidden = v; return this; }
        /** {@code layers} hidden layers of {@code neurons} units each. */
        public Builder layers(int layers, int neurons) {
            if (layers < 0) {
                throw new BadInputException("the number of hidden layers must not be negative, got " + layers);
            }
            int[] h = new int[layers];
            Arrays.fill(h, neurons);
            hidden = h;
            return this;
        }
        /** The hidden sizes set so far. */
        public int[] hiddenSizes() { return hidden.clone(); }
        public Builder activations(List<ActivationSpec> v) { activations = v; return this; }
        public Builder activation(Activation v) { activations = List.of(ActivationSpec.of(v)); return this; }
        public Builder outputActivation(Activation v) { outputActivation = v; return this; }
        public Builder weights(Init v) { weights = v; return this; }
        public Builder biases(Init v) { biases = v; return this; }
        public Builder gain(double v) { gain = v; return this; }
        public Builder size(int w, int h) { width = w; height = h; return this; }
        public Builder extent(double v) { extent = v; return this; }
        public Builder center(double x, double y) { centerX = x; centerY = y; return this; }
        public Builder rotateDegrees(double v) { rotateDegrees = v; return this; }
        public Builder color(String v) { color = v; return this; }

        public Recipe build() {
            return new Recipe(seed, inputs, zDim, z, hidden, activations, outputActivation, weights, biases, gain,
                    width, height, extent, centerX, centerY, rotateDegrees, color);
        }
    }
}
