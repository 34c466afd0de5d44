package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

import java.util.Locale;

/**
 * How many samples a pixel gets. {@code N} (2..16): an N x N grid of samples at the centres of the pixel's
 * N x N sub-pixels, averaged in linear light with equal weights (a box filter over the pixel), which is exactly
 * painting at N times the size and filtering down. {@code auto}: a 2 x 2 grid first, and a 4 x 4 grid in place of
 * it where those four disagree by more than {@link #AUTO_THRESHOLD} in a channel. Either way a pixel depends on
 * its own samples only, so the result does not depend on threads or tiles. {@code 1} is off: one sample at the
 * pixel's centre, as before.
 *
 * @param samples  samples a side (1 = off); for {@code auto}, the first grid's
 * @param adaptive whether pixels whose first samples disagree get {@link #AUTO_REFINED} a side
 */
public record Antialias(int samples, boolean adaptive) {

    public static final int MAX = 16;
    public static final Antialias OFF = new Antialias(1, false);
    public static final Antialias AUTO = new Antialias(2, true);
    /** Samples a side of a pixel that {@code auto} refines. */
    public static final int AUTO_REFINED = 4;
    /** The spread (largest minus smallest, on [0, 1], in any channel) of the first samples that refines a pixel. */
    public static final float AUTO_THRESHOLD = 4 / 255f;

    public static final String SYNTAX = "1 (off), 2.." + MAX + " or auto";

    public Antialias {
        if (samples < 1 || samples > MAX) {
            throw new BadInputException("antialias must be " + SYNTAX + ", got " + samples);
        }
    }

    public static Antialias grid(int n) {
        return n == 1 ? OFF : new Antialias(n, false);
    }

    public static Antialias parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("off") || t.equals("none")) {
            return OFF;
        }
        try {
            return grid(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new BadInputException("antialias must be " + SYNTAX + ", got '" + text.trim() + "'");
        }
    }

    public boolean off() {
        return samples == 1 && !adaptive;
    }

    /** The most samples a pixel takes in one pass (the size of the batch a pixel needs). */
    public int maxSamplesPerPixel() {
        return adaptive ? AUTO_REFINED * AUTO_REFINED : samples * samples;
    }

    /**
     * The most network evaluations a pixel can cost, for estimates and limits: N x N, or for {@code auto} the first
     * grid and, where it disagrees, the refined one as well (4 + 16: every pixel refined is the worst case).
     */
    public int worstSamplesPerPixel() {
        return adaptive ? samples * samples + AUTO_REFINED * AUTO_REFINED : samples * samples;
    }

    @Override
    public String toString() {
        return adaptive ? "auto" : Integer.toString(samples);
    }
}
