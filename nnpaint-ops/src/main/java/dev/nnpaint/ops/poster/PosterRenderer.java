package dev.nnpaint.ops.poster;

import dev.nnpaint.Futures;
import dev.nnpaint.paint.Renderer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paints a poster's missing tiles on this machine: each thread takes the next tile, paints it (on one thread:
 * tiles are small and many) and writes its PNG, so painting and compression both use every core.
 */
public final class PosterRenderer {

    /** What a run did. */
    public record Summary(int tilesPainted, int tilesKept, long pixels, double seconds) {
    }

    private PosterRenderer() {
    }

    /**
     * Paints the tiles {@code folder} lacks and then writes the descriptor. {@code progress} hears about pixels
     * painted, from the calling thread.
     */
    public static Summary render(PosterFolder folder, PosterTiles tiles, int threads, Renderer.Progress progress) {
        long start = System.nanoTime();
        List<TileKey> todo = folder.missing();
        DziLayout layout = folder.layout();
        long total = 0;
        for (TileKey t : todo) {
            total += layout.region(t).pixels();
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nnpaint-poster");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(threads, todo.size()); w++) {
                workers.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < todo.size() && !Thread.currentThread().isInterrupted();
                         k = next.getAndIncrement()) {
                        TileKey t = todo.get(k);
                        folder.write(t, tiles.png(t));
                        done.addAndGet(layout.region(t).pixels());
                    }
                }));
            }
            for (Future<?> f : workers) {
                while (!Futures.joinWithin(f, 100)) {
                    progress.update(done.get(), total);
                }
            }
            progress.update(done.get(), total);
        } finally {
            pool.shutdownNow();
        }
        folder.finish();
        int kept = Math.toIntExact(layout.tileCount() - todo.size());
        return new Summary(todo.size(), kept, total, (System.nanoTime() - start) / 1e9);
    }
}
