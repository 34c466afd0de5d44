package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.Arrays;

/**
 * One dense layer: {@code out[o] = activation_o(bias[o] + sum_j weights[o * inputs + j] * in[j])}.
 *
 * <p>Layout: {@code weights} is row-major with one row per output unit ({@code outputs x inputs}, PyTorch's
 * {@code Linear.weight}); {@code bias} has one entry per output unit, or is null for a layer without bias;
 * {@code activations} holds one activation per output unit (all equal unless the layer mixes them);
 * {@code parameters} is null when every unit uses its activation's default parameters, else one entry per unit
 * (null for the defaults), e.g. {@code {0.3}} for a leaky-relu of slope 0.3 (see {@link Activation#parameterCount}).
 * The arrays are owned by the layer: do not change them after construction.
 */
public record Layer(int inputs, int outputs, float[] weights, float[] bias, Activation[] activations,
                    double[][] parameters) {

    public Layer {
        if (inputs <= 0 || outputs <= 0) {
            throw new BadInputException("a layer needs at least one input and one output, got "
                    + inputs + " -> " + outputs);
        }
        if (weights.length != inputs * outputs) {
            throw new BadInputException("layer weights: expected " + outputs + " x " + inputs + " values, got "
                    + weights.length);
        }
        if (bias != null && bias.length != outputs) {
            throw new BadInputException("layer bias: expected " + outputs + " values, got " + bias.length);
        }
        if (activations.length != outputs) {
            throw new BadInputException("layer activations: expected " + outputs + ", got " + activations.length);
        }
        parameters = checked(activations, parameters);
    }

    /** A layer whose activations use their default parameters. */
    public Layer(int inputs, int outputs, float[] weights, float[] bias, Activation[] activations) {
        this(inputs, outputs, weights, bias, activations, null);
    }

    /** Validated parameters, or null when every unit uses the defaults (the common case, and the fast one). */
    private static double[][] checked(Activation[] activations, double[][] parameters) {
        if (parameters == null) {
            return null;
        }
        if (parameters.length != activations.length) {
            throw new BadInputException("layer activation parameters: expected " + activations.length
                    + ", got " + parameters.length);
        }
        double[][] copy = new double[parameters.length][];
        boolean any = false;
        for (int o = 0; o < parameters.length; o++) {
            copy[o] = activations[o].checkParameters(parameters[o]);
            any |= copy[o] != null;
        }
        return any ? copy : null;
    }

    /** Unit {@code o}'s activation parameters, or null for its activation's defaults. */
    public double[] parametersOf(int o) {
        return parameters == null ? null : parameters[o];
    }

    /** Unit {@code o}'s activation applied to {@code x}, in double precision: the reference. */
    public double activate(int o, double x) {
        return activations[o].apply(x, parametersOf(o));
    }

    /** Unit {@code o}'s activation with its parameters, as files name it ({@code leaky-relu:0.3}). */
    public String activationName(int o) {
        return activations[o].format(parametersOf(o));
    }

    /** True if some unit's activation has parameters other than the defaults. */
    public boolean hasParameters() {
        return parameters != null;
    }

    /** A layer whose units all use one activation. */
    public static Layer of(int inputs, int outputs, float[] weights, float[] bias, Activation activation) {
        Activation[] acts = new Activation[outputs];
        Arrays.fill(acts, activation);
        return new Layer(inputs, outputs, weights, bias, acts);
    }

    public float weight(int row, int column) {
        return weights[row * inputs + column];
    }

    public float biasOf(int row) {
        return bias == null ? 0f : bias[row];
    }

    /** The same layer with other weights and bias: activations and their parameters are kept. */
    public Layer withWeights(int inputs, float[] weights, float[] bias) {
        return new Layer(inputs, outputs, weights, bias, activations, parameters);
    }

    /** The activation shared by every unit, or null if the layer mixes activations. */
    public Activation uniformActivation() {
        Activation first = activations[0];
        for (Activation a : activations) {
            if (a != first) {
                return null;
            }
        }
        return first;
    }

    /** Multiply-adds of one sample through this layer. */
    public long multiplyAdds() {
        return (long) inputs * outputs;
    }

    /** The same weights with every unit's activation replaced. */
    public Layer withActivation(Activation activation) {
        return of(inputs, outputs, weights, bias, activation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer l && inputs == l.inputs && outputs == l.outputs
                && Arrays.equals(weights, l.weights) && Arrays.equals(bias, l.bias)
                && Arrays.equals(activations, l.activations) && Arrays.deepEquals(parameters, l.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Arrays.hashCode(activations);
    }

    @Override
    public String toString() {
        Activation a = uniformActivation();
        return "Layer[" + inputs + " -> " + outputs + ", " + (a == null ? "mixed" : a.id())
                + (bias == null ? ", no bias" : "") + "]";
    }
}
