package dev.nnpaint.ops.anim;

import dev.nnpaint.ops.format.PngWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;

/** Numbered PNGs ({@code frame-0001.png}, ...) in a folder, each carrying the text its frame source gives. */
public final class PngFolderEncoder implements FrameEncoder {

    private final Path folder;
    private final int width;
    private final int height;
    private final int frames;
    private final IntFunction<Map<String, String>> text;

    PngFolderEncoder(Path folder, int width, int height, int frames, IntFunction<Map<String, String>> text) {
        this.folder = folder;
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.text = text;
    }

    /** Frame i's file name, numbered from 1 with at least four digits so that names sort in order. */
    public static String fileName(int index, int frames) {
        int digits = Math.max(4, Integer.toString(frames).length());
        return String.format("frame-%0" + digits + "d.png", index + 1);
    }

    @Override
    public byte[] encode(int index, byte[] rgb) throws IOException {
        return png(width, height, rgb, text.apply(index));
    }

    /** One frame's file: the bytes every writer of PNG frames (here and on a cluster) stores. */
    public static byte[] png(int width, int height, byte[] rgb, Map<String, String> text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rgb.length / 2);
        // One compression thread: frames are already encoded in parallel.
        try (PngWriter png = new PngWriter(bytes, width, height, PngWriter.ColorType.RGB, text, 1,
                PngWriter.DEFAULT_LEVEL, PngWriter.DEFAULT_BLOCK_BYTES)) {
            png.writeRgbRows(rgb, 0, height);
        }
        return bytes.toByteArray();
    }

    @Override
    public void append(int index, byte[] encoded) throws IOException {
        Files.write(folder.resolve(fileName(index, frames)), encoded);
    }

    @Override
    public void finish() {
    }
}
