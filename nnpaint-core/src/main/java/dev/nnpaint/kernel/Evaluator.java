package dev.nnpaint.kernel;

import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

/**
 * The one forward pass: a model run layer by layer over a batch in feature-major layout (see {@link Kernel}).
 * An evaluator is immutable and shared between threads; each thread brings its own {@link Scratch}.
 */
public final class Evaluator {

    private final Model model;
    private final Kernel kernel;

    public Evaluator(Model model, Kernel kernel) {
        this.model = model;
        this.kernel = kernel;
    }

    /** An evaluator on the fastest kernel available. */
    public static Evaluator of(Model model) {
        return new Evaluator(model, Kernels.fastest());
    }

    public Model model() {
        return model;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Rounds a batch size up to a whole number of vectors. */
    public int padded(int n) {
        int lanes = kernel.lanes();
        return (n + lanes - 1) / lanes * lanes;
    }

    /** Working memory for batches of up to {@code capacity} samples (rounded up to whole vectors). */
    public Scratch newScratch(int capacity) {
        int n = padded(capacity);
        return new Scratch(n, new float[model.maxWidth() * n], new float[model.maxWidth() * n]);
    }

    /**
     * Runs the model on {@code n} samples: {@code in} holds {@code inputCount x n} values, {@code out} receives
     * {@code outputCount x n}. {@code n} must be a multiple of {@code kernel().lanes()}: use {@link #padded}.
     */
    public void forward(float[] in, float[] out, int n, Scratch scratch) {
        if (n % kernel.lanes() != 0 || n > scratch.capacity) {
            throw new IllegalArgumentException("batch of " + n + " does not fit lanes " + kernel.lanes()
                    + " and capacity " + scratch.capacity);
        }
        float[] src = in;
        if (model.encodesInputs()) {
            // a grid's gather or the input features: one scalar loop on either kernel (see HashGrid, Encoding)
            model.encode(in, scratch.a, n);
            src = scratch.a;
        }
        int last = model.layers().size() - 1;
        for (int k = 0; k <= last; k++) {
            Layer layer = model.layers().get(k);
            float[] dst = k == last ? out : (src == scratch.a ? scratch.b : scratch.a);
            kernel.dense(layer, src, dst, null, n);
            src = dst;
        }
    }

    /** Per-thread buffers of a forward pass: two ping-pong activations of {@code maxWidth x capacity}. */
    public static final class Scratch {
        final int capacity;
        final float[] a;
        final float[] b;

        Scratch(int capacity, float[] a, float[] b) {
            this.capacity = capacity;
            this.a = a;
            this.b = b;
        }

        public int capacity() {
            return capacity;
        }
    }
}
