package dev.nnpaint.spark.cli;

import dev.nnpaint.app.batch.SweepEntry;
import dev.nnpaint.app.batch.SweepFolder;
import dev.nnpaint.app.batch.SweepList;
import dev.nnpaint.app.batch.SweepResult;
import dev.nnpaint.app.cli.RunOptions;
import dev.nnpaint.app.cli.SizeConverter;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nnpaint-spark sweep}: the folder of {@code nnpaint sweep}, each recipe painted by a Spark task. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Paint every recipe of a list (CSV or JSON, as for 'nnpaint sweep') as a Spark job into a",
                "folder of PNGs with an index.html; each image is the one 'nnpaint render' paints of its recipe.",
                "Broken entries are reported and the others still paint: exit code 1; an unusable list: 2.",
                "Each task paints on one thread (--threads is not used: --master sets the slots)."})
final class SparkSweepCommand implements Callable<Integer> {

    /** Exit code when some entries were broken but the others were painted (as in 'nnpaint sweep'). */
    static final int SOME_BROKEN = 1;

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

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spark.check();
        List<SweepEntry> entries = SweepList.read(list);
        if (size != null) {
            entries = SweepList.withSize(entries, size.width(), size.height());
        }
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
            run.checkCost(pixels, (long) Math.ceil(flops / pixels), SparkMain.MAX_SECONDS_WITHOUT_FORCE);
        }
        SweepFolder.prepare(output); // a folder that cannot be used fails before Spark starts
        String kernel = run.kernel().name();
        long start = System.nanoTime();
        List<SweepResult> results;
        try (RunningSpark running = spark.start("nnpaint sweep")) {
            results = SweepJob.run(running.context(), output, entries, kernel, spark.partitions(running.context()));
        }
        PrintWriter err = spec.commandLine().getErr();
        long broken = 0;
        for (SweepResult r : results) {
            if (!r.written()) {
                err.println(r.entry().label() + ": " + r.problem());
                broken++;
            }
        }
        if (!run.quiet()) {
            err.printf("wrote %d images and %s (%.2f s, %s kernel)%n", results.size() - broken,
                    output.resolve(SweepFolder.INDEX), (System.nanoTime() - start) / 1e9, kernel);
        }
        if (broken > 0) {
            err.println(broken + " of " + results.size() + " entries broken");
        }
        err.flush();
        return broken > 0 ? SOME_BROKEN : 0;
    }
}
