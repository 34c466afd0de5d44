package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InputPlaneTest {

    /** A random 5-input network: x, y and z0..z2. */
    private static Model fiveInputs() {
        return Recipe.builder().inputs(List.of("x", "y", "z")).zDim(3).layers(2, 6).build().toModel();
    }

    private static float[] run(Model m, double[] input) {
        Evaluator e = new Evaluator(m, Kernels.scalar());
        int n = e.padded(1);
        float[] in = new float[m.inputCount() * n];
        for (int f = 0; f < input.length; f++) {
            in[f * n] = (float) input[f];
        }
        float[] out = new float[m.outputCount() * n];
        e.forward(in, out, n, e.newScratch(n));
        return new float[] {out[0], out[n], out[2 * n]};
    }

    @Test
    void theSliceIsTheNetworkAtThePlanesPoints() {
        Model model = fiveInputs();
        InputPlane plane = new InputPlane(new double[] {0.2, -0.1, 0.5, 0, -0.7},
                new double[] {0.6, 0, 0.8, 0, 0}, new double[] {0, 0.6, 0, -0.8, 0});
        Model slice = plane.slice(model);
        assertThat(slice.inputNames()).containsExactly("x", "y");
        for (double[] xy : new double[][] {{0, 0}, {0.3, -0.9}, {-1.5, 2}}) {
            float[] direct = run(model, plane.pointAt(xy[0], xy[1]));
            float[] sliced = run(slice, xy);
            for (int c = 0; c < 3; c++) {
                assertThat(sliced[c]).isCloseTo(direct[c], within(1e-5f));
            }
        }
        double[] expected = {0.8, 1.1, 1.3, -1.6, -0.7};
        double[] point = plane.pointAt(1, 2);
        for (int k = 0; k < 5; k++) {
            assertThat(point[k]).isCloseTo(expected[k], within(1e-12));
        }
    }

    @Test
    void dimensionsMustAgree() {
        assertThatThrownBy(() -> new InputPlane(new double[3], new double[3], new double[2]))
                .isInstanceOf(BadInputException.class);
        InputPlane three = new InputPlane(new double[3], new double[] {1, 0, 0}, new double[] {0, 1, 0});
        assertThatThrownBy(() -> three.slice(fiveInputs())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("takes 5 inputs");
    }
}
