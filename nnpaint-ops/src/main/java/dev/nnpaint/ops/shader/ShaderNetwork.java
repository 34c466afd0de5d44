package dev.nnpaint.ops.shader;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.PixelInputs;

/**
 * What a shader paints: a model, the multipliers of its weights and biases, the latent vector, the view and the
 * colour mode. A recipe's network is kept at unit gain and unit weight and bias scales, with the recipe's values
 * as the multipliers: every scalable initialisation is linear in its scale, so a shader animates gain and scales
 * by changing two numbers instead of its weights.
 *
 * @param model       the network (for a recipe: drawn at gain 1 and scales 1)
 * @param weightScale multiplies every weight (a recipe's gain times its weight scale)
 * @param biasScale   multiplies every bias (a recipe's bias scale)
 * @param latent      the latent vector z, one value per {@code zK} input
 * @param extent      half-width of the view
 * @param centerX     view centre, x
 * @param centerY     view centre, y
 * @param rotateDegrees view rotation, counter-clockwise
 * @param color       the colour mode
 * @param tile        whether the view is a seamless tile (the inputs go round a torus)
 */
public record ShaderNetwork(Model model, double weightScale, double biasScale, double[] latent, double extent,
                            double centerX, double centerY, double rotateDegrees, ColorMode color, boolean tile) {

    public ShaderNetwork {
        latent = latent.clone();
        new PixelInputs(model.inputNames(), latent); // fails with a message for an input no pixel can feed
        if (model.grid() != null) {
            throw new BadInputException("the shader cannot paint a hash-grid encoding (its trainable tables)");
        }
        for (int k = 0; k < model.layers().size(); k++) {
            // the shader's activations are the defaults of FastActivations; a leaky slope, an ELU alpha, ... would
            // be painted wrong, so such a network is refused here and the explorer paints it on the server
            if (model.layers().get(k).parameters() != null) {
                throw new BadInputException("layer " + (k + 1) + " has activations with parameters, which the "
                        + "shader does not paint yet");
            }
        }
        if (color.channels() != model.outputCount()) {
            throw new BadInputException("colour mode " + color + " reads " + color.channels() + " output"
                    + (color.channels() == 1 ? "" : "s") + " but the model has " + model.outputCount());
        }
    }

    /** A recipe's network, drawn at unit gain and scales, with the recipe's view and colours. */
    public static ShaderNetwork of(Recipe recipe) {
        Recipe unit = unitScales(recipe);
        return new ShaderNetwork(unit.toModel(), recipe.gain() * scaleOf(recipe.weights()), scaleOf(recipe.biases()),
                recipe.latent(), recipe.extent(), recipe.centerX(), recipe.centerY(), recipe.rotateDegrees(),
                recipe.color(), recipe.tile());
    }

    /** A given model (trained or loaded) with the view, latent vector and colours of a recipe. */
    public static ShaderNetwork of(Model model, Recipe view) {
        return new ShaderNetwork(model, 1, 1, view.latent(), view.extent(), view.centerX(), view.centerY(),
                view.rotateDegrees(), view.color(), view.tile());
    }

    /** The recipe with gain 1 and every scalable initialisation at scale 1: the network the multipliers scale. */
    public static Recipe unitScales(Recipe recipe) {
        return recipe.toBuilder().gain(1).weights(unit(recipe.weights())).biases(unit(recipe.biases())).build();
    }

    /** True for the kinds whose draws are their parameter times a draw at parameter 1. */
    static boolean scalable(Init init) {
        return switch (init.kind()) {
            case NORMAL, UNIFORM, SCALED_NORMAL, CONST -> true;
            default -> false;
        };
    }

    private static Init unit(Init init) {
        return scalable(init) ? new Init(init.kind(), 1) : init;
    }

    private static double scaleOf(Init init) {
        return scalable(init) ? init.parameter() : 1;
    }

    @Override
    public double[] latent() {
        return latent.clone();
    }

    /** Multiply-adds per pixel of the network as the shader runs it: layer widths padded to whole vec4s. */
    public long paddedMultiplyAdds() {
        long n = 0;
        int in = model.layers().get(0).inputs();
        for (var layer : model.layers()) {
            n += (long) ceil4(in) * ceil4(layer.outputs());
            in = layer.outputs();
        }
        return n;
    }

    static int ceil4(int n) {
        return (n + 3) / 4 * 4;
    }
}
