package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An animated GIF (GIF89a). Every frame gets its own 256-colour palette chosen for it ({@link AdaptivePalette})
 * and is dithered ({@link Dither}), so smooth gradients do not band. The NETSCAPE2.0 extension makes a repeating
 * animation loop forever; each frame's delay comes from the frame rate, in the format's hundredths of a second,
 * rounded so that the total time stays right (30 fps gives 3, 4, 3, 3, 4, 3, ...).
 */
final class GifEncoder implements FrameEncoder {

    /** Browsers play delays under 2/100 s at 1/10 s, so faster GIFs would play slower. */
    static final double MAX_FPS = 50;

    private final OutputStream out;
    private final int width;
    private final int height;
    private final AnimationSettings settings;

    /** Writes the header at once; {@code out} receives the whole file. */
    GifEncoder(OutputStream out, int width, int height, AnimationSettings settings) throws IOException {
        checkSettings(width, height, settings);
        this.out = out;
        this.width = width;
        this.height = height;
        this.settings = settings;
        writeHeader();
    }

    /** The limits of the format, checked before any frame is rendered. */
    static void checkSettings(int width, int height, AnimationSettings settings) {
        if (settings.fps() > MAX_FPS) {
            throw new BadInputException("GIF frame delays are hundredths of a second and browsers slow down those "
                    + "under 0.02 s: use --fps " + (int) MAX_FPS + " or less for .gif, or write .mp4");
        }
        if (width > 0xffff || height > 0xffff) {
            throw new BadInputException("a GIF is at most 65535 pixels wide and high, got " + width + "x" + height);
        }
    }

    private void writeHeader() throws IOException {
        out.write("GIF89a".getBytes(StandardCharsets.US_ASCII));
        writeShort(width);
        writeShort(height);
        out.write(0x70); // no global colour table (every frame has its own), 8 bits of colour resolution
        out.write(0);    // background colour index
        out.write(0);    // square pixels
        if (settings.repeat()) {
            out.write(new byte[] {0x21, (byte) 0xff, 0x0b});
            out.write("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0x03, 0x01, 0x00, 0x00, 0x00}); // loop count 0: forever
        }
        if (settings.comment() != null && !settings.comment().isEmpty()) {
            out.write(new byte[] {0x21, (byte) 0xfe});
            writeSubBlocks(settings.comment().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Image descriptor, local colour table and compressed indices of one frame. */
    @Override
    public byte[] encode(int index, byte[] rgb) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("a " + width + "x" + height + " frame has " + width * height * 3
                    + " bytes, got " + rgb.length);
        }
        AdaptivePalette palette = AdaptivePalette.of(rgb, width * height);
        byte[] indices = settings.dither().indices(rgb, width, height, palette);
        byte[] data = GifLzw.encode(indices);
        byte[] image = new byte[10 + 768 + data.length];
        image[0] = 0x2c;
        // left = top = 0
        image[5] = (byte) width;
        image[6] = (byte) (width >> 8);
        image[7] = (byte) height;
        image[8] = (byte) (height >> 8);
        image[9] = (byte) 0x87; // local colour table of 2^(7+1) = 256 entries, not interlaced
        for (int i = 0; i < palette.size(); i++) {
            int c = palette.color(i);
            image[10 + 3 * i] = (byte) (c >> 16);
            image[10 + 3 * i + 1] = (byte) (c >> 8);
            image[10 + 3 * i + 2] = (byte) c;
        }
        System.arraycopy(data, 0, image, 10 + 768, data.length);
        return image;
    }

    @Override
    public void append(int index, byte[] encoded) throws IOException {
        int delay = delayOf(index, settings.fps());
        // Graphic control extension: disposal "leave in place", no transparency, the delay.
        out.write(new byte[] {0x21, (byte) 0xf9, 0x04, 0x04, (byte) delay, (byte) (delay >> 8), 0x00, 0x00});
        out.write(encoded);
    }

    @Override
    public void finish() throws IOException {
        out.write(0x3b);
        out.flush();
    }

    /** The delay of frame i in hundredths of a second, so that frames 0..i end at round((i + 1) * 100 / fps). */
    static int delayOf(int i, double fps) {
        long end = Math.round((i + 1) * 100.0 / fps);
        long start = Math.round(i * 100.0 / fps);
        return (int) Math.max(1, Math.min(0xffff, end - start));
    }

    private void writeShort(int v) throws IOException {
        out.write(v & 0xff);
        out.write((v >> 8) & 0xff);
    }

    private void writeSubBlocks(byte[] data) throws IOException {
        for (int off = 0; off < data.length; off += 255) {
            int n = Math.min(255, data.length - off);
            out.write(n);
            out.write(data, off, n);
        }
        out.write(0);
    }
}
