package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

/**
 * The view part of a recipe, as people write it: the image size, the half-width of the view, its centre and its
 * rotation in degrees. {@link #toView()} is the {@link View} the renderer uses (rotation in radians); the size and
 * the extent are checked there, the centre and the rotation here.
 *
 * @param width          image width in pixels
 * @param height         image height in pixels
 * @param extent         half-width of the view in input units (zoom = 1 / extent)
 * @param centerX        view centre, x
 * @param centerY        view centre, y
 * @param rotateDegrees  view rotation, counter-clockwise, in degrees
 * @param antialias      samples a pixel
 * @param tile           whether the picture repeats seamlessly (periodic inputs)
 */
public record ViewSpec(int width, int height, double extent, double centerX, double centerY, double rotateDegrees,
                       Antialias antialias, boolean tile) {

    public ViewSpec {
        new View(width, height, extent, centerX, centerY, 0); // checks the size and the extent
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY) || !Double.isFinite(rotateDegrees)) {
            throw new BadInputException("center and rotation must be finite numbers");
        }
        if (antialias == null) {
            throw new BadInputException("a view needs an antialias setting");
        }
    }

    /** One sample a pixel, not tiled. */
    public ViewSpec(int width, int height, double extent, double centerX, double centerY, double rotateDegrees) {
        this(width, height, extent, centerX, centerY, rotateDegrees, Antialias.OFF, false);
    }

    public View toView() {
        return new View(width, height, extent, centerX, centerY, Math.toRadians(rotateDegrees), antialias, tile);
    }

    @Override
    public String toString() {
        return "size=" + width + "x" + height + ", extent=" + extent + ", center=" + centerX + "," + centerY
                + ", rotate=" + rotateDegrees + (antialias.off() ? "" : ", antialias=" + antialias)
                + (tile ? ", tile" : "");
    }
}
