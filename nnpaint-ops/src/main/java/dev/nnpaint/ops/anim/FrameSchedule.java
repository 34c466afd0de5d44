package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;

import java.util.Locale;

/**
 * When each frame of an animation happens: frame i of N gets a time t in [0, 1] at which the varied fields are
 * read. N is the number of frames in the file, whatever the loop mode.
 *
 * <ul>
 *   <li>{@code once}: 0 to 1, both ends shown, played once.</li>
 *   <li>{@code loop}: 0 towards 1 with the end left out, because the first frame follows the last
 *       (for closed paths: a full turn, a latent circle).</li>
 *   <li>{@code pingpong}: 0 to 1 and back within the N frames, looping seamlessly; each end is shown once
 *       (the far end only when N is even).</li>
 * </ul>
 * The easing then reshapes t: {@code linear} keeps it, {@code sine} slows down at both ends
 * ((1 - cos(pi t)) / 2), which makes a pingpong turn around smoothly.
 */
public record FrameSchedule(int frames, LoopMode loop, Easing easing) {

    public enum LoopMode {
        ONCE, LOOP, PINGPONG;

        public static LoopMode parse(String text) {
            for (LoopMode m : values()) {
                if (m.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new BadInputException("unknown loop mode '" + text.trim() + "'; valid: once, loop, pingpong");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the file should repeat forever when played. */
        public boolean repeats() {
            return this != ONCE;
        }
    }

    public enum Easing {
        LINEAR, SINE;

        public static Easing parse(String text) {
            for (Easing e : values()) {
                if (e.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            throw new BadInputException("unknown easing '" + text.trim() + "'; valid: linear, sine");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public double apply(double t) {
            return this == LINEAR ? t : (1 - Math.cos(Math.PI * t)) / 2;
        }
    }

    public FrameSchedule {
        if (frames < 1) {
            throw new BadInputException("--frames must be at least 1, got " + frames);
        }
    }

    /** The un-eased position of frame {@code i} along the path, in [0, 1]. */
    public double phase(int i) {
        if (i < 0 || i >= frames) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + frames);
        }
        switch (loop) {
            case ONCE:
                return frames == 1 ? 0 : (double) i / (frames - 1);
            case LOOP:
                return (double) i / frames;
            case PINGPONG: {
                double s = (double) i / frames;
                return s <= 0.5 ? 2 * s : 2 - 2 * s;
            }
            default:
                throw new IllegalStateException(loop.toString());
        }
    }

    /** The eased time of frame {@code i}. */
    public double time(int i) {
        return easing.apply(phase(i));
    }

    /** The eased times of every frame. */
    public double[] times() {
        double[] t = new double[frames];
        for (int i = 0; i < frames; i++) {
            t[i] = time(i);
        }
        return t;
    }
}
