package dev.nnpaint.train;

import dev.nnpaint.data.CsvData;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {

    /** The plain-NumPy article's data, kept at the repository root. */
    private static final Path MOONS_TRAIN = Path.of("..", "data", "moons_train.csv");
    private static final Path MOONS_TEST = Path.of("..", "data", "moons_test.csv");

    @ParameterizedTest
    @EnumSource(Optimizer.Kind.class)
    void everyOptimizerStepMatchesTheReference(Optimizer.Kind kind) {
        Dataset data = GradientCheckTest.twoClasses(24, 7);
        Model model = GradientCheckTest.network(Activation.TANH, "sigmoid", 1, 7);
        Optimizer optimizer = Optimizer.of(kind, 0.05).withWeightDecay(0.01);
        int batch = kind == Optimizer.Kind.GD ? 0 : 8;
        int epochs = 3;

        ReferenceTrainer reference = new ReferenceTrainer(model, Loss.BINARY_CROSS_ENTROPY, optimizer);
        reference.train(data, epochs, batch, 11);
        TrainSettings settings = new TrainSettings(Loss.BINARY_CROSS_ENTROPY, optimizer, epochs, batch, 11, 1, false);
        Model trained = new Trainer(model, data, null, settings).run(Trainer.Listener.NONE).model();

        Model expected = reference.model();
        for (int k = 0; k < trained.layers().size(); k++) {
            Layer got = trained.layers().get(k);
            Layer want = expected.layers().get(k);
            for (int i = 0; i < got.weights().length; i++) {
                assertThat(got.weights()[i]).as("layer %d weight %d", k, i).isCloseTo(want.weights()[i], within(2e-5f));
            }
            for (int i = 0; i < got.bias().length; i++) {
                assertThat(got.bias()[i]).as("layer %d bias %d", k, i).isCloseTo(want.bias()[i], within(2e-5f));
            }
            // and training moved the parameters, so the comparison above means something
            assertThat(got.weights()).isNotEqualTo(model.layers().get(k).weights());
        }
    }

    @Test
    void historyIsBitIdenticalWhateverTheThreadCount() {
        Dataset all = SyntheticData.SPIRAL.generate(1500, 0.2, 3, 3);
        Dataset.Split split = all.split(0.2, 3);
        Model model = Architecture.parse("2-32-32-3", "tanh", "softmax").build(all.featureNames(), 5,
                Init.parse("he-normal"), Init.parse("zero"));
        for (Optimizer optimizer : new Optimizer[] {Optimizer.gd(0.1), Optimizer.adam(0.01)}) {
            int batch = optimizer.kind() == Optimizer.Kind.GD ? 0 : 700;
            History one = new Trainer(model, split.train(), split.test(),
                    new TrainSettings(null, optimizer, 20, batch, 9, 1, false)).run(Trainer.Listener.NONE).history();
            History two = new Trainer(model, split.train(), split.test(),
                    new TrainSettings(null, optimizer, 20, batch, 9, 2, false)).run(Trainer.Listener.NONE).history();
            History three = new Trainer(model, split.train(), split.test(),
                    new TrainSettings(null, optimizer, 20, batch, 9, 3, false)).run(Trainer.Listener.NONE).history();
            assertThat(two).isEqualTo(one);
            assertThat(three).isEqualTo(one);
            assertThat(one.last().trainLoss()).isLessThan(one.row(0).trainLoss());
        }
    }

    @Test
    void aRunThatBlowsUpStopsAtOnceNamingTheEpoch() {
        Dataset data = SyntheticData.PLANE.generate(200, 0.05, 1);
        Model model = Architecture.parse("2-16-16-1", "relu", "identity").build(data.featureNames(), 1,
                Init.normal(1), Init.normal(1));
        TrainSettings settings = new TrainSettings(null, Optimizer.gd(50), 1000, 0, 1, 2, false);
        assertThatThrownBy(() -> new Trainer(model, data, null, settings).run(Trainer.Listener.NONE))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("epoch")
                .hasMessageContaining("smaller learning rate")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).epoch()).isBetween(1, 50));
    }

    /**
     * The plain-NumPy article's experiment, as it describes it: at least 95% test accuracy after 10000 epochs of
     * full-batch gradient descent. It takes several seconds, and it is the experiment the project promises.
     */
    @Test
    void theArticlesMoonsExperimentReachesNinetyFivePercent() {
        Dataset train = CsvData.read(MOONS_TRAIN, "label", CsvData.Target.AUTO);
        Dataset test = CsvData.readLike(MOONS_TEST, train);
        assertThat(train.size()).isEqualTo(900);
        assertThat(test.size()).isEqualTo(100);
        Model model = Architecture.parse("2-25-50-50-25-1", "relu", "sigmoid").build(train.featureNames(), 1,
                Init.normal(0.1), Init.normal(0.1));
        TrainSettings settings = new TrainSettings(null, Optimizer.gd(0.01), 10_000, 0, 1, 2, false);
        History history = new Trainer(model, train, test, settings).run(Trainer.Listener.NONE).history();
        assertThat(history.epochs()).isEqualTo(10_000);
        assertThat(history.last().testAccuracy()).isGreaterThanOrEqualTo(0.95);
    }

    /** The article's data and network, trained by Adam in 200 full-batch epochs instead of 10000 of gd. */
    @Test
    void theArticlesDataAndNetworkReachNinetyFivePercentQuicklyWithAdam() {
        Dataset train = CsvData.read(MOONS_TRAIN, "label", CsvData.Target.AUTO);
        Dataset test = CsvData.readLike(MOONS_TEST, train);
        Model model = Architecture.parse("2-25-50-50-25-1", "relu", "sigmoid").build(train.featureNames(), 1,
                Init.normal(0.1), Init.normal(0.1));
        TrainSettings settings = new TrainSettings(null, Optimizer.adam(0.01), 200, 0, 1, 2, false);
        History history = new Trainer(model, train, test, settings).run(Trainer.Listener.NONE).history();
        assertThat(history.row(0).testAccuracy()).isLessThan(0.7);
        assertThat(history.last().testAccuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theBuiltInMoonsGiveTheSameKindOfResult() {
        Dataset.Split split = SyntheticData.MOONS.generate(1000, 0.2, 1).split(0.1, 1);
        Model model = Architecture.parse("2-25-50-50-25-1", "relu", "sigmoid").build(split.train().featureNames(), 1,
                Init.normal(0.1), Init.normal(0.1));
        TrainSettings settings = new TrainSettings(null, Optimizer.adam(0.01), 200, 0, 1, 2, false);
        History history = new Trainer(model, split.train(), split.test(), settings).run(Trainer.Listener.NONE)
                .history();
        assertThat(history.last().testAccuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aThreeClassSpiralReachesNinetyPercent() {
        Dataset all = SyntheticData.SPIRAL.generate(900, SyntheticData.SPIRAL.defaultNoise(), 1, 3);
        Dataset.Split split = all.split(0.1, 1);
        Model model = Architecture.parse("2-64-64-3", "tanh", "softmax").build(all.featureNames(), 1,
                Init.parse("he-normal"), Init.parse("zero"));
        TrainSettings settings = new TrainSettings(null, Optimizer.adam(0.01), 50, 32, 1, 2, false);
        History history = new Trainer(model, split.train(), split.test(), settings).run(Trainer.Listener.NONE)
                .history();
        assertThat(history.last().testAccuracy()).isGreaterThanOrEqualTo(0.90);
    }
}
