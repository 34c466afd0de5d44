package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every optimiser step against PyTorch's {@code torch.optim.SGD} (plain, momentum 0.9, Nesterov) and
 * {@code Adam} with L2 weight decay 0.01 on the weights only, and against a finite difference of the loss along
 * the step.
 */
class OptimizerTest {

    /** 2-3-1, tanh then a sigmoid unit; four samples with labels 1, 0, 1, 0. */
    private static final Model START = new Model(List.of("x", "y"), List.of(
            Layer.of(2, 3, new float[] {0.5f, -0.3f, 0.8f, 0.2f, -0.6f, 0.9f}, new float[] {0.1f, -0.2f, 0.05f},
                    Activation.TANH),
            Layer.of(3, 1, new float[] {0.7f, -0.4f, 0.3f}, new float[] {0.02f}, Activation.SIGMOID)));
    private static final Dataset DATA = Dataset.classification(List.of("x", "y"),
            new float[] {0.5f, -1f, 1.5f, 0.3f, -0.7f, 0.8f, 0.2f, 0.1f}, new int[] {1, 0, 1, 0}, 2);

    /**
     * Parameters after three full-batch steps at learning rate 0.1, computed by PyTorch 2 in double precision
     * ({@code binary_cross_entropy_with_logits}): W1 row-major, b1, W2, b2.
     */
    private static double[] pytorch(Optimizer.Kind kind) {
        switch (kind) {
            case GD:
            case SGD:
                return new double[] {0.465059853, -0.307557502, 0.809493993, 0.209083148, -0.613300783, 0.892782197,
                    0.092551911, -0.201937789, 0.036361113, 0.672459993, -0.445312512, 0.318035660, 0.011669860};
            case MOMENTUM:
                return new double[] {0.434534731, -0.314064811, 0.817727683, 0.216859547, -0.624897318, 0.886507374,
                    0.086028834, -0.203546028, 0.024492524, 0.648118788, -0.484885796, 0.333826337, 0.004202786};
            case NESTEROV:
                return new double[] {0.407343373, -0.320679875, 0.825488591, 0.225360282, -0.635427731, 0.880614558,
                    0.080437588, -0.205886939, 0.013490676, 0.628800528, -0.520446104, 0.347538647, -0.000725860};
            case ADAM:
                return new double[] {0.205854716, -0.599834571, 1.087627754, 0.498902580, -0.895423052, 0.603045755,
                    -0.188660029, -0.481052620, -0.244191720, 0.432576245, -0.699524055, 0.598269308, -0.047637110};
            default:
                throw new AssertionError(kind);
        }
    }

    @ParameterizedTest
    @EnumSource(Optimizer.Kind.class)
    void threeStepsMatchPyTorch(Optimizer.Kind kind) {
        Optimizer optimizer = Optimizer.of(kind, 0.1).withWeightDecay(0.01);
        // sgd with a batch as large as the data set takes the same full-batch steps as gd
        int batch = kind == Optimizer.Kind.GD ? 0 : DATA.size();
        for (boolean scalar : new boolean[] {true, false}) {
            TrainSettings settings = new TrainSettings(Loss.BINARY_CROSS_ENTROPY, optimizer, 3, batch, 1, 1, scalar);
            double[] got = flat(new Trainer(START, DATA, null, settings).run(Trainer.Listener.NONE).model());
            assertThat(got).as("%s, %s kernels", kind, scalar ? "scalar" : "vector")
                    .containsExactly(pytorch(kind), within(2e-6));
        }
        ReferenceTrainer reference = new ReferenceTrainer(START, Loss.BINARY_CROSS_ENTROPY, optimizer);
        reference.train(DATA, 3, 0, 1);
        assertThat(flat(reference.model())).as("reference").containsExactly(pytorch(kind), within(1e-7));
    }

