package dev.nnpaint.data;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetTest {

    @Test
    void aSplitHoldsOutTheFractionAndKeepsEverySampleOnce() {
        Dataset all = SyntheticData.GAUSS.generate(1000, 0.5, 1);
        Dataset.Split split = all.split(0.1, 4);
        assertThat(split.test().size()).isEqualTo(100);
        assertThat(split.train().size()).isEqualTo(900);
        float[] xs = new float[1000];
        for (int i = 0; i < 900; i++) {
            xs[i] = split.train().feature(i, 0);
        }
        for (int i = 0; i < 100; i++) {
            xs[900 + i] = split.test().feature(i, 0);
        }
        float[] original = new float[1000];
        for (int i = 0; i < 1000; i++) {
            original[i] = all.feature(i, 0);
        }
        Arrays.sort(xs);
        Arrays.sort(original);
        assertThat(xs).containsExactly(original);
        assertThat(all.split(0.1, 4)).isEqualTo(split);
        assertThat(all.split(0.1, 5).test()).isNotEqualTo(split.test());
        assertThatThrownBy(() -> all.split(1.5, 1)).isInstanceOf(BadInputException.class);
    }

    @Test
    void aShuffleIsAPermutationThatDependsOnlyOnSeedAndRound() {
        int[] a = Dataset.shuffled(50, new KeyedRandom(3), 7);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(Dataset.shuffled(50, new KeyedRandom(3), 7)).isEqualTo(a);
        assertThat(Dataset.shuffled(50, new KeyedRandom(3), 8)).isNotEqualTo(a);
    }

    @Test
    void aSingleClassIsRejected() {
        assertThatThrownBy(() -> new Dataset(List.of("x"), "kind", new float[] {1, 2}, new float[] {0, 0},
                List.of("cat"))).isInstanceOf(BadInputException.class).hasMessageContaining("only one class (cat)");
    }

    @Test
    void standardisingThenFoldingIntoTheFirstLayerGivesTheSameOutputsOnRawFeatures() {
        Dataset raw = Dataset.regression(List.of("a", "b"), new float[] {10, -2, 14, -1, 12, 0, 16, 3},
                new float[] {0, 1, 0, 1});
        Standardizer s = Standardizer.fit(raw);
        assertThat(s.means()).containsExactly(13, 0);
        Dataset scaled = s.apply(raw);
        double mean = 0;
        double square = 0;
        for (int i = 0; i < 4; i++) {
            mean += scaled.feature(i, 0) / 4;
            square += scaled.feature(i, 0) * scaled.feature(i, 0) / 4;
        }
        assertThat(mean).isCloseTo(0, within(1e-6));
        assertThat(square).isCloseTo(1, within(1e-6));

        Layer first = Layer.of(2, 2, new float[] {0.5f, -1f, 2f, 0.25f}, new float[] {0.1f, -0.3f}, Activation.TANH);
        Model onScaled = new Model(List.of("a", "b"), List.of(first));
        Model onRaw = s.foldInto(onScaled);
        for (int i = 0; i < 4; i++) {
            for (int o = 0; o < 2; o++) {
                double want = first.biasOf(o) + first.weight(o, 0) * scaled.feature(i, 0)
                        + first.weight(o, 1) * scaled.feature(i, 1);
                Layer folded = onRaw.layers().get(0);
                double got = folded.biasOf(o) + folded.weight(o, 0) * raw.feature(i, 0)
                        + folded.weight(o, 1) * raw.feature(i, 1);
                assertThat(got).isCloseTo(want, within(1e-5));
            }
        }
    }
}
