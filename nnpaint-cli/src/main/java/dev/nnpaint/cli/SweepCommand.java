package dev.nnpaint.cli;

import dev.nnpaint.ops.SweepOperation;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.SweepOptions;
import dev.nnpaint.ops.sweep.SweepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nnpaint sweep}: paints every recipe of a CSV or JSON list into a folder, with an HTML index. A broken
 * entry is reported and skipped; the exit code is 1 when there was one, 2 when the list itself is unusable.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Paint every recipe of a list into a folder of PNGs with an index.html.",
                "CSV: the columns are the recipe options of 'render' without dashes",
                "(seed, layers, activation, zoom, size, color, ...) and an optional name.",
                "JSON: an array of recipe objects, or {\"base\": {...}, \"recipes\": [...]}.",
                "Each image is the one 'render' paints of its recipe. Broken entries are",
                "reported and the others still paint (exit code 1); an unusable list: 2."})
final class SweepCommand implements Callable<Integer> {

    /** Exit code when some entries were broken but the others were painted. */
    static final int SOME_BROKEN = SweepOperation.SOME_BROKEN;

    @Mixin
    SweepOptions sweep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SweepOperation.Request request = sweep.request();
        PrintWriter err = spec.commandLine().getErr();
        SweepOperation.Result r;
        try (ProgressBar bar = ProgressBar.start("sweep", sweep.run().quiet())) {
            r = SweepOperation.run(request, bar, failed -> {
                err.println(failed.entry().label() + ": " + failed.problem());
                err.flush();
            });
        }
        if (!sweep.run().quiet()) {
            long images = r.written();
            err.printf("wrote %d image%s and %s (%.2f s, %s kernel, %d threads)%n", images,
                    images == 1 ? "" : "s", r.index(), r.seconds(), r.kernel(), r.threads());
        }
        return finish(r.results(), err);
    }

    /** Says how many entries were broken, if any, and returns the exit code. */
    static int finish(List<SweepResult> results, PrintWriter err) {
        long broken = SweepOperation.broken(results);
        if (broken > 0) {
            err.println(broken + " of " + results.size() + " entries broken");
        }
        err.flush();
        return SweepOperation.exitCode(results);
    }
}
