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
 *
 * <p>With anti-aliasing ({@link View#antialias()}) a tile holds fewer pixels, so that their samples make a
 * batch of about the same size; each sample is coloured, and a pixel is the mean of its samples in linear light,
 * encoded back to sRGB. Pixels come out at a depth of 8 bits a channel or, with {@link #withDepth(int) depth}
 * 16, as two bytes a channel, most significant first (as PNG stores them).
 */
public final class Renderer {

    /** Pixels per tile: big enough to amortise a layer's setup, small enough for the activations to stay in cache. */
    public static final int DEFAULT_TILE = 512;

    private final Painting painting;
    private final Evaluator evaluator;
    private final int threads;
    /** Samples a batch holds (padded for the kernel). */
    private final int tile;
    /** Pixels a tile holds: {@link #tile} over the most samples a pixel takes. */
    private final int pixelsPerTile;
    private final int requestedTile;
    private final int depth;
    private final Antialias antialias;

    public Renderer(Painting painting, Evaluator evaluator, int threads, int tilePixels) {
        this(painting, evaluator, threads, tilePixels, 8);
    }

    private Renderer(Painting painting, Evaluator evaluator, int threads, int tilePixels, int depth) {
        if (threads <= 0) {
            throw new dev.nnpaint.BadInputException("threads must be positive, got " + threads);
        }
        if (tilePixels <= 0) {
            throw new dev.nnpaint.BadInputException("tile size must be positive, got " + tilePixels);
        }
        if (depth != 8 && depth != 16) {
            throw new dev.nnpaint.BadInputException("depth must be 8 or 16 bits, got " + depth);
        }
        this.painting = painting;
        this.evaluator = evaluator;
        this.threads = threads;
        this.depth = depth;
        this.antialias = painting.view().antialias();
        int perPixel = antialias.maxSamplesPerPixel();
        this.pixelsPerTile = Math.max(1, tilePixels / perPixel);
        this.tile = evaluator.padded(Math.max(tilePixels, perPixel * pixelsPerTile));
        this.requestedTile = tilePixels;
    }

    /** The same renderer writing {@code bits} (8 or 16) a channel. */
    public Renderer withDepth(int bits) {
        return new Renderer(painting, evaluator, threads, requestedTile, bits);
    }

    /** Bits a channel: 8 or 16. */
    public int depth() {
        return depth;
    }

    /** Bytes a pixel of {@link #renderRgb()} and of the bands: 3 at depth 8, 6 at depth 16. */
    public int bytesPerPixel() {
        return depth / 8 * 3;
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

    /**
     * Receives bands of rows, top to bottom, as interleaved RGB ({@code rowCount * width * bytesPerPixel()}
     * bytes).
     */
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

    /** The whole image as interleaved RGB ({@link #bytesPerPixel()} bytes a pixel), row 0 first. */
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
        int bpp = bytesPerPixel();
        byte[] rgb = new byte[Math.toIntExact(region.pixels() * bpp)];
        forEachTile(region, 0, region.pixels(), pixelTiles((start, count) -> rgb, start -> (int) (start * bpp)));
        return rgb;
    }

    /** The raw network outputs, channel-major: output c of pixel p at {@code c * pixels + p}. */
    public float[] renderOutputs() {
        View view = painting.view();
        int pixels = Math.toIntExact(view.pixels());
        int channels = painting.model().outputCount();
        float[] result = new float[channels * pixels];
        forEachTile(Region.of(view), 0, pixels, (w, region, start, count) -> {
            int n = evaluator.padded(count);
            painting.inputs().fill(view, region, start, count, w.in, n);
            evaluator.forward(w.in, w.out, n, w.scratch);
            for (int c = 0; c < channels; c++) {
                System.arraycopy(w.out, c * n, result, c * pixels + (int) start, count);
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
            int bpp = bytesPerPixel();
            byte[][] buffers = {new byte[bandRows * width * bpp], new byte[bandRows * width * bpp]};
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
        int bpp = bytesPerPixel();
        return submit(pool, workers, Region.of(painting.view()), start, end,
                pixelTiles((s, count) -> rgb, s -> (int) ((s - start) * bpp)));
    }

    @FunctionalInterface
    private interface TileConsumer {
        /** Works on pixels start .. start+count-1 of the region (row-major) with a thread's buffers. */
        void accept(Worker w, Region region, long start, int count);
    }

    @FunctionalInterface
    private interface Target {
        byte[] of(long start, int count);
    }

    @FunctionalInterface
    private interface Offset {
        int of(long start);
    }

    /** Paints each tile's pixels into the target array at the offset of its first pixel. */
    private TileConsumer pixelTiles(Target target, Offset offset) {
        return (w, region, start, count) -> paintTile(w, region, start, count, target.of(start, count),
                offset.of(start));
    }

    /** Paints {@code count} pixels of a region, row-major from {@code start}, into {@code dest} at {@code at}. */
    private void paintTile(Worker w, Region region, long start, int count, byte[] dest, int at) {
        View view = painting.view();
        Colorizer colorizer = painting.colorizer();
        if (antialias.off()) {
            int n = evaluator.padded(count);
            painting.inputs().fill(view, region, start, count, w.in, n);
            evaluator.forward(w.in, w.out, n, w.scratch);
            if (depth == 8) {
                colorizer.toRgb(w.out, n, count, dest, at); // as ever: the golden pixels stay
            } else {
                colorizer.toColor(w.out, n, count, w.color, 0);
                for (int k = 0; k < 3 * count; k++) {
                    put16(dest, at + 2 * k, w.color[k]);
                }
            }
            return;
        }
        int g = antialias.samples();
        sample(w, colorizer, g, () -> painting.inputs().fillGrid(view, region, start, count, g, w.in,
                evaluator.padded(count * g * g)), count);
        average(w.color, g * g, count, w.linear, 0);
        if (antialias.adaptive()) {
            refine(w, view, colorizer, region, start, count);
        }
        for (int k = 0; k < 3 * count; k++) {
            double srgb = Colorizer.srgb(w.linear[k]);
            if (depth == 8) {
                dest[at + k] = Colorizer.toByte((float) srgb);
            } else {
                put16(dest, at + 2 * k, (float) srgb);
            }
        }
    }

    /** Runs the samples {@code fill} lays out for {@code pixels} pixels of {@code g * g} each, into w.color. */
    private void sample(Worker w, Colorizer colorizer, int g, Runnable fill, int pixels) {
        int samples = pixels * g * g;
        int n = evaluator.padded(samples);
        fill.run();
        evaluator.forward(w.in, w.out, n, w.scratch);
        colorizer.toColor(w.out, n, samples, w.color, 0);
    }

    /**
     * Auto anti-aliasing: pixels whose first samples disagree by more than the threshold in a channel take the
     * finer grid instead. The choice reads only the pixel's own samples, so it is the same in any tile.
     */
    private void refine(Worker w, View view, Colorizer colorizer, Region region, long start, int count) {
        int first = antialias.samples() * antialias.samples();
        int m = 0;
        for (int p = 0; p < count; p++) {
            if (spread(w.color, p * first, first) > Antialias.AUTO_THRESHOLD) {
                long index = start + p;
                w.pixel[m] = p;
                w.columns[m] = region.x() + (int) (index % region.width());
                w.rows[m] = region.y() + (int) (index / region.width());
                m++;
            }
        }
        if (m == 0) {
            return;
        }
        int g = Antialias.AUTO_REFINED;
        int flagged = m;
        sample(w, colorizer, g, () -> painting.inputs().fillGrid(view, w.columns, w.rows, flagged, g, w.in,
                evaluator.padded(flagged * g * g)), flagged);
        average(w.color, g * g, flagged, w.refined, 0);
        for (int k = 0; k < flagged; k++) {
            System.arraycopy(w.refined, 3 * k, w.linear, 3 * w.pixel[k], 3);
        }
    }

    /** The largest difference between samples in one channel, over {@code count} samples from {@code first}. */
    private static float spread(float[] color, int first, int count) {
        float most = 0;
        for (int c = 0; c < 3; c++) {
            float lo = color[3 * first + c];
            float hi = lo;
            for (int s = 1; s < count; s++) {
                float v = color[3 * (first + s) + c];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            most = Math.max(most, hi - lo);
        }
        return most;
    }

    /**
     * The box filter: each pixel's mean of its {@code per} samples' colours, in linear light. The sum runs in a
     * fixed order in doubles, so a pixel's mean does not depend on where its samples sat in the batch.
     */
    static void average(float[] color, int per, int pixels, double[] linear, int offset) {
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int s = 0; s < per; s++) {
                    sum += Colorizer.toLinear(color[3 * (p * per + s) + c]);
                }
                linear[offset + 3 * p + c] = sum / per;
            }
        }
    }

    /** An sRGB value on [0, 1] as 16 bits, most significant byte first. */
    private static void put16(byte[] dest, int at, float value) {
        int v = (int) (Colorizer.unit(value) * 65535f + 0.5f);
        dest[at] = (byte) (v >>> 8);
        dest[at + 1] = (byte) v;
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
        /** Per sample: sRGB colours on [0, 1]. */
        final float[] color = new float[3 * tile];
        /** Per pixel: mean colours in linear light. */
        final double[] linear = new double[antialias.off() ? 0 : 3 * pixelsPerTile];
        /** Auto anti-aliasing: the refined pixels, their place in the tile and in the view, and their means. */
        final int[] pixel = new int[antialias.adaptive() ? pixelsPerTile : 0];
        final int[] columns = new int[pixel.length];
        final int[] rows = new int[pixel.length];
        final double[] refined = new double[3 * pixel.length];
    }

    /** Pixels start .. end-1 (row-major within the region), shared out in tiles among the pool's threads. */
    private List<Future<?>> submit(ExecutorService pool, Workers workers, Region region, long start, long end,
                                   TileConsumer consumer) {
        long tiles = (end - start + pixelsPerTile - 1) / pixelsPerTile;
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
        long tiles = (end - start + pixelsPerTile - 1) / pixelsPerTile;
        for (int k = nextTile.getAndIncrement(); k < tiles; k = nextTile.getAndIncrement()) {
            long s = start + (long) k * pixelsPerTile;
            int count = (int) Math.min(pixelsPerTile, end - s);
            consumer.accept(w, region, s, count);
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
