package dev.nnpaint.ops;

import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepFolder;
import dev.nnpaint.ops.sweep.SweepList;
import dev.nnpaint.ops.sweep.SweepResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Paints every recipe of a list into a folder, each image the one {@link RenderOperation} paints of its recipe,
 * with an HTML index. A broken entry is reported in its result and the others still paint.
 */
public final class SweepOperation {

    /** Exit code when some entries were broken but the others were painted. */
    public static final int SOME_BROKEN = 1;

    private SweepOperation() {
    }

    public record Request(List<SweepEntry> entries, Path output, Execution run) {

        public Request {
            entries = List.copyOf(entries);
        }
    }

    public record Result(List<SweepResult> results, Path index, double seconds, String kernel, int threads) {

        public long written() {
            return results.stream().filter(SweepResult::written).count();
        }
    }

    /** The entries of a list, at {@code width x height} when {@code width > 0} instead of their own sizes. */
    public static List<SweepEntry> entries(Path list, int width, int height) {
        List<SweepEntry> entries = SweepList.read(list);
        return width <= 0 ? entries : SweepList.withSize(entries, width, height);
    }

    /** Refuses, unless forced, a sweep estimated to take over {@code maxSeconds}; the pixels it paints. */
    public static long checkCost(List<SweepEntry> entries, Execution run, double maxSeconds) {
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

    /**
     * Paints the entries one after another on all threads; {@code failed} hears first of the entries broken in
     * the list, then of each entry that could not be painted, as it fails.
     */
    public static Result run(Request request, Progress progress, Consumer<SweepResult> failed) {
        List<SweepEntry> entries = request.entries();
        Execution run = request.run();
        Kernel kernel = run.kernel();
        int threads = run.threads();
        long pixels = checkCost(entries, run, Execution.MAX_SECONDS_WITHOUT_FORCE);
        SweepFolder folder = SweepFolder.prepare(request.output());
        for (SweepEntry e : entries) {
            if (e.broken()) {
                failed.accept(new SweepResult(e, e.problem(), 0));
            }
        }
        List<SweepResult> results = new ArrayList<>(entries.size());
        long start = System.nanoTime();
        long done = 0;
        for (SweepEntry e : entries) {
            long before = done;
            SweepResult result = folder.render(e, kernel, threads,
                    (entryDone, entryTotal) -> progress.update(before + entryDone, pixels));
            if (!e.broken()) {
                Recipe r = SweepList.recipeOf(e);
                done += (long) r.width() * r.height();
                if (!result.written()) {
                    failed.accept(result);
                }
            }
            results.add(result);
        }
        folder.writeIndex(results);
        return new Result(results, folder.index(), (System.nanoTime() - start) / 1e9, kernel.name(), threads);
    }

    /** How many results are broken, or 0. */
    public static long broken(List<SweepResult> results) {
        return results.stream().filter(r -> !r.written()).count();
    }

    /** The exit code of a sweep: {@link #SOME_BROKEN} when an entry was broken, else 0. */
    public static int exitCode(List<SweepResult> results) {
        return broken(results) > 0 ? SOME_BROKEN : 0;
    }
}
