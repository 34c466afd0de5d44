package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** L1 regularisation: {@code l1 * sign(w)} added to every weight's gradient, never to a bias's. */
class L1RegularisationTest {

    /** 2-3-1, tanh then a sigmoid unit, one weight exactly 0 (sign 0: L1 leaves it alone). */
    private static final Model START = new Model(List.of("x", "y"), List.of(
            Layer.of(2, 3, new float[] {0.5f, -0.3f, 0f, 0.2f, -0.6f, 0.9f}, new float[] {0.1f, -0.2f, 0.05f},
                    Activation.TANH),
            Layer.of(3, 1, new float[] {0.7f, -0.4f, 0.3f}, new float[] {0.02f}, Activation.SIGMOID)));
    private static final Dataset DATA = Dataset.classification(List.of("x", "y"),
            new float[] {0.5f, -1f, 1.5f, 0.3f, -0.7f, 0.8f, 0.2f, 0.1f}, new int[] {1, 0, 1, 0}, 2);

    @Test
    void oneGradientDescentStepIsTheHandComputedOne() {
        double lr = 0.1;
        double l1 = 0.05;
        // the loss's own gradient, without any regularisation
        ReferenceTrainer plain = new ReferenceTrainer(START, Loss.BINARY_CROSS_ENTROPY, Optimizer.gd(lr));
        ReferenceTrainer.Gradients g = plain.gradients(DATA);
        double[] expected = new double[13];
        int at = 0;
        for (int k = 0; k < 2; k++) {
            Layer l = START.layers().get(k);
            for (int i = 0; i < l.weights().length; i++) {
                double w = l.weights()[i];
                expected[at++] = w - lr * (g.weights()[k][i] + l1 * Math.signum(w));
            }
            for (int i = 0; i < l.bias().length; i++) {
                expected[at++] = l.bias()[i] - lr * g.biases()[k][i];
            }
        }
        Optimizer optimizer = Optimizer.gd(lr).withL1(l1);
        for (boolean scalar : new boolean[] {true, false}) {
            TrainSettings settings = new TrainSettings(Loss.BINARY_CROSS_ENTROPY, optimizer, 1, 0, 1, 1, scalar);
            assertThat(flat(new Trainer(START, DATA, null, settings).run(Trainer.Listener.NONE).model()))
                    .as(scalar ? "scalar" : "vector").containsExactly(expected, within(1e-6));
        }
        ReferenceTrainer reference = new ReferenceTrainer(START, Loss.BINARY_CROSS_ENTROPY, optimizer);
        reference.train(DATA, 1, 0, 1);
        assertThat(flat(reference.model())).containsExactly(expected, within(1e-7));
        // the zero weight stayed where the loss alone moves it, and L1 changed the others
        assertThat(expected[2]).isCloseTo(-lr * g.weights()[0][2], within(1e-12));
        assertThat(expected[0]).isNotCloseTo(0.5 - lr * g.weights()[0][0], within(1e-4));
    }

