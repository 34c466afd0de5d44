package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;

/**
 * Everything needed to paint: a model, how pixels become its inputs, the view, and how its outputs become
 * colours. A picture, a grid cell, an animation frame and a deep-zoom tile are all paintings.
 */
public record Painting(Model model, PixelInputs inputs, View view, Colorizer colorizer) {

    public Painting {
        if (inputs.count() != model.inputCount()) {
            throw new BadInputException("the model takes " + model.inputCount() + " inputs but "
                    + inputs.count() + " are painted");
        }
        if (colorizer.channels() != model.outputCount()) {
            throw new BadInputException("colour mode " + colorizer.mode() + " reads " + colorizer.channels()
                    + " output" + (colorizer.channels() == 1 ? "" : "s") + " but the model has "
                    + model.outputCount());
        }
    }

    /** The painting a recipe describes: its network, inputs, view and colours. */
    public static Painting of(Recipe recipe) {
        Model model = recipe.toModel();
        return new Painting(model, new PixelInputs(model.inputNames(), recipe.latent()), viewOf(recipe),
                new Colorizer(recipe.color()));
    }

    /** A given model (trained or loaded) painted with the view and colours of a recipe. */
    public static Painting of(Model model, Recipe view) {
        return new Painting(model, new PixelInputs(model.inputNames(), view.latent()), viewOf(view),
                new Colorizer(view.color()));
    }

    public static View viewOf(Recipe r) {
        return r.view().toView();
    }

    public Painting withView(View v) {
        return new Painting(model, inputs, v, colorizer);
    }
}
