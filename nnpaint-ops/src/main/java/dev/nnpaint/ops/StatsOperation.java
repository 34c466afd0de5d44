package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.View;
import dev.nnpaint.stats.EncodingStats;
import dev.nnpaint.stats.PixelPairs;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.plot.Chart;
import dev.nnpaint.ops.plot.StatsChart;
import dev.nnpaint.stats.StatsReport;
import dev.nnpaint.theory.MeanField;
import dev.nnpaint.theory.NetworkPrediction;
import dev.nnpaint.stats.Verdict;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A recipe's network measured over the image's pixels beside the mean-field prediction of an infinitely wide
 * network, with verdicts, and optionally drawn as a chart.
 */
public final class StatsOperation {

    private StatsOperation() {
    }

    /** @param plot also draw the statistics as a PNG chart here, or null */
    /** Fewest pixels a row of the measuring grid: enough for the spread over the image to mean something. */
    public static final int MIN_SAMPLES = 8;

    public record Request(Recipe.Builder recipe, int samples, Kernel kernel, Path plot) {
    }

    /** @param plotWidth the chart's size, or 0 without one (likewise {@code plotHeight}) */
    public record Result(Recipe recipe, StatsReport report, int plotWidth, int plotHeight) {
    }

    public static Result run(Request request) {
        // a grid of a few pixels has next to no spread and would be called grey goo, whatever the network
        if (request.samples() < MIN_SAMPLES || request.samples() > 4096) {
            throw new BadInputException("--samples must be between " + MIN_SAMPLES + " and 4096 pixels a row, got "
                    + request.samples());
        }
        Recipe r = request.recipe().build();
        StatsReport report = StatsReport.of(r, request.samples(), request.kernel());
        if (request.plot() == null) {
            return new Result(r, report, 0, 0);
        }
        BufferedImage image = StatsChart.of(report, plotHeading(r, report)).image();
        PngWriter.write(request.plot(), image.getWidth(), image.getHeight(), Chart.rgbBytes(image),
                Map.of("Software", "nnpaint stats"));
        return new Result(r, report, image.getWidth(), image.getHeight());
    }

    /** Why a model file gets no mean-field prediction, for the report. */
    public static final String MODEL_THEORY_NOTE = "the prediction is for weights drawn at random "
            + "(N(0, sigma_w^2/fan_in)); a model file's weights were trained or set, so it does not apply";

    /**
     * A model file measured on a view: what the recipe's size, extent and centre say (a fitted model's frame is
     * extent 1 with the image's aspect).
     *
     * @param model the model to measure
     * @param view  the view and colours; its own network is ignored
     */
    public record ModelRequest(Model model, Recipe.Builder view, int samples, Kernel kernel, Path plot) {
    }

    /** @param encoding the statistics of the encoded inputs, or null when the model has no encoding */
    public record ModelResult(Recipe view, Model model, StatsReport report, EncodingStats encoding, int plotWidth,
                              int plotHeight) {
    }

    /** Measures a model file: its encoding (if any) and every layer, without a mean-field prediction. */
    public static ModelResult runModel(ModelRequest request) {
        if (request.samples() < MIN_SAMPLES || request.samples() > 4096) {
            throw new BadInputException("--samples must be between " + MIN_SAMPLES + " and 4096 pixels a row, got "
                    + request.samples());
        }
        Recipe r = request.view().build();
        Painting painting = Painting.of(request.model(), r);
        StatsReport report = StatsReport.of(request.model(), painting.inputs(), painting.view(), null,
                MODEL_THEORY_NOTE, request.samples(), request.kernel());
        View view = painting.view();
        PixelPairs pairs = PixelPairs.sample(view, painting.inputs(), request.samples());
        double[][] curve = PixelPairs.circle(painting.inputs(), view.centerX(), view.centerY(), report.curveRadius(),
                StatsReport.CURVE_POINTS);
        EncodingStats encoding = EncodingStats.measure(request.model(), pairs, curve, request.kernel());
        if (request.plot() == null) {
            return new ModelResult(r, request.model(), report, encoding, 0, 0);
        }
        String heading = "model: " + request.model().encoding().spec() + " encoding, "
                + (request.model().layers().size() - request.model().frozenLayers()) + " dense layers (no prediction"
                + " for trained weights)";
        BufferedImage image = StatsChart.of(report, heading).image();
        PngWriter.write(request.plot(), image.getWidth(), image.getHeight(), Chart.rgbBytes(image),
                Map.of("Software", "nnpaint stats"));
        return new ModelResult(r, request.model(), report, encoding, image.getWidth(), image.getHeight());
    }

    /** The sigma_w of the edge of chaos for {@code phi} at {@code sigmaB}, or NaN when there is none. */
    public static double criticalSigmaW(ActivationSpec phi, double sigmaB) {
        return MeanField.criticalSigmaW(phi, sigmaB);
    }

    /** The network and its phase in one line, above the charts. */
    static String plotHeading(Recipe r, StatsReport report) {
        StringBuilder h = new StringBuilder();
        h.append(hiddenText(r)).append(' ').append(activationsText(r)).append(", weights ").append(r.weights())
                .append(", biases ").append(r.biases());
        NetworkPrediction p = report.predicted();
        if (p != null && p.governing() != null) {
            MeanField.Summary s = p.governing().summary();
            h.append(": ").append(s.phase()).append(", chi_1 = ").append(Verdict.num(s.chi1()));
        }
        return h.toString();
    }

    /** The hidden layers in a few characters: 8x16, or the sizes when they differ, or "no". */
    public static String hiddenText(Recipe r) {
        int[] h = r.hidden();
        if (h.length == 0) {
            return "no";
        }
        boolean same = Arrays.stream(h).allMatch(v -> v == h[0]);
        return same ? h.length + "x" + h[0] : Arrays.toString(h);
    }

    public static String activationsText(Recipe r) {
        return r.activations().size() == 1 ? r.activations().get(0).toString() : r.activations().toString();
    }
}