    /**
     * One small step {@code d} changes the loss by the gradient times the step, to first order: the step is
     * checked against a finite difference of the loss along it, so it moves downhill as far as it claims.
     */
    @ParameterizedTest
    @EnumSource(Optimizer.Kind.class)
    void aSmallStepChangesTheLossByTheGradientAlongIt(Optimizer.Kind kind) {
        Optimizer optimizer = Optimizer.of(kind, 1e-3);
        ReferenceTrainer before = new ReferenceTrainer(START, Loss.BINARY_CROSS_ENTROPY, optimizer);
        ReferenceTrainer.Gradients g = before.gradients(DATA);
        ReferenceTrainer after = new ReferenceTrainer(START, Loss.BINARY_CROSS_ENTROPY, optimizer);
        after.step(after.gradients(DATA));
        double predicted = 0;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < g.weights()[k].length; i++) {
                predicted += g.weights()[k][i] * (after.weights(k)[i] - before.weights(k)[i]);
            }
            for (int i = 0; i < g.biases()[k].length; i++) {
                predicted += g.biases()[k][i] * (after.biases(k)[i] - before.biases(k)[i]);
            }
        }
        double actual = after.loss(DATA) - before.loss(DATA);
        assertThat(predicted).isNegative();
        assertThat(actual).isCloseTo(predicted, within(1e-3 * Math.abs(predicted)));
    }

    @Test
    void nonsenseSettingsAreUserErrors() {
        assertThatThrownBy(() -> Optimizer.gd(-1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> Optimizer.of(Optimizer.Kind.MOMENTUM, 0.1).withMomentum(1))
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> Optimizer.gd(0.1).withWeightDecay(-0.1)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> Optimizer.Kind.parse("rmsprop")).hasMessageContaining("gd, sgd, momentum, nesterov, adam");
        assertThat(Optimizer.Kind.parse(" Adam ")).isEqualTo(Optimizer.Kind.ADAM);
    }

    private static double[] flat(Model m) {
        double[] v = new double[13];
        int i = 0;
        for (Layer l : m.layers()) {
            for (float w : l.weights()) {
                v[i++] = w;
            }
            for (float b : l.bias()) {
                v[i++] = b;
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(Optimizer.Kind.class)
    void rangesInAnyOrderMakeTheWholeStepToTheBit(Optimizer.Kind kind) {
        Optimizer optimizer = Optimizer.of(kind, 0.05).withWeightDecay(0.01).withL1(0.002);
        float[][] whole = {wave(1000, 0.3), wave(7, 1.1)};
        float[][] ranged = {whole[0].clone(), whole[1].clone()};
        boolean[] decayed = {true, false};
        float[] scales = {1f, 0.5f};
        Optimizer.State a = optimizer.start(whole);
        Optimizer.State b = optimizer.start(ranged);
        for (int step = 1; step <= 4; step++) {
            float[][] grads = {wave(1000, 0.7 * step), wave(7, 0.2 * step)};
            float[][] used = {grads[0].clone(), grads[1].clone()};
            a.step(whole, grads, decayed, scales);
            b.advance();
            // the ranges backwards, the second array first, as threads might take them
            b.updateRange(1, ranged[1], used[1], false, 0.5f, 0, 7, true);
            for (int from = 900; from >= 0; from -= 100) {
                b.updateRange(0, ranged[0], used[0], true, 1f, from, from + 100, from % 200 == 0);
            }
            assertThat(b.steps()).isEqualTo(a.steps()).isEqualTo(step);
            for (int k = 0; k < 2; k++) {
                assertThat(ranged[k]).as("step %d array %d", step, k).containsExactly(whole[k]);
            }
            // cleared ranges are zero after use, the others untouched
            assertThat(used[0][250]).isZero();
            assertThat(used[0][150]).isEqualTo(grads[0][150]).isNotZero();
            assertThat(used[1]).containsOnly(0f);
        }
    }

    private static float[] wave(int n, double phase) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i * 0.37 + phase) * 0.8f;
        }
        return v;
    }
}
