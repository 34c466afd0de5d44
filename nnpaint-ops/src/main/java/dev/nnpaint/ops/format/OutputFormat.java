package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;

/**
 * How an image is stored, apart from what it shows: bits a channel and the print resolution. These are output
 * settings, not recipe fields: the same recipe paints the same picture at 8 or 16 bits and at any DPI, so they
 * are given with the output (and the picture's recipe, share links and grids stay as they are).
 *
 * @param depth 8 or 16 bits a channel
 * @param dpi   pixels an inch for printing, or 0 for none given (the PNG then says only that pixels are square)
 */
public record OutputFormat(int depth, double dpi) {

    public static final OutputFormat DEFAULT = new OutputFormat(8, 0);

    public OutputFormat {
        if (depth != 8 && depth != 16) {
            throw new BadInputException("--depth must be 8 or 16, got " + depth);
        }
        if (!(dpi >= 0) || !Double.isFinite(dpi) || dpi > 1_000_000) {
            throw new BadInputException("--dpi must be a positive number, got " + dpi);
        }
    }

    public boolean dpiGiven() {
        return dpi > 0;
    }

    /** Pixels a metre, as PNG's pHYs chunk stores the resolution. */
    public long pixelsPerMetre() {
        return Math.round(dpi / 0.0254);
    }
}
