package dev.nnpaint.ops;

import dev.nnpaint.paint.Renderer;

/**
 * How an operation tells its caller how far it has got: the command line draws a progress bar from it, the web
 * and Spark pass something else or {@link #NONE}. Calls may come from worker threads.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> { };

    void update(long done, long total);

    /** As {@link #update(long, long)} with a few words about the state (a training loss, say). */
    default void update(long done, long total, String note) {
        update(done, total);
    }

    /** The same reports in the renderer's form. */
    default Renderer.Progress pixels() {
        return this::update;
    }
}
