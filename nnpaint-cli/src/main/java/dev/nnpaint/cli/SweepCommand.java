package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.SizeConverter;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepFolder;
import dev.nnpaint.ops.sweep.SweepList;
import dev.nnpaint.ops.sweep.SweepResult;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
public final class SweepCommand implements Callable<Integer> {

    /** Exit code when some entries were broken but the others were painted. */
    public static final int SOME_BROKEN = 1;

    @Parameters(index = "0", paramLabel = "LIST", description = "The recipes: a .csv or .json file.")
    Path list;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Folder for the images and index.html (created if missing).")
    Path output;

    @Option(names = "--size", paramLabel = "N|WxH", converter = SizeConverter.class,
            description = "Paint every entry at this size instead of its own (thumbnails of a big sweep).")
    SizeConverter.Size size;

    @Mixin
    RunOptions run;

    @Spec
    CommandSpec spec;

    /** The entries of the list, at {@code --size} when it is given (also the Spark sweep's, as a mixin). */
    public List<SweepEntry> entries() {
        List<SweepEntry> entries = SweepList.read(list);
        return size == null ? entries : SweepList.withSize(entries, size.width(), size.height());
    }

    /** Refuses, unless --force, a sweep estimated to take over {@code maxSeconds}; the pixels it paints. */
    public long checkCost(List<SweepEntry> entries, double maxSeconds) {
        long pixels = 0;
        double flops = 0;
        for (SweepEntry e : entries) {
            if (!e.broken()) {
                Recipe r = SweepList.recipeOf(e);
                long p = (long) r.width() * r.height();
                pixels += p;
                flops += (double) p * r.toModel().flopsPerSample();
            }
        }
        if (pixels > 0) {
            run.checkCost(pixels, (long) Math.ceil(flops / pixels), maxSeconds);
        }
        return pixels;
    }

    public Path output() {
        return output;
    }

    public RunOptions run() {
        return run;
    }

    /** Says how many entries were broken, if any, and returns the exit code. */
    public static int finish(List<SweepResult> results, PrintWriter err) {
        long broken = results.stream().filter(r -> !r.written()).count();
        if (broken > 0) {
            err.println(broken + " of " + results.size() + " entries broken");
        }
        err.flush();
        return broken > 0 ? SOME_BROKEN : 0;
    }

    @Override
    public Integer call() {
        List<SweepEntry> entries = entries();
        Kernel kernel = run.kernel();
        int threads = run.threads();
        long pixels = checkCost(entries, RunOptions.MAX_SECONDS_WITHOUT_FORCE);
        SweepFolder folder = SweepFolder.prepare(output);

        PrintWriter err = spec.commandLine().getErr();
        for (SweepEntry e : entries) {
            if (e.broken()) {
                err.println(e.label() + ": " + e.problem());
            }
        }
        err.flush();
        List<SweepResult> results = new ArrayList<>(entries.size());
        long start = System.nanoTime();
        long done = 0;
        try (ProgressBar bar = ProgressBar.start("sweep", run.quiet)) {
            for (SweepEntry e : entries) {
                long before = done;
                SweepResult result = folder.render(e, kernel, threads,
                        (entryDone, entryTotal) -> bar.update(before + entryDone, pixels));
                if (!e.broken()) {
                    Recipe r = SweepList.recipeOf(e);
                    done += (long) r.width() * r.height();
                    if (!result.written()) {
                        err.println(e.label() + ": " + result.problem());
                        err.flush();
                    }
                }
                results.add(result);
            }
        }
        folder.writeIndex(results);

        if (!run.quiet) {
            long images = results.stream().filter(SweepResult::written).count();
            err.printf("wrote %d image%s and %s (%.2f s, %s kernel, %d threads)%n", images,
                    images == 1 ? "" : "s", folder.index(), (System.nanoTime() - start) / 1e9, kernel.name(), threads);
        }
        return finish(results, err);
    }
}
