package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.PlotOperation;
import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.SizeConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code nnpaint plot}: the pictures that explain a network: s-curves, a heightmap, the colour channels. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Plot how a network paints.",
                "  1d         a one-input network: the first layer's curves, a second-layer unit's sum of",
                "             them and its activation (PNG or SVG)",
                "  heightmap  a one-output network over (x, y) as a lit 3-D surface beside its painted image",
                "  channels   the three outputs one at a time (red, green, blue) and the combined painting",
                "Without --config the network defaults to the kind: 1d: --inputs x --hidden 5,1; heightmap: "
                        + "--inputs x,y --hidden 12,12 --color gray; channels: the render defaults."})
final class PlotCommand implements Callable<Integer> {


    @Parameters(index = "0", paramLabel = "KIND", description = "1d, heightmap or channels.")
    String kind;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the plot: .png, or .svg for 1d (default: plot-KIND.png).")
    Path output;

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--model", paramLabel = "FILE.json",
            description = "Plot this model file (nnpaint.model/1) instead of a random network.")
    Path model;

    @Option(names = "--range", paramLabel = "LO,HI",
            description = "The input range shown: x for 1d (default: -5,5), x and y for the others "
                    + "(default: the view of --extent and --center).")
    String range;

    @Option(names = "--panel-size", paramLabel = "N|WxH", converter = SizeConverter.class,
            description = "Size of each panel in pixels (default: 420x340 for 1d, 320 for the others).")
    SizeConverter.Size panelSize;

    @Option(names = "--unit", paramLabel = "N", defaultValue = "0",
            description = "1d: which unit of the second layer to show, from 0.")
    int unit;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "400",
            description = "1d: points along the input.")
    int samples;

    @Option(names = "--mesh", paramLabel = "N", defaultValue = "100",
            description = "heightmap: the surface is an N x N grid of samples.")
    int mesh;

    @Option(names = "--azimuth", paramLabel = "DEG", defaultValue = "-35",
            description = "heightmap: the direction the surface is seen from, turning about the vertical.")
    double azimuth;

    @Option(names = "--elevation", paramLabel = "DEG", defaultValue = "32",
            description = "heightmap: how high above the floor the surface is seen from (0 to 90).")
    double elevation;

    @Option(names = "--channel", paramLabel = "N",
            description = "heightmap: which output of a network with several (--color rgb, say) to show, from 0.")
    Integer channel;

    @Option(names = "--tint", description = "channels: show each channel in its own colour instead of gray.")
    boolean tint;

    @Mixin
    RunOptions run;

    /** Options of the shared recipe mixin that plot refuses (it sizes panels itself and draws unrotated axes). */
    static final java.util.List<String> REFUSED = java.util.List.of("--size", "--rotate");

    /** Keeps the options plot refuses out of its help; given anyway, they are refused with the reason. */
    static void hideRefusedOptions(picocli.CommandLine plot) {
        picocli.CommandLine.Model.CommandSpec spec = plot.getCommandSpec();
        for (String name : REFUSED) {
            picocli.CommandLine.Model.OptionSpec option = spec.findOption(name);
            if (option != null && !option.hidden()) {
                spec.remove(option);
                spec.addOption(option.toBuilder().hidden(true).build());
            }
        }
    }

    @Override
    public Integer call() {
        Path target = PlotOperation.target(kind, output);
        if (recipe.sizeGiven()) {
            throw new BadInputException("plot sizes each panel with --panel-size, not --size");
        }
        Recipe.Builder b = recipe.startingBuilder();
        if (recipe.configFile() == null) {
            PlotOperation.kindDefaults(kind, b);
        }
        recipe.applyTo(b);
        PlotOperation.Result r = PlotOperation.run(new PlotOperation.Request(kind, target, b, recipe.viewGiven(),
                model, range, panelSize == null ? 0 : panelSize.width(), panelSize == null ? 0 : panelSize.height(),
                unit, samples, mesh, azimuth, elevation, channel, tint, run.execution()));
        if (!run.quiet()) {
            System.err.printf(Locale.ROOT, "wrote %s (%s, %.2f s)%n", r.output(), r.written(), r.seconds());
        }
        return 0;
    }
}
