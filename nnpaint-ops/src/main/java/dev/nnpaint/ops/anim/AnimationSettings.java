package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;

/**
 * How an animation plays and is encoded.
 *
 * @param fps     frames a second
 * @param repeat  whether players loop it forever (GIF's NETSCAPE2.0 extension; a PNG folder or MP4 ignores it)
 * @param dither  how GIF frames are reduced to 256 colours
 * @param comment text stored in the file (a GIF comment), or null
 */
public record AnimationSettings(double fps, boolean repeat, Dither dither, String comment) {

    public AnimationSettings {
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new BadInputException("--fps must be a positive number, got " + fps);
        }
        if (dither == null) {
            throw new IllegalArgumentException("dither must be given");
        }
    }

    /** Repeating forever, ordered dithering, no comment. */
    public static AnimationSettings of(double fps) {
        return new AnimationSettings(fps, true, Dither.ORDERED, null);
    }
}
