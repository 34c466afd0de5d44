package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepResult;
import dev.nnpaint.ops.SweepOperation;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.SweepOptions;
import dev.nnpaint.spark.JobProgress;
import dev.nnpaint.spark.OutputFolder;
import dev.nnpaint.spark.TaskFault;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
        String output = OutputOption.typed(spec, sweep.output());
        SweepJob.prepare(OutputOption.beforeSpark(output)); // a folder that cannot be used fails before Spark starts
        String kernel = sweep.run().kernel().name();
        SweepJob.Summary summary;
        String line;
        try (RunningSpark running = spark.start("nnpaint sweep");
             ProgressBar bar = ProgressBar.start("sweep", sweep.run().quiet());
             JobProgress progress = JobProgress.watch(running.context(), bar::update)) {
            OutputFolder folder = OutputOption.in(running, output);
            summary = SweepJob.run(running.context(), folder, entries, kernel, spark.partitions, TaskFault.NONE);
            line = SweepJob.finish(folder, summary, kernel,
                    SweepOperation.exitCode(summary.results()));
        }
        List<SweepResult> results = summary.results();
        PrintWriter err = spec.commandLine().getErr();
        for (SweepResult r : results) {
            if (!r.written()) {
                err.println(r.entry().label() + ": " + r.problem());
            }
        }
        if (!sweep.run().quiet()) {
            err.println(line);
        }
        long broken = SweepOperation.broken(results);
        if (broken > 0) {
            err.println(broken + " of " + results.size() + " entries broken");
        }
        err.flush();
        return SweepOperation.exitCode(results);
    }
}
