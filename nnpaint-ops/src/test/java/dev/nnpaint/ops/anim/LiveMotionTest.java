package dev.nnpaint.ops.anim;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.Execution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LiveMotionTest {

    static final Execution RUN = new Execution(Kernels.scalar(), 1, false);

    static LiveMotion motion(String json) throws Exception {
        return LiveMotion.fromJson(new ObjectMapper().readTree(json));
    }

    static AnimationPlan plan(LiveMotion m, Recipe r, double fps) {
        return AnimateOperation.plan(m.request(r, "out.gif", fps, "ordered", RUN));
    }

    /** The page's frameOf for a numeric field: the value at time t of the period (animate-live.js). */
    static double pageValue(LiveMotion m, double t) {
        double phase = ((t / m.seconds()) % 1 + 1) % 1;
        double s = m.repeat().equals("ping-pong") ? (phase < 0.5 ? 2 * phase : 2 - 2 * phase) : phase;
        double e = m.easing().equals("smooth") ? (1 - Math.cos(Math.PI * s)) / 2 : s;
        return m.field().equals("zoom") ? m.from() * Math.pow(m.to() / m.from(), e) : m.from() + (m.to() - m.from()) * e;
    }

    @Test
    void everyFrameOfAGainMotionHasTheValueThePageShowsAtItsTime() throws Exception {
        LiveMotion m = motion("{\"field\": \"gain\", \"from\": 0.5, \"to\": 2, \"seconds\": 3, \"easing\": \"smooth\","
                + " \"repeat\": \"ping-pong\"}");
        AnimationPlan plan = plan(m, Recipe.defaults(), 10);
        assertThat(plan.frames()).isEqualTo(30);
        for (int i = 0; i < plan.frames(); i++) {
            assertThat(plan.recipeAt(i).gain()).as("frame " + i)
                    .isCloseTo(pageValue(m, m.timeOf(i, plan.frames())), within(1e-12));
        }
    }

    @Test
    void aLoopingLinearZoomIsGeometricAsOnThePage() throws Exception {
        LiveMotion m = motion("{\"field\": \"zoom\", \"from\": 1, \"to\": 8, \"seconds\": 2, \"easing\": \"linear\","
                + " \"repeat\": \"loop\"}");
        AnimationPlan plan = plan(m, Recipe.defaults(), 6);
        for (int i = 0; i < plan.frames(); i++) {
            assertThat(1 / plan.recipeAt(i).extent()).isCloseTo(pageValue(m, m.timeOf(i, plan.frames())),
                    within(1e-9));
        }
        assertThat(plan.recipeAt(6).extent()).isCloseTo(1 / Math.sqrt(8), within(1e-12)); // half way: zoom 8^(1/2)
    }

    @Test
    void scalesKeepTheirInitialisationAndRotationAndCentreMoveAlone() throws Exception {
        Recipe r = Recipe.builder().weights(Init.parse("scaled-normal:2")).biases(Init.parse("const:0.1"))
                .center(0.3, -0.2).build();
        String tail = ", \"seconds\": 1, \"easing\": \"linear\", \"repeat\": \"loop\"}";
        assertThat(plan(motion("{\"field\": \"weight-scale\", \"from\": 1, \"to\": 3" + tail), r, 2).recipeAt(1)
                .weights()).isEqualTo(Init.parse("scaled-normal:2"));
        assertThat(plan(motion("{\"field\": \"bias-scale\", \"from\": 0, \"to\": 1" + tail), r, 4).recipeAt(2)
                .biases()).isEqualTo(Init.parse("const:0.5"));
        Recipe centre = plan(motion("{\"field\": \"center-x\", \"from\": -1, \"to\": 1" + tail), r, 4).recipeAt(3);
        assertThat(centre.centerX()).isEqualTo(0.5);
        assertThat(centre.centerY()).isEqualTo(-0.2);
        assertThat(plan(motion("{\"field\": \"rotate\", \"from\": 0, \"to\": 90" + tail), r, 2).recipeAt(1)
                .rotateDegrees()).isEqualTo(45.0);
    }

    @Test
    void aWalkLoopsAtASteadySpeedThroughTheShiftedVector() throws Exception {
        Recipe r = Recipe.builder().inputs(java.util.List.of("x", "y", "z")).latent(2, new double[] {1, -2}).build();
        LiveMotion m = motion("{\"field\": \"walk\", \"seconds\": 8, \"easing\": \"smooth\", \"repeat\": \"ping-pong\"}");
        AnimationPlan plan = plan(m, r, 1);
        assertThat(plan.frames()).isEqualTo(8);
        // a quarter of the way round is z' = (-2, 1), whatever the easing and repeat say
        assertThat(plan.recipeAt(2).z()[0]).isCloseTo(-2, within(1e-12));
        assertThat(plan.recipeAt(2).z()[1]).isCloseTo(1, within(1e-12));
        assertThat(plan.recipeAt(0).z()).containsExactly(1, -2);
    }

    @Test
    void aMotionThePageCannotMakeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> motion("{\"field\": \"hidden\", \"from\": 1, \"to\": 2}"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("motion: field must be one of gain");
        assertThatThrownBy(() -> motion("{\"field\": \"gain\", \"from\": 1}"))
                .isInstanceOf(BadInputException.class).hasMessage("motion: 'to' must be a number, got nothing");
        assertThatThrownBy(() -> motion("{\"field\": \"gain\", \"from\": 1, \"to\": 2, \"seconds\": 0.1}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("seconds must be between 0.5");
        assertThatThrownBy(() -> motion("{\"field\": \"gain\", \"from\": 1, \"to\": 2, \"speed\": 3}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown field 'speed'");
        assertThatThrownBy(() -> plan(motion("{\"field\": \"walk\"}"), Recipe.defaults(), 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("needs a latent vector");
        assertThatThrownBy(() -> plan(motion("{\"field\": \"weight-scale\", \"from\": 1, \"to\": 2}"),
                Recipe.builder().weights(Init.parse("he-normal")).build(), 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no scale to move");
        assertThatThrownBy(() -> plan(motion("{\"field\": \"gain\", \"from\": 1, \"to\": 1}"), Recipe.defaults(), 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("empty range");
    }
}
