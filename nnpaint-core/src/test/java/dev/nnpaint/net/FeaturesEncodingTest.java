package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeaturesEncodingTest {

    @Test
    void specsParseIntoTheCanonicalOrderAndFormatBack() {
        Encoding e = Encoding.parse("features:siny, x2,XY,x", 1);
        assertThat(e).isInstanceOf(Encoding.Features.class);
        Encoding.Features f = (Encoding.Features) e;
        assertThat(f.names()).containsExactly("x", "x2", "xy", "siny");
        assertThat(f.labels()).containsExactly("x", "x²", "x·y", "sin y");
        assertThat(f.spec()).isEqualTo("features:x,x2,xy,siny");
        assertThat(Encoding.parse(f.spec(), 9)).isEqualTo(f);
        assertThat(f.outputs(2)).isEqualTo(4);
        Encoding.Features all = Encoding.Features.parseList("x,y,x2,y2,xy,sinx,siny");
        assertThat(all.names()).containsExactlyElementsOf(
                Encoding.Features.ALL.stream().map(Encoding.Features.Feature::id).toList());
        assertThat(Encoding.Features.ALL.stream().map(Encoding.Features.Feature::label).toList())
                .containsExactly("x", "y", "x²", "y²", "x·y", "sin x", "sin y");
    }

    @Test
    void badFeatureListsAreOneLineErrors() {
        for (String bad : new String[] {"features:", "features:x,z", "features:x,x", "features", "features:x:y"}) {
            assertThatThrownBy(() -> Encoding.parse(bad, 1)).as(bad).isInstanceOf(BadInputException.class)
                    .message().doesNotContain("\n");
        }
        assertThatThrownBy(() -> Encoding.parse("features:x,cosx", 1)).hasMessageContaining("unknown feature 'cosx'")
                .hasMessageContaining("sinx");
    }

    @Test
    void valuesArePlaygroundsFeaturesWithTheSineScaled() {
        double x = 0.3;
        double y = -0.7;
        assertThat(Encoding.Features.value("x", x, y)).isEqualTo(0.3);
        assertThat(Encoding.Features.value("y2", x, y)).isCloseTo(0.49, within(1e-15));
        assertThat(Encoding.Features.value("xy", x, y)).isCloseTo(-0.21, within(1e-15));
        assertThat(Encoding.Features.value("sinx", x, y)).isCloseTo(Math.sin(1.5), within(1e-15));
        assertThat(Encoding.Features.value("siny", x, y)).isCloseTo(Math.sin(-3.5), within(1e-15));
    }

    @Test
    void encodeWritesFeatureMajorRowsInTheCanonicalOrder() {
        Encoding.Features f = Encoding.Features.of("y2", "x");
        float[] in = {1, 2, 3, 4, 5, 6};
        float[] out = new float[6];
        f.encode(in, out, 3);
        assertThat(out).containsExactly(1, 2, 3, 16, 25, 36);
        assertThat(f.encodeRows(new float[] {1, 4, 2, 5}, 2)).containsExactly(1, 16, 2, 25);
    }

    @Test
    void aModelChecksItsFirstLayerAgainstTheFeatures() {
        Encoding.Features f = Encoding.Features.of("x2", "y2");
        Layer three = Layer.of(3, 1, new float[] {1, 1, 1}, new float[] {0}, Activation.IDENTITY);
        assertThatThrownBy(() -> new Model(List.of("x", "y"), List.of(three), f, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("x2, y2 are 2");
        Layer two = Layer.of(2, 1, new float[] {1, 1}, new float[] {0}, Activation.IDENTITY);
        assertThatThrownBy(() -> new Model(List.of("x", "y", "r"), List.of(two), f, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("two inputs");
        Model m = new Model(List.of("x", "y"), List.of(two), f, null);
        assertThat(m.encodesInputs()).isTrue();
        assertThat(m.frozenLayers()).isZero();
    }

    @Test
    void x2PlusY2WithNoHiddenLayerPaintsTheSquaredRadius() {
        Layer sum = Layer.of(2, 1, new float[] {1, 1}, new float[] {-0.5f}, Activation.IDENTITY);
        Model m = new Model(List.of("x", "y"), List.of(sum), Encoding.Features.of("x2", "y2"), null);
        Evaluator e = new Evaluator(m, Kernels.scalar());
        int n = e.padded(3);
        float[] in = new float[2 * n];
        float[] xs = {0.5f, -1, 0.25f};
        float[] ys = {0.5f, 2, -0.75f};
        System.arraycopy(xs, 0, in, 0, 3);
        System.arraycopy(ys, 0, in, n, 3);
        float[] out = new float[n];
        e.forward(in, out, n, e.newScratch(n));
        for (int i = 0; i < 3; i++) {
            assertThat(out[i]).isCloseTo(xs[i] * xs[i] + ys[i] * ys[i] - 0.5f, within(1e-6f));
        }
    }

    @Test
    void featuredModelsPaintTheSameOnBothKernels() {
        Encoding.Features f = Encoding.Features.parseList("x,y,x2,y2,xy,sinx,siny");
        KeyedRandom random = new KeyedRandom(4);
        List<Layer> layers = new ArrayList<>();
        int[] sizes = {7, 24, 24, 3};
        for (int k = 0; k + 1 < sizes.length; k++) {
            float[] w = new float[sizes[k] * sizes[k + 1]];
            float[] b = new float[sizes[k + 1]];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.normal(KeyedRandom.WEIGHTS, k, i, 0);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.normal(KeyedRandom.BIASES, k, i, 0);
            }
            layers.add(Layer.of(sizes[k], sizes[k + 1], w, b, k + 2 == sizes.length ? Activation.SIGMOID
                    : Activation.TANH));
        }
        Model model = new Model(List.of("x", "y"), layers, f, null);
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
        double spread = 0;
        for (int i = 0; i < scalar.length; i++) {
            assertThat((double) vector[i]).as("%d", i).isCloseTo(scalar[i], within(1e-5));
            spread = Math.max(spread, Math.abs(scalar[i] - scalar[0]));
        }
        // the picture is not flat, so the agreement above compares something
        assertThat(spread).isGreaterThan(0.1);
    }
}
