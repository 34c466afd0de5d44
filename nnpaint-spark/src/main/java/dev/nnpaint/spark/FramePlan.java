package dev.nnpaint.spark;

import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.anim.CrossSection;
import dev.nnpaint.ops.anim.FrameSchedule;
import dev.nnpaint.ops.anim.LatentWalk;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.vary.Vary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link AnimationPlan} in a form that travels to a cluster's machines: the base recipe as its JSON, each
 * moving field as the text it was parsed from, and the walk, the plane and the schedule as their numbers. The
 * driver builds the plan from the command's options once (reading any files there); executors rebuild the same
 * plan from this.
 *
 * @param walkStart   the latent walk's start, or null without a walk (likewise {@code walkSide})
 * @param sectionDims the cross-section's dimensions, or 0 without one (then its arrays are null)
 */
public record FramePlan(String baseRecipe, List<String> varies, double[] walkStart, double[] walkSide,
                        int sectionDims, double[][] sectionDirections, double[][] sectionOffsets, double sectionRadius,
                        int frames, FrameSchedule.LoopMode loop, FrameSchedule.Easing easing) implements Serializable {

    public FramePlan {
        varies = new ArrayList<>(varies);
    }

    public static FramePlan of(AnimationPlan plan) {
        List<String> varies = new ArrayList<>();
        for (Vary v : plan.varies()) {
            varies.add(v.spec());
        }
        LatentWalk walk = plan.walk();
        CrossSection section = plan.section();
        FrameSchedule schedule = plan.schedule();
        return new FramePlan(RecipeJson.toJson(plan.base()), varies,
                walk == null ? null : walk.start(), walk == null ? null : walk.side(),
                section == null ? 0 : section.dimensions(), section == null ? null : section.directions(),
                section == null ? null : section.offsets(), section == null ? 0 : section.radius(),
                schedule.frames(), schedule.loop(), schedule.easing());
    }

    public AnimationPlan plan() {
        List<Vary> parsed = new ArrayList<>();
        for (String v : varies) {
            parsed.add(Vary.parse(v));
        }
        return new AnimationPlan(RecipeJson.fromJson(baseRecipe, "animation recipe"), parsed,
                walkStart == null ? null : new LatentWalk(walkStart, walkSide),
                sectionDims == 0 ? null : new CrossSection(sectionDims, sectionDirections, sectionOffsets,
                        sectionRadius),
                new FrameSchedule(frames, loop, easing));
    }
}
