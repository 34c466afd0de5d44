package dev.nnpaint.train;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fit trainer sums and updates level by level and range by range on all its threads: the model after some
 * steps must not depend on the thread count, and must be the one a single whole-array optimizer step after each
 * gradient makes.
 */
class FitTrainerThreadsTest {

    /** A grid with a hashed level of 2^17 entries of 2 features and dense ones. */
    private static final Encoding.Hash GRID = new Encoding.Hash(4, 2, 17, 16, 512);
    /** A hidden layer wide enough that its weights (8 x 8200) span two ranges. */
    private static final int WIDE = 8200;

    @Test
    void theFirstLayerSpansTwoRanges() {
        Model model = model();
        assertThat(model.layers().get(0).weights().length).isGreaterThan(FitTrainer.UPDATE_RANGE)
                .isLessThan(2 * FitTrainer.UPDATE_RANGE);
        assertThat(model.grid().spec().hashed(3)).isTrue();
        assertThat(model.grid().spec().hashed(0)).isFalse();
    }

    @Test
    void theModelAfterSomeStepsIsTheSameOnOneTwoAndThreeThreads() {
        FitData data = image(48, 32);
        Model one = fit(data, 1, 4);
        Model changed = model();
        assertThat(one).isNotEqualTo(changed);
        for (int threads : new int[] {2, 3}) {
            assertThat(fit(data, threads, 4)).as("%d threads", threads).isEqualTo(one);
        }
    }

    @Test
    void eachStepIsTheGradientFollowedByOneWholeArrayOptimizerStep() {
        FitData data = image(48, 32);
        Optimizer adam = new Optimizer(Optimizer.Kind.ADAM, 1e-2, 0, 0, 0.9, 0.99, 1e-15);
        Model start = model();
        try (FitTrainer ranged = new FitTrainer(start, data, new FitSettings(adam, 0, 1, 3, false, 0, false, 0));
             FitTrainer reference = new FitTrainer(start, data, new FitSettings(adam, 0, 1, 1, false, 0, false, 0))) {
            float[][] params = reference.parametersForTest();
            boolean[] decayed = decayed(start, params.length);
            Optimizer.State state = adam.start(params);
            for (int step = 1; step <= 3; step++) {
                ranged.step();
                float[][] g = reference.gradientsForTest();
                state.step(params, g, decayed, null);
                float[][] mine = ranged.parametersForTest();
                for (int a = 0; a < params.length; a++) {
                    assertThat(bits(mine[a])).as("step %d array %d", step, a).isEqualTo(bits(params[a]));
                }
            }
            assertThat(ranged.model()).isNotEqualTo(start);
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    private static Model fit(FitData data, int threads, int steps) {
        Optimizer adam = new Optimizer(Optimizer.Kind.ADAM, 1e-2, 0, 0, 0.9, 0.99, 1e-15);
        try (FitTrainer trainer = new FitTrainer(model(), data, new FitSettings(adam, 0, 1, threads, false, 0,
                true, steps))) {
            for (int s = 0; s < steps; s++) {
                trainer.step();
            }
            return trainer.model();
        }
    }

    private static Model model() {
        return FitModels.build(GRID, new int[] {WIDE}, Activation.RELU, 0, Activation.SIGMOID, 3, 5);
    }

    /** Weights take decay, biases and tables do not, in the trainer's order of arrays. */
    private static boolean[] decayed(Model model, int arrays) {
        List<Boolean> d = new ArrayList<>();
        for (Layer l : model.layers().subList(model.frozenLayers(), model.layers().size())) {
            d.add(true);
            if (l.bias() != null) {
                d.add(false);
            }
        }
        boolean[] out = new boolean[arrays];
        for (int a = 0; a < d.size(); a++) {
            out[a] = d.get(a);
        }
        return out;
    }

    private static FitData image(int w, int h) {
        float[] t = new float[w * h * 3];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = j * w + i;
                t[3 * p] = (float) (0.5 + 0.4 * Math.sin(i * 0.3 + j * 0.1));
                t[3 * p + 1] = ((i / 4 + j / 4) % 2) * 0.8f + 0.1f;
                t[3 * p + 2] = (float) (0.5 + 0.4 * Math.cos(j * 0.5));
            }
        }
        return FitData.of(w, h, 3, t, false);
    }
}
