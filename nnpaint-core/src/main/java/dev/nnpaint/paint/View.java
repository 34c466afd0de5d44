package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

/**
 * Which part of the input plane an image shows. For an image of W x H pixels, column i and row j (row 0 at the
 * top):
 * <pre>
 *   u = 2 (i + 0.5) / W - 1                    in (-1, 1), left to right
 *   v = (1 - 2 (j + 0.5) / H) * H / W          y points up; the aspect ratio is kept
 *   x = cx + e (u cos t - v sin t)
 *   y = cy + e (u sin t + v cos t)
 * </pre>
 * with half-width e ({@code extent}, zoom = 1/e), centre (cx, cy) and rotation t (radians, counter-clockwise).
 *
 * <p>{@code antialias} says how many samples a pixel takes ({@link Antialias}); sample (a, b) of an N x N grid in
 * pixel (i, j) sits where pixel (N i + a, N j + b) of the same view at N times the size sits, so anti-aliasing is
 * painting bigger and filtering down. {@code tile} makes the inputs periodic ({@link PixelInputs}), so that the
 * picture repeats seamlessly with the image's width and height as its periods.
 */
public record View(int width, int height, double extent, double centerX, double centerY, double rotation,
                   Antialias antialias, boolean tile) {

    public View {
        if (width <= 0 || height <= 0) {
            throw new BadInputException("image size must be positive, got " + width + "x" + height);
        }
        if (!(extent > 0) || !Double.isFinite(extent)) {
            throw new BadInputException("extent must be a positive number, got " + extent);
        }
        if (antialias == null) {
            throw new BadInputException("a view needs an antialias setting");
        }
    }

    /** One sample a pixel, not tiled. */
    public View(int width, int height, double extent, double centerX, double centerY, double rotation) {
        this(width, height, extent, centerX, centerY, rotation, Antialias.OFF, false);
    }

    public long pixels() {
        return (long) width * height;
    }

    /** The same view at another resolution: the picture is resolution-independent. */
    public View withSize(int w, int h) {
        return new View(w, h, extent, centerX, centerY, rotation, antialias, tile);
    }

    public View withAntialias(Antialias a) {
        return new View(width, height, extent, centerX, centerY, rotation, a, tile);
    }

    public View withTile(boolean t) {
        return new View(width, height, extent, centerX, centerY, rotation, antialias, t);
    }

    /** u of column i. */
    public double u(int i) {
        return u(i, 1);
    }

    /** v of row j. */
    public double v(int j) {
        return v(j, 1);
    }

    /** u of column {@code i} of this view painted {@code n} times as wide: the u of a sample column. */
    public double u(long i, int n) {
        double w = (double) n * width;
        return 2 * (i + 0.5) / w - 1;
    }

    /** v of row {@code j} of this view painted {@code n} times as high. */
    public double v(long j, int n) {
        double h = (double) n * height;
        double w = (double) n * width;
        return (1 - 2 * (j + 0.5) / h) * h / w;
    }

    /** The input-plane x of pixel (i, j). */
    public double x(int i, int j) {
        return centerX + extent * (u(i) * Math.cos(rotation) - v(j) * Math.sin(rotation));
    }

    /** The input-plane y of pixel (i, j). */
    public double y(int i, int j) {
        return centerY + extent * (u(i) * Math.sin(rotation) + v(j) * Math.cos(rotation));
    }
}
