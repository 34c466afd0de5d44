package dev.nnpaint.kernel;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The kernel nnpaint runs unless told otherwise, and why (shown by {@code --verbose}, {@code --version} and
 * {@code bench}). The Vector API kernel is chosen only where it pays: with 256-bit vectors or wider it always has
 * so far; with narrower ones (a CPU without AVX2, or a JVM started with {@code -XX:UseAVX=0}) the Vector API may
 * fall back to paths hundreds of times slower than plain loops, so a few blocks of both kernels are timed first.
 *
 * @param kernel the kernel
 * @param reason why, in words
 */
public record KernelChoice(Kernel kernel, String reason) {

    /** Float lanes from which the vector kernel is taken without timing: 256-bit vectors and wider. */
    public static final int WIDE_LANES = 8;
    /** Below this many lanes there is nothing to gain from vectors: the scalar kernel, without timing. */
    public static final int MIN_LANES = 4;
    /** The vector kernel must take at most this fraction of the scalar kernel's time on the test blocks. */
    public static final double MARGIN = 0.8;

    /** The best time of a test block on each kernel, in seconds. */
    public record Timing(double vectorSeconds, double scalarSeconds) {
    }

    /**
     * Decides, asking for {@code timing} only when the width alone does not settle it.
     *
     * @param vector      the Vector API kernel, or null when it is not available
     * @param unavailable why it is not (when {@code vector} is null)
     * @param lanes       float lanes of the JVM's preferred vector species
     * @param timing      times test blocks of both kernels (called at most once)
     */
    public static KernelChoice decide(Kernel vector, String unavailable, int lanes, Supplier<Timing> timing) {
        Kernel scalar = ScalarKernel.INSTANCE;
        if (vector == null) {
            return new KernelChoice(scalar, unavailable);
        }
        if (lanes >= WIDE_LANES) {
            return new KernelChoice(vector, lanes + " float lanes (" + 32 * lanes + "-bit vectors)");
        }
        if (lanes < MIN_LANES) {
            return new KernelChoice(scalar, "the JVM offers only " + lanes + " float lane" + (lanes == 1 ? "" : "s")
                    + " a vector: the Vector API would not pay");
        }
        Timing t = timing.get();
        String measured = String.format(Locale.ROOT, "%d float lanes (%d-bit vectors); a test block took "
                + "%.3g ms on the vector kernel, %.3g ms on the scalar one", lanes, 32 * lanes,
                t.vectorSeconds() * 1e3, t.scalarSeconds() * 1e3);
        if (t.vectorSeconds() <= MARGIN * t.scalarSeconds()) {
            return new KernelChoice(vector, measured);
        }
        return new KernelChoice(scalar, measured + ": the vector kernel does not pay here");
    }
}
