package dev.nnpaint.ops;

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
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pictures that explain a network: s-curves (1d), a heightmap, the colour channels. */
public final class PlotOperation {

    public static final List<String> KINDS = List.of("1d", "heightmap", "channels");
    public static final int MAX_PANEL = 4096;

    private PlotOperation() {
    }

    /**
     * @param kind        1d, heightmap or channels
     * @param output      .png, or .svg for 1d; null for plot-KIND.png
     * @param recipe      the network's recipe (see {@link #kindDefaults}); with a model, its view and colours
     * @param viewGiven   whether the recipe's view was set (it does not go with a range)
     * @param model       a model file to plot instead of the recipe's network, or null
     * @param range       LO,HI, or null for the kind's default
     * @param panelWidth  each panel's size, or 0 for the kind's default (likewise {@code panelHeight})
     * @param channel     the heightmap's output of several, or null for the only one
     */
    public record Request(String kind, Path output, Recipe.Builder recipe, boolean viewGiven, Path model,
                          String range, int panelWidth, int panelHeight, int unit, int samples, int mesh,
                          double azimuth, double elevation, Integer channel, boolean tint, Execution run) {
    }

    /** @param written what was written, e.g. "840x340" or "SVG, 3 panels of 420x340" */
    public record Result(Path output, String written, double seconds) {
    }

    public static Result run(Request q) {
        String k = q.kind().trim().toLowerCase(Locale.ROOT);
        Path target = target(q.kind(), q.output());
        boolean svg = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        if (q.panelWidth() > MAX_PANEL || q.panelHeight() > MAX_PANEL) {
            throw new BadInputException("--panel-size must be at most " + MAX_PANEL + " pixels a side, got "
                    + q.panelWidth() + "x" + q.panelHeight());
        }
        double[] lohi = q.range() == null ? null : parseRange(q.range());
        AtomicOutput.checkWritable(target);

        long start = System.nanoTime();
        String written;
        if (k.equals("1d")) {
            written = plot1d(q, target, svg, lohi == null ? new double[] {-5, 5} : lohi);
        } else {
            Painting painting = painting(q, k, lohi);
            Figure figure;
            if (k.equals("heightmap")) {
                int size = q.panelWidth() <= 0 ? 320 : q.panelWidth();
                figure = HeightmapPlot.of(painting, checkedChannel(q.channel()), size, q.mesh(), q.azimuth(),
                        checkedElevation(q.elevation(), q.azimuth()), q.run().kernel(), q.run().threads()).figure();
            } else {
                int w = q.panelWidth() <= 0 ? 320 : q.panelWidth();
                int h = q.panelHeight() <= 0 ? 320 : q.panelHeight();
                figure = ChannelsPlot.of(painting, w, h, q.tint(), q.run().kernel(), q.run().threads()).figure();
            }
            written = writePng(target, figure.image(), k);
        }
        return new Result(target, written, (System.nanoTime() - start) / 1e9);
    }

    private static String plot1d(Request q, Path target, boolean svg, double[] lohi) {
        Model m = q.model() != null ? ModelJson.read(q.model()).model() : q.recipe().build().toModel();
        SCurvePlot plot = SCurvePlot.of(m, q.unit(), lohi[0], lohi[1], q.samples(), q.run().kernel());
        int w = q.panelWidth() <= 0 ? 420 : q.panelWidth();
        int h = q.panelHeight() <= 0 ? 340 : q.panelHeight();
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

    /** Checks the kind and the output's name before anything is read; the file to write. */
    public static Path target(String kind, Path output) {
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
        return target;
    }

    /** Sets the network a kind of plot defaults to when no --config is given. */
    public static Recipe.Builder kindDefaults(String kind, Recipe.Builder b) {
        switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "1d":
                b.inputs(List.of("x")).hidden(5, 1);
                break;
            case "heightmap":
                b.inputs(List.of("x", "y")).hidden(12, 12).color("gray");
                break;
            default:
                break;
        }
        return b;
    }

    /** The painting of a heightmap or channels plot: a model file or the recipe, over the range or the view. */
    private static Painting painting(Request q, String k, double[] lohi) {
        Path model = q.model();
        if (lohi != null && q.viewGiven()) {
            throw new BadInputException("give either --range or --extent/--zoom/--center, not both");
        }
        Recipe.Builder b = q.recipe();
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
    private static int checkedChannel(Integer channel) {
        if (channel == null) {
            return -1;
        }
        if (channel < 0) {
            throw new BadInputException("--channel counts outputs from 0, got " + channel);
        }
        return channel;
    }

    private static double checkedElevation(double elevation, double azimuth) {
        if (!(elevation >= 0 && elevation <= 90)) {
            throw new BadInputException("--elevation must be between 0 and 90 degrees, got " + elevation);
        }
        if (!Double.isFinite(azimuth)) {
            throw new BadInputException("--azimuth must be a finite number of degrees, got " + azimuth);
        }
        return elevation;
    }

    /** "LO,HI" with finite LO < HI. */
    public static double[] parseRange(String text) {
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
