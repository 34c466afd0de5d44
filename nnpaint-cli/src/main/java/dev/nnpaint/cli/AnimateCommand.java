package dev.nnpaint.cli;

import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.options.AnimateOptions;
import dev.nnpaint.ops.options.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code nnpaint animate}: a sequence of paintings with something moving, as a GIF, an MP4 or numbered PNGs. */
@Command(name = "animate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Animate a painting: recipe fields moving, a latent walk, or a plane through a",
                "network's higher-dimensional input space. Writes .gif, .mp4 (needs ffmpeg) or a",
                "folder of numbered PNGs.",
                "Example: nnpaint animate --vary gain=0.5..2 --frames 48 -o gain.gif"})
final class AnimateCommand implements Callable<Integer> {

    /** Animations are many pictures: smaller than a still unless asked. */
    static final int DEFAULT_SIZE = AnimateOperation.DEFAULT_SIZE;

    @Mixin
    AnimateOptions animate;

    /** What each frame paints, from the options. */
    AnimationPlan plan() {
        return animate.plan();
    }

    @Override
    public Integer call() {
        AnimateOperation.Request request = animate.request();
        AnimateOperation.Result r;
        try (ProgressBar bar = ProgressBar.start("animate", animate.run().quiet())) {
            r = AnimateOperation.run(request, bar);
        }
        if (!animate.run().quiet()) {
            System.err.printf("wrote %s (%d frames of %dx%d at %s fps, %.2f s, %d threads)%n", r.output(),
                    r.frames(), r.width(), r.height(), AnimateOperation.formatNumber(r.fps()), r.seconds(),
                    r.threads());
        }
        return 0;
    }
}
