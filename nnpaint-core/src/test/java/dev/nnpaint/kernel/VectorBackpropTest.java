package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The vector backward kernel against the scalar reference: both products, every activation of the layer below
 * (whether its derivative comes from the output or the pre-activation), and shapes that exercise every register
 * block and tail.
 */
class VectorBackpropTest {

    private static final Backprop VECTOR = VectorBackprop.INSTANCE;
    private static final Backprop SCALAR = ScalarBackprop.INSTANCE;
    private static final int L = VECTOR.lanes();

    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradientMatchesTheReferenceForEveryActivationBelow(Activation below) {
        Random random = new Random(below.ordinal());
        int inputs = 9;
        int outputs = 6;
        int n = 5 * L;
        Layer layer = randomLayer(random, inputs, outputs);
        float[] delta = gaussian(random, outputs * n, 1);
        // the layer below: pre-activations and their outputs, through the engine's kernel like the trainer
        float[] belowPre = gaussian(random, inputs * n, 1.5);
        if (below == Activation.RELU || below == Activation.LEAKY_RELU || below == Activation.ABS) {
            belowPre[3] = 0f; // the kink, where both paths must agree that relu'(0) = 0
        }
        float[] belowOut = outputsOf(below, belowPre);
        Activation[] acts = new Activation[inputs];
        Arrays.fill(acts, below);

        float[] expected = new float[inputs * n];
        float[] actual = new float[inputs * n];
        SCALAR.inputGradient(layer, delta, acts, belowPre, belowOut, expected, n);
        VECTOR.inputGradient(layer, delta, acts, VECTOR.needsPreActivation(below) ? belowPre : null, belowOut,
                actual, n);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s dIn[%d]", below, i).isCloseTo(expected[i], within(tolerance(expected[i])));
        }
        assertThat(Arrays.stream(box(expected)).filter(v -> v != 0).count()).isGreaterThan(expected.length / 3);
    }

    @Test
    void everyBlockShapeAndTailOfBothProductsMatchesTheReference() {
        Random random = new Random(7);
        for (int c = 0; c < 30; c++) {
            int inputs = 1 + random.nextInt(23);
            int outputs = 1 + random.nextInt(23);
            int n = L * (1 + random.nextInt(10));
            Layer layer = randomLayer(random, inputs, outputs);
            float[] delta = gaussian(random, outputs * n, 1);
            float[] in = gaussian(random, inputs * n, 1);

            float[] dW = new float[inputs * outputs];
            float[] dB = new float[outputs];
            float[] wantW = new float[inputs * outputs];
            float[] wantB = new float[outputs];
            VECTOR.parameterGradients(delta, in, outputs, inputs, n, dW, dB);
            SCALAR.parameterGradients(delta, in, outputs, inputs, n, wantW, wantB);
            for (int i = 0; i < wantW.length; i++) {
                assertThat(dW[i]).as("case %d (%d -> %d, n %d) dW[%d]", c, inputs, outputs, n, i)
                        .isCloseTo(wantW[i], within(tolerance(wantW[i]) * (float) Math.sqrt(n)));
            }
            for (int i = 0; i < wantB.length; i++) {
                assertThat(dB[i]).as("case %d dB[%d]", c, i).isCloseTo(wantB[i], within(tolerance(wantB[i]) * (float) Math.sqrt(n)));
            }

            Activation[] ids = new Activation[inputs];
            Arrays.fill(ids, Activation.TANH);
            float[] pre = gaussian(random, inputs * n, 1);
            float[] out = outputsOf(Activation.TANH, pre);
            float[] dIn = new float[inputs * n];
            float[] wantIn = new float[inputs * n];
            VECTOR.inputGradient(layer, delta, ids, null, out, dIn, n);
            SCALAR.inputGradient(layer, delta, ids, pre, out, wantIn, n);
            for (int i = 0; i < wantIn.length; i++) {
                assertThat(dIn[i]).as("case %d (%d -> %d, n %d) dIn[%d]", c, inputs, outputs, n, i)
                        .isCloseTo(wantIn[i], within(tolerance(wantIn[i])));
            }
        }
    }

    @Test
    void weightGradientsOfWideLayersFromTheTransposedInputMatchTheReference() {
        // panels of four vectors of columns, narrower last panels, leftover columns and leftover units
        Random random = new Random(11);
        int[][] shapes = {{4 * L, 16}, {4 * L + 3, 17}, {6 * L + 1, 19}, {2 * L, 18}, {L, 23}, {4 * L, 3}};
        for (int[] shape : shapes) {
            int inputs = shape[0];
            int outputs = shape[1];
            int n = VectorBackprop.TRANSPOSE_FROM + 2 * L;
            float[] delta = gaussian(random, outputs * n, 1);
            float[] in = gaussian(random, inputs * n, 1);
            float[] dW = new float[inputs * outputs];
            float[] want = new float[inputs * outputs];
            VECTOR.parameterGradients(delta, in, outputs, inputs, n, dW, null);
            SCALAR.parameterGradients(delta, in, outputs, inputs, n, want, null);
            for (int i = 0; i < want.length; i++) {
                assertThat(dW[i]).as("%d -> %d dW[%d]", inputs, outputs, i)
                        .isCloseTo(want[i], within(tolerance(want[i]) * (float) Math.sqrt(n)));
            }
        }
    }

    private static float tolerance(float expected) {
        return 2e-5f + 2e-5f * Math.abs(expected);
    }

    private static float[] outputsOf(Activation act, float[] pre) {
        float[] out = new float[pre.length];
        for (int i = 0; i < pre.length; i++) {
            out[i] = (float) act.apply(pre[i]);
        }
        return out;
    }

    private static Layer randomLayer(Random random, int inputs, int outputs) {
        return Layer.of(inputs, outputs, gaussian(random, inputs * outputs, 0.5), gaussian(random, outputs, 0.5),
                Activation.IDENTITY);
    }

    private static float[] gaussian(Random random, int size, double std) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (std * random.nextGaussian());
        }
        return v;
    }

    private static Float[] box(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i];
        }
        return b;
    }
}
