package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Predictions scored against the label column: accuracy and confusion for classifiers, error for the rest. */
class PredictOperationTest {

    private static Model model(int outputs, Activation output) {
        return new Model(List.of("x"), List.of(Layer.of(1, outputs, new float[outputs], new float[outputs], output)));
    }

    @Test
    void aSigmoidOutputIsClassOneFromOneHalf() {
        PredictOperation.Score s = PredictOperation.score(model(1, Activation.SIGMOID),
                new float[] {0.9f, 0.2f, 0.5f, 0.1f, 0.7f}, new float[] {1, 0, 0, 1, 1}, "label");
        assertThat(s.classification()).isTrue();
        assertThat(s.correct()).isEqualTo(3);
        assertThat(s.confusion()).isDeepEqualTo(new long[][] {{1, 1}, {1, 2}});
        assertThat(s.describe()).isEqualTo("accuracy 60.0% (3 of 5) against 'label'; confusion (rows: label, "
                + "columns: predicted class): 0: 1 1, 1: 1 2");
    }

    @Test
    void severalOutputsPredictTheLargest() {
        PredictOperation.Score s = PredictOperation.score(model(3, Activation.IDENTITY),
                new float[] {1, 5, 2, /* */ 9, 0, 0, /* */ 0, 0, 3}, new float[] {1, 0, 1}, "y");
        assertThat(s.correct()).isEqualTo(2);
        assertThat(s.confusion()).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 0}});
    }

    @Test
    void aRegressionGetsItsMeanSquaredError() {
        PredictOperation.Score s = PredictOperation.score(model(1, Activation.IDENTITY), new float[] {1, 2, 4},
                new float[] {1, 3, 2}, "label");
        assertThat(s.classification()).isFalse();
        assertThat(s.meanSquaredError()).isEqualTo(5 / 3.0);
        assertThat(s.describe()).isEqualTo("mean squared error 1.66667 against 'label' (3 rows)");
    }

    @Test
    void labelsThatAreNotClassNumbersAreNamed() {
        assertThatThrownBy(() -> PredictOperation.score(model(1, Activation.SIGMOID), new float[] {0.5f, 0.5f},
                new float[] {1, 2}, "label")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("column 'label' holds 2.0 in row 2");
    }
}
