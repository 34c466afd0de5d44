package dev.nnpaint.ops;

import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterRenderer;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;

import java.nio.file.Path;

/** A deep-zoom poster: a DZI pyramid of PNG tiles, every level painted by the network at its own resolution. */
public final class PosterOperation {

    /**
     * Posters resume where they stopped, so long ones are less of a trap than a long render: up to about
     * 65536 x 65536 of the default network (estimated pessimistically) runs without force.
     */
    public static final double MAX_SECONDS_WITHOUT_FORCE = 4 * 3600;

    /** The poster's side when no size is given. */
    public static final int DEFAULT_SIDE = 16384;

    private PosterOperation() {
    }

    public record Request(PosterSpec spec, Path output, Execution run, OutputFormat format) {

        /** 8-bit tiles. */
        public Request(PosterSpec spec, Path output, Execution run) {
            this(spec, output, run, OutputFormat.DEFAULT);
        }
    }

    /** What was written: the descriptor, the pyramid's shape and the tiles painted and kept. */
    public record Result(Path descriptor, DziLayout layout, PosterRenderer.Summary summary, int threads) {
    }

    /**
     * The poster of a recipe (or of a model file, painted with the recipe's view), at {@link #DEFAULT_SIDE} unless
     * {@code sizeGiven}.
     */
    public static PosterSpec spec(Recipe.Builder recipe, boolean sizeGiven, ModelJson.ModelFile model, int tileSize,
                                  int overlap) {
        if (!sizeGiven) {
            recipe.size(DEFAULT_SIDE, DEFAULT_SIDE);
        }
        return PosterSpec.of(recipe.build(), model, tileSize, overlap);
    }

    public static Result run(Request request, Progress progress) {
        PosterSpec spec = request.spec();
        Execution run = request.run();
        DziLayout layout = spec.layout();
        PosterTiles tiles = new PosterTiles(spec, run.kernel(), request.format());
        run.checkCost(layout.pixels(), tiles.flopsPerPixel()
                * spec.painting().view().antialias().worstSamplesPerPixel(), MAX_SECONDS_WITHOUT_FORCE);
        PosterFolder folder = PosterFolder.prepare(request.output(), spec, request.format());
        PosterRenderer.Summary summary = PosterRenderer.render(folder, tiles, run.threads(), progress.pixels());
        return new Result(folder.descriptor(), layout, summary, run.threads());
    }
}
