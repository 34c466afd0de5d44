package dev.nnpaint.app.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.app.io.AtomicOutput;
import dev.nnpaint.app.io.ImageMetadata;
import dev.nnpaint.app.io.ModelJson;
import dev.nnpaint.app.io.PngWriter;
import dev.nnpaint.app.io.RecipeJson;
import dev.nnpaint.app.sheet.SheetMetadata;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nnpaint render}: paints one image with a random network (or a model file) and writes a PNG. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Paint an image with a random network, or with a model file, into a PNG.",
                "The PNG carries its recipe: 'nnpaint render --from art.png --size 4096' paints it again;",
                "from a grid sheet, --cell ROW,COL picks the cell to paint."})
final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", defaultValue = "art.png",
            description = "Where to write the image.")
    Path output;

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--model", paramLabel = "FILE.json",
            description = "Paint this model file (nnpaint.model/1) instead of a random network.")
    Path model;

    @Option(names = "--from", paramLabel = "FILE.png",
            description = "Start from the recipe (or model) stored in a PNG that nnpaint wrote.")
    Path from;

    @Option(names = "--cell", paramLabel = "ROW,COL",
            description = "With --from a grid sheet: the cell to paint, from 1,1 at the top left.")
    String cell;

    @Option(names = "--save-config", paramLabel = "FILE.json", description = "Also write the recipe as JSON.")
    Path saveConfig;

    @Option(names = "--save-model", paramLabel = "FILE.json",
            description = "Also write the network's weights as a model file.")
    Path saveModel;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        if (model != null && from != null) {
            throw new BadInputException("give either --model or --from, not both");
        }
        if (cell != null && from == null) {
            throw new BadInputException("--cell picks a cell of the grid sheet given with --from");
        }
        ImageMetadata.Source source = from != null ? SheetMetadata.source(from, cell) : sourceFromOptions();
        Recipe r = recipe.applyTo(source.recipe()).build();
        Model m = source.model() != null ? source.model().model() : r.toModel();
        Painting painting = source.model() != null ? Painting.of(m, r) : Painting.of(r);

        if (!output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("render writes PNG images: name the output *.png, got '" + output + "'");
        }
        AtomicOutput.checkWritable(output);
        for (Path p : new Path[] {saveConfig, saveModel}) {
            if (p != null) {
                AtomicOutput.checkWritable(p);
            }
        }
        run.checkCost(painting.view().pixels(), m.flopsPerSample());

        if (saveConfig != null) {
            AtomicOutput.writeString(saveConfig, RecipeJson.toJson(r));
        }
        if (saveModel != null) {
            ModelJson.write(saveModel, m, r.color());
        }
        Map<String, String> text = ImageMetadata.describe(r, source.model() == null ? null : m, source.modelPath());
        Renderer renderer = new Renderer(painting, new Evaluator(m, run.kernel()), run.threads(),
                Renderer.DEFAULT_TILE);
        long start = System.nanoTime();
        try (ProgressBar bar = ProgressBar.start("render", run.quiet)) {
            AtomicOutput.write(output, out -> {
                try (PngWriter png = new PngWriter(out, painting.view().width(), painting.view().height(),
                        pngColorType(r), text)) {
                    renderer.render((rgb, first, rows) -> png.writeRgbRows(rgb, 0, rows), bar::update);
                }
            });
        }
        if (!run.quiet) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("wrote %s (%dx%d, %.2f s, %s kernel, %d threads)%n", output,
                    painting.view().width(), painting.view().height(), seconds, run.kernel().name(), run.threads());
        }
        return 0;
    }

    /** Gray paintings are written as gray PNGs: a third of the bytes to compress and store. */
    private static PngWriter.ColorType pngColorType(Recipe r) {
        return ColorMode.parse(r.color()).kind() == ColorMode.Kind.GRAY ? PngWriter.ColorType.GRAY
                : PngWriter.ColorType.RGB;
    }

    /** The starting point when no image is given: --config or the defaults, and the model file if any. */
    private ImageMetadata.Source sourceFromOptions() {
        Recipe.Builder b = recipe.startingBuilder();
        if (model == null) {
            return new ImageMetadata.Source(b, null, null);
        }
        ModelJson.ModelFile file = ModelJson.read(model);
        b.color(file.color());
        long latent = file.model().inputNames().stream().filter(n -> n.matches("z[0-9]+")).count();
        if (latent > 0) {
            b.latent((int) latent, null);
        }
        return new ImageMetadata.Source(b, file, model);
    }
}
