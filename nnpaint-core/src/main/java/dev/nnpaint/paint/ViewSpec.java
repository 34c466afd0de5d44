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
 */
public record ViewSpec(int width, int height, double extent, double centerX, double centerY, double rotateDegrees) {

    public ViewSpec {
        new View(width, height, extent, centerX, centerY, 0); // checks the size and the extent
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY) || !Double.isFinite(rotateDegrees)) {
            throw new BadInputException("center and rotation must be finite numbers");
        }
    }

    public View toView() {
        return new View(width, height, extent, centerX, centerY, Math.toRadians(rotateDegrees));
    }

    @Override
    public String toString() {
        return "size=" + width + "x" + height + ", extent=" + extent + ", center=" + centerX + "," + centerY
                + ", rotate=" + rotateDegrees;
    }
}
