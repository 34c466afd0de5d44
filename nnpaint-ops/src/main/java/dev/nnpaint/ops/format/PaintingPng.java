package dev.nnpaint.ops.format;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;

import java.nio.file.Path;
import java.util.Map;

/**
 * Paints a picture straight into a PNG file. {@code nnpaint render} and the sweep both write through here, so that
 * a sweep's image is byte for byte the one {@code render} makes of the same recipe.
 */
public final class PaintingPng {

    private PaintingPng() {
    }

    /**
     * Streams the rows of {@code painting} (drawn by {@code model}) into {@code output}, atomically, with the
     * text chunks {@code text} (see ImageMetadata.describe) and the colour type its colour mode needs.
     */
    public static void write(Path output, Painting painting, Model model, Map<String, String> text, Kernel kernel,
                             int threads, Renderer.Progress progress) {
        Renderer renderer = new Renderer(painting, new Evaluator(model, kernel), threads, Renderer.DEFAULT_TILE);
        AtomicOutput.write(output, out -> {
            try (PngWriter png = new PngWriter(out, painting.view().width(), painting.view().height(),
                    PngWriter.ColorType.forColorMode(painting.colorizer().mode()), text)) {
                renderer.render((rgb, first, rows) -> png.writeRgbRows(rgb, 0, rows), progress);
            }
        });
    }
}
