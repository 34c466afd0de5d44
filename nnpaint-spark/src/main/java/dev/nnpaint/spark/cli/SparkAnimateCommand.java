package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.options.AnimateOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.spark.AnimationJob;
import dev.nnpaint.spark.JobProgress;
import dev.nnpaint.spark.OutputFolder;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.TaskFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code nnpaint-spark animate}: the numbered PNG frames of {@code nnpaint animate -o DIR/}, frames as tasks. */
@Command(name = "animate", sortOptions = false,
        description = {"Render an animation with the options of 'nnpaint animate' as a Spark job,",
                "frames as tasks, into a folder of numbered PNGs (-o DIR/). A GIF or MP4 needs",
                "the frames in order on one machine: make it from the folder, for example",
                "  ffmpeg -framerate 24 -i DIR/frame-%%04d.png -pix_fmt yuv420p out.mp4",
                "Each task paints on one thread (--threads is not used: --master sets the",
                "task slots)."})
final class SparkAnimateCommand implements Callable<Integer> {

    @Mixin
    AnimateOptions animate;

    @Mixin
    SparkOptions spark;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        spark.check();
        AnimationPlan plan = animate.plan();
        Recipe base = plan.base();
        AnimationJob.checkTarget(animate.output(), OutputOption.beforeSpark(animate.output()));
        animate.run().execution().checkCost(base.width() * (long) base.height() * plan.frames(),
                plan.paintingAt(0).model().flopsPerSample(), SparkMain.MAX_SECONDS_WITHOUT_FORCE);
        String kernel = animate.run().kernel().name();
        String line;
        try (RunningSpark running = spark.start("nnpaint animate");
             ProgressBar bar = ProgressBar.start("animate", animate.run().quiet());
             JobProgress progress = JobProgress.watch(running.context(), bar::update)) {
            OutputFolder folder = OutputOption.in(running, animate.output());
            AnimationJob.Summary s = AnimationJob.run(running.context(), folder, plan, kernel, spark.partitions,
                    TaskFault.NONE);
            line = AnimationJob.finish(folder, base, s);
        }
        if (!animate.run().quiet()) {
            command.commandLine().getErr().println(line);
        }
        return 0;
    }
}
