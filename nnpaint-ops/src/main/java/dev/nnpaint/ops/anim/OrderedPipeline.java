package dev.nnpaint.ops.anim;

import dev.nnpaint.Futures;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes items (animation frames, grid cells) on several threads and hands them over in order on the calling
 * thread. At most {@code window} items are made or waiting at a time, so memory stays bounded however many
 * there are.
 */
public final class OrderedPipeline {

    /** Makes item {@code index}; runs on a worker thread. */
    @FunctionalInterface
    public interface Producer<T> {
        T produce(int index) throws Exception;
    }

    /** Takes item {@code index}; runs on the calling thread, in index order. */
    @FunctionalInterface
    public interface Consumer<T> {
        void accept(int index, T item) throws IOException;
    }

    private OrderedPipeline() {
    }

    /** A window that keeps every worker busy while the consumer takes the oldest item. */
    public static int defaultWindow(int threads) {
        return 2 * threads + 1;
    }

    /**
     * Runs {@code producer} for indices 0 .. count-1 on {@code threads} workers and {@code consumer} on each
     * result in order. The first failure stops the rest and is rethrown as it was (unchecked exceptions and
     * {@link IOException}s unchanged).
     */
    public static <T> void run(int count, int threads, int window, Producer<T> producer, Consumer<T> consumer)
            throws IOException {
        if (count <= 0) {
            return;
        }
        int workers = Math.max(1, Math.min(threads, count));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "nnpaint-frames");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        int submitted = 0;
        try {
            for (int i = 0; i < count; i++) {
                while (submitted < count && inFlight.size() < Math.max(1, window)) {
                    int index = submitted++;
                    inFlight.add(pool.submit(() -> producer.produce(index)));
                }
                T item = await(inFlight.poll());
                consumer.accept(i, item);
            }
        } finally {
            for (Future<T> f : inFlight) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw Futures.unwrap(e);
        }
    }
}
