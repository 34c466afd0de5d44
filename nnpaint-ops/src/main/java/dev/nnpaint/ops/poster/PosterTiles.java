package dev.nnpaint.ops.poster;

import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.paint.View;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Paints the tiles of a poster as PNG files. Each level is the full view painted at that level's size, so
 * zooming in shows detail the network really has, not an enlargement. A tile's bytes depend only on the poster
 * and the tile: on which machine, thread or attempt it is painted makes no difference. Safe for many threads,
 * each painting its own tiles.
 */
public final class PosterTiles {

    /** Deflate level of the tile PNGs: the one full-size images use. */
    static final int PNG_LEVEL = PngWriter.DEFAULT_LEVEL;

    private final Painting painting;
    private final DziLayout layout;
    private final Evaluator evaluator;
    private final PngWriter.ColorType colorType;
    private final OutputFormat format;

    public PosterTiles(PosterSpec spec, Kernel kernel) {
        this(spec, kernel, OutputFormat.DEFAULT);
    }

    /** Tiles at {@code format}'s depth (16-bit tiles for printing a level) and resolution. */
    public PosterTiles(PosterSpec spec, Kernel kernel, OutputFormat format) {
        this.format = format;
        this.painting = spec.painting();
        this.layout = spec.layout();
        this.evaluator = new Evaluator(painting.model(), kernel);
        this.colorType = PngWriter.ColorType.forColorMode(painting.colorizer().mode());
    }

    public DziLayout layout() {
        return layout;
    }

    /** Network evaluations per pixel, for estimates. */
    public long flopsPerPixel() {
        return painting.model().flopsPerSample();
    }

    /** The RGB pixels of a tile, top row first, on the calling thread, at the tiles' depth. */
    public byte[] rgb(TileKey tile) {
        View level = painting.view().withSize(layout.levelWidth(tile.level()), layout.levelHeight(tile.level()));
        return new Renderer(painting.withView(level), evaluator, 1, Renderer.DEFAULT_TILE)
                .withDepth(format.depth()).renderRgb(layout.region(tile));
    }

    /** The tile as a PNG file's bytes. */
    public byte[] png(TileKey tile) {
        var region = layout.region(tile);
        byte[] rgb = rgb(tile);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rgb.length / 2);
        try (PngWriter png = new PngWriter(bytes, region.width(), region.height(), colorType, null, 1, PNG_LEVEL,
                PngWriter.DEFAULT_BLOCK_BYTES, format)) {
            png.writeRgbRows(rgb, 0, region.height());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
        return bytes.toByteArray();
    }
}
