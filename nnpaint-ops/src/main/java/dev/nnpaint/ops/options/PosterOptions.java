package dev.nnpaint.ops.options;

import dev.nnpaint.ops.PosterOperation;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.poster.PosterSpec;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of a poster (a picocli mixin): {@code nnpaint poster} and {@code nnpaint-spark poster} share them. */
@picocli.CommandLine.Command(modelTransformer = RecipeOptions.FromTable.class)
public final class PosterOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "The poster's folder: new, empty, or holding this poster from an interrupted run.")
    Path output;

    @Option(names = "--tiles", paramLabel = "PX", defaultValue = "" + PosterSpec.DEFAULT_TILE,
            description = "Tile size in pixels; the poster's sides must be multiples of it.")
    int tileSize;

    @Option(names = "--overlap", paramLabel = "PX", defaultValue = "" + PosterSpec.DEFAULT_OVERLAP,
            description = "Pixels each tile shares with its neighbours (hides seams in viewers).")
    int overlap;

    @Option(names = "--depth", paramLabel = "BITS", defaultValue = "8",
            description = "Bits a channel of the tiles: 8, or 16 for printing a level.")
    int depth = 8;

    @Mixin
    RecipeOptions recipe = RecipeOptions.withSizeDefault(String.valueOf(PosterOperation.DEFAULT_SIDE));

    @Mixin
    SourceOptions sources;

    @Mixin
    RunOptions run;

    /** The poster the options describe. */
    public PosterSpec spec() {
        ImageMetadata.Source source = sources.source(recipe);
        return PosterOperation.spec(recipe.applyTo(source.recipe()), recipe.sizeGiven(), source.model(), tileSize,
                overlap);
    }

    public PosterOperation.Request request() {
        return new PosterOperation.Request(spec(), output, run.execution(), new OutputFormat(depth, 0));
    }

    public Path output() {
        return output;
    }

    public RunOptions run() {
        return run;
    }
}
