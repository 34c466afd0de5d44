package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;

/**
 * The reference kernel: one sample and one unit at a time, sums in double precision, activations from
 * {@link Activation#apply(double, double[])}. It is the oracle the fast kernels are tested
 * against and the fallback when the Vector API is absent.
 */
public final class ScalarKernel implements Kernel {

    public static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
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
    public void dense(Layer layer, float[] in, float[] out, float[] pre, int n) {
        int inputs = layer.inputs();
        float[] w = layer.weights();
        for (int o = 0; o < layer.outputs(); o++) {
            Activation act = layer.activations()[o];
            double[] params = layer.parametersOf(o);
            double b = layer.biasOf(o);
            for (int p = 0; p < n; p++) {
                // z = b + w . x, the weighted sum of the previous layer's values for sample p
                double z = b;
                for (int j = 0; j < inputs; j++) {
                    z += (double) w[o * inputs + j] * in[j * n + p];
                }
                if (pre != null) {
                    pre[o * n + p] = (float) z;
                }
                out[o * n + p] = (float) act.apply(z, params);
            }
        }
    }
}
