package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;

/**
 * The reference backward kernel: the sums of {@link Backprop} written out one element at a time, accumulated in
 * double precision, with derivatives from {@link Activation#derivative} at the stored pre-activations. It is the
 * oracle the vector kernel is tested against and the fallback without the Vector API.
 */
public final class ScalarBackprop implements Backprop {

    public static final ScalarBackprop INSTANCE = new ScalarBackprop();

    private ScalarBackprop() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public boolean needsPreActivation(Activation activation) {
        return true;
    }

    @Override
    public void parameterGradients(float[] delta, float[] in, int outputs, int inputs, int n, float[] dW,
                                   float[] dB) {
        for (int o = 0; o < outputs; o++) {
            // dL/dW[o][j] sums, over the batch, the unit's error times the input that fed the weight
            for (int j = 0; j < inputs; j++) {
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += (double) delta[o * n + p] * in[j * n + p];
                }
                dW[o * inputs + j] = (float) s;
            }
            if (dB != null) {
                // a bias is a weight whose input is always 1
                double s = 0;
                for (int p = 0; p < n; p++) {
                    s += delta[o * n + p];
                }
                dB[o] = (float) s;
            }
        }
    }

    @Override
    public void inputGradient(Layer layer, float[] delta, Activation[] below, float[] belowPre, float[] belowOut,
                              float[] dIn, int n) {
        int inputs = layer.inputs();
        int outputs = layer.outputs();
        float[] w = layer.weights();
        for (int j = 0; j < inputs; j++) {
            Activation act = below[j];
            for (int p = 0; p < n; p++) {
                // input j fed every unit o through W[o][j]: its error gathers theirs back along those weights,
                // then passes back through its own activation (the chain rule)
                double s = 0;
                for (int o = 0; o < outputs; o++) {
                    s += (double) w[o * inputs + j] * delta[o * n + p];
                }
                dIn[j * n + p] = (float) (s * act.derivative(belowPre[j * n + p]));
            }
        }
    }
}
