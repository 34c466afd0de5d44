package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.ActivationSpec;
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
