package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

/**
 * A rectangle of pixels of a {@link View}: columns {@code x .. x + width - 1} of rows {@code y .. y + height - 1}.
 * Rendering a region gives each pixel the value it has in the whole image, so an image can be painted in pieces
 * (the tiles of a deep-zoom poster) that fit together exactly.
 */
public record Region(int x, int y, int width, int height) {

    public Region {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new BadInputException("a region needs a non-negative corner and a positive size, got " + width
                    + "x" + height + " at " + x + "," + y);
        }
    }

    /** The whole of a view. */
    public static Region of(View view) {
        return new Region(0, 0, view.width(), view.height());
    }

    public long pixels() {
        return (long) width * height;
    }

    /** Whether this region lies inside {@code view}. */
    public boolean fits(View view) {
        return (long) x + width <= view.width() && (long) y + height <= view.height();
    }
}
