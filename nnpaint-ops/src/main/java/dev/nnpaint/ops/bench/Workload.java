package dev.nnpaint.ops.bench;

import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;

import java.util.Map;

/**
 * One named benchmark of {@code nnpaint bench}. The bench command calls {@link #prepare} once, then
 * {@link #run} several times (warm-up runs first, untimed), and prints {@code bench NAME key=value ...} with the
 * best time and whatever {@link #figures} derives from it.
 */
public interface Workload {

    String name();

    /** One line for {@code nnpaint bench --list}. */
    String description();

    /** Builds the inputs on the fastest kernel; not timed. */
    void prepare(int threads);

    /**
     * Builds the inputs on the given kernel ({@code --kernel}); not timed. Workloads that run the forward
     * kernel override this; the default ignores the choice.
     */
    default void prepare(int threads, Kernel kernel) {
        if (kernel != Kernels.fastest()) {
            throw new dev.nnpaint.BadInputException("workload " + name() + " runs on the " + Kernels.fastest().name()
                    + " kernel only");
        }
        prepare(threads);
    }

    /** The timed work. */
    void run();

    /** Extra figures for the best time, e.g. {@code mpx_s}, {@code gflop_s}, {@code epochs_s}; insertion-ordered. */
    Map<String, String> figures(double bestSeconds);
}
