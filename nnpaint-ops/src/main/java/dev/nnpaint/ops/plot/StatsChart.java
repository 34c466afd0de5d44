package dev.nnpaint.ops.plot;

import dev.nnpaint.ops.plot.Chart;
import dev.nnpaint.ops.plot.Figure;
import dev.nnpaint.stats.NetworkStats;
import dev.nnpaint.stats.StatsReport;
import dev.nnpaint.theory.NetworkPrediction;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture of {@code nnpaint stats --plot}: three charts over the layers (1 .. L hidden, L + 1 the output
 * layer), measured as solid lines with dots and the mean-field prediction dashed: the mean squared
 * pre-activation q, log10 of the decorrelation 1 - c of neighbouring pixels (a straight line of slope
 * log10 chi_1 while it is small), and log10 of the length of a circle's image (layer 0 is the input circle).
 */
public final class StatsChart {

    public static final int PANEL_WIDTH = 430;
    public static final int PANEL_HEIGHT = 340;

    private StatsChart() {
    }

    public static Figure of(StatsReport report, String heading) {
        NetworkStats m = report.measured();
        NetworkPrediction p = report.predicted();
        int depth = m.layers().size();
        double[] layer = new double[depth];
        double[] q = new double[depth];
        double[] gap = new double[depth];
        double[] qPredicted = new double[depth];
        double[] gapPredicted = new double[depth];
        double[] curveLayer = new double[depth + 1];
        double[] curve = new double[depth + 1];
        curve[0] = Math.log10(m.inputCurveLength());
        for (int k = 0; k < depth; k++) {
            NetworkStats.LayerStats l = m.layers().get(k);
            layer[k] = k + 1;
            q[k] = l.meanSquaredPreActivation();
            gap[k] = log10OrNaN(l.neighbourDecorrelation());
            curveLayer[k + 1] = k + 1;
            curve[k + 1] = log10OrNaN(l.curveLength());
            if (p != null) {
                qPredicted[k] = p.layers().get(k).meanSquaredPreActivation();
                gapPredicted[k] = log10OrNaN(p.layers().get(k).neighbourDecorrelation());
            }
        }
        String xLabel = "layer (" + depth + " = output)";
        Chart qChart = base("pre-activation size q", xLabel, "mean of h^2").xRange(1, Math.max(2, depth));
        Chart gapChart = base("neighbouring pixels: 1 - c", xLabel, "log10 (1 - c)").xRange(1, Math.max(2, depth));
        if (p != null) {
            qChart.line(layer, qPredicted, Chart.ORANGE, "mean field", 2f, true);
            gapChart.line(layer, gapPredicted, Chart.ORANGE, "mean field", 2f, true);
        }
        qChart.line(layer, q, Chart.BLUE, "measured").scatter(layer, q, Chart.BLUE, Chart.Marker.DOT, null);
        gapChart.line(layer, gap, Chart.BLUE, "measured").scatter(layer, gap, Chart.BLUE, Chart.Marker.DOT, null);
        if (!(gap[depth - 1] < gap[0])) {
            gapChart.legendBelow(); // rising curves end top right, where the legend would sit
        }
        Chart curveChart = base("length of a circle's image", "layer (0 = input)", "log10 length")
                .line(curveLayer, curve, Chart.GREEN, "measured")
                .scatter(curveLayer, curve, Chart.GREEN, Chart.Marker.DOT, null).xRange(0, Math.max(1, depth));
        if (curve[depth] >= curve[0]) {
            curveChart.legendBelow();
        }
        List<BufferedImage> panels = new ArrayList<>();
        panels.add(qChart.render());
        panels.add(gapChart.render());
        panels.add(curveChart.render());
        return Figure.sideBySide(heading, panels);
    }

    private static Chart base(String title, String xLabel, String yLabel) {
        return new Chart(PANEL_WIDTH, PANEL_HEIGHT).title(title).xLabel(xLabel).yLabel(yLabel);
    }

    /** A zero or negative value has no logarithm: it breaks the line instead of pulling the axis to -infinity. */
    private static double log10OrNaN(double v) {
        return v > 0 ? Math.log10(v) : Double.NaN;
    }
}
