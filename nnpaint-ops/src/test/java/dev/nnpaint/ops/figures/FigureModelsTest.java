package dev.nnpaint.ops.figures;

import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model of the original PyTorch network: a bias on the first layer only, every weight kept. */
class FigureModelsTest {

    @Test
    void onlyTheFirstLayerKeepsItsBiases() {
        FigureSpec.ModelStep step = new FigureSpec.ModelStep("chopra-grey-goo.json", true, "goo.model.json");
        String json = Manifest.resourceText("recipes/chopra-grey-goo.json");
        Model drawn = dev.nnpaint.ops.format.RecipeJson.fromJson(json, "goo").toModel();
        Model model = FigureModels.build(step, json);

        // Linear(2,16) with bias, eight Linear(16,16) and Linear(16,3) without
        assertThat(model.layers()).hasSize(10);
        assertThat(model.inputNames()).containsExactly("x", "y");
        Layer first = model.layers().get(0);
        assertThat(first.inputs()).isEqualTo(2);
        assertThat(first.outputs()).isEqualTo(16);
        // PyTorch's default bias U(-1/sqrt(2), 1/sqrt(2)): drawn, not zero, within the bound
        for (int row = 0; row < 16; row++) {
            assertThat(Math.abs(first.biasOf(row))).isLessThanOrEqualTo((float) (1 / Math.sqrt(2)));
        }
        assertThat(first.bias()).isEqualTo(drawn.layers().get(0).bias()).containsAnyOf(nonZero(first.bias()));
        List<Layer> rest = model.layers().subList(1, 10);
        for (int k = 0; k < rest.size(); k++) {
            assertThat(rest.get(k).bias()).as("layer " + (k + 1)).containsOnly(0f);
            assertThat(rest.get(k).weights()).isEqualTo(drawn.layers().get(k + 1).weights());
        }
        assertThat(model.layers().get(9).outputs()).isEqualTo(3);
    }

    private static float nonZero(float[] values) {
        for (float v : values) {
            if (v != 0) {
                return v;
            }
        }
        return Float.NaN;
    }
}
