package dev.nnpaint.theory;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;

import java.util.ArrayList;
import java.util.List;

/**
 * One layer of a random network in mean-field terms: weights with variance sigma_w^2 / fan_in and biases with
 * variance sigma_b^2, and the activation the layer applies to its pre-activations.
 *
 * <p>From an initialisation: {@code normal:S} on fan-in n has sigma_w = S sqrt(n); {@code uniform:A} has
 * variance A^2 / 3, so sigma_w = A sqrt(n / 3); {@code scaled-normal:SW} is SW; {@code pytorch} (U(+-1/sqrt(n)))
 * is 1/sqrt(3); He is sqrt(2), LeCun 1, Xavier sqrt(2 n / (n + fan_out)). The gain multiplies sigma_w.
 * Biases have no fan-in to divide by: sigma_b is their standard deviation.
 */
public record LayerScale(int fanIn, int fanOut, double sigmaW, double sigmaB, ActivationSpec activation) {

    /**
     * The layers of a recipe's network, hidden layers first and the output layer last. Throws
     * {@link BadInputException} when the mean-field picture does not apply (see {@link #notApplicable}).
     */
    public static List<LayerScale> of(Recipe recipe) {
        String reason = notApplicable(recipe);
        if (reason != null) {
            throw new BadInputException(reason);
        }
        List<LayerScale> layers = new ArrayList<>();
        int fanIn = recipe.inputFeatures().size();
        int[] hidden = recipe.hidden();
        for (int k = 0; k <= hidden.length; k++) {
            boolean output = k == hidden.length;
            int fanOut = output ? recipe.outputCount() : hidden[k];
            double sigmaW = Math.abs(recipe.gain()) * Math.sqrt(fanIn * recipe.weights().variance(fanIn, fanOut, false));
            double sigmaB = Math.sqrt(recipe.biases().variance(fanIn, fanOut, true));
            ActivationSpec act = output ? ActivationSpec.of(recipe.outputActivation()) : recipe.activationOfLayer(k);
            layers.add(new LayerScale(fanIn, fanOut, sigmaW, sigmaB, act));
            fanIn = fanOut;
        }
        return layers;
    }

    /** Why a recipe has no sigma_w, sigma_b; null when it has them. */
    public static String notApplicable(Recipe recipe) {
        if (recipe.weights().kind() == Init.Kind.CONST) {
            return "the weights are constant (" + recipe.weights() + "), not random: every unit of a layer "
                    + "computes the same thing, so there is no sigma_w";
        }
        if (recipe.biases().kind() == Init.Kind.CONST && recipe.biases().parameter() != 0) {
            return "the biases are constant (" + recipe.biases() + "): the mean-field theory needs zero-mean "
                    + "random biases";
        }
        return null;
    }
}
