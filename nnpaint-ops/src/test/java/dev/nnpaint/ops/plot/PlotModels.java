package dev.nnpaint.ops.plot;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.List;

/** Small networks with weights written out, and a plain double-precision forward pass to check plots against. */
final class PlotModels {

    private PlotModels() {
    }

    /** The article's sigmoid neuron: sigmoid(0.4 x + 1.0 y - 0.3). */
    static Model sigmoidNeuron() {
        return new Model(List.of("x", "y"), List.of(
                Layer.of(2, 1, new float[] {0.4f, 1.0f}, new float[] {-0.3f}, Activation.SIGMOID)));
    }

    /** One input, three tanh units, two sigmoid units: weights chosen so that the units differ visibly. */
    static Model oneInput() {
        Layer first = Layer.of(1, 3, new float[] {1.5f, -0.8f, 2.5f}, new float[] {0.5f, -1.0f, -2.0f},
                Activation.TANH);
        Layer second = Layer.of(3, 2, new float[] {0.9f, -1.2f, 0.4f, 1.7f, 0.6f, -2.1f}, new float[] {0.2f, -0.7f},
                Activation.SIGMOID);
        return new Model(List.of("x"), List.of(first, second));
    }

    /** Layer {@code k}'s pre-activations of input {@code in}, every earlier layer applied in doubles. */
    static double[] preActivations(Model model, int k, double... in) {
        double[] a = in.clone();
        for (int l = 0; l <= k; l++) {
            Layer layer = model.layers().get(l);
            double[] z = new double[layer.outputs()];
            for (int o = 0; o < layer.outputs(); o++) {
                z[o] = layer.biasOf(o);
                for (int j = 0; j < layer.inputs(); j++) {
                    z[o] += layer.weight(o, j) * a[j];
                }
            }
            if (l == k) {
                return z;
            }
            a = new double[z.length];
            for (int o = 0; o < z.length; o++) {
                a[o] = layer.activations()[o].apply(z[o]);
            }
        }
        throw new IllegalArgumentException("no layer " + k);
    }

    /** The network's outputs for input {@code in}, in doubles. */
    static double[] outputs(Model model, double... in) {
        int last = model.layers().size() - 1;
        double[] z = preActivations(model, last, in);
        double[] out = new double[z.length];
        for (int o = 0; o < z.length; o++) {
            out[o] = model.layers().get(last).activations()[o].apply(z[o]);
        }
        return out;
    }
}
