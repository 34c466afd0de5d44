package dev.nnpaint.ops.plot;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Colorizer;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Palette;
import dev.nnpaint.paint.View;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A single-output network over (x, y) as a landscape: its output as the height of a lit 3-D surface, beside the
 * overhead picture that {@code nnpaint render} paints of the same view (the article's sigmoid neuron).
 *
 * @param figure       the picture: surface on the left, overhead image on the right
 * @param surface      the surface drawn on the left, with its mesh of heights
 * @param overheadArea where the overhead image lies in the figure, pixel for pixel
 * @param overheadView the view the overhead image shows
 */
public record HeightmapPlot(Figure figure, SurfacePlot surface, Rectangle overheadArea, View overheadView) {

    /** Surface colours when the painting itself is gray: heights read more easily in colour. */
    static final String SURFACE_PALETTE = "viridis";

    /**
     * Renders the plot of {@code painting} (its view's centre and extent; rotation is not shown), each panel
     * {@code size} pixels square, the surface a mesh of {@code mesh x mesh} samples.
     */
    public static HeightmapPlot of(Painting painting, int size, int mesh, double azimuth, double elevation,
                                   Kernel kernel, int threads) {
        return of(painting, -1, size, mesh, azimuth, elevation, kernel, threads);
    }

    /**
     * As {@link #of(Painting, int, int, double, double, Kernel, int)}, of output {@code channel} of a network with
     * several outputs (painted in gray); {@code channel} -1 takes the only output of a one-output network.
     */
    public static HeightmapPlot of(Painting painting, int channel, int size, int mesh, double azimuth,
                                   double elevation, Kernel kernel, int threads) {
        String heading = describe(painting.model());
        if (channel >= 0) {
            painting = oneOutput(painting, channel);
            heading += ", output " + channel;
        }
        Model model = painting.model();
        if (model.outputCount() != 1) {
            throw new BadInputException("plot heightmap draws one output, this network has "
                    + model.outputCount() + ": choose one with --channel 0.." + (model.outputCount() - 1)
                    + " (or use --color gray; plot channels shows all three)");
        }
        if (mesh < 2 || mesh > 1000) {
            throw new BadInputException("--mesh must be between 2 and 1000, got " + mesh);
        }
        View base = painting.view();
        View surfaceView = new View(mesh, mesh, base.extent(), base.centerX(), base.centerY(), 0);
        float[] values = ImagePanel.renderer(painting.withView(surfaceView), kernel, threads).renderOutputs();
        double lo = 0;
        double hi = 1;
        double[] heights = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            heights[i] = values[i];
            if (Double.isFinite(heights[i])) {
                lo = Math.min(lo, heights[i]);
                hi = Math.max(hi, heights[i]);
            }
        }
        ColorMode mode = painting.colorizer().mode();
        Palette palette = Palette.named(mode.kind() == ColorMode.Kind.PALETTE ? mode.palette() : SURFACE_PALETTE);
        SurfacePlot surface = new SurfacePlot(heights, mesh, mesh, base.centerX() - base.extent(),
                base.centerX() + base.extent(), base.centerY() - base.extent(), base.centerY() + base.extent(), lo, hi,
                palette, azimuth, elevation, "surface: height = output", "x", "y", "output");

        View overheadView = new View(size, size, base.extent(), base.centerX(), base.centerY(), 0);
        byte[] rgb = ImagePanel.renderer(painting.withView(overheadView), kernel, threads).renderRgb();
        Chart overhead = ImagePanel.chart(ImagePanel.toImage(rgb, size, size), overheadView,
                "from above: the painted image (" + mode + ")", "x", "y");
        BufferedImage overheadImage = overhead.render();
        BufferedImage surfaceImage = surface.render(Math.round(size * 1.3f), overheadImage.getHeight());
        Figure figure = Figure.sideBySide(heading, List.of(surfaceImage, overheadImage));
        return new HeightmapPlot(figure, surface, ImagePanel.area(overhead, figure.panels().get(1)), overheadView);
    }

    /** The painting of output {@code channel} alone, in gray: the last layer cut down to that one unit. */
    static Painting oneOutput(Painting painting, int channel) {
        Model model = painting.model();
        int outputs = model.outputCount();
        if (channel >= outputs) {
            throw new BadInputException("--channel must be between 0 and " + (outputs - 1) + " (the network has "
                    + outputs + " output" + (outputs == 1 ? "" : "s") + "), got " + channel);
        }
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        float[] row = Arrays.copyOfRange(last.weights(), channel * last.inputs(), (channel + 1) * last.inputs());
        float[] bias = last.bias() == null ? null : new float[] {last.bias()[channel]};
        Layer head = new Layer(last.inputs(), 1, row, bias, new Activation[] {last.activations()[channel]});
        Model one = model.truncated(layers.size() - 1, head);
        return new Painting(one, painting.inputs(), painting.view(), Colorizer.of("gray"));
    }

    /** A one-neuron network as its formula, sigmoid(0.40 x + 1.00 y - 0.30); a larger one by its layer sizes. */
    static String describe(Model model) {
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        Activation out = last.uniformActivation();
        // what the first layer reads: the inputs, or the input features made from them
        List<String> reads = model.encoding() instanceof Encoding.Features f ? f.labels() : model.inputNames();
        if (layers.size() == 1 && reads.size() <= 4 && !model.encoding().isFixed() && model.grid() == null) {
            Layer l = layers.get(0);
            StringBuilder sum = new StringBuilder();
            for (int j = 0; j < l.inputs(); j++) {
                double w = l.weight(0, j);
                sum.append(j == 0 ? (w < 0 ? "-" : "") : (w < 0 ? " - " : " + "))
                        .append(String.format(Locale.ROOT, "%.2f ", Math.abs(w))).append(reads.get(j));
            }
            double b = l.biasOf(0);
            if (b != 0) {
                sum.append(b < 0 ? " - " : " + ").append(String.format(Locale.ROOT, "%.2f", Math.abs(b)));
            }
            return "one neuron: " + (out == null ? "act" : out.id()) + "(" + sum + ")";
        }
        String sizes = reads.size() + "-" + layers.stream().map(l -> String.valueOf(l.outputs()))
                .collect(Collectors.joining("-"));
        Activation hidden = layers.get(0).uniformActivation();
        return "network " + sizes + " (" + (hidden == null ? "mixed" : hidden.id()) + ", "
                + (out == null ? "mixed" : out.id()) + " output) over " + String.join(", ", reads);
    }
}
