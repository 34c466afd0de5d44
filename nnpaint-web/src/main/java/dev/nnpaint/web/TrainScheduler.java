package dev.nnpaint.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where every training session of the server steps: a few threads shared by all pages, so that however many
 * train views are open, at most {@link #stepping} sessions step at once, each with a trainer of
 * {@link #trainerThreads} threads, together about one thread a core. A session steps for a slice of time and
 * then queues again behind the others waiting, so that sessions take turns.
 */
final class TrainScheduler implements AutoCloseable {

    /** Cores per session stepping at once: a trainer's blocks seldom keep more threads busy. */
    static final int CORES_PER_SESSION = 4;

    /** Sessions that may step at the same time. */
    final int stepping;
    /** Threads of each session's trainer (its pool's helpers plus the stepping thread). */
    final int trainerThreads;
    private final ScheduledThreadPoolExecutor pool;
    /** Threads that help a stepping session render its snapshot, as its trainer's helpers help it step. */
    private final ExecutorService renderHelpers;

    TrainScheduler(int cores) {
        stepping = Math.max(1, cores / CORES_PER_SESSION);
        trainerThreads = Math.max(1, cores / stepping);
        pool = new ScheduledThreadPoolExecutor(stepping, task -> {
            Thread t = new Thread(task, "nnpaint-train-step");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        int helpers = Math.max(1, stepping * (trainerThreads - 1));
        renderHelpers = new ThreadPoolExecutor(helpers, helpers, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "nnpaint-train-render");
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) renderHelpers).allowCoreThreadTimeOut(true);
    }

    /** Runs part of a stepping session's render on a helper thread. */
    Future<?> help(Runnable part) {
        return renderHelpers.submit(part);
    }

    /**
     * Runs the task after {@code delayNanos} (0: as soon as a thread is free, after the tasks already waiting:
     * the executor's queue orders equal times by arrival).
     */
    void submit(Runnable task, long delayNanos) {
        pool.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        renderHelpers.shutdownNow();
    }
}
