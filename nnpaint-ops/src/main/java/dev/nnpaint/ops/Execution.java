package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;

/**
 * How an operation runs rather than what it makes: the kernel, the worker threads, and whether work estimated to
 * take very long may run ({@code --force}).
 */
public record Execution(Kernel kernel, int threads, boolean force) {

    /** Work above this many seconds (at a pessimistic speed) needs force. */
    public static final double MAX_SECONDS_WITHOUT_FORCE = 30 * 60;
    /** A pessimistic engine speed for the estimate, in flop/s (the vector kernel runs far faster on 2 cores). */
    public static final double ASSUMED_FLOPS = 10e9;
    /** A pessimistic PNG encoding speed in pixels per second. */
    public static final double ASSUMED_PNG_PIXELS = 40e6;

    public Execution {
        if (threads <= 0) {
            throw new BadInputException("--threads must be positive, got " + threads);
        }
    }

    /** Refuses, unless forced, a render whose estimated time is unreasonable. */
    public void checkCost(long pixels, long flopsPerPixel) {
        checkCost(pixels, flopsPerPixel, MAX_SECONDS_WITHOUT_FORCE);
    }

    /** As {@link #checkCost(long, long)} with another limit, for work that can be resumed when interrupted. */
    public void checkCost(long pixels, long flopsPerPixel, double maxSecondsWithoutForce) {
        double seconds = pixels * (double) flopsPerPixel / ASSUMED_FLOPS + pixels / ASSUMED_PNG_PIXELS;
        if (!force && seconds > maxSecondsWithoutForce) {
            throw new BadInputException(String.format(
                    "this render (%,d pixels x %,d flop each) could take %.0f minutes or more; "
                            + "add --force to run it anyway", pixels, flopsPerPixel, seconds / 60));
        }
    }

    public Execution withThreads(int t) {
        return new Execution(kernel, t, force);
    }
}
