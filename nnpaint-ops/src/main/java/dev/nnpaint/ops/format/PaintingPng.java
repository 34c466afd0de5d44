package dev.nnpaint.ops.format;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one way nnpaint paints a picture into a PNG with its metadata: {@code nnpaint render}, the sweep (on one
 * machine and on Spark), the web's preview, download and gallery save, and the train view's painting all write
 * through here, so that the same picture is the same bytes wherever it was asked for.
 */
public final class PaintingPng {

    private PaintingPng() {
    }

    /** What is painted, and the text chunks its PNG carries. */
    public record Picture(Painting painting, Map<String, String> text) {

        public int width() {
            return painting.view().width();
        }

        public int height() {
            return painting.view().height();
        }

        public Model model() {
            return painting.model();
        }
    }

    /** The recipe's own random network, drawn once; the PNG carries the recipe. */
    public static Picture ofRecipe(Recipe recipe) {
        return ofRecipe(recipe, recipe.toModel());
    }

    /** As {@link #ofRecipe(Recipe)} with the recipe's network already drawn (to check its size, say). */
    public static Picture ofRecipe(Recipe recipe, Model network) {
        return new Picture(Painting.of(network, recipe), ImageMetadata.describe(recipe, null, null));
    }

    /**
     * A given network (a model file, a trained or an opened one) painted with the view and colours of
     * {@code view}; the PNG carries the model (or a reference to {@code modelPath}) and that view, not the
     * recipe's network fields, which did not paint it.
     */
    public static Picture ofModel(Model model, Recipe view, Path modelPath) {
        return new Picture(Painting.of(model, view), ImageMetadata.describeModel(view, model, modelPath));
    }

    /** Streams the picture's rows into {@code output}, atomically. */
    public static void write(Path output, Picture picture, Kernel kernel, int threads, Renderer.Progress progress) {
        write(output, picture, kernel, threads, progress, OutputFormat.DEFAULT);
    }

    /**
     * Writes the picture into {@code output} at {@code format}'s depth and resolution, atomically: a TIFF when the
     * name ends in .tif or .tiff (painted whole in memory), otherwise a PNG streamed in bands.
     */
    public static void write(Path output, Picture picture, Kernel kernel, int threads, Renderer.Progress progress,
                             OutputFormat format) {
        if (TiffWriter.named(output.getFileName().toString())) {
            TiffWriter.checkSize(picture.width(), picture.height(), format.depth());
            AtomicOutput.write(output, out -> {
                Painting painting = picture.painting();
                Renderer renderer = new Renderer(painting, new Evaluator(painting.model(), kernel), threads,
                        Renderer.DEFAULT_TILE).withDepth(format.depth());
                byte[] rgb = new byte[Math.toIntExact((long) picture.width() * picture.height()
                        * renderer.bytesPerPixel())];
                int rowBytes = picture.width() * renderer.bytesPerPixel();
                renderer.render((band, first, rows) -> System.arraycopy(band, 0, rgb, first * rowBytes,
                        rows * rowBytes), progress);
                TiffWriter.write(out, picture.width(), picture.height(), rgb, format);
            });
            return;
        }
        // the model too large to embed goes first, so the image never names a file that is not there
        ImageMetadata.writeSidecar(output, picture.text());
        AtomicOutput.write(output, out -> write(out, picture, kernel, threads,
                Runtime.getRuntime().availableProcessors(), PngWriter.DEFAULT_LEVEL, () -> { },
                (renderer, sink) -> renderer.render(sink, progress), format));
    }

    /**
     * Streams the picture's rows into {@code out} with deflate {@code level} and {@code compressionThreads};
     * {@code beforeBand} runs before each band of rows (it may throw to stop a render nobody wants any more).
     */
    public static void write(OutputStream out, Picture picture, Kernel kernel, int threads, int compressionThreads,
                             int level, Renderer.Progress progress, Runnable beforeBand) throws IOException {
        write(out, picture, kernel, threads, compressionThreads, level, beforeBand,
                (renderer, sink) -> renderer.render(sink, progress));
    }

    /** Paints a renderer's rows, top to bottom, into a sink: the renderer's own threads, or a scheduler's. */
    @FunctionalInterface
    public interface RowPainter {
        void paint(Renderer renderer, Renderer.RowSink sink) throws IOException;
    }

    /**
     * As above, with the rows painted by {@code painter} (the web explorer's fair scheduler runs a one-thread
     * renderer's strips on its own threads), so that every caller writes the same PNG for the same picture.
     */
    public static void write(OutputStream out, Picture picture, Kernel kernel, int threads, int compressionThreads,
                             int level, Runnable beforeBand, RowPainter painter) throws IOException {
        write(out, picture, kernel, threads, compressionThreads, level, beforeBand, painter, OutputFormat.DEFAULT);
    }

    /** As above at {@code format}'s depth and resolution. */
    public static void write(OutputStream out, Picture picture, Kernel kernel, int threads, int compressionThreads,
                             int level, Runnable beforeBand, RowPainter painter, OutputFormat format)
            throws IOException {
        Painting painting = picture.painting();
        Renderer renderer = new Renderer(painting, new Evaluator(painting.model(), kernel), threads,
                Renderer.DEFAULT_TILE).withDepth(format.depth());
        beforeBand.run();
        try (PngWriter png = new PngWriter(out, picture.width(), picture.height(),
                PngWriter.ColorType.forColorMode(painting.colorizer().mode()), picture.text(),
                Math.max(1, compressionThreads), level, PngWriter.DEFAULT_BLOCK_BYTES, format)) {
            painter.paint(renderer, (rgb, first, rows) -> {
                beforeBand.run();
                png.writeRgbRows(rgb, 0, rows);
            });
        }
    }
}
