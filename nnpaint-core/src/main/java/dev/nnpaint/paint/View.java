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
 */
public record View(int width, int height, double extent, double centerX, double centerY, double rotation) {

    public View {
        if (width <= 0 || height <= 0) {
            throw new BadInputException("image size must be positive, got " + width + "x" + height);
        }
        if (!(extent > 0) || !Double.isFinite(extent)) {
            throw new BadInputException("extent must be a positive number, got " + extent);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    /** The same view at another resolution: the picture is resolution-independent. */
    public View withSize(int w, int h) {
        return new View(w, h, extent, centerX, centerY, rotation);
    }

    /** u of column i. */
    public double u(int i) {
        return 2 * (i + 0.5) / width - 1;
    }

    /** v of row j. */
    public double v(int j) {
        return (1 - 2 * (j + 0.5) / height) * height / width;
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
