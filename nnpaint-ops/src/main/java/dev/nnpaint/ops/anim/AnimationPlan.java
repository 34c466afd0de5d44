package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;
import dev.nnpaint.ops.vary.Vary;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Colorizer;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.PixelInputs;
import dev.nnpaint.paint.Renderer;

import java.util.List;

/**
 * What each frame of an animation paints: the base recipe with the varied fields set at the frame's time, the
 * latent vector on its walk, and for a cross-section the network seen on the moving plane. Frames are
 * independent of each other, so they can be rendered in any order and on any thread.
 *
 * @param base     the recipe of the still picture; for a cross-section its inputs are the plane's D coordinates
 * @param varies   fields moving from one value to another
 * @param walk     the latent walk, or null
 * @param section  the moving plane, or null
 * @param schedule the time of each frame
 */
public record AnimationPlan(Recipe base, List<Vary> varies, LatentWalk walk, CrossSection section,
                            FrameSchedule schedule) {

    public AnimationPlan {
        varies = List.copyOf(varies);
        if (varies.isEmpty() && walk == null && section == null) {
            throw new BadInputException("nothing moves: give --vary PARAM=FROM..TO, --z-walk or --cross-section D");
        }
        for (int i = 0; i < varies.size(); i++) {
            Field<?> field = varies.get(i).field();
            if (java.util.Arrays.equals(varies.get(i).from(), varies.get(i).to())) {
                throw new BadInputException("--vary " + varies.get(i).spec() + " is an empty range: FROM and TO are "
                        + "the same, so nothing would move");
            }
            for (int j = 0; j < i; j++) {
                if (sameField(varies.get(j).field(), field)) {
                    throw new BadInputException("--vary " + field.gridName() + " is given twice");
                }
            }
            if (field == RecipeFields.Z && (walk != null || section != null)) {
                throw new BadInputException("--vary z moves the latent vector, which --z-walk and --cross-section "
                        + "move themselves: give only one of them");
            }
        }
        if (walk != null && section != null) {
            throw new BadInputException("give either --z-walk or --cross-section, not both");
        }
        if (walk != null && walk.dimensions() != base.zDim()) {
            throw new IllegalArgumentException("the walk has " + walk.dimensions() + " dimensions, the recipe "
                    + base.zDim());
        }
        if (section != null && section.dimensions() != base.inputFeatures().size()) {
            throw new IllegalArgumentException("the cross-section has " + section.dimensions()
                    + " dimensions, the recipe's network " + base.inputFeatures().size() + " inputs");
        }
    }

    /** zoom and extent set the same thing. */
    private static boolean sameField(Field<?> a, Field<?> b) {
        boolean aView = a == RecipeFields.ZOOM || a == RecipeFields.EXTENT;
        boolean bView = b == RecipeFields.ZOOM || b == RecipeFields.EXTENT;
        return a == b || (aView && bView);
    }

    public int frames() {
        return schedule.frames();
    }

    /** The recipe of frame {@code i}. */
    public Recipe recipeAt(int i) {
        double t = schedule.time(i);
        Recipe.Builder b = base.toBuilder();
        for (Vary v : varies) {
            v.apply(b, t);
        }
        if (walk != null) {
            b.z(walk.at(t));
        }
        return b.build();
    }

    /** What frame {@code i} paints. */
    public Painting paintingAt(int i) {
        Recipe r = recipeAt(i);
        if (section == null) {
            return Painting.of(r);
        }
        Model slice = section.planeAt(schedule.time(i)).slice(r.toModel());
        return new Painting(slice, new PixelInputs(slice.inputNames(), new double[0]), Painting.viewOf(r),
                new Colorizer(r.color()));
    }

    /** Frame {@code i} as RGB bytes, rendered on the calling thread. */
    public byte[] render(int i, Kernel kernel) {
        Painting p = paintingAt(i);
        return new Renderer(p, new Evaluator(p.model(), kernel), 1, Renderer.DEFAULT_TILE).renderRgb();
    }
}
