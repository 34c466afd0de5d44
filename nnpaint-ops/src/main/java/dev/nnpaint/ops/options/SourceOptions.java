package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.ModelFiles;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.sheet.SheetMetadata;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where a painting starts (a picocli mixin): the recipe options alone, a model file, or the recipe stored in an
 * image nnpaint wrote. Commands apply their recipe options on top.
 */
public final class SourceOptions {

    @Option(names = "--model", paramLabel = "FILE.json|FILE.onnx",
            description = "Paint this model file (nnpaint.model/1 JSON, or ONNX) instead of a random network.")
    public Path model;

    @Option(names = "--from", paramLabel = "FILE.png",
            description = "Start from the recipe (or model) stored in a PNG that nnpaint wrote.")
    public Path from;

    @Option(names = "--cell", paramLabel = "ROW,COL",
            description = "With --from a grid sheet: the cell to paint, from 1,1 at the top left.")
    public String cell;

    /** The starting recipe and model, before the recipe options are applied. */
    public ImageMetadata.Source source(RecipeOptions recipe) {
        if (model != null && from != null) {
            throw new BadInputException("give either --model or --from, not both");
        }
        if (cell != null && from == null) {
            throw new BadInputException("--cell picks a cell of the grid sheet given with --from");
        }
        return from != null ? SheetMetadata.source(from, cell) : sourceFromOptions(recipe);
    }

    /** The model a source paints: its model file's, or the recipe's own random network. */
    public static Model modelOf(ImageMetadata.Source source, Recipe r) {
        return source.model() != null ? source.model().model() : r.toModel();
    }

    public static Painting paintingOf(ImageMetadata.Source source, Model m, Recipe r) {
        return source.model() != null ? Painting.of(m, r) : Painting.of(r);
    }

    /** The starting point when no image is given: --config or the defaults, and the model file if any. */
    private ImageMetadata.Source sourceFromOptions(RecipeOptions recipe) {
        Recipe.Builder b = recipe.startingBuilder();
        if (model == null) {
            return new ImageMetadata.Source(b, null, null);
        }
        ModelJson.ModelFile file = ModelFiles.read(model);
        b.color(file.color());
        long latent = file.model().inputNames().stream().filter(n -> n.matches("z[0-9]+")).count();
        if (latent > 0) {
            b.latent((int) latent, null);
        }
        return new ImageMetadata.Source(b, file, model);
    }
}
