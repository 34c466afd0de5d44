package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.vary.Vary;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.InputPlane;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.nnpaint.ops.anim.FrameSchedule.Easing.LINEAR;
import static dev.nnpaint.ops.anim.FrameSchedule.LoopMode.LOOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The closed paths of animations (latent walks, moving planes) and what each frame paints. */
class AnimationPathTest {

    private static Recipe small() {
        return Recipe.builder().size(24, 16).layers(3, 8).build();
    }

    @Test
    void aLatentWalkStartsAtTheStillPicturesZAndClosesOnIt() {
        double[] z0 = {0.3, -1.2, 0.7};
        LatentWalk walk = LatentWalk.from(z0, 5);
        assertThat(walk.at(0)).containsExactly(z0);
        double[] end = walk.at(1);
        for (int k = 0; k < z0.length; k++) {
            assertThat(end[k]).isCloseTo(z0[k], within(1e-12));
        }
        // a quarter turn along is the drawn side vector, which differs from the start
        assertThat(walk.at(0.25)[0]).isCloseTo(walk.side()[0], within(1e-12)).isNotCloseTo(z0[0], within(0.01));
    }

    @Test
    void inALoopingZWalkTheFrameAfterTheLastIsTheFirst() {
        Recipe base = Recipe.builder().size(24, 16).layers(3, 8).latent(3, null).build();
        int n = 12;
        AnimationPlan plan = new AnimationPlan(base, List.of(), LatentWalk.from(base.latent(), base.seed()), null,
                new FrameSchedule(n, LOOP, LINEAR));
        // frame n would sit at t = 1: on the closed path that is where frame 0 is
        AnimationPlan longer = new AnimationPlan(base, List.of(), plan.walk(), null,
                new FrameSchedule(2 * n, LOOP, LINEAR));
        double[] frame0 = plan.recipeAt(0).z();
        assertThat(frame0).containsExactly(base.latent());
        double[] successor = plan.walk().at(n / (double) n);
        for (int k = 0; k < 3; k++) {
            assertThat(successor[k]).isCloseTo(frame0[k], within(1e-12));
        }
        // frames in between move: the last frame is near the first, and not equal to it
        byte[] first = plan.render(0, Kernels.scalar());
        byte[] last = plan.render(n - 1, Kernels.scalar());
        byte[] middle = plan.render(n / 2, Kernels.scalar());
        assertThat(meanDifference(first, last)).isLessThan(meanDifference(first, middle));
        assertThat(last).isNotEqualTo(first);
        // a longer loop over the same path passes through the same points
        assertThat(longer.recipeAt(2).z()).containsExactly(plan.recipeAt(1).z());
    }

    private static double meanDifference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / a.length;
    }

    @Test
    void theCrossSectionPlaneStaysOrthonormalAndComesBack() {
        for (int dims : new int[] {3, 4, 7, 20}) {
            CrossSection section = CrossSection.of(dims, 3, 1.0);
            for (double t : new double[] {0, 0.1, 0.25, 0.5, 0.77, 1}) {
                InputPlane plane = section.planeAt(t);
                double[] e1 = plane.e1();
                double[] e2 = plane.e2();
                assertThat(e1).hasSize(dims);
                assertThat(CrossSection.dot(e1, e1)).as("|e1|^2, D=%d t=%s", dims, t).isCloseTo(1, within(1e-12));
                assertThat(CrossSection.dot(e2, e2)).as("|e2|^2").isCloseTo(1, within(1e-12));
                assertThat(CrossSection.dot(e1, e2)).as("e1.e2").isCloseTo(0, within(1e-12));
                assertThat(CrossSection.dot(plane.origin(), e1)).as("origin.e1").isCloseTo(0, within(1e-12));
                assertThat(CrossSection.dot(plane.origin(), e2)).as("origin.e2").isCloseTo(0, within(1e-12));
            }
            double[] start = section.planeAt(0).e1();
            double[] end = section.planeAt(1).e1();
            for (int k = 0; k < dims; k++) {
                assertThat(end[k]).isCloseTo(start[k], within(1e-12));
            }
        }
        // the plane turns: a quarter turn later e1 is orthogonal to where it started (for D >= 4, q1 -> q3)
        CrossSection seven = CrossSection.of(7, 3, 1.0);
        assertThat(CrossSection.dot(seven.planeAt(0).e1(), seven.planeAt(0.25).e1())).isCloseTo(0, within(1e-12));
    }

    @Test
    void aCrossSectionFramePaintsTheNetworkOnThePlane() {
        Recipe base = Recipe.builder().size(24, 16).layers(3, 8).inputs(List.of("x", "y", "z")).zDim(5).build();
        CrossSection section = CrossSection.of(7, base.seed(), 1.0);
        AnimationPlan plan = new AnimationPlan(base, List.of(), null, section, new FrameSchedule(8, LOOP, LINEAR));
        assertThat(plan.paintingAt(3).model().inputNames()).containsExactly("x", "y");
        assertThat(plan.render(0, Kernels.scalar())).isNotEqualTo(plan.render(3, Kernels.scalar()));
    }

    @Test
    void variedFieldsMoveBetweenTheirEnds() {
        AnimationPlan plan = new AnimationPlan(small(), List.of(Vary.parse("gain=0.5..2"), Vary.parse("rotate=0..90")),
                null, null, new FrameSchedule(3, FrameSchedule.LoopMode.ONCE, LINEAR));
        assertThat(plan.recipeAt(0).gain()).isEqualTo(0.5);
        assertThat(plan.recipeAt(1).gain()).isEqualTo(1.25);
        assertThat(plan.recipeAt(2).gain()).isEqualTo(2);
        assertThat(plan.recipeAt(1).rotateDegrees()).isEqualTo(45);
        assertThat(plan.recipeAt(1).seed()).isEqualTo(small().seed());
    }

    @Test
    void conflictingOrEmptyPlansAreRefused() {
        FrameSchedule s = new FrameSchedule(4, LOOP, LINEAR);
        assertThatThrownBy(() -> new AnimationPlan(small(), List.of(), null, null, s))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("nothing moves");
        assertThatThrownBy(() -> new AnimationPlan(small(), List.of(Vary.parse("zoom=1..2"),
                Vary.parse("extent=1..3")), null, null, s)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("given twice");
        Recipe withZ = Recipe.builder().size(8, 8).latent(2, null).build();
        assertThatThrownBy(() -> new AnimationPlan(withZ, List.of(Vary.parse("z=0,0..1,1")),
                LatentWalk.from(withZ.latent(), 1), null, s)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--z-walk");
        assertThatThrownBy(() -> CrossSection.of(2, 1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least 3");
    }
}
