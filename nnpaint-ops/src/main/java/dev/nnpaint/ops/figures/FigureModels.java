package dev.nnpaint.ops.figures;

import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the model files some figures paint: networks drawn from a recipe, then changed in ways a recipe cannot say. */
public final class FigureModels {

    private FigureModels() {
    }

    /** The model of {@code step}, drawn from its recipe's text. */
    public static Model build(FigureSpec.ModelStep step, String recipeJson) {
        Model model = RecipeJson.fromJson(recipeJson, step.recipe()).toModel();
        return step.firstLayerBiasOnly() ? firstLayerBiasOnly(model) : model;
    }

    /**
     * The same network with every bias after the first layer set to zero: PyTorch's {@code Linear(2, 16)} (with
     * bias) followed by {@code Linear(16, 16, bias=False)} layers. Weights are untouched, so a recipe's seed
     * still names the network.
     */
    public static Model firstLayerBiasOnly(Model model) {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < model.layers().size(); k++) {
            Layer l = model.layers().get(k);
            layers.add(k == 0 ? l : new Layer(l.inputs(), l.outputs(), l.weights(), new float[l.outputs()],
                    l.activations()));
        }
        return new Model(model.inputNames(), layers);
    }

    /** Writes the model of {@code step} into {@code recipes}, with the colour mode of its recipe. */
    public static void write(FigureSpec.ModelStep step, String recipeJson, Path recipes) {
        Recipe recipe = RecipeJson.fromJson(recipeJson, step.recipe());
        ModelJson.write(recipes.resolve(step.file()), build(step, recipeJson), recipe.color().toString());
    }
}
