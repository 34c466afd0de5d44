package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import dev.nnpaint.paint.Antialias;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.ViewSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Every hyperparameter of a painting: the network (architecture, activations, initialisation, inputs and the
 * seed of its weights), the view and the colour mapping, each checked in its own type. {@link #toModel()} draws
 * the network; a recipe and a seed give the same weights on every machine. The accessors of the parts' fields
 * ({@link #seed()}, {@link #width()}, ...) are here too, since most code reads one field at a time.
 *
 * @param network the network part
 * @param view    the view part
 * @param color   the colour mapping, which also fixes the number of outputs
 */
public record Recipe(NetworkSpec network, ViewSpec view, ColorMode color) {

    public static final Set<String> INPUT_NAMES = NetworkSpec.INPUT_NAMES;

    /** The output layer's weights are keyed apart from the hidden layers, so a deeper network keeps its readout. */
    public static final int OUTPUT_LAYER_KEY = NetworkSpec.OUTPUT_LAYER_KEY;

    public Recipe {
        if (network == null || view == null || color == null) {
            throw new BadInputException("a recipe needs a network, a view and a colour mode");
        }
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

    public long seed() { return network.seed(); }
    public List<String> inputs() { return network.inputs(); }
    public int zDim() { return network.zDim(); }
    public double[] z() { return network.z(); }
    public int[] hidden() { return network.hidden(); }
    public List<ActivationSpec> activations() { return network.activations(); }
    public Activation outputActivation() { return network.outputActivation(); }
    public Init weights() { return network.weights(); }
    public Init biases() { return network.biases(); }
    public double gain() { return network.gain(); }
    public int width() { return view.width(); }
    public int height() { return view.height(); }
    public double extent() { return view.extent(); }
    public double centerX() { return view.centerX(); }
    public double centerY() { return view.centerY(); }
    public double rotateDegrees() { return view.rotateDegrees(); }
    public Antialias antialias() { return view.antialias(); }
    public boolean tile() { return view.tile(); }

    /** Input feature names of the model: {@code z} expanded to {@code z0 .. z(k-1)}. */
    public List<String> inputFeatures() {
        return network.inputFeatures();
    }

    /** The latent vector: the given one, or one drawn from the seed (standard normal per dimension). */
    public double[] latent() {
        return network.latent();
    }

    public int outputCount() {
        return color.channels();
    }

    public ActivationSpec activationOfLayer(int k) {
        return network.activationOfLayer(k);
    }

    /** Draws the network, with as many outputs as the colour mode reads. */
    public Model toModel() {
        return network.toModel(outputCount());
    }

    @Override
    public String toString() {
        return "Recipe[" + network + ", " + view + ", color=" + color + "]";
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
        private Antialias antialias = Antialias.OFF;
        private boolean tile = false;
        private ColorMode color = ColorMode.parse("rgb");

        Builder() {
        }

        Builder(Recipe r) {
            NetworkSpec n = r.network;
            seed = n.seed();
            inputs = n.inputs();
            zDim = n.zDim();
            z = n.z();
            hidden = n.hidden();
            activations = n.activations();
            outputActivation = n.outputActivation();
            weights = n.weights();
            biases = n.biases();
            gain = n.gain();
            width = r.view.width();
            height = r.view.height();
            extent = r.view.extent();
            centerX = r.view.centerX();
            centerY = r.view.centerY();
            rotateDegrees = r.view.rotateDegrees();
            antialias = r.view.antialias();
            tile = r.view.tile();
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
        /** The inputs set so far. */
        public List<String> inputNames() { return inputs; }
        public Builder activations(List<ActivationSpec> v) { activations = v; return this; }
        public Builder activation(Activation v) { activations = List.of(ActivationSpec.of(v)); return this; }
        public Builder outputActivation(Activation v) { outputActivation = v; return this; }
        public Builder weights(Init v) { weights = v; return this; }
        public Builder biases(Init v) { biases = v; return this; }
        public Builder gain(double v) { gain = v; return this; }
        public Builder size(int w, int h) { width = w; height = h; return this; }
        public Builder width(int w) { width = w; return this; }
        public Builder height(int h) { height = h; return this; }
        public Builder extent(double v) { extent = v; return this; }
        public Builder center(double x, double y) { centerX = x; centerY = y; return this; }
        public Builder rotateDegrees(double v) { rotateDegrees = v; return this; }
        public Builder antialias(Antialias v) { antialias = v; return this; }
        public Builder tile(boolean v) { tile = v; return this; }
        public Builder color(ColorMode v) { color = v; return this; }
        /** Parses the colour mode: rgb, gray, hsv, hsl or palette:NAME. */
        public Builder color(String v) { color = ColorMode.parse(v); return this; }

        public Recipe build() {
            return new Recipe(new NetworkSpec(seed, inputs, zDim, z, hidden, activations, outputActivation, weights,
                    biases, gain), new ViewSpec(width, height, extent, centerX, centerY, rotateDegrees, antialias,
                    tile), color);
        }
    }
}
