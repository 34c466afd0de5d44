package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepFolder;
import dev.nnpaint.ops.sweep.SweepResult;
import dev.nnpaint.ops.SweepOperation;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.SweepOptions;
import dev.nnpaint.spark.JobProgress;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nnpaint-spark sweep}: the folder of {@code nnpaint sweep}, each recipe painted by a Spark task. */
@Command(name = "sweep", sortOptions = false,
        description = {"Paint every recipe of a list (CSV or JSON, as for 'nnpaint sweep') as a Spark",
                "job into a folder of PNGs with an index.html; each image is the one",
                "'nnpaint render' paints of its recipe. Broken entries are reported and the",
                "others still paint: exit code 1; an unusable list: 2. Each task paints on one",
                "thread (--threads is not used: --master sets the task slots)."})
final class SparkSweepCommand implements Callable<Integer> {

    @Mixin
    SweepOptions sweep;

    @Mixin
    SparkOptions spark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spark.check();
        List<SweepEntry> entries = sweep.entries();
        SweepOperation.checkCost(entries, sweep.run().execution(), SparkMain.MAX_SECONDS_WITHOUT_FORCE);
        Path output = sweep.output();
        SweepFolder.prepare(output); // a folder that cannot be used fails before Spark starts
        String kernel = sweep.run().kernel().name();
        long start = System.nanoTime();
        List<SweepResult> results;
        try (RunningSpark running = spark.start("nnpaint sweep");
             ProgressBar bar = ProgressBar.start("sweep", sweep.run().quiet());
             JobProgress progress = JobProgress.watch(running.context(), bar::update)) {
            results = SweepJob.run(running.context(), output, entries, kernel, spark.partitions(running.context(), entries.size(), 1));
        }
        PrintWriter err = spec.commandLine().getErr();
        for (SweepResult r : results) {
            if (!r.written()) {
                err.println(r.entry().label() + ": " + r.problem());
            }
        }
        if (!sweep.run().quiet()) {
            err.printf("wrote %d images and %s (%.2f s, %s kernel)%n",
                    results.stream().filter(SweepResult::written).count(), output.resolve(SweepFolder.INDEX),
                    (System.nanoTime() - start) / 1e9, kernel);
        }
        long broken = SweepOperation.broken(results);
        if (broken > 0) {
            err.println(broken + " of " + results.size() + " entries broken");
        }
        err.flush();
        return SweepOperation.exitCode(results);
    }
}
