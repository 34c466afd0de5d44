package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Grids of recipes, and the depth sweep as one network growing layer by layer. */
class GridTest {

    private static final int SIZE = 24;

    private static float[] outputs(Model model, Recipe view) {
        Painting p = Painting.of(model, view);
        return new Renderer(p, new Evaluator(model, Kernels.scalar()), 1, Renderer.DEFAULT_TILE).renderOutputs();
    }

    /**
     * The layer-by-layer identity: the depth-k cell of {@code --rows depth=1..10} is the deepest network's first k
     * hidden layers followed by the deepest network's own output layer, because weights are keyed by
     * (seed, layer, row, column) and the output layer by a key of its own. The recipe has 8 layers, so depths 9
     * and 10 also check that growing past it keeps the identity.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 12345})
    void depthSweepReadsOneNetworkOutAfterEachHiddenLayer(long seed) {
        Recipe base = Recipe.builder().seed(seed).layers(8, 16).weights(Init.normal(1)).size(SIZE, SIZE).build();
        Grid grid = new Grid(base, GridAxis.parse("depth=1..10"), null, SIZE, SIZE);
        Model deepest = grid.recipe(9, 0).toModel();
        assertThat(deepest.layers()).hasSize(11);
        assertThat(base.toModel().layers().subList(0, 8)).isEqualTo(deepest.layers().subList(0, 8));
        Layer readout = deepest.layers().get(10);
        float[] previous = null;
        for (int k = 1; k <= 10; k++) {
            Recipe cell = grid.recipe(k - 1, 0);
            Model grown = cell.toModel();
            assertThat(grown.layers()).hasSize(k + 1);
            float[] direct = outputs(grown, cell);
            float[] truncated = outputs(deepest.truncated(k, readout), cell);
            assertThat(direct).as("depth %d", k).hasSize(3 * SIZE * SIZE);
            for (int i = 0; i < direct.length; i++) {
                assertThat(direct[i]).as("depth %d output %d", k, i).isCloseTo(truncated[i], within(1e-6f));
            }
            if (previous != null) {
                assertThat(maxDifference(previous, direct)).as("depth %d adds a layer that changes the picture", k)
                        .isGreaterThan(1e-3);
            }
            previous = direct;
        }
    }

    /** The identity also holds for the fan-in-scaled initialisations when every hidden layer has one width. */
    @Test
    void depthSweepKeepsTheReadoutForScaledInitialisations() {
        Recipe base = Recipe.builder().seed(3).layers(4, 12).weights(Init.scaledNormal(1.5))
                .biases(Init.scaledNormal(0.3)).size(SIZE, SIZE).build();
        Grid grid = new Grid(base, GridAxis.parse("depth=1,2,4"), GridAxis.parse("gain=0.5,2"), SIZE, SIZE);
        for (int j = 0; j < 2; j++) {
            Model deepest = grid.recipe(2, j).toModel();
            Model shallow = grid.recipe(1, j).toModel();
            assertThat(shallow.layers().get(0)).isEqualTo(deepest.layers().get(0));
            assertThat(shallow.layers().get(1)).isEqualTo(deepest.layers().get(1));
            assertThat(shallow.layers().get(2)).isEqualTo(deepest.layers().get(4));
        }
    }

    @Test
    void cellsApplyTheRowValueThenTheColumnValueThenTheCellSize() {
        Recipe base = Recipe.builder().size(1024, 1024).build();
        Grid grid = new Grid(base, GridAxis.parse("activation=tanh,relu"), GridAxis.parse("seed=5..7"), 32, 16);
        assertThat(grid.rowCount()).isEqualTo(2);
        assertThat(grid.columnCount()).isEqualTo(3);
        assertThat(grid.cellCount()).isEqualTo(6);
        Recipe r = grid.recipe(1, 2);
        assertThat(r.activations().get(0).toString()).isEqualTo("relu");
        assertThat(r.seed()).isEqualTo(7);
        assertThat(List.of(r.width(), r.height())).containsExactly(32, 16);
        assertThat(base.seed()).isEqualTo(1);
    }

    @Test
    void flopsFollowTheLayerSizes() {
        Recipe base = Recipe.builder().hidden(10, 20).build();
        Grid grid = new Grid(base, GridAxis.parse("depth=0,2"), null, 8, 8);
        assertThat(grid.flopsPerPixel(0, 0)).isEqualTo(2L * 3 * 3);
        assertThat(grid.flopsPerPixel(1, 0)).isEqualTo(2L * (3 * 10 + 10 * 20 + 20 * 3));
        assertThat(grid.flopsPerPixel(1, 0)).isEqualTo(grid.recipe(1, 0).toModel().flopsPerSample());
    }

    @Test
    void refusesTheSameFieldTwiceAndBadCombinations() {
        Recipe base = Recipe.defaults();
        assertThatThrownBy(() -> new Grid(base, GridAxis.parse("seed=1,2"), GridAxis.parse("seed=3,4"), 8, 8))
                .isInstanceOf(BadInputException.class).hasMessageContaining("rows and columns both sweep seed");
        assertThatThrownBy(() -> new Grid(base, GridAxis.parse("inputs=x,y;x,z"), null, 8, 8))
                .isInstanceOf(BadInputException.class).hasMessage("the inputs include z but z-dim is 0");
        assertThatThrownBy(() -> new Grid(base, GridAxis.parse("seed=1"), null, 0, 8))
                .isInstanceOf(BadInputException.class).hasMessage("cell size must be positive, got 0x8");
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
