package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.format.ImageMetadata;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options of an animation (a picocli mixin): {@code nnpaint animate} and {@code nnpaint-spark animate}. */
@picocli.CommandLine.Command(modelTransformer = RecipeOptions.FromTable.class)
public final class AnimateOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "animation.gif",
            description = "FILE.gif, FILE.mp4, or a folder (ending in /, or without extension) for numbered PNGs "
                    + "(default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--vary", paramLabel = "PARAM=FROM..TO",
            description = "Move a numeric recipe field, e.g. gain=0.5..2, zoom=1..20, rotate=0..360, "
                    + "center=0,0..1,1, z=-1,0..1,0, weights=uniform:0.5..1 (repeatable).")
    List<String> vary = new ArrayList<>();

    @Option(names = "--z-walk", description = "Walk the latent vector z round a closed loop (z-dim 3 unless given).")
    boolean zWalk;

    @Option(names = "--cross-section", paramLabel = "D",
            description = "Give the network D inputs and show a plane moving and turning through them.")
    Integer crossSection;

    @Option(names = "--frames", paramLabel = "N", description = "Frames in the file (default: ${DEFAULT-VALUE}).")
    int frames = 48;

    @Option(names = "--fps", paramLabel = "F", description = "Frames a second (default: ${DEFAULT-VALUE}).")
    double fps = 24;

    @Option(names = "--loop", paramLabel = "MODE", description = "once, loop or pingpong (default: pingpong with "
            + "--vary, else loop).")
    String loop;

    @Option(names = "--ease", paramLabel = "EASE", description = "linear or sine (slow at the ends) "
            + "(default: ${DEFAULT-VALUE}).")
    String ease = "linear";

    @Option(names = "--dither", paramLabel = "MODE", description = "GIF dithering: ordered (steady between frames, "
            + "smaller files), fs (Floyd-Steinberg) or none (default: ${DEFAULT-VALUE}).")
    String dither = "ordered";

    @Option(names = "--from", paramLabel = "FILE.png", description = "Start from the recipe stored in a PNG that "
            + "nnpaint wrote.")
    Path from;

    @Mixin
    RecipeOptions recipe = RecipeOptions.withSizeDefault(AnimateOperation.DEFAULT_SIZE
            + " (or the size of --config or --from)");

    @Mixin
    RunOptions run;

    /** Parses and checks the options into a request, before anything renders. */
    public AnimateOperation.Request request() {
        AnimateOperation.checkSchedule(frames, fps);
        Recipe.Builder b = startingBuilder();
        recipe.applyTo(b);
        if (!recipe.sizeGiven() && recipe.configFile() == null && from == null) {
            b.size(AnimateOperation.DEFAULT_SIZE, AnimateOperation.DEFAULT_SIZE);
        }
        if (crossSection != null && recipe.inputsGiven()) {
            throw new BadInputException("--cross-section sets the network's inputs itself (D coordinates): "
                    + "leave out --inputs, --z and --z-dim");
        }
        return new AnimateOperation.Request(output, b, vary, zWalk, crossSection, frames, fps, loop, ease, dither,
                run.execution());
    }

    /** The plan of every frame (the Spark job renders from it). */
    public AnimationPlan plan() {
        return AnimateOperation.plan(request());
    }

    private Recipe.Builder startingBuilder() {
        if (from == null) {
            return recipe.startingBuilder();
        }
        ImageMetadata.Source source = ImageMetadata.read(from);
        if (source.model() != null) {
            throw new BadInputException("'" + from + "' paints a model file; animate works from recipes");
        }
        return source.recipe();
    }

    public String output() {
        return output;
    }

    public RunOptions run() {
        return run;
    }
}
