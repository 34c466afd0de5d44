package dev.nnpaint.app.bench;

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

    /** Builds the inputs; not timed. */
    void prepare(int threads);

    /** The timed work. */
    void run();

    /** Extra figures for the best time, e.g. {@code mpx_s}, {@code gflop_s}, {@code epochs_s}; insertion-ordered. */
    Map<String, String> figures(double bestSeconds);
}
