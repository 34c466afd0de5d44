package dev.nnpaint.train;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fit trainer's gradients against central finite differences of its loss, for every encoding (the hash grid's
 * table entries included) and for SIREN layers, on the scalar kernels and on the fastest ones.
 */
class FitGradientCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"none", "pe:3", "gauss:8:2", "hash:3:2:6:2:9", "siren", "none-tanh"})
    void gradientsMatchFiniteDifferences(String kind) {
        for (boolean scalar : new boolean[] {true, false}) {
            check(kind, scalar);
        }
    }

    private static void check(String kind, boolean scalar) {
        FitData data = image(7, 5);
        Model model;
        double omega = 0;
        if (kind.equals("siren")) {
            omega = 30;
            model = FitModels.build(Encoding.NONE, new int[] {6, 5}, Activation.SIN, omega, Activation.IDENTITY, 3, 4);
        } else if (kind.equals("none-tanh")) {
            model = FitModels.build(Encoding.NONE, new int[] {6}, Activation.TANH, 0, Activation.SIGMOID, 3, 4);
        } else {
            Encoding e = Encoding.parse(kind, 3);
            model = FitModels.build(e, new int[] {6}, Activation.TANH, 0, Activation.SIGMOID, 3, 4);
        }
        if (model.grid() != null) {
            // tables large enough that the fit depends on them clearly
            for (float[] t : model.grid().tables()) {
                for (int i = 0; i < t.length; i++) {
                    t[i] = (float) Math.sin(i * 0.7 + t.length) * 0.5f;
                }
            }
        }
        FitSettings settings = new FitSettings(Optimizer.adam(1e-3), 0, 1, 2, scalar, omega, false, 0);
        try (FitTrainer trainer = new FitTrainer(model, data, settings)) {
            float[][] params = trainer.parametersForTest();
            float[][] analytic = copy(trainer.gradientsForTest());
            int checked = 0;
            for (int a = 0; a < params.length; a++) {
                for (int i = 0; i < params[a].length; i++) {
                    float saved = params[a][i];
                    float h = Math.max(1e-3f, Math.abs(saved) * 1e-3f);
                    params[a][i] = saved + h;
                    double up = loss(trainer);
                    params[a][i] = saved - h;
                    double down = loss(trainer);
                    params[a][i] = saved;
                    double numeric = (up - down) / (2 * (double) h);
                    assertThat((double) analytic[a][i]).as("%s %s array %d entry %d", kind, scalar, a, i)
                            .isCloseTo(numeric, within(2e-4 + 2e-2 * Math.abs(numeric)));
                    checked += Math.abs(numeric) > 1e-3 ? 1 : 0;
                }
            }
            assertThat(checked).as("gradients that are not near zero").isGreaterThan(10);
        }
    }

    private static double loss(FitTrainer trainer) {
        trainer.gradientsForTest();
        return lossOf(trainer);
    }

    private static double lossOf(FitTrainer trainer) {
        // the loss of the batch the gradient was computed on, as the sum in the blocks
        return trainer.currentLossForTest();
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** A smooth colour image of w x h. */
    static FitData image(int w, int h) {
        float[] t = new float[w * h * 3];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = j * w + i;
                t[3 * p] = (float) (0.5 + 0.4 * Math.sin(i * 0.9 + j * 0.3));
                t[3 * p + 1] = (float) (0.5 + 0.4 * Math.cos(i * 0.2 - j * 1.1));
                t[3 * p + 2] = (i + j) % 2 == 0 ? 0.9f : 0.1f;
            }
        }
        return FitData.of(w, h, 3, t, false);
    }
}
