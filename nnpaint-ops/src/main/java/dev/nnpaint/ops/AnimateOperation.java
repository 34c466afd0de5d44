package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A sequence of paintings with something moving, as a GIF, an MP4 or a folder of numbered PNGs. */
public final class AnimateOperation {

    /** Animations are many pictures: smaller than a still unless asked. */
    public static final int DEFAULT_SIZE = 256;

    private AnimateOperation() {
    }

    /**
     * @param output       FILE.gif, FILE.mp4, or a folder (ending in /, or without extension) for numbered PNGs
     * @param base         the still picture's recipe, before the cross-section changes its inputs
     * @param varies       fields that move, as text such as {@code gain=0.5..2}
     * @param zWalk        walk the latent vector round a loop
     * @param crossSection the input dimensions of a moving plane, or null
     * @param loop         once, loop or pingpong, or null for the default (pingpong with varies, else loop)
     * @param ease         linear or sine
     * @param dither       GIF dithering: ordered, fs or none
     * @param zWalkShifted the walk's circle goes through the latent vector shifted by one component (the
     *                     explorer's live walk) instead of a direction drawn from the seed
     */
    public record Request(String output, Recipe.Builder base, List<String> varies, boolean zWalk,
                          Integer crossSection, int frames, double fps, String loop, String ease, String dither,
                          Execution run, boolean zWalkShifted) {

        public Request {
            varies = List.copyOf(varies);
        }

        /** A request whose walk, if any, takes a direction drawn from the seed. */
        public Request(String output, Recipe.Builder base, List<String> varies, boolean zWalk, Integer crossSection,
                       int frames, double fps, String loop, String ease, String dither, Execution run) {
            this(output, base, varies, zWalk, crossSection, frames, fps, loop, ease, dither, run, false);
        }
    }

    public record Result(String output, int frames, int width, int height, double fps, double seconds, int threads) {
    }

    /** Fails unless the frame count and rate make sense (checked before the recipe is read). */
    public static void checkSchedule(int frames, double fps) {
        if (frames < 1) {
            throw new BadInputException("--frames must be at least 1, got " + frames);
        }
        if (!(fps > 0) || !Double.isFinite(fps)) {
            throw new BadInputException("--fps must be a positive number, got " + formatNumber(fps));
        }
    }

    /** What each frame paints, checked before anything renders (the Spark job renders from it too). */
    public static AnimationPlan plan(Request request) {
        checkSchedule(request.frames(), request.fps());
        Recipe.Builder b = request.base();
        List<Vary> varies = new ArrayList<>();
        for (String v : request.varies()) {
            varies.add(Vary.parse(v));
        }
        LatentWalk walk = null;
        CrossSection section = null;
        if (request.crossSection() != null) {
            section = CrossSection.of(request.crossSection(), b.build().seed(), 1);
            b.inputs(List.of("x", "y", "z")).zDim(request.crossSection() - 2).z(null);
        }
        if (request.zWalk()) {
            Recipe withoutWalk = b.build();
            if (withoutWalk.zDim() == 0) {
                b.latent(3, null);
            }
            Recipe r = b.build();
            walk = request.zWalkShifted() ? LatentWalk.shifted(r.latent()) : LatentWalk.from(r.latent(), r.seed());
        }
        FrameSchedule.LoopMode loopMode = request.loop() != null ? FrameSchedule.LoopMode.parse(request.loop())
                : (varies.isEmpty() ? FrameSchedule.LoopMode.LOOP : FrameSchedule.LoopMode.PINGPONG);
        FrameSchedule schedule = new FrameSchedule(request.frames(), loopMode,
                FrameSchedule.Easing.parse(request.ease()));
        AnimationPlan plan = new AnimationPlan(b.build(), varies, walk, section, schedule);
        // Both ends are valid recipes (a vary to a negative extent fails here, not mid-animation).
        plan.recipeAt(0);
        plan.recipeAt(request.frames() - 1);
        return plan;
    }

    public static Result run(Request request, Progress progress) {
        AnimationPlan plan = plan(request);
        Recipe base = plan.base();
        int frames = request.frames();
        AnimationSettings settings = new AnimationSettings(request.fps(), plan.schedule().loop().repeats(),
                Dither.parse(request.dither()), comment(request, plan));
        AnimationWriter.check(request.output(), base.width(), base.height(), settings);
        Execution run = request.run();
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
        AnimationWriter.write(request.output(), base.width(), base.height(), settings, frames, run.threads(), source,
                progress::update);
        return new Result(request.output(), frames, base.width(), base.height(), request.fps(),
                (System.nanoTime() - start) / 1e9, run.threads());
    }

    /** The text stored in frame {@code index}'s PNG: its recipe, and for a cross-section the sliced network. */
    public static Map<String, String> frameText(AnimationPlan plan, int index) {
        return ImageMetadata.describe(plan.recipeAt(index),
                plan.section() == null ? null : plan.paintingAt(index).model(), null);
    }

    /**
     * What the GIF says about itself: the options that made it (the loop, easing and dithering as they were
     * resolved, so that the command makes the same file again) and the still picture's recipe.
     */
    static String comment(Request request, AnimationPlan plan) {
        Recipe base = plan.base();
        StringBuilder s = new StringBuilder("nnpaint animate");
        for (String v : request.varies()) {
            s.append(" --vary ").append(v);
        }
        if (request.zWalk()) {
            s.append(" --z-walk");
        }
        if (request.crossSection() != null) {
            s.append(" --cross-section ").append(request.crossSection());
        }
        s.append(" --frames ").append(request.frames()).append(" --fps ").append(formatNumber(request.fps()));
        s.append(" --loop ").append(plan.schedule().loop().id()).append(" --ease ")
                .append(plan.schedule().easing().id()).append(" --dither ").append(Dither.parse(request.dither()).id());
        return s.append('\n').append(RecipeJson.toJson(base)).toString();
    }

    public static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
