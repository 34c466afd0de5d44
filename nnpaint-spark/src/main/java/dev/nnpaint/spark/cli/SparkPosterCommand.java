package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.options.PosterOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.spark.JobProgress;
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
                "not used: --master sets the task slots). On a cluster the folder must be",
                "shared storage mounted at the same path on every machine.",
                "Run it again on the same folder to resume: finished tiles are kept."})
final class SparkPosterCommand implements Callable<Integer> {

    /** Tiles are quick (a few ms each): batches of them keep the per-task cost of Spark small. */
    static final int TILES_PER_TASK = 32;

    @Mixin
    PosterOptions poster;

    @Mixin
    SparkOptions spark;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        spark.check();
        PosterSpec spec = poster.spec();
        DziLayout layout = spec.layout();
        String kernel = poster.run().kernel().name();
        PosterTiles tiles = new PosterTiles(spec, poster.run().kernel());
        poster.run().execution().checkCost(layout.pixels(), tiles.flopsPerPixel(), SparkMain.MAX_SECONDS_WITHOUT_FORCE);
        PosterFolder.prepare(poster.output(), spec); // a folder that cannot be used fails before Spark starts
        PosterJob.Summary s;
        try (RunningSpark running = spark.start("nnpaint poster");
             ProgressBar bar = ProgressBar.start("poster", poster.run().quiet());
             JobProgress progress = JobProgress.watch(running.context(), bar::update)) {
            s = PosterJob.run(running.context(), poster.output(), spec, kernel, spark.partitions(running.context(),
                    layout.tileCount(), TILES_PER_TASK), TaskFault.NONE);
        }
        if (!poster.run().quiet()) {
            var err = command.commandLine().getErr();
            err.printf("wrote %s (%dx%d, %d levels, %d tiles painted%s in %d tasks, %.1f Mpixel/s, %.1f s)%n",
                    poster.output().resolve(PosterFolder.DESCRIPTOR), layout.width(), layout.height(),
                    layout.maxLevel() + 1, s.tilesPainted(), s.tilesKept() > 0 ? ", " + s.tilesKept() + " kept" : "",
                    s.tasks(), s.pixels() / 1e6 / Math.max(s.seconds(), 1e-9), s.seconds());
        }
        return 0;
    }
}
