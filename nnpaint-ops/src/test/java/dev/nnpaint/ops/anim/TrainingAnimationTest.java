package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingAnimationTest {

    @TempDir
    Path dir;

    @Test
    void framesAreTakenEveryKEpochsWithTheFirstAndTheLast() {
        assertThat(TrainingAnimation.frameEpochs(10, 3)).containsExactly(0, 3, 6, 9, 10);
        assertThat(TrainingAnimation.frameEpochs(9, 3)).containsExactly(0, 3, 6, 9);
        assertThat(TrainingAnimation.frameEpochs(1, 5)).containsExactly(0, 1);
    }

    @Test
    void theDefaultIntervalGivesAboutSixtyFramesAndNeverMore() {
        assertThat(TrainingAnimation.defaultEvery(10)).isEqualTo(1);
        assertThat(TrainingAnimation.defaultEvery(300)).isEqualTo(6);
        assertThat(TrainingAnimation.defaultEvery(10_000)).isEqualTo(170);
        for (int epochs : new int[] {1, 7, 59, 60, 61, 300, 1000, 12_345, 1_000_000}) {
            int frames = TrainingAnimation.frameEpochs(epochs, TrainingAnimation.defaultEvery(epochs)).size();
            assertThat(frames).as("%d epochs", epochs).isBetween(Math.min(epochs + 1, 31), 61);
        }
    }

    @Test
    void tooManyFramesOrAZeroIntervalAreRefusedBeforeTraining() {
        String gif = dir.resolve("b.gif").toString();
        assertThatThrownBy(() -> TrainingAnimation.of(gif, 10_000, 1, 12))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--animate-every 1 over 10000 epochs makes 10001 frames; at most 500: take a frame "
                        + "every 170 epochs or more");
        assertThatThrownBy(() -> TrainingAnimation.of(gif, 100, 0, 12))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--animate-every must be at least 1");
        assertThatThrownBy(() -> TrainingAnimation.of(dir.resolve("b.webm").toString(), 100, null, 12))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'.webm'");
    }

    @Test
    void titlesSayTheEpochAndTheAccuracyOrTheLoss() {
        History.Row row = new History.Row(40, 0.25, 0.9512, 0.3, 0.875);
        assertThat(TrainingAnimation.title(40, row, true, true)).isEqualTo("epoch 40: train 95.1%, test 87.5%");
        assertThat(TrainingAnimation.title(40, row, true, false)).isEqualTo("epoch 40: train 95.1%");
        assertThat(TrainingAnimation.title(40, row, false, true)).isEqualTo("epoch 40: loss 0.2500");
    }
}
