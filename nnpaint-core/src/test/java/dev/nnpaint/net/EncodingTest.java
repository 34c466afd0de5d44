package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.train.FitModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EncodingTest {

    @Test
    void aFixedEncodingsLayerIsSinAndCosOfTheFrequencies() {
        Layer pe = new Encoding.Positional(3).frozenLayer(2);
        float[] in = {0.3f, -0.7f};
        for (int a = 0; a < 2; a++) {
            for (int k = 0; k < 3; k++) {
                int row = a * 3 + k;
                double z = Math.scalb(Math.PI, k) * in[a];
                assertThat(sin(pe, row, in)).isCloseTo(Math.sin(z), within(1e-6));
                assertThat(sin(pe, row + 6, in)).isCloseTo(Math.cos(z), within(1e-5));
            }
        }
    }

    @Test
    void gaussianFrequenciesScaleTheSameDrawsWithSigma() {
        Layer one = new Encoding.Gaussian(8, 1, 5).frozenLayer(2);
        Layer ten = new Encoding.Gaussian(8, 10, 5).frozenLayer(2);
        for (int i = 0; i < one.weights().length; i++) {
            assertThat((double) ten.weights()[i]).isCloseTo(10.0 * one.weights()[i], within(1e-4));
        }
        assertThat(new Encoding.Gaussian(8, 1, 6).frozenLayer(2).weights()).isNotEqualTo(one.weights());
    }

    @Test
    void specsParseAndRefuseInOneLine() {
        assertThat(Encoding.parse("hash", 1, 300)).isEqualTo(new Encoding.Hash(16, 2, 19, 16, 300));
        assertThat(Encoding.parse("gauss:256:10", 1).spec()).isEqualTo("gauss:256:10");
        assertThat(Encoding.parse("pe:6", 1)).isEqualTo(new Encoding.Positional(6));
        for (String bad : new String[] {"gauss:12", "pe:x", "hash:1:2", "fourier", "pe:0", "hash:16:2:19:64:16"}) {
            assertThatThrownBy(() -> Encoding.parse(bad, 1)).as(bad).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    void hashGridLevelsAreGeometricDenseThenHashed() {
        Encoding.Hash h = new Encoding.Hash(16, 2, 19, 16, 512);
        assertThat(h.resolution(0)).isEqualTo(16);
        assertThat(h.resolution(15)).isEqualTo(512);
        assertThat(h.hashed(0)).isFalse();
        assertThat(h.tableSize(0)).isEqualTo(17 * 17);
        Encoding.Hash fine = new Encoding.Hash(4, 2, 12, 16, 512);
        assertThat(fine.hashed(3)).isTrue();
        assertThat(fine.tableSize(3)).isEqualTo(1 << 12);
    }

    @Test
    void hashGridEncodingAgreesWithTheDoublePrecisionReference() {
        HashGrid grid = HashGrid.initial(new Encoding.Hash(5, 2, 8, 3, 40), 7);
        for (float[] t : grid.tables()) {
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) Math.sin(i * 1.3);
            }
        }
        int n = 200;
        float[] in = new float[2 * n];
        for (int p = 0; p < n; p++) {
            in[p] = (float) (Math.sin(p * 0.37) * 1.1); // a few points beyond the edge
            in[n + p] = (float) Math.cos(p * 0.91);
        }
        float[] fast = new float[grid.outputs() * n];
        double[] reference = new double[grid.outputs() * n];
        grid.encode(in, fast, n);
        grid.encodeReference(in, reference, n);
        for (int i = 0; i < fast.length; i++) {
            assertThat((double) fast[i]).isCloseTo(reference[i], within(1e-5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pe:6", "gauss:64:10", "hash:6:2:10:4:128", "siren"})
    void encodedModelsPaintTheSameOnBothKernels(String kind) {
        Model model = kind.equals("siren")
                ? FitModels.build(Encoding.NONE, new int[] {32, 32}, Activation.SIN, 30, Activation.IDENTITY, 3, 2)
                : FitModels.build(Encoding.parse(kind, 2), new int[] {32, 32}, Activation.RELU, 0,
                Activation.SIGMOID, 3, 2);
        if (model.grid() != null) {
            for (float[] t : model.grid().tables()) {
                for (int i = 0; i < t.length; i++) {
                    t[i] = (float) Math.sin(i * 0.77);
                }
            }
        }
        int n = 256;
        float[] in = new float[2 * n];
        for (int p = 0; p < n; p++) {
            in[p] = (p % 16) / 8f - 1;
            in[n + p] = (p / 16) / 8f - 1;
        }
        float[] scalar = new float[3 * n];
        float[] vector = new float[3 * n];
        Evaluator s = new Evaluator(model, Kernels.scalar());
        Evaluator v = new Evaluator(model, Kernels.fastest());
        s.forward(in, scalar, n, s.newScratch(n));
        v.forward(in, vector, n, v.newScratch(n));
        for (int i = 0; i < scalar.length; i++) {
            assertThat((double) vector[i]).as("%s %d", kind, i).isCloseTo(scalar[i], within(1e-5));
        }
    }

    private static double sin(Layer l, int row, float[] in) {
        double z = l.biasOf(row);
        for (int j = 0; j < l.inputs(); j++) {
            z += l.weight(row, j) * (double) in[j];
        }
        return Math.sin(z);
    }
}
