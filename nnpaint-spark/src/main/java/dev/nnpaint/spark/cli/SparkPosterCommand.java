package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.PosterOperation;
import dev.nnpaint.ops.options.PosterOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.spark.JobProgress;
import dev.nnpaint.spark.OutputFolder;
import dev.nnpaint.spark.PosterJob;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.TaskFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code nnpaint-spark poster}: {@code nnpaint poster} with the tiles painted by Spark tasks. */
@Command(name = "poster", sortOptions = false, showDefaultValues = true,
        description = {"Paint a deep-zoom poster, the files of 'nnpaint poster', as a Spark job:",
                "the tiles are dealt out to tasks, each painting on one thread (--threads is",
                "not used: --master sets the task slots). On a cluster the folder must be on",
                "a file system every machine reaches (hdfs://, s3a://, or a shared mount).",
                "Run it again on the same folder to resume: finished tiles are kept."})
final class SparkPosterCommand implements Callable<Integer> {

    @Mixin
    PosterOptions poster;

    @Mixin
    SparkOptions spark;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        spark.check();
        PosterOperation.Request request = poster.request();
        PosterSpec spec = request.spec();
        DziLayout layout = spec.layout();
        String kernel = poster.run().kernel().name();
        PosterTiles tiles = new PosterTiles(spec, poster.run().kernel(), request.format());
        poster.run().execution().checkCost(layout.pixels(), tiles.flopsPerPixel()
                * spec.painting().view().antialias().worstSamplesPerPixel(), SparkMain.MAX_SECONDS_WITHOUT_FORCE);
        String output = OutputOption.typed(command, poster.output());
        PosterJob.prepare(OutputOption.beforeSpark(output), spec, request.format()); // a folder that cannot be used fails first
        String line;
        try (RunningSpark running = spark.start("nnpaint poster");
             ProgressBar bar = ProgressBar.start("poster", poster.run().quiet());
             JobProgress progress = JobProgress.watch(running.context(), bar::update)) {
            OutputFolder folder = OutputOption.in(running, output);
            PosterJob.Summary s = PosterJob.run(running.context(), folder, spec, request.format(), kernel,
                    spark.partitions, TaskFault.NONE);
            line = PosterJob.finish(folder, spec, s);
        }
        if (!poster.run().quiet()) {
            command.commandLine().getErr().println(line);
        }
        return 0;
    }
}
