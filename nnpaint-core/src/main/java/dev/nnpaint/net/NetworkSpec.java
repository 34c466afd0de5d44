package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The network part of a recipe: its inputs, architecture, activations and initialisation, and the seed its
 * weights are drawn from. {@link #toModel(int)} draws the network; the same spec and seed give the same weights
 * on every machine.
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
 */
public record NetworkSpec(long seed, List<String> inputs, int zDim, double[] z, int[] hidden,
                          List<ActivationSpec> activations, Activation outputActivation, Init weights, Init biases,
                          double gain) {

    public static final Set<String> INPUT_NAMES = Set.of("x", "y", "r", "z", "bias");

    /** The output layer's weights are keyed apart from the hidden layers, so a deeper network keeps its readout. */
    public static final int OUTPUT_LAYER_KEY = 0x7FFF;

    public NetworkSpec {
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
        if (outputActivation == null || weights == null || biases == null) {
            throw new BadInputException("the output activation and the initialisations must be given");
        }
        if (!Double.isFinite(gain)) {
            throw new BadInputException("gain must be a finite number, got " + gain);
        }
    }

    @Override
    public double[] z() {
        return z == null ? null : z.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
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

    public ActivationSpec activationOfLayer(int k) {
        return activations.get(k % activations.size());
    }

    /**
     * Draws the network with {@code outputs} output units (the colour mode's channels). Weight (layer, row, column)
     * depends only on the seed and that key.
     */
    public Model toModel(int outputs) {
        KeyedRandom random = new KeyedRandom(seed);
        List<String> features = inputFeatures();
        List<Layer> layers = new ArrayList<>();
        int fanIn = features.size();
        for (int k = 0; k <= hidden.length; k++) {
            boolean output = k == hidden.length;
            int fanOut = output ? outputs : hidden[k];
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
        return o instanceof NetworkSpec n && seed == n.seed && inputs.equals(n.inputs) && zDim == n.zDim
                && Arrays.equals(z, n.z) && Arrays.equals(hidden, n.hidden) && activations.equals(n.activations)
                && outputActivation == n.outputActivation && weights.equals(n.weights) && biases.equals(n.biases)
                && Double.compare(gain, n.gain) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Arrays.hashCode(hidden);
    }

    @Override
    public String toString() {
        return "seed=" + seed + ", inputs=" + inputs + ", zDim=" + zDim + ", z=" + Arrays.toString(z)
                + ", hidden=" + Arrays.toString(hidden) + ", activations=" + activations + ", output="
                + outputActivation + ", weights=" + weights + ", biases=" + biases + ", gain=" + gain;
    }
}
