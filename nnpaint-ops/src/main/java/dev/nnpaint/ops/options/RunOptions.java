package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.Execution;
import picocli.CommandLine.Option;

/** Options about how work runs rather than what it makes (a picocli mixin). */
public final class RunOptions {

    /** Work above this many seconds (at a pessimistic speed) needs --force. */
    public static final double MAX_SECONDS_WITHOUT_FORCE = Execution.MAX_SECONDS_WITHOUT_FORCE;

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

    /** The kernel, threads and --force as an operation takes them (checks --threads and --kernel). */
    public Execution execution() {
        return new Execution(kernel(), threads(), force);
    }
}
