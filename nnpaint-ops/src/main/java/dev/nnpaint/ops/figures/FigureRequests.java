package dev.nnpaint.ops.figures;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.Execution;
import dev.nnpaint.ops.GridOperation;
import dev.nnpaint.ops.PlotOperation;
import dev.nnpaint.ops.Progress;
import dev.nnpaint.ops.RenderOperation;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.options.SizeConverter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a figure into the typed request of the operation that makes it: the recipe read from the gallery's
 * {@value FigureArguments#RECIPES} folder, the sizes scaled, the output under the gallery folder. A figure's
 * arguments are the words of the command shown in the gallery; only the options figures use are understood here,
 * and any other is an error in the manifest.
 */
public final class FigureRequests {

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "render", Set.of("--model", "--config", "--size", "--zoom"),
            "grid", Set.of("--config", "--rows", "--cols", "--size"),
            "animate", Set.of("--config", "--vary", "--frames", "--fps", "--ease", "--cross-section", "--size"),
            "plot", Set.of("--model", "--config", "--range", "--panel-size"));

    private FigureRequests() {
    }

    /** A figure's work: one of the operations with its request. */
    public sealed interface Job {
        void run(Progress progress) throws InterruptedException;
    }

    public record Render(RenderOperation.Request request) implements Job {
        @Override
        public void run(Progress progress) {
            RenderOperation.run(request, progress);
        }
    }

    public record GridSheet(GridOperation.Request request) implements Job {
        @Override
        public void run(Progress progress) throws InterruptedException {
            GridOperation.run(request, progress);
        }
    }

    public record Animate(AnimateOperation.Request request) implements Job {
        @Override
        public void run(Progress progress) {
            AnimateOperation.run(request, progress);
        }
    }

    public record Plot(PlotOperation.Request request) implements Job {
        @Override
        public void run(Progress progress) {
            PlotOperation.run(request);
        }
    }

    /** The request that makes {@code figure} in {@code dir} at {@code scale}, run as {@code run} says. */
    public static Job of(FigureSpec figure, Path dir, double scale, Execution run) {
        Path base = dir.toAbsolutePath();
        String recipes = base.resolve(FigureArguments.RECIPES) + "/";
        Path output = base.resolve(figure.output());
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new HashMap<>();
        List<String> args = figure.args();
        Set<String> known = OPTIONS.get(figure.command());
        if (known == null) {
            throw new BadInputException("figure '" + figure.id() + "': unknown command '" + figure.command() + "'");
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            if (!known.contains(arg) || i + 1 == args.size()) {
                throw new BadInputException("figure '" + figure.id() + "': " + figure.command()
                        + " figures take " + known + ", got '" + arg + "'");
            }
            options.computeIfAbsent(arg, k -> new ArrayList<>())
                    .add(FigureArguments.expand(args.get(++i), figure, recipes, scale));
        }
        String config = one(options, "--config");
        Recipe.Builder recipe = config == null ? Recipe.builder() : RecipeJson.builderFromJson(read(config), config);
        SizeConverter.Size size = one(options, "--size") == null ? null
                : new SizeConverter().convert(one(options, "--size"));
        switch (figure.command()) {
            case "render": {
                String modelFile = one(options, "--model");
                ModelJson.ModelFile model = null;
                if (modelFile != null) {
                    // as the command line does for --model: the model's colours, its latent inputs
                    model = ModelJson.read(Path.of(modelFile));
                    recipe.color(model.color());
                    long latent = model.model().inputNames().stream().filter(n -> n.matches("z[0-9]+")).count();
                    if (latent > 0) {
                        recipe.latent((int) latent, null);
                    }
                }
                if (size != null) {
                    recipe.size(size.width(), size.height());
                }
                String zoom = one(options, "--zoom");
                if (zoom != null) {
                    recipe.extent(1 / Double.parseDouble(zoom));
                }
                return new Render(new RenderOperation.Request(recipe.build(), model,
                        modelFile == null ? null : Path.of(modelFile), output, null, null, run));
            }
            case "grid": {
                int w = size == null ? GridOperation.DEFAULT_CELL : size.width();
                int h = size == null ? GridOperation.DEFAULT_CELL : size.height();
                return new GridSheet(new GridOperation.Request(recipe, one(options, "--rows"),
                        one(options, "--cols"), w, h, GridOperation.DEFAULT_GAP, output, run));
            }
            case "animate": {
                if (size != null) {
                    recipe.size(size.width(), size.height());
                } else if (config == null) {
                    recipe.size(AnimateOperation.DEFAULT_SIZE, AnimateOperation.DEFAULT_SIZE);
                }
                String frames = one(options, "--frames");
                String fps = one(options, "--fps");
                String section = one(options, "--cross-section");
                String ease = one(options, "--ease");
                return new Animate(new AnimateOperation.Request(output.toString(), recipe,
                        options.getOrDefault("--vary", List.of()), false,
                        section == null ? null : Integer.valueOf(section), frames == null ? 48 : Integer.parseInt(frames),
                        fps == null ? 24 : Double.parseDouble(fps), null, ease == null ? "linear" : ease, "ordered",
                        run));
            }
            default: {
                if (positional.size() != 1) {
                    throw new BadInputException("figure '" + figure.id() + "': plot figures name one kind, got "
                            + positional);
                }
                String kind = positional.get(0);
                if (config == null) {
                    PlotOperation.kindDefaults(kind, recipe);
                }
                String panel = one(options, "--panel-size");
                SizeConverter.Size panelSize = panel == null ? null : new SizeConverter().convert(panel);
                String modelFile = one(options, "--model");
                return new Plot(new PlotOperation.Request(kind, output, recipe, false,
                        modelFile == null ? null : Path.of(modelFile), one(options, "--range"),
                        panelSize == null ? 0 : panelSize.width(), panelSize == null ? 0 : panelSize.height(), 0, 400,
                        100, -35, 32, null, false, run));
            }
        }
    }

    private static String one(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot read recipe '" + file + "': " + e.getMessage());
        }
    }
}
