package dev.nnpaint.web;

import dev.nnpaint.paint.Region;
import dev.nnpaint.paint.Renderer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's painting threads, shared fairly by every request. An image is painted in strips of rows of about
 * {@link #STRIP_PIXELS} pixels; each strip waits its turn for one of the threads in a first-come, first-served
 * queue, so a large preview or a download takes turns with a small preview that came later instead of holding
 * every core until it is done. A request keeps at most {@link #AHEAD_PER_THREAD} strips per thread in flight, and consumes them in order:
 * a slow reader (a download over a slow link) slows its own painting, and memory stays bounded.
 */
final class RenderBudget implements AutoCloseable {

    /** Pixels of one strip: a few milliseconds of work, so that turns come often. */
    static final int STRIP_PIXELS = 16 * 1024;
    /** Strips one request may have queued or painting at once, per thread. */
    static final int AHEAD_PER_THREAD = 2;

    private final int threads;
    private final Semaphore turns;
    private final ExecutorService pool;
    /** Strips one request may have queued or painting at once. */
    private final int ahead;

    RenderBudget(int threads) {
        this.threads = Math.max(1, threads);
        this.turns = new Semaphore(this.threads, true);
        this.ahead = AHEAD_PER_THREAD * this.threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, task -> {
            Thread t = new Thread(task, "nnpaint-paint-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs before each strip is queued; throws to stop the painting (a newer request superseded it). */
    interface Check {
        void run();
    }

    /**
     * Paints {@code renderer}'s image ({@code width} x {@code height}) into {@code sink}, top to bottom. The
     * renderer must be single-threaded: its strips run on this budget's threads, one thread each.
     */
    void paint(Renderer renderer, int width, int height, Renderer.RowSink sink, Check check) throws IOException {
        if (renderer.threads() != 1) {
            throw new IllegalArgumentException("the budget's strips need a single-threaded renderer");
        }
        int rowsPerStrip = Math.max(1, Math.min(height, STRIP_PIXELS / width));
        AtomicBoolean abandoned = new AtomicBoolean();
        Deque<Strip> inFlight = new ArrayDeque<>();
        int next = 0;
        try {
            while (next < height || !inFlight.isEmpty()) {
                while (!inFlight.isEmpty() && (next >= height || inFlight.size() >= ahead
                        || inFlight.peekFirst().result.isDone())) {
                    Strip s = inFlight.pollFirst();
                    sink.rows(join(s.result), s.first, s.rows);
                }
                if (next < height) {
                    check.run();
                    try {
                        turns.acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new HttpProblem(503, "the server is stopping");
                    }
                    int first = next;
                    int rows = Math.min(rowsPerStrip, height - first);
                    Future<byte[]> result;
                    try {
                        result = pool.submit(() -> {
                            try {
                                // a strip of an abandoned image is skipped, but its turn is still handed on
                                return abandoned.get() ? null : renderer.renderRgb(new Region(0, first, width, rows));
                            } finally {
                                turns.release();
                            }
                        });
                    } catch (RuntimeException e) {
                        turns.release(); // the pool is shut down
                        throw new HttpProblem(503, "the server is stopping");
                    }
                    inFlight.addLast(new Strip(first, rows, result));
                    next += rows;
                }
            }
        } finally {
            abandoned.set(true);
        }
    }

    private record Strip(int first, int rows, Future<byte[]> result) {
    }

    private static byte[] join(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(503, "the server is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    int threads() {
        return threads;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
