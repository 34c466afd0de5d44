package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;

/**
 * The two products of backpropagation through a dense layer, over a batch in the feature-major layout of
 * {@link Kernel} (feature {@code f} of sample {@code p} at {@code f * n + p}). With {@code delta} the gradient
 * of the loss with respect to the layer's pre-activations ({@code outputs x n}) and {@code in} the layer's input
 * ({@code inputs x n}):
 * <pre>
 *   dW = delta . in^T          (outputs x inputs, the weights' row-major layout)
 *   dB = delta . 1             (outputs)
 *   dIn = (W^T . delta) * act'(z_in)   (inputs x n: the delta of the layer below)
 * </pre>
 * where {@code z_in} are the pre-activations of the layer below and {@code act'} its activations' derivatives,
 * fused into the product. {@link ScalarBackprop} is the readable reference; the Vector API version is chosen by
 * {@link Backprops#fastest()} like {@link Kernels#fastest()} chooses the forward kernel.
 */
public interface Backprop {

    /** {@code "scalar"} or {@code "vector"}. */
    String name();

    /** Samples per vector; batch sizes passed in are multiples of it. */
    int lanes();

    /**
     * Whether {@link #inputGradient} needs the pre-activations {@code z} of units with this activation. When it
     * does not, the derivative is computed from the unit's output (relu: out > 0; tanh: 1 - out^2; ...), and the
     * forward pass can skip storing {@code z}.
     */
    boolean needsPreActivation(Activation activation);

    /**
     * {@code dW[o * inputs + j] = sum_p delta[o * n + p] * in[j * n + p]} and, when {@code dB} is not null,
     * {@code dB[o] = sum_p delta[o * n + p]}. Overwrites {@code dW} and {@code dB}.
     */
    void parameterGradients(float[] delta, float[] in, int outputs, int inputs, int n, float[] dW, float[] dB);

    /**
     * {@code dIn[j * n + p] = act_j'(z_j,p) * sum_o W[o][j] * delta[o * n + p]} for the layer below with
     * activations {@code below}, pre-activations {@code belowPre} (may be null when no unit
     * {@link #needsPreActivation needs} them) and outputs {@code belowOut}. Overwrites {@code dIn}.
     */
    void inputGradient(Layer layer, float[] delta, Activation[] below, float[] belowPre, float[] belowOut,
                       float[] dIn, int n);
}
