package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import picocli.CommandLine.Option;

/** Options about how work runs rather than what it makes (a picocli mixin). */
public final class RunOptions {

    /** Work above this many seconds (at a pessimistic speed) needs --force. */
    public static final double MAX_SECONDS_WITHOUT_FORCE = 30 * 60;
    /** A pessimistic engine speed for the estimate, in flop/s (the vector kernel runs far faster on 2 cores). */
    public static final double ASSUMED_FLOPS = 10e9;
    /** A pessimistic PNG encoding speed in pixels per second. */
    public static final double ASSUMED_PNG_PIXELS = 40e6;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    public Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary line.")
    public boolean quiet;

    @Option(names = "--force", description = "Run work that is estimated to take very long.")
    public boolean force;

    @Option(names = "--kernel", paramLabel = "NAME",
            description = "vector or scalar (default: vector when the JVM has jdk.incubator.vector).")
    public String kernel;

    public int threads() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t <= 0) {
            throw new BadInputException("--threads must be positive, got " + t);
        }
        return t;
    }

    public boolean quiet() {
        return quiet;
    }

    public Kernel kernel() {
        return kernel == null ? Kernels.fastest() : Kernels.byName(kernel);
    }

    /** Refuses, unless --force, a render whose estimated time is unreasonable. */
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
}
