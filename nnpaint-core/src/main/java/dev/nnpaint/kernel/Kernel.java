package dev.nnpaint.kernel;

import dev.nnpaint.net.Layer;

/**
 * A dense layer evaluated over a batch of samples. All tensors are flat {@code float[]} in
 * <em>feature-major</em> layout: feature {@code f} of sample {@code p} in a batch of {@code n} sits at
 * {@code f * n + p}, so a row of the array is one feature across the batch and the samples run along the
 * vector lanes.
 *
 * <p>Two implementations exist: {@link ScalarKernel}, the readable reference and test oracle, and the Vector API
 * kernel chosen by {@link Kernels#fastest()} when {@code jdk.incubator.vector} is present. Nothing else in the
 * code knows which one runs.
 */
public interface Kernel {

    /** {@code "scalar"} or {@code "vector"}: shown by the benchmarks. */
    String name();

    /**
     * Samples per vector. Callers pass batch sizes that are a multiple of it (padding the tail), so every sample
     * takes the same arithmetic path and results do not depend on tile size.
     */
    int lanes();

    /**
     * {@code out[o * n + p] = act_o(bias[o] + sum_j W[o][j] * in[j * n + p])} for every unit o and sample p < n.
     * When {@code pre} is not null it receives the sums before the activation (same layout as {@code out}).
     * {@code in} and {@code out} must not overlap.
     */
    void dense(Layer layer, float[] in, float[] out, float[] pre, int n);
}
