package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.bench.Workload;
import dev.nnpaint.ops.bench.Workloads;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.options.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the workloads: warm-up runs first (the Vector API only pays once C2 has compiled the kernels), then
 * timed runs, and one line per workload with the best time and the figures derived from it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the speed of the engine: one line per workload,",
                "  bench NAME best_s=... mpx_s=... gflop_s=... threads=N path=vector|scalar median_s=... runs=N"})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "WORKLOAD", description = "Workloads to run (default: all but fit-ff and "
            + "fit-siren, which take most of a minute each and run only when named; see --list).")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "List the workloads and exit.")
    boolean list;

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per workload (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first: at least N, and more until "
            + "they have taken " + WARMUP_SECONDS + " s, so C2 has compiled the vector loops (default: ${DEFAULT-VALUE}).")
    int warmup = 2;

    /** The Vector API runs slowly until C2 has compiled every loop: about a dozen runs of a small workload. */
    static final double WARMUP_SECONDS = 4;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--kernel", paramLabel = "vector|scalar",
            description = "Forward kernel (default: vector when jdk.incubator.vector is present).")
    String kernel;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Workload w : Workloads.all()) {
                out.printf(Locale.ROOT, "%-14s %s%s%n", w.name(), w.description(),
                        Workloads.runsByDefault(w) ? "" : " (only when named)");
            }
            out.flush();
            return;
        }
        if (runs < 1) {
            throw new BadInputException("--runs must be at least 1, got " + runs);
        }
        if (warmup < 0) {
            throw new BadInputException("--warmup must not be negative, got " + warmup);
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threadCount);
        }
        Kernel chosen = kernel == null ? Kernels.fastest() : Kernels.byName(kernel);
        // the reason the default is what it is, so that a slow result on another machine explains itself
        out.println(kernel == null ? CommandLines.kernelLine()
                : "kernel: " + chosen.name() + " (--kernel; the default here: " + CommandLines.kernelLine() + ")");
        for (Workload w : Workloads.named(names)) {
            out.println(measure(w, threadCount, chosen));
            out.flush();
        }
    }

    private String measure(Workload w, int threadCount, Kernel chosen) {
        w.prepare(threadCount, chosen);
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmup || (warmup > 0 && System.nanoTime() - warmStart < WARMUP_SECONDS * 1e9); i++) {
            w.run();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            w.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double best = seconds[0];
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        StringBuilder line = new StringBuilder("bench ").append(w.name())
                .append(String.format(Locale.ROOT, " best_s=%.4f", best));
        for (Map.Entry<String, String> f : w.figures(best).entrySet()) {
            line.append(' ').append(f.getKey()).append('=').append(f.getValue());
        }
        line.append(" threads=").append(threadCount).append(" path=").append(chosen.name())
                .append(String.format(Locale.ROOT, " median_s=%.4f runs=%d", median, runs));
        return line.toString();
    }
}
