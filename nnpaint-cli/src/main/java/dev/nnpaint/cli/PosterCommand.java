package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.SourceOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterRenderer;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.net.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nnpaint poster}: a gigapixel deep-zoom poster, every level painted by the network itself. */
@Command(name = "poster", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Paint a deep-zoom poster: a Deep Zoom (DZI) pyramid of PNG tiles in which",
                "every level is painted by the network at its own resolution, so zooming in",
                "shows real detail.",
                "Run it again on the same folder to resume: finished tiles are kept.",
                "View it with 'nnpaint serve --poster DIR'."})
public final class PosterCommand implements Callable<Integer> {

    /**
     * Posters resume where they stopped, so long ones are less of a trap than a long render: up to about
     * 65536 x 65536 of the default network (estimated pessimistically) runs without --force.
     */
    static final double MAX_SECONDS_WITHOUT_FORCE = 4 * 3600;

    /** The poster's side when --size is not given. */
    static final int DEFAULT_SIDE = 16384;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "The poster's folder: new, empty, or holding this poster from an interrupted run.")
    Path output;

    @Option(names = "--tiles", paramLabel = "PX", defaultValue = "" + PosterSpec.DEFAULT_TILE,
            description = "Tile size in pixels; the poster's sides must be multiples of it.")
    int tileSize;

    @Option(names = "--overlap", paramLabel = "PX", defaultValue = "" + PosterSpec.DEFAULT_OVERLAP,
            description = "Pixels each tile shares with its neighbours (hides seams in viewers).")
    int overlap;

    @Mixin
    RecipeOptions recipe = RecipeOptions.withSizeDefault(String.valueOf(DEFAULT_SIDE));

    @Mixin
    SourceOptions sources;

    @Mixin
    RunOptions run;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    /** The poster the options describe (also used as a mixin by the Spark module's poster job). */
    public PosterSpec spec() {
        ImageMetadata.Source source = sources.source(recipe);
        Recipe.Builder builder = recipe.applyTo(source.recipe());
        if (!recipe.sizeGiven()) {
            builder.size(DEFAULT_SIDE, DEFAULT_SIDE);
        }
        return PosterSpec.of(builder.build(), source.model(), tileSize, overlap);
    }

    public Path output() {
        return output;
    }

    public RunOptions run() {
        return run;
    }

    @Override
    public Integer call() {
        PosterSpec spec = spec();
        DziLayout layout = spec.layout();
        PosterTiles tiles = new PosterTiles(spec, run.kernel());
        run.checkCost(layout.pixels(), tiles.flopsPerPixel(), MAX_SECONDS_WITHOUT_FORCE);
        PosterFolder folder = PosterFolder.prepare(output, spec);

        PosterRenderer.Summary summary;
        try (ProgressBar bar = ProgressBar.start("poster", run.quiet)) {
            summary = PosterRenderer.render(folder, tiles, run.threads(), bar::update);
        }
        if (!run.quiet) {
            var err = command.commandLine().getErr();
            err.printf("wrote %s (%dx%d, %d levels, %s painted%s, %.1f Mpixel/s, %.1f s, %d threads)%n",
                    folder.descriptor(), layout.width(), layout.height(), layout.maxLevel() + 1,
                    tiles(summary.tilesPainted()), summary.tilesKept() > 0 ? ", " + summary.tilesKept() + " kept" : "",
                    summary.pixels() / 1e6 / Math.max(summary.seconds(), 1e-9), summary.seconds(), run.threads());
            err.println("view it: nnpaint serve --poster " + output);
        }
        return 0;
    }

    private static String tiles(int n) {
        return n + (n == 1 ? " tile" : " tiles");
    }
}
