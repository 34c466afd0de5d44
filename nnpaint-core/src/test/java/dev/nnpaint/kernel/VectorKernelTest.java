package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector kernel against the scalar reference: every activation, odd shapes, with and without bias. */
class VectorKernelTest {

    private static final Kernel VECTOR = VectorKernel.INSTANCE;
    private static final Kernel SCALAR = ScalarKernel.INSTANCE;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationMatchesTheScalarKernel(Activation activation) {
        Random random = new Random(activation.ordinal());
        Activation[] acts = new Activation[7];
        java.util.Arrays.fill(acts, activation);
        assertAgree(randomLayer(random, 13, 7, true, acts, 2.0), 5 * VECTOR.lanes(), random);
    }

    static Stream<Arguments> shapes() {
        Random random = new Random(42);
        Activation[] all = Activation.values();
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int c = 0; c < 40; c++) {
            int inputs = 1 + random.nextInt(40);
            int outputs = 1 + random.nextInt(40);
            int vectors = 1 + random.nextInt(9);
            boolean bias = random.nextBoolean();
            Activation[] acts = new Activation[outputs];
            for (int o = 0; o < outputs; o++) {
                acts[o] = all[random.nextInt(all.length)];
            }
            cases.add(Arguments.of(c, inputs, outputs, vectors, bias, acts));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "case {0}: {1} -> {2}, {3} vectors, bias {4}")
    @MethodSource("shapes")
    void mixedActivationsAndOddShapesMatchTheScalarKernel(int seed, int inputs, int outputs, int vectors,
                                                          boolean bias, Activation[] acts) {
        Random random = new Random(seed);
        Layer layer = randomLayer(random, inputs, outputs, bias, acts, 1.0 / Math.sqrt(inputs) * 2);
        assertAgree(layer, vectors * VECTOR.lanes(), random);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void hugeAndInfiniteInputsGiveTheReferenceValues(Activation activation) {
        int n = VECTOR.lanes() * 2;
        float[] in = new float[n];
        float[] specials = {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f, 88.8f, -88.8f, 1e-30f, 0f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 40f, -40f, 1e6f, -1e6f, 9f, -9f};
        for (int p = 0; p < n; p++) {
            in[p] = specials[p % specials.length];
        }
        Layer identity = Layer.of(1, 1, new float[] {1f}, null, activation);
        float[] fast = new float[n];
        float[] slow = new float[n];
        VECTOR.dense(identity, in, fast, null, n);
        SCALAR.dense(identity, in, slow, null, n);
        for (int p = 0; p < n; p++) {
            if (Float.isNaN(slow[p])) {
                assertThat(fast[p]).as("%s(%s)", activation, in[p]).isNaN(); // sin(inf), silu(-inf)
            } else if (Float.isInfinite(slow[p])) {
                assertThat(fast[p]).as("%s(%s)", activation, in[p]).isEqualTo(slow[p]);
            } else {
                double tolerance = 1e-5 * Math.max(1, Math.abs(slow[p]));
                assertThat((double) fast[p]).as("%s(%s)", activation, in[p]).isCloseTo(slow[p],
                        org.assertj.core.data.Offset.offset(tolerance));
            }
        }
    }

    static Stream<Arguments> parameterised() {
        return Stream.of(
                Arguments.of("leaky-relu:0.3"), Arguments.of("leaky-relu:-0.2"), Arguments.of("leaky-relu:1.7"),
                Arguments.of("elu:2"), Arguments.of("elu:0.25"),
                Arguments.of("softplus:3"), Arguments.of("softplus:0.5"),
                Arguments.of("hard-tanh:-0.5:0.5"), Arguments.of("hard-tanh:0:6"));
    }

    @ParameterizedTest
    @MethodSource("parameterised")
    void parameterisedActivationsMatchTheScalarKernel(String name) {
        Activation.Parameterised a = Activation.parseWithParameters(name);
        Random random = new Random(name.hashCode());
        int outputs = 9;
        Activation[] acts = new Activation[outputs];
        double[][] params = new double[outputs][];
        for (int o = 0; o < outputs; o++) {
            // every other unit keeps the defaults, so both paths run side by side in one layer
            acts[o] = a.activation();
            params[o] = o % 2 == 0 ? a.parameters() : null;
        }
        Layer plain = randomLayer(random, 11, outputs, true, acts, 2.0);
        Layer layer = new Layer(11, outputs, plain.weights(), plain.bias(), acts, params);
        assertThat(layer.hasParameters()).isTrue();
        assertAgree(layer, 5 * VECTOR.lanes(), random);
    }

    @org.junit.jupiter.api.Test
    void parameterisedActivationsGiveTheirDefinitions() {
        double x = -1.5;
        assertThat(Activation.parseWithParameters("leaky-relu:0.3").activation().apply(x, new double[] {0.3}))
                .isCloseTo(-0.45, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Activation.ELU.apply(x, new double[] {2})).isCloseTo(2 * Math.expm1(x),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Activation.SOFTPLUS.apply(0.4, new double[] {3})).isCloseTo(Math.log1p(Math.exp(1.2)) / 3,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Activation.HARD_TANH.apply(x, new double[] {-0.5, 0.5})).isEqualTo(-0.5);
        assertThat(Activation.HARD_TANH.apply(0.7, new double[] {-0.5, 0.5})).isEqualTo(0.5);
    }

    private static Layer randomLayer(Random random, int inputs, int outputs, boolean bias, Activation[] acts,
                                     double scale) {
        float[] w = new float[inputs * outputs];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * scale);
        }
        float[] b = null;
        if (bias) {
            b = new float[outputs];
            for (int i = 0; i < outputs; i++) {
                b[i] = (float) random.nextGaussian();
            }
        }
        return new Layer(inputs, outputs, w, b, acts);
    }

    private static void assertAgree(Layer layer, int n, Random random) {
        float[] in = new float[layer.inputs() * n];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (random.nextGaussian() * 2);
        }
        float[] fast = new float[layer.outputs() * n];
        float[] slow = new float[layer.outputs() * n];
        float[] fastPre = new float[layer.outputs() * n];
        float[] slowPre = new float[layer.outputs() * n];
        VECTOR.dense(layer, in, fast, fastPre, n);
        SCALAR.dense(layer, in, slow, slowPre, n);
        for (int i = 0; i < fast.length; i++) {
            double tolerance = 1e-5 * Math.max(1, Math.abs(slow[i]));
            assertThat((double) fastPre[i]).as("pre-activation %d", i)
                    .isCloseTo(slowPre[i], org.assertj.core.data.Offset.offset(tolerance));
            assertThat((double) fast[i]).as("output %d (%s)", i, layer.activations()[i / n])
                    .isCloseTo(slow[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
