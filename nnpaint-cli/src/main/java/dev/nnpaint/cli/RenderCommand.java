package dev.nnpaint.cli;

import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.RenderOperation;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.options.OutputOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.SourceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nnpaint render}: paints one image with a random network (or a model file) and writes a PNG. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Paint an image with a random network, or with a model file, into a PNG.",
                "The PNG carries its recipe: 'nnpaint render --from art.png --size 4096' paints it again;",
                "from a grid sheet, --cell ROW,COL picks the cell to paint."})
final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", defaultValue = "art.png",
            description = "Where to write the image: a PNG, or a TIFF when named *.tif or *.tiff.")
    Path output;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    SourceOptions sources;

    @Option(names = "--save-config", paramLabel = "FILE.json", description = "Also write the recipe as JSON.")
    Path saveConfig;

    @Option(names = "--save-model", paramLabel = "FILE.json|FILE.onnx",
            description = "Also write the network's weights as a model file (ONNX when the name ends in .onnx).")
    Path saveModel;

    @Mixin
    OutputOptions print;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ImageMetadata.Source source = sources.source(recipe);
        Recipe.Builder b = recipe.applyTo(source.recipe());
        OutputFormat format = print.apply(b, recipe.size());
        Recipe r = b.build();
        RenderOperation.Request request = new RenderOperation.Request(r, source.model(), source.modelPath(), output,
                saveConfig, saveModel, run.execution(), format);
        RenderOperation.Result result;
        try (ProgressBar bar = ProgressBar.start("render", run.quiet)) {
            result = RenderOperation.run(request, bar);
        }
        if (!run.quiet) {
            System.err.printf("wrote %s (%dx%d, %.2f s, %s kernel, %d threads)%n", result.output(), result.width(),
                    result.height(), result.seconds(), result.kernel(), result.threads());
        }
        return 0;
    }
}
