package dev.nnpaint.web;

import dev.nnpaint.BadInputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * An image for the fit view: its colours in [0, 1], pixel-major ({@code channels} a pixel: 1 grey, 3 colour), at
 * most {@link #MAX_SIDE} pixels on a side, and the size it came in. An upload is checked before it is decoded
 * (its size in bytes, then the width and height its header declares, so that a small file claiming a huge picture
 * is refused before any pixel is read), decoded with subsampling when it is much larger than needed, and shrunk by
 * averaging the pixels each new pixel covers.
 *
 * @param name           what the page calls it (a file name or a sample's name)
 * @param originalWidth  the width of the file, before it was shrunk
 * @param originalHeight the height of the file, before it was shrunk
 */
record FitImage(String name, int width, int height, int channels, float[] values, int originalWidth,
                int originalHeight) {

    /** Bytes of an uploaded image file. */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    /** Pixels an uploaded image may declare: more is refused before decoding (a decompression bomb). */
    static final long MAX_PIXELS = 40_000_000L;
    /** The longest side kept: a network trained live in the browser's view on a few cores. */
    static final int MAX_SIDE = 256;
    /** The built-in pictures: a crop of a photograph in the repository, and a drawing made here. */
    static final List<String> SAMPLES = List.of("astronaut", "shapes");

    /** Whether the image was shrunk to fit {@link #MAX_SIDE} (or a smaller fit size). */
    boolean scaled() {
        return width != originalWidth || height != originalHeight;
    }

    /** The image as 8-bit RGB (grey repeated), row 0 first. */
    byte[] rgb() {
        return rgb(values, width * height, channels);
    }

    /** Colours in [0, 1] (clamped), {@code channels} a pixel, as 8-bit RGB. */
    static byte[] rgb(float[] values, int pixels, int channels) {
        byte[] out = new byte[pixels * 3];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 3; c++) {
                float v = values[p * channels + (channels == 3 ? c : 0)];
                out[3 * p + c] = v > 0 ? (v >= 1 ? (byte) 255 : (byte) (int) (v * 255f + 0.5f)) : 0;
            }
        }
        return out;
    }

    /** This image with its longer side at most {@code side} pixels (itself when it fits). */
    FitImage fitTo(int side) {
        int longer = Math.max(width, height);
        if (longer <= side) {
            return this;
        }
        int w = Math.max(1, (int) Math.round(width * (double) side / longer));
        int h = Math.max(1, (int) Math.round(height * (double) side / longer));
        return new FitImage(name, w, h, channels, shrink(values, width, height, channels, w, h), originalWidth,
                originalHeight);
    }

    /**
     * Reads an uploaded PNG or JPEG. Refuses, each with one sentence: an empty or oversized file, a file that is
     * not a PNG or JPEG, a header declaring no pixels or more than {@link #MAX_PIXELS}, and a file that does not
     * decode.
     */
    static FitImage decode(String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw new BadInputException("the image file is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new BadInputException(String.format(Locale.ROOT, "the image file has %,d bytes; the fit view takes "
                    + "at most %,d (a smaller JPEG will do: it is shrunk to %d pixels a side anyway)", bytes.length,
                    MAX_BYTES, MAX_SIDE));
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadInputException("'" + shorten(name) + "' is not an image the fit view can read (PNG or "
                        + "JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("png") && !format.equals("jpeg") && !format.equals("jpg")) {
                    throw new BadInputException("'" + shorten(name) + "' is a " + format.toUpperCase(Locale.ROOT)
                            + " image; the fit view reads PNG and JPEG");
                }
                reader.setInput(in, true, true);
                // the header alone: nothing is decoded before the size is known to be sane
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new BadInputException("'" + shorten(name) + "' has no pixels (" + w + "x" + h + ")");
                }
                long pixels = (long) w * h;
                if (pixels > MAX_PIXELS) {
                    throw new BadInputException(String.format(Locale.ROOT, "'%s' declares %dx%d pixels (%,d); the "
                            + "fit view takes at most %,d", shorten(name), w, h, pixels, MAX_PIXELS));
                }
                // a large picture is decoded at every k-th pixel: at least twice the kept size, then averaged
                int k = Math.max(1, Math.max(w, h) / (2 * MAX_SIDE));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(k, k, 0, 0);
                BufferedImage img = reader.read(0, param);
                return of(name, img, w, h).fitTo(MAX_SIDE);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException("cannot decode '" + shorten(name) + "' as an image: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * The pixels of a decoded image; grey when it has one colour channel or every pixel has R = G = B (as
     * {@code nnpaint fit} reads it); alpha is ignored.
     */
    static FitImage of(String name, BufferedImage img, int originalWidth, int originalHeight) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        boolean grey = img.getColorModel().getNumColorComponents() == 1;
        if (!grey) {
            grey = true;
            for (int v : argb) {
                int r = (v >> 16) & 255;
                if (r != ((v >> 8) & 255) || r != (v & 255)) {
                    grey = false;
                    break;
                }
            }
        }
        int c = grey ? 1 : 3;
        float[] values = new float[w * h * c];
        for (int p = 0; p < argb.length; p++) {
            int v = argb[p];
            if (grey) {
                values[p] = ((v >> 16) & 255) / 255f;
            } else {
                values[3 * p] = ((v >> 16) & 255) / 255f;
                values[3 * p + 1] = ((v >> 8) & 255) / 255f;
                values[3 * p + 2] = (v & 255) / 255f;
            }
        }
        return new FitImage(name, w, h, c, values, originalWidth, originalHeight);
    }

    /** A built-in picture by name ({@link #SAMPLES}). */
    static FitImage sample(String name) {
        return switch (name) {
            case "astronaut" -> resource("astronaut", "/fit/astronaut-64.png");
            case "shapes" -> shapes();
            default -> throw new BadInputException("sample: expected one of " + String.join(", ", SAMPLES)
                    + ", got '" + shorten(name) + "'");
        };
    }

    private static FitImage resource(String name, String path) {
        try (InputStream in = FitImage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the build lacks " + path);
            }
            BufferedImage img = ImageIO.read(in);
            return of(name, img, img.getWidth(), img.getHeight());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /**
     * A 128 x 128 drawing with both broad and fine detail: a soft gradient, a disc, a star with sharp edges and
     * stripes that get finer to the right, so that a plain network's blur (spectral bias) shows at once.
     */
    static FitImage shapes() {
        int side = 128;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1d3557), side, side, new Color(0x8ecae6)));
        g.fillRect(0, 0, side, side);
        g.setColor(new Color(0xffb703));
        g.fill(new Ellipse2D.Double(14, 14, 56, 56));
        g.setColor(new Color(0xe63946));
        Path2D star = new Path2D.Double();
        for (int k = 0; k < 10; k++) {
            double r = k % 2 == 0 ? 30 : 12;
            double a = Math.PI / 2 + k * Math.PI / 5;
            double x = 86 + r * Math.cos(a);
            double y = 82 - r * Math.sin(a);
            if (k == 0) {
                star.moveTo(x, y);
            } else {
                star.lineTo(x, y);
            }
        }
        star.closePath();
        g.fill(star);
        g.setColor(new Color(0xf1faee));
        g.setStroke(new BasicStroke(1.5f));
        // stripes whose spacing halves from left to right: the last ones are at the image's finest detail
        double x = 8;
        for (double gap = 10; x < side - 4; gap = Math.max(3, gap * 0.8)) {
            g.drawLine((int) x, 104, (int) x, 122);
            x += gap;
        }
        g.dispose();
        return of("shapes", img, side, side);
    }

    /** Averages the source pixels each target pixel covers (a box filter, exact for whole ratios). */
    static float[] shrink(float[] src, int sw, int sh, int channels, int tw, int th) {
        float[] out = new float[tw * th * channels];
        double[] sum = new double[channels];
        for (int j = 0; j < th; j++) {
            int y0 = (int) ((long) j * sh / th);
            int y1 = Math.max(y0 + 1, (int) ((long) (j + 1) * sh / th));
            for (int i = 0; i < tw; i++) {
                int x0 = (int) ((long) i * sw / tw);
                int x1 = Math.max(x0 + 1, (int) ((long) (i + 1) * sw / tw));
                java.util.Arrays.fill(sum, 0);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = (y * sw + x) * channels;
                        for (int c = 0; c < channels; c++) {
                            sum[c] += src[p + c];
                        }
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                for (int c = 0; c < channels; c++) {
                    out[(j * tw + i) * channels + c] = (float) (sum[c] / n);
                }
            }
        }
        return out;
    }

    private static String shorten(String s) {
        String printable = s == null ? "image" : s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
