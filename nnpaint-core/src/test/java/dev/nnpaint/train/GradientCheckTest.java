package dev.nnpaint.train;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Analytic gradients against central finite differences of the loss, for every activation and every loss:
 * first the readable reference (in double precision), then the fast trainer on both kernel paths against the
 * reference.
 */
class GradientCheckTest {

    private static final double H = 1e-6;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyHiddenActivationHasExactGradients(Activation hidden) {
        Dataset data = twoClasses(16, hidden.ordinal());
        Model model = network(hidden, "sigmoid", 1, 10 + hidden.ordinal());
        checkReferenceAgainstFiniteDifferences(model, Loss.BINARY_CROSS_ENTROPY, data);
        checkTrainerAgainstReference(model, Loss.BINARY_CROSS_ENTROPY, data);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void everyLossHasExactGradients(Loss loss) {
        Dataset data;
        Model model;
        switch (loss) {
            case BINARY_CROSS_ENTROPY:
                data = twoClasses(20, 3);
                model = network(Activation.TANH, "sigmoid", 1, 3);
                break;
            case CROSS_ENTROPY:
                data = threeClasses(21, 4);
                model = network(Activation.TANH, "identity", 3, 4);
                break;
            default:
                data = regression(20, 5);
                model = network(Activation.TANH, "tanh", 1, 5);
        }
        checkReferenceAgainstFiniteDifferences(model, loss, data);
        checkTrainerAgainstReference(model, loss, data);
    }

    private static void checkReferenceAgainstFiniteDifferences(Model model, Loss loss, Dataset data) {
        ReferenceTrainer reference = new ReferenceTrainer(model, loss, Optimizer.gd(0.1));
        ReferenceTrainer.Gradients analytic = reference.gradients(data);
        for (int k = 0; k < reference.layerCount(); k++) {
            compare(reference, data, reference.weights(k), analytic.weights()[k], "layer " + k + " weight");
            compare(reference, data, reference.biases(k), analytic.biases()[k], "layer " + k + " bias");
        }
    }

    private static void compare(ReferenceTrainer reference, Dataset data, double[] params, double[] grads,
                                String what) {
        for (int i = 0; i < params.length; i++) {
            double saved = params[i];
            params[i] = saved + H;
            double up = reference.loss(data);
            params[i] = saved - H;
            double down = reference.loss(data);
            params[i] = saved;
            double numeric = (up - down) / (2 * H);
            assertThat(grads[i]).as("%s %d", what, i).isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
        }
    }

    private static void checkTrainerAgainstReference(Model model, Loss loss, Dataset data) {
        ReferenceTrainer.Gradients expected = new ReferenceTrainer(model, loss, Optimizer.gd(0.1)).gradients(data);
        for (boolean scalar : new boolean[] {true, false}) {
            TrainSettings settings = new TrainSettings(loss, Optimizer.gd(0.1), 1, 0, 1, 2, scalar);
            float[][][] actual = new Trainer(model, data, null, settings).gradients();
            for (int k = 0; k < actual.length; k++) {
                for (int p = 0; p < 2; p++) {
                    double[] want = p == 0 ? expected.weights()[k] : expected.biases()[k];
                    for (int i = 0; i < want.length; i++) {
                        assertThat((double) actual[k][p][i])
                                .as("%s path, layer %d %s %d", scalar ? "scalar" : "vector", k, p == 0 ? "w" : "b", i)
                                .isCloseTo(want[i], within(2e-5 + 2e-4 * Math.abs(want[i])));
                    }
                }
            }
        }
    }

    /** 2 inputs, hidden layers of 5 and 4 units of {@code hidden}, then {@code outputs} units of {@code output}. */
    static Model network(Activation hidden, String output, int outputs, long seed) {
        Architecture a = new Architecture(List.of(
                new Architecture.LayerShape(2, 5, ActivationSpec.of(hidden)),
                new Architecture.LayerShape(5, 4, ActivationSpec.of(hidden)),
                new Architecture.LayerShape(4, outputs, ActivationSpec.parse(output))), false);
        return a.build(List.of("x", "y"), seed, Init.normal(0.8), Init.normal(0.5));
    }

    static Dataset twoClasses(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            labels[i] = i % 2;
        }
        return Dataset.classification(List.of("x", "y"), x, labels, 2);
    }

    static Dataset threeClasses(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            labels[i] = i % 3;
        }
        return Dataset.classification(List.of("x", "y"), x, labels, 3);
    }

    static Dataset regression(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            y[i] = (float) (0.5 * Math.sin(x[2 * i]) - 0.3 * x[2 * i + 1]);
        }
        return Dataset.regression(List.of("x", "y"), x, y);
    }
}
