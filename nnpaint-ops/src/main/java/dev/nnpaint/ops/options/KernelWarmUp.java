package dev.nnpaint.ops.options;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Region;
import dev.nnpaint.paint.Renderer;

/**
 * Loads the Vector API and has the JIT compile the painting path on a thread of its own while the main thread is
 * still reading the command line, so that a short run paints with compiled code from its first tile. Until C2 has
 * compiled them, the Vector API's loops run tens of times slower than plain Java; on a machine with two cores a
 * quick {@code render} otherwise spends most of its time there. The pixels it paints are thrown away: what
 * the command paints does not depend on it.
 */
public final class KernelWarmUp {

    /** Side of the small picture painted over and over: four tiles of the default network. */
    static final int SIDE = 64;
    /** Rounds of the picture: enough calls for C2 to take the tile path of the default network. */
    static final int ROUNDS = 40;
    /** Bound on the time spent, in nanoseconds, for a loaded machine: the command's own tiles do the rest. */
    static final long BUDGET_NANOS = 400_000_000L;

    private KernelWarmUp() {
    }

    /**
     * Starts the warm-up on a daemon thread (it never keeps the JVM alive) and returns at once; nothing happens
     * when the default kernel is the scalar one.
     *
     * @return the thread, already started
     */
    public static Thread start() {
        Thread t = new Thread(KernelWarmUp::run, "nnpaint-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void run() {
        Kernel kernel = Kernels.fastest();
        if (kernel == Kernels.scalar()) {
            return;
        }
        Painting painting = Painting.of(Recipe.defaults().toBuilder().size(SIDE, SIDE).build());
        Renderer renderer = new Renderer(painting, new Evaluator(painting.model(), kernel), 1, Renderer.DEFAULT_TILE);
        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS && System.nanoTime() - start < BUDGET_NANOS; i++) {
            renderer.renderRgb(new Region(0, 0, SIDE, SIDE));
        }
    }
}
