package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import static dev.nnpaint.ops.anim.FrameSchedule.Easing.LINEAR;
import static dev.nnpaint.ops.anim.FrameSchedule.Easing.SINE;
import static dev.nnpaint.ops.anim.FrameSchedule.LoopMode.LOOP;
import static dev.nnpaint.ops.anim.FrameSchedule.LoopMode.ONCE;
import static dev.nnpaint.ops.anim.FrameSchedule.LoopMode.PINGPONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FrameScheduleTest {

    @Test
    void onceShowsBothEnds() {
        assertThat(new FrameSchedule(5, ONCE, LINEAR).times()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(new FrameSchedule(1, ONCE, LINEAR).times()).containsExactly(0);
    }

    @Test
    void loopLeavesOutTheEndBecauseTheFirstFrameFollowsTheLast() {
        assertThat(new FrameSchedule(4, LOOP, LINEAR).times()).containsExactly(0, 0.25, 0.5, 0.75);
    }

    @Test
    void pingpongGoesThereAndBackWithinTheFrames() {
        assertThat(new FrameSchedule(6, PINGPONG, LINEAR).times())
                .containsExactly(new double[] {0, 1 / 3.0, 2 / 3.0, 1, 2 / 3.0, 1 / 3.0}, within(1e-12));
        // with an odd count the far end falls between two frames
        assertThat(new FrameSchedule(5, PINGPONG, LINEAR).times())
                .containsExactly(new double[] {0, 0.4, 0.8, 0.8, 0.4}, within(1e-12));
    }

    @Test
    void sineEasingSlowsDownAtTheEnds() {
        double[] t = new FrameSchedule(5, ONCE, SINE).times();
        assertThat(t[0]).isEqualTo(0);
        assertThat(t[1]).isCloseTo((1 - Math.cos(Math.PI / 4)) / 2, within(1e-12));
        assertThat(t[2]).isCloseTo(0.5, within(1e-12));
        assertThat(t[4]).isCloseTo(1, within(1e-12));
        assertThat(t[1] - t[0]).isLessThan(t[2] - t[1]);
    }

    @Test
    void namesParseAndBadOnesAreRefusedInOneLine() {
        assertThat(FrameSchedule.LoopMode.parse(" PingPong ")).isEqualTo(PINGPONG);
        assertThat(FrameSchedule.Easing.parse("sine")).isEqualTo(SINE);
        assertThatThrownBy(() -> FrameSchedule.LoopMode.parse("bounce")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown loop mode 'bounce'; valid: once, loop, pingpong");
        assertThatThrownBy(() -> FrameSchedule.Easing.parse("cubic")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown easing 'cubic'; valid: linear, sine");
        assertThatThrownBy(() -> new FrameSchedule(0, LOOP, LINEAR)).isInstanceOf(BadInputException.class)
                .hasMessage("--frames must be at least 1, got 0");
    }

    @Test
    void onlyOnceDoesNotRepeat() {
        assertThat(ONCE.repeats()).isFalse();
        assertThat(LOOP.repeats()).isTrue();
        assertThat(PINGPONG.repeats()).isTrue();
    }
}
