package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.SourceOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.PaintingPng;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
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

    @Mixin
    SourceOptions sources;

    @Option(names = "--save-config", paramLabel = "FILE.json", description = "Also write the recipe as JSON.")
    Path saveConfig;

    @Option(names = "--save-model", paramLabel = "FILE.json",
            description = "Also write the network's weights as a model file.")
    Path saveModel;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        ImageMetadata.Source source = sources.source(recipe);
        Recipe r = recipe.applyTo(source.recipe()).build();
        Model m = SourceOptions.modelOf(source, r);
        Painting painting = SourceOptions.paintingOf(source, m, r);

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
            ModelJson.write(saveModel, m, r.color().toString());
        }
        Map<String, String> text = ImageMetadata.describe(r, source.model() == null ? null : m, source.modelPath());
        long start = System.nanoTime();
        try (ProgressBar bar = ProgressBar.start("render", run.quiet)) {
            PaintingPng.write(output, painting, m, text, run.kernel(), run.threads(), bar::update);
        }
        if (!run.quiet) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("wrote %s (%dx%d, %.2f s, %s kernel, %d threads)%n", output,
                    painting.view().width(), painting.view().height(), seconds, run.kernel().name(), run.threads());
        }
        return 0;
    }
}
