package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.anim.AnimationSettings;
import dev.nnpaint.ops.anim.AnimationWriter;
import dev.nnpaint.ops.anim.CrossSection;
import dev.nnpaint.ops.anim.Dither;
import dev.nnpaint.ops.anim.FrameSchedule;
import dev.nnpaint.ops.anim.LatentWalk;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.vary.Vary;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nnpaint animate}: a sequence of paintings with something moving, as a GIF, an MP4 or numbered PNGs. */
@Command(name = "animate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Animate a painting: recipe fields moving, a latent walk, or a plane through a",
                "network's higher-dimensional input space. Writes .gif, .mp4 (needs ffmpeg) or a",
                "folder of numbered PNGs.",
                "Example: nnpaint animate --vary gain=0.5..2 --frames 48 -o gain.gif"})
public final class AnimateCommand implements Callable<Integer> {

    /** Animations are many pictures: smaller than a still unless asked. */
    static final int DEFAULT_SIZE = 256;

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
    RecipeOptions recipe = RecipeOptions.withSizeDefault(DEFAULT_SIZE + " (or the size of --config or --from)");

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        AnimationPlan plan = plan();
        Recipe base = plan.base();
        AnimationSettings settings = new AnimationSettings(fps, plan.schedule().loop().repeats(),
                Dither.parse(dither), comment(base));
        AnimationWriter.check(output, base.width(), base.height(), settings);
        Kernel kernel = run.kernel();
        run.checkCost(base.width() * (long) base.height() * frames, plan.paintingAt(0).model().flopsPerSample());

        AnimationWriter.FrameSource source = new AnimationWriter.FrameSource() {
            @Override
            public byte[] render(int index) {
                return plan.render(index, kernel);
            }

            @Override
            public Map<String, String> pngText(int index) {
                return frameText(plan, index);
            }
        };
        long start = System.nanoTime();
        try (ProgressBar bar = ProgressBar.start("animate", run.quiet())) {
            AnimationWriter.write(output, base.width(), base.height(), settings, frames, run.threads(), source,
                    bar::update);
        }
        if (!run.quiet()) {
            System.err.printf("wrote %s (%d frames of %dx%d at %s fps, %.2f s, %d threads)%n", output, frames,
                    base.width(), base.height(), formatNumber(fps), (System.nanoTime() - start) / 1e9, run.threads());
        }
        return 0;
    }

    public String output() {
        return output;
    }

    public RunOptions run() {
        return run;
    }

    /** The text stored in frame {@code index}'s PNG: its recipe, and for a cross-section the sliced network. */
    public static Map<String, String> frameText(AnimationPlan plan, int index) {
        Painting p = plan.paintingAt(index);
        return ImageMetadata.describe(plan.recipeAt(index), plan.section() == null ? null : p.model(), null);
    }

    /** Parses and checks every option into a plan, before anything renders (the Spark module's job uses it too). */
    public AnimationPlan plan() {
        if (frames < 1) {
            throw new BadInputException("--frames must be at least 1, got " + frames);
        }
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new BadInputException("--fps must be a positive number, got " + formatNumber(fps));
        }
        Recipe.Builder b = startingBuilder();
        recipe.applyTo(b);
        if (!recipe.sizeGiven() && recipe.configFile() == null && from == null) {
            b.size(DEFAULT_SIZE, DEFAULT_SIZE);
        }
        List<Vary> varies = new ArrayList<>();
        for (String v : vary) {
            varies.add(Vary.parse(v));
        }
        LatentWalk walk = null;
        CrossSection section = null;
        if (crossSection != null) {
            if (recipe.given("inputs") || recipe.given("z") || recipe.given("z-dim")) {
                throw new BadInputException("--cross-section sets the network's inputs itself (D coordinates): "
                        + "leave out --inputs, --z and --z-dim");
            }
            section = CrossSection.of(crossSection, b.build().seed(), 1);
            b.inputs(List.of("x", "y", "z")).zDim(crossSection - 2).z(null);
        }
        if (zWalk) {
            Recipe withoutWalk = b.build();
            if (withoutWalk.zDim() == 0) {
                b.latent(3, null);
            }
            Recipe r = b.build();
            walk = LatentWalk.from(r.latent(), r.seed());
        }
        FrameSchedule.LoopMode loopMode = loop != null ? FrameSchedule.LoopMode.parse(loop)
                : (varies.isEmpty() ? FrameSchedule.LoopMode.LOOP : FrameSchedule.LoopMode.PINGPONG);
        FrameSchedule schedule = new FrameSchedule(frames, loopMode, FrameSchedule.Easing.parse(ease));
        AnimationPlan plan = new AnimationPlan(b.build(), varies, walk, section, schedule);
        // Both ends are valid recipes (a vary to a negative extent fails here, not mid-animation).
        plan.recipeAt(0);
        plan.recipeAt(frames - 1);
        return plan;
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

    /** What the GIF says about itself: the options that made it and the still picture's recipe. */
    private String comment(Recipe base) {
        StringBuilder s = new StringBuilder("nnpaint animate");
        for (String v : vary) {
            s.append(" --vary ").append(v);
        }
        if (zWalk) {
            s.append(" --z-walk");
        }
        if (crossSection != null) {
            s.append(" --cross-section ").append(crossSection);
        }
        s.append(" --frames ").append(frames).append(" --fps ").append(formatNumber(fps));
        return s.append('\n').append(RecipeJson.toJson(base)).toString();
    }

    private static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
