package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelFiles;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.format.PaintingPng;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.format.TiffWriter;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Paints one picture, a recipe's network or a given model, into a PNG that carries its recipe (or model), or into
 * a TIFF when the output is named *.tif or *.tiff.
 */
public final class RenderOperation {

    private RenderOperation() {
    }

    /**
     * @param recipe     the recipe; with a model, only its view and colours are painted
     * @param model      a model file to paint instead of the recipe's network, or null
     * @param modelPath  where the model file is (an image of a big model refers to it), or null
     * @param output     the PNG to write
     * @param saveConfig also write the recipe as JSON here, or null
     * @param saveModel  also write the painted network as a model file here, or null
     */
    public record Request(Recipe recipe, ModelJson.ModelFile model, Path modelPath, Path output, Path saveConfig,
                          Path saveModel, Execution run, OutputFormat format) {

        /** An 8-bit image without a print resolution. */
        public Request(Recipe recipe, ModelJson.ModelFile model, Path modelPath, Path output, Path saveConfig,
                       Path saveModel, Execution run) {
            this(recipe, model, modelPath, output, saveConfig, saveModel, run, OutputFormat.DEFAULT);
        }
    }

    public record Result(Path output, int width, int height, double seconds, String kernel, int threads) {
    }

    /** The picture a request paints: the network is drawn (or read) once. */
    public static PaintingPng.Picture picture(Recipe recipe, ModelJson.ModelFile model, Path modelPath) {
        return model == null ? PaintingPng.ofRecipe(recipe) : PaintingPng.ofModel(model.model(), recipe, modelPath);
    }

    public static Result run(Request request, Progress progress) {
        Recipe r = request.recipe();
        PaintingPng.Picture picture = picture(r, request.model(), request.modelPath());
        Model m = picture.model();
        Path output = request.output();
        String name = output.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png") && !TiffWriter.named(name)) {
            throw new BadInputException("render writes PNG or TIFF images: name the output *.png or *.tif, got '"
                    + output + "'");
        }
        if (TiffWriter.named(name)) {
            TiffWriter.checkSize(picture.width(), picture.height(), request.format().depth());
        }
        AtomicOutput.checkWritable(output);
        for (Path p : new Path[] {request.saveConfig(), request.saveModel()}) {
            if (p != null) {
                AtomicOutput.checkWritable(p);
            }
        }
        if (request.saveModel() != null) {
            // before any file is written: ONNX cannot hold a hash grid, for one
            ModelFiles.checkWritable(request.saveModel(), m);
        }
        Execution run = request.run();
        run.checkCost(picture.painting().view().pixels(),
                m.flopsPerSample() * picture.painting().view().antialias().worstSamplesPerPixel());

        if (request.saveConfig() != null) {
            AtomicOutput.writeString(request.saveConfig(), RecipeJson.toJson(r));
        }
        if (request.saveModel() != null) {
            ModelFiles.write(request.saveModel(), m, r.color().toString());
        }
        long start = System.nanoTime();
        PaintingPng.write(output, picture, run.kernel(), run.threads(), progress.pixels(), request.format());
        return new Result(output, picture.width(), picture.height(), (System.nanoTime() - start) / 1e9,
                run.kernel().name(), run.threads());
    }
}
