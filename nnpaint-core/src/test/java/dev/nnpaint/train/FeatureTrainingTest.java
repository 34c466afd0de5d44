package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Training a network whose first layer reads Playground's input features of (x, y). */
class FeatureTrainingTest {

    private static final Encoding.Features ALL = Encoding.Features.parseList("x,y,x2,y2,xy,sinx,siny");

    @ParameterizedTest
    @EnumSource(value = Optimizer.Kind.class, names = {"GD", "ADAM"})
    void trainingWithFeaturesMatchesTheReference(Optimizer.Kind kind) {
        Dataset data = GradientCheckTest.twoClasses(40, 3);
        Model model = Architecture.parse("7-6-1", "tanh", "sigmoid").build(List.of("x", "y"), ALL, 4,
                Init.normal(0.5), Init.normal(0.1));
        Optimizer optimizer = Optimizer.of(kind, 0.05);
        int batch = kind == Optimizer.Kind.GD ? 0 : 16;
        ReferenceTrainer reference = new ReferenceTrainer(model, Loss.BINARY_CROSS_ENTROPY, optimizer);
        double[] curve = reference.train(data, 4, batch, 5);
        for (boolean scalar : new boolean[] {true, false}) {
            TrainingResult r = new Trainer(model, data, null,
                    new TrainSettings(Loss.BINARY_CROSS_ENTROPY, optimizer, 4, batch, 5, 2, scalar))
                    .run(Trainer.Listener.NONE);
            assertThat(r.model().encoding()).isEqualTo(ALL);
            assertThat(r.model().inputNames()).containsExactly("x", "y");
            assertThat(L1RegularisationTest.flat(r.model()))
                    .containsExactly(L1RegularisationTest.flat(reference.model()), within(2e-5));
            for (int e = 0; e <= 4; e++) {
                assertThat(r.history().row(e).trainLoss()).isCloseTo(curve[e], within(1e-5));
            }
        }
        assertThat(reference.model().encoding()).isEqualTo(ALL);
        assertThat(curve[4]).isLessThan(curve[0]);
    }

    @Test
    void circlesAreSolvedByX2AndY2WithNoHiddenLayer() {
        Dataset.Split split = SyntheticData.CIRCLES.generate(500, 0.1, 1).split(0.2, 1);
        Architecture oneUnit = Architecture.parse("2-1", "relu", "sigmoid");
        TrainSettings settings = new TrainSettings(null, Optimizer.adam(0.1), 300, 0, 1, 1, false);
        Model squares = oneUnit.build(List.of("x", "y"), Encoding.Features.of("x2", "y2"), 1, Init.parse("he-normal"),
                Init.parse("zero"));
        TrainingResult solved = new Trainer(squares, split.train(), split.test(), settings).run(Trainer.Listener.NONE);
        Model plain = oneUnit.build(List.of("x", "y"), 1, Init.parse("he-normal"), Init.parse("zero"));
        TrainingResult linear = new Trainer(plain, split.train(), split.test(), settings).run(Trainer.Listener.NONE);
        assertThat(solved.history().last().testAccuracy()).isGreaterThan(0.95);
        assertThat(linear.history().last().testAccuracy()).isLessThan(0.75);

        // the trained model carries its features: painted over raw (x, y) it classifies as training measured
        Model m = solved.model();
        Dataset test = split.test();
        Evaluator e = new Evaluator(m, Kernels.fastest());
        int n = e.padded(test.size());
        float[] in = new float[2 * n];
        for (int i = 0; i < test.size(); i++) {
            in[i] = test.feature(i, 0);
            in[n + i] = test.feature(i, 1);
        }
        float[] out = new float[n];
        e.forward(in, out, n, e.newScratch(n));
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            correct += (out[i] > 0.5f ? 1 : 0) == test.label(i) ? 1 : 0;
        }
        assertThat(correct / (double) test.size()).isEqualTo(solved.history().last().testAccuracy());
    }

    @Test
    void theFirstLayerMustTakeAsManyInputsAsThereAreFeatures() {
        Architecture a = Architecture.parse("2-4-1", "tanh", "sigmoid");
        assertThatThrownBy(() -> a.build(List.of("x", "y"), Encoding.Features.of("x", "y", "xy"), 1, Init.normal(1),
                Init.normal(1))).isInstanceOf(BadInputException.class)
                .hasMessage("layer 1 takes 2 inputs but the features x,y,xy are 3; start the layers with 3");
        assertThatThrownBy(() -> FeatureData.apply(ALL, Dataset.regression(List.of("a", "b", "c"),
                new float[] {1, 2, 3}, new float[] {0}))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("two columns");
    }
}
