package dev.nnpaint.ops.figures;

import java.util.List;

/**
 * One figure of the gallery: the nnpaint subcommand and arguments that make it, and the words shown beside it.
 * Arguments may hold tokens that {@link FigureArguments} expands: {@code @NAME} (a recipe file kept with the
 * figures), {@code {size:N}} or {@code {size:WxH}} (pixels, scaled for quick runs) and {@code {model}} (the model
 * file made by {@link #model()}).
 *
 * @param id       short unique name, also the stem of the output file
 * @param article  the {@link Article#id()} it belongs to
 * @param title    one line
 * @param caption  which hyperparameters it shows
 * @param command  the subcommand: render, grid, animate or plot
 * @param args     the subcommand's arguments, without the output
 * @param output   the file it writes, relative to the gallery folder
 * @param model    a model to build before the command runs, or null
 */
public record FigureSpec(String id, String article, String title, String caption, String command,
                         List<String> args, String output, ModelStep model) {

    public FigureSpec {
        args = List.copyOf(args);
    }

    /**
     * A model file made from a recipe before the figure's command runs, for networks a recipe cannot say:
     * with {@code firstLayerBiasOnly} every layer after the first loses its bias, as in a PyTorch network built
     * from one {@code Linear(bias=True)} followed by {@code Linear(bias=False)} layers.
     *
     * @param recipe             the recipe file (kept with the figures) that draws the weights
     * @param firstLayerBiasOnly zero the biases of every layer after the first
     * @param file               the model file's name in the gallery's recipe folder
     */
    public record ModelStep(String recipe, boolean firstLayerBiasOnly, String file) {
    }
}
