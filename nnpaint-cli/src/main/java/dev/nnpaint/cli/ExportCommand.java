package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.SourceOptions;
import dev.nnpaint.ops.shader.GlslGenerator;
import dev.nnpaint.ops.shader.ShaderExport;
import dev.nnpaint.ops.shader.ShaderNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code nnpaint export}: a network as GPU shaders, its weights baked in. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Write a network as shaders that paint it on a GPU, weights baked in as constants:",
                "a Shadertoy image shader animated by iTime, a plain GLSL ES 3.00 fragment shader with",
                "documented uniforms, or one offline HTML page that paints and animates it with sliders.",
                "The recipe comes from the options, a model file (--model) or a PNG nnpaint wrote (--from)."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--shadertoy", paramLabel = "FILE.glsl", description = "Write a Shadertoy image shader.")
    Path shadertoy;

    @Option(names = "--glsl", paramLabel = "FILE.frag", description = "Write a GLSL ES 3.00 fragment shader.")
    Path glsl;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Write a self-contained page.")
    Path html;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    SourceOptions sources;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing.")
    boolean quiet;

    @Override
    public Integer call() {
        if (shadertoy == null && glsl == null && html == null) {
            throw new BadInputException("name at least one output: --shadertoy FILE.glsl, --glsl FILE.frag or "
                    + "--html FILE.html");
        }
        ImageMetadata.Source source = sources.source(recipe);
        Recipe r = recipe.applyTo(source.recipe()).build();
        Model m = SourceOptions.modelOf(source, r);
        SourceOptions.paintingOf(source, m, r); // refuses what cannot be painted, as render does
        ShaderNetwork network = source.model() != null ? ShaderNetwork.of(m, r) : ShaderNetwork.of(r);
        for (Path p : new Path[] {shadertoy, glsl, html}) {
            if (p != null) {
                AtomicOutput.checkWritable(p);
            }
        }
        GlslGenerator.Glsl code = GlslGenerator.generate(network, GlslGenerator.Weights.CONSTANTS);
        String title = "nnpaint " + (source.model() != null ? "model" : "seed " + r.seed()) + ", "
                + m.layers().size() + " layers, " + r.color();
        if (shadertoy != null) {
            ShaderExport.write(shadertoy, ShaderExport.shadertoy(code, network, title));
        }
        if (glsl != null) {
            ShaderExport.write(glsl, ShaderExport.fragment(code, network, title));
        }
        if (html != null) {
            ShaderExport.write(html, ShaderExport.html(code, network, title, r.width(), r.height()));
        }
        if (!quiet) {
            System.out.printf("%d multiply-adds and %d vec4 activations a pixel; wrote %s%n", code.multiplyAdds(),
                    code.activations(), String.join(", ", java.util.stream.Stream.of(shadertoy, glsl, html)
                            .filter(p -> p != null).map(Path::toString).toList()));
        }
        return 0;
    }
}
