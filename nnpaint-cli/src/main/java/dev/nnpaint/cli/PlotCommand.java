package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.SizeConverter;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.plot.ChannelsPlot;
import dev.nnpaint.ops.plot.Chart;
import dev.nnpaint.ops.plot.Figure;
import dev.nnpaint.ops.plot.HeightmapPlot;
import dev.nnpaint.ops.plot.SCurvePlot;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    static final List<String> KINDS = List.of("1d", "heightmap", "channels");
    static final int MAX_PANEL = 4096;

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

    @Override
    public Integer call() {
        String k = kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new BadInputException("unknown plot '" + kind + "'; valid: " + String.join(", ", KINDS));
        }
        Path target = output != null ? output : Path.of("plot-" + k + ".png");
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!name.endsWith(".png") && !svg) {
            throw new BadInputException("plot writes .png" + (k.equals("1d") ? " or .svg" : "") + " files, got '"
                    + target + "'");
        }
        if (svg && !k.equals("1d")) {
            throw new BadInputException("plot " + k + " is a picture of pixels: name the output *.png (SVG is for 1d)");
        }
        if (recipe.sizeGiven()) {
            throw new BadInputException("plot sizes each panel with --panel-size, not --size");
        }
        if (panelSize != null && (panelSize.width() > MAX_PANEL || panelSize.height() > MAX_PANEL)) {
            throw new BadInputException("--panel-size must be at most " + MAX_PANEL + " pixels a side, got "
                    + panelSize.width() + "x" + panelSize.height());
        }
        double[] lohi = range == null ? null : parseRange(range);
        AtomicOutput.checkWritable(target);

        long start = System.nanoTime();
        String written;
        if (k.equals("1d")) {
            written = plot1d(target, svg, lohi == null ? new double[] {-5, 5} : lohi);
        } else {
            Painting painting = painting(k, lohi);
            Figure figure;
            if (k.equals("heightmap")) {
                int size = panelSize == null ? 320 : panelSize.width();
                figure = HeightmapPlot.of(painting, checkedChannel(), size, mesh, azimuth, checkedElevation(),
                        run.kernel(), run.threads()).figure();
            } else {
                int w = panelSize == null ? 320 : panelSize.width();
                int h = panelSize == null ? 320 : panelSize.height();
                figure = ChannelsPlot.of(painting, w, h, tint, run.kernel(), run.threads()).figure();
            }
            written = writePng(target, figure.image(), k);
        }
        if (!run.quiet()) {
            System.err.printf(Locale.ROOT, "wrote %s (%s, %.2f s)%n", target, written,
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private String plot1d(Path target, boolean svg, double[] lohi) {
        Model m = model != null ? ModelJson.read(model).model() : builder("1d").build().toModel();
        SCurvePlot plot = SCurvePlot.of(m, unit, lohi[0], lohi[1], samples, run.kernel());
        int w = panelSize == null ? 420 : panelSize.width();
        int h = panelSize == null ? 340 : panelSize.height();
        if (w < 160 || h < 160) {
            throw new BadInputException("--panel-size for 1d must be at least 160x160, got " + w + "x" + h);
        }
        if (svg) {
            AtomicOutput.writeString(target, plot.svg(w, h));
            return "SVG, 3 panels of " + w + "x" + h;
        }
        return writePng(target, plot.png(w, h).image(), "1d");
    }

    private static String writePng(Path target, BufferedImage image, String kind) {
        PngWriter.write(target, image.getWidth(), image.getHeight(), Chart.rgbBytes(image),
                Map.of("Software", "nnpaint plot " + kind));
        return image.getWidth() + "x" + image.getHeight();
    }

    /** The recipe: --config or the kind's defaults, then the options given. */
    private Recipe.Builder builder(String k) {
        Recipe.Builder b = recipe.startingBuilder();
        if (recipe.configFile() == null) {
            switch (k) {
                case "1d":
                    b.inputs(List.of("x")).hidden(5, 1);
                    break;
                case "heightmap":
                    b.inputs(List.of("x", "y")).hidden(12, 12).color("gray");
                    break;
                default:
                    break;
            }
        }
        return recipe.applyTo(b);
    }

    /** The painting of a heightmap or channels plot: a model file or the recipe, over the range or the view. */
    private Painting painting(String k, double[] lohi) {
        if (lohi != null && (recipe.given("extent") || recipe.given("zoom") || recipe.given("center"))) {
            throw new BadInputException("give either --range or --extent/--zoom/--center, not both");
        }
        Recipe.Builder b = builder(k);
        if (lohi != null) {
            b.extent((lohi[1] - lohi[0]) / 2).center((lohi[0] + lohi[1]) / 2, (lohi[0] + lohi[1]) / 2);
        }
        Painting painting;
        if (model != null) {
            ModelJson.ModelFile file = ModelJson.read(model);
            if (file.color() == null) {
                throw new BadInputException("plot " + k + " needs a model with " + (k.equals("heightmap") ? "one output"
                        : "three outputs") + ", '" + model + "' has " + file.model().outputCount());
            }
            b.color(file.color());
            long latent = file.model().inputNames().stream().filter(n -> n.matches("z[0-9]+")).count();
            if (latent > 0) {
                b.latent((int) latent, null);
            }
            painting = Painting.of(file.model(), b.build());
        } else {
            painting = Painting.of(b.build());
        }
        if (painting.view().rotation() != 0) {
            throw new BadInputException("plot " + k + " shows an unrotated view with x and y axes; leave out --rotate");
        }
        return painting;
    }

    /** The output chosen with --channel, or -1 for the only one. */
    private int checkedChannel() {
        if (channel == null) {
            return -1;
        }
        if (channel < 0) {
            throw new BadInputException("--channel counts outputs from 0, got " + channel);
        }
        return channel;
    }

    private double checkedElevation() {
        if (!(elevation >= 0 && elevation <= 90)) {
            throw new BadInputException("--elevation must be between 0 and 90 degrees, got " + elevation);
        }
        if (!Double.isFinite(azimuth)) {
            throw new BadInputException("--azimuth must be a finite number of degrees, got " + azimuth);
        }
        return elevation;
    }

    /** "LO,HI" with finite LO < HI. */
    static double[] parseRange(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new BadInputException("--range takes two numbers LO,HI such as -5,5, got '" + text + "'");
        }
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(parts[0].trim());
            hi = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--range takes two numbers LO,HI such as -5,5, got '" + text + "'");
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new BadInputException("--range needs finite LO < HI, got '" + text + "'");
        }
        return new double[] {lo, hi};
    }
}
