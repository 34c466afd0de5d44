package dev.nnpaint.paint;

import dev.nnpaint.Futures;
import dev.nnpaint.kernel.Evaluator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders a {@link Painting}: the image is cut into tiles of consecutive pixels (row-major), threads take tiles
 * from a shared counter, and each tile runs through the model in one batch. A pixel's value does not depend on
 * the tile size or the thread count. Large images stream as bands of rows in order, so memory stays bounded;
 * the next band renders while the caller consumes the previous one.
 */
public final class Renderer {

    /** Pixels per tile: big enough to amortise a layer's setup, small enough for the activations to stay in cache. */
    public static final int DEFAULT_TILE = 512;

    private final Painting painting;
    private final Evaluator evaluator;
    private final int threads;
    private final int tile;

    public Renderer(Painting painting, Evaluator evaluator, int threads, int tilePixels) {
        if (threads <= 0) {
            throw new dev.nnpaint.BadInputException("threads must be positive, got " + threads);
        }
        if (tilePixels <= 0) {
            throw new dev.nnpaint.BadInputException("tile size must be positive, got " + tilePixels);
        }
        this.painting = painting;
        this.evaluator = evaluator;
        this.threads = threads;
        this.tile = evaluator.padded(tilePixels);
    }

    public Renderer(Painting painting, int threads) {
        this(painting, Evaluator.of(painting.model()), threads, DEFAULT_TILE);
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public int threads() {
        return threads;
    }

    /** Receives bands of rows, top to bottom, as interleaved RGB bytes ({@code rowCount * width * 3} of them). */
    @FunctionalInterface
    public interface RowSink {
        void rows(byte[] rgb, int firstRow, int rowCount) throws IOException;
    }

    /** Told how many pixels are done, from the calling thread. */
    @FunctionalInterface
    public interface Progress {
        void update(long donePixels, long totalPixels);

        Progress NONE = (done, total) -> { };
    }

    /** The whole image as interleaved RGB bytes, row 0 first. */
    public byte[] renderRgb() {
        return renderRgb(Region.of(painting.view()));
    }

    /**
     * A region of the image as interleaved RGB bytes, its top row first; every pixel is the one of the whole
     * image. With one thread the work runs on the calling thread, so many small regions can be rendered side by
     * side by as many callers.
     */
    public byte[] renderRgb(Region region) {
        if (!region.fits(painting.view())) {
            throw new dev.nnpaint.BadInputException("region " + region + " lies outside the "
                    + painting.view().width() + "x" + painting.view().height() + " image");
        }
        byte[] rgb = new byte[Math.toIntExact(region.pixels() * 3)];
        forEachTile(region, 0, region.pixels(), (out, n, start, count) ->
                painting.colorizer().toRgb(out, n, count, rgb, (int) (start * 3)));
        return rgb;
    }

    /** The raw network outputs, channel-major: output c of pixel p at {@code c * pixels + p}. */
    public float[] renderOutputs() {
        View view = painting.view();
        int pixels = Math.toIntExact(view.pixels());
        int channels = painting.model().outputCount();
        float[] result = new float[channels * pixels];
        forEachTile(Region.of(view), 0, pixels, (out, n, start, count) -> {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(out, c * n, result, c * pixels + (int) start, count);
            }
        });
        return result;
    }

    /**
     * Streams the image to {@code sink} in bands of rows. Two bands are alive at a time: the one being
     * consumed and the one being rendered.
     */
    public void render(RowSink sink, Progress progress) throws IOException {
        View view = painting.view();
        int width = view.width();
        int bandRows = Math.max(1, Math.min(view.height(), (threads * tile * 8 + width - 1) / width));
        ExecutorService pool = newPool();
        try {
            Workers workers = new Workers();
            byte[][] buffers = {new byte[bandRows * width * 3], new byte[bandRows * width * 3]};
            List<Future<?>> pending = submitBand(pool, workers, buffers[0], 0, bandRows);
            for (int first = 0, b = 0; first < view.height(); first += bandRows, b ^= 1) {
                int rows = Math.min(bandRows, view.height() - first);
                await(pending);
                int next = first + bandRows;
                pending = next < view.height()
                        ? submitBand(pool, workers, buffers[b ^ 1], next, Math.min(bandRows, view.height() - next))
                        : List.of();
                sink.rows(buffers[b], first, rows);
                progress.update((long) (first + rows) * width, view.pixels());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Future<?>> submitBand(ExecutorService pool, Workers workers, byte[] rgb, int firstRow, int rows) {
        long start = (long) firstRow * painting.view().width();
        long end = start + (long) rows * painting.view().width();
        return submit(pool, workers, Region.of(painting.view()), start, end, (out, n, s, count) ->
                painting.colorizer().toRgb(out, n, count, rgb, (int) ((s - start) * 3)));
    }

    @FunctionalInterface
    private interface TileConsumer {
        /** {@code out} holds outputs of a batch of n; pixels start .. start+count-1 are real. */
        void accept(float[] out, int n, long start, int count);
    }

    private void forEachTile(Region region, long start, long end, TileConsumer consumer) {
        if (threads == 1) {
            runTiles(new Worker(), region, start, end, new AtomicInteger(), consumer);
            return;
        }
        ExecutorService pool = newPool();
        try {
            await(submit(pool, new Workers(), region, start, end, consumer));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per-thread buffers, made once per render and reused for every tile that thread takes. */
    private final class Workers {
        final Worker[] slots = new Worker[threads];
    }

    private final class Worker {
        final float[] in = new float[painting.model().inputCount() * tile];
        final float[] out = new float[painting.model().outputCount() * tile];
        final Evaluator.Scratch scratch = evaluator.newScratch(tile);
    }

    /** Pixels start .. end-1 (row-major within the region), shared out in tiles among the pool's threads. */
    private List<Future<?>> submit(ExecutorService pool, Workers workers, Region region, long start, long end,
                                   TileConsumer consumer) {
        long tiles = (end - start + tile - 1) / tile;
        AtomicInteger nextTile = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        int tasks = (int) Math.min(threads, tiles);
        for (int t = 0; t < tasks; t++) {
            int slot = t;
            futures.add(pool.submit(() -> {
                if (workers.slots[slot] == null) {
                    workers.slots[slot] = new Worker();
                }
                runTiles(workers.slots[slot], region, start, end, nextTile, consumer);
            }));
        }
        return futures;
    }

    /** Takes tiles from the shared counter until none are left. */
    private void runTiles(Worker w, Region region, long start, long end, AtomicInteger nextTile,
                          TileConsumer consumer) {
        long tiles = (end - start + tile - 1) / tile;
        for (int k = nextTile.getAndIncrement(); k < tiles; k = nextTile.getAndIncrement()) {
            long s = start + (long) k * tile;
            int count = (int) Math.min(tile, end - s);
            int n = evaluator.padded(count);
            painting.inputs().fill(painting.view(), region, s, count, w.in, n);
            evaluator.forward(w.in, w.out, n, w.scratch);
            consumer.accept(w.out, n, s, count);
        }
    }

    private ExecutorService newPool() {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nnpaint-render");
            t.setDaemon(true);
            return t;
        });
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            Futures.join(f);
        }
    }
}