    /**
     * A small step changes the regularised objective {@code loss + l1 |w|₁} by its (sub)gradient along the step,
     * to first order: the step goes downhill on the objective L1 defines, with no weight crossing zero.
     */
    @Test
    void aSmallStepFollowsTheGradientOfTheRegularisedObjective() {
        double l1 = 0.2;
        // no weight at zero, where |w| has its kink
        Model start = new Model(List.of("x", "y"), List.of(
                START.layers().get(0).withWeights(2, new float[] {0.5f, -0.3f, 0.8f, 0.2f, -0.6f, 0.9f},
                        START.layers().get(0).bias()), START.layers().get(1)));
        Optimizer optimizer = Optimizer.gd(1e-3).withL1(l1);
        ReferenceTrainer before = new ReferenceTrainer(start, Loss.BINARY_CROSS_ENTROPY, optimizer);
        ReferenceTrainer.Gradients g = before.gradients(DATA);
        ReferenceTrainer after = new ReferenceTrainer(start, Loss.BINARY_CROSS_ENTROPY, optimizer);
        after.step(after.gradients(DATA));
        double predicted = 0;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < g.weights()[k].length; i++) {
                double w = before.weights(k)[i];
                predicted += (g.weights()[k][i] + l1 * Math.signum(w)) * (after.weights(k)[i] - w);
            }
            for (int i = 0; i < g.biases()[k].length; i++) {
                predicted += g.biases()[k][i] * (after.biases(k)[i] - before.biases(k)[i]);
            }
        }
        double actual = objective(after, l1) - objective(before, l1);
        assertThat(predicted).isNegative();
        assertThat(actual).isCloseTo(predicted, within(2e-3 * Math.abs(predicted)));
    }

    @ParameterizedTest
    @EnumSource(Optimizer.Kind.class)
    void everyOptimizerWithL1AndL2MatchesTheReference(Optimizer.Kind kind) {
        Dataset data = GradientCheckTest.twoClasses(24, 7);
        Model model = GradientCheckTest.network(Activation.TANH, "sigmoid", 1, 7);
        Optimizer optimizer = Optimizer.of(kind, 0.05).withWeightDecay(0.01).withL1(0.003);
        int batch = kind == Optimizer.Kind.GD ? 0 : 8;
        ReferenceTrainer reference = new ReferenceTrainer(model, Loss.BINARY_CROSS_ENTROPY, optimizer);
        reference.train(data, 3, batch, 11);
        TrainSettings settings = new TrainSettings(Loss.BINARY_CROSS_ENTROPY, optimizer, 3, batch, 11, 1, false);
        Model trained = new Trainer(model, data, null, settings).run(Trainer.Listener.NONE).model();
        assertThat(flat(trained)).containsExactly(flat(reference.model()), within(2e-5));
        assertThat(flat(trained)).isNotEqualTo(flat(model));
    }

    @Test
    void l1DrivesManyWeightsToZeroWhereTrainingWithoutItDoesNot() {
        Dataset data = SyntheticData.MOONS.generate(300, 0.1, 2);
        Model model = Architecture.parse("2-16-16-1", "tanh", "sigmoid").build(data.featureNames(), 3,
                Init.parse("he-normal"), Init.parse("zero"));
        TrainSettings settings = new TrainSettings(null, Optimizer.adam(0.01), 400, 0, 1, 1, false);
        Model plain = new Trainer(model, data, null, settings).run(Trainer.Listener.NONE).model();
        TrainingResult lasso = new Trainer(model, data, null, settings.withL1(0.01)).run(Trainer.Listener.NONE);
        double plainZeros = nearZero(plain);
        double lassoZeros = nearZero(lasso.model());
        assertThat(plainZeros).isLessThan(0.1);
        assertThat(lassoZeros).isGreaterThan(0.6);
        // and the sparse network still learnt the moons
        assertThat(lasso.history().last().trainAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void theRatesLiveInTheSettingsBesideEachOther() {
        TrainSettings s = TrainSettings.defaults().withL2(0.002).withL1(0.001);
        assertThat(s.l2()).isEqualTo(0.002);
        assertThat(s.l1()).isEqualTo(0.001);
        assertThat(s.optimizer().toString()).isEqualTo("gd lr=0.01 weight-decay=0.002 l1=0.001");
        assertThatThrownBy(() -> Optimizer.gd(0.1).withL1(-1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("L1");
        assertThatThrownBy(() -> Optimizer.gd(0.1).withL1(Double.NaN)).isInstanceOf(BadInputException.class);
    }

    /** The share of weights (not biases) within 1e-2 of zero. */
    private static double nearZero(Model m) {
        int zero = 0;
        int all = 0;
        for (Layer l : m.layers()) {
            for (float w : l.weights()) {
                all++;
                zero += Math.abs(w) < 1e-2 ? 1 : 0;
            }
        }
        return zero / (double) all;
    }

    private static double objective(ReferenceTrainer t, double l1) {
        double sum = t.loss(DATA);
        for (int k = 0; k < t.layerCount(); k++) {
            for (double w : t.weights(k)) {
                sum += l1 * Math.abs(w);
            }
        }
        return sum;
    }

    static double[] flat(Model m) {
        int n = 0;
        for (Layer l : m.layers()) {
            n += l.weights().length + (l.bias() == null ? 0 : l.bias().length);
        }
        double[] out = new double[n];
        int at = 0;
        for (Layer l : m.layers()) {
            for (float w : l.weights()) {
                out[at++] = w;
            }
            if (l.bias() != null) {
                for (float b : l.bias()) {
                    out[at++] = b;
                }
            }
        }
        return out;
    }
}
