package dev.nnpaint.cli;

import dev.nnpaint.ops.PosterOperation;
import dev.nnpaint.ops.options.PosterOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code nnpaint poster}: a gigapixel deep-zoom poster, every level painted by the network itself. */
@Command(name = "poster", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Paint a deep-zoom poster: a Deep Zoom (DZI) pyramid of PNG tiles in which",
                "every level is painted by the network at its own resolution, so zooming in",
                "shows real detail.",
                "Run it again on the same folder to resume: finished tiles are kept.",
                "View it with 'nnpaint serve --poster DIR'."})
final class PosterCommand implements Callable<Integer> {

    @Mixin
    PosterOptions poster;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PosterOperation.Request request = poster.request();
        PosterOperation.Result r;
        try (ProgressBar bar = ProgressBar.start("poster", poster.run().quiet())) {
            r = PosterOperation.run(request, bar);
        }
        if (!poster.run().quiet()) {
            DziLayout layout = r.layout();
            PosterRenderer.Summary summary = r.summary();
            var err = command.commandLine().getErr();
            err.printf("wrote %s (%dx%d, %d levels, %s painted%s, %.1f Mpixel/s, %.1f s, %d threads)%n",
                    r.descriptor(), layout.width(), layout.height(), layout.maxLevel() + 1,
                    tiles(summary.tilesPainted()), summary.tilesKept() > 0 ? ", " + summary.tilesKept() + " kept" : "",
                    summary.pixels() / 1e6 / Math.max(summary.seconds(), 1e-9), summary.seconds(), r.threads());
            err.println("view it: nnpaint serve --poster " + poster.output());
        }
        return 0;
    }

    private static String tiles(int n) {
        return n + (n == 1 ? " tile" : " tiles");
    }
}
