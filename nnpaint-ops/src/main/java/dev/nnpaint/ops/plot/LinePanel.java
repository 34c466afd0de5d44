package dev.nnpaint.ops.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One line chart as data: title, axis labels, the ranges shown and the series, drawn the same way as a PNG
 * (through {@link Chart}) and as SVG (through {@link SvgFigure}). The legend goes under the chart, in as many
 * columns as fit, so that it never hides a curve.
 */
public record LinePanel(String title, String xLabel, String yLabel, double xLo, double xHi, double yLo, double yHi,
                        List<Series> series) {

    /** One curve: {@code y[i]} at {@code x[i]}; thin dashed lines are for the parts of a bold sum. */
    public record Series(double[] x, double[] y, Color color, String label, float width, boolean dashed) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    public LinePanel {
        series = List.copyOf(series);
    }

    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final int LEGEND_ROW = 17;
    /** Room for a legend sample line and the gap before its label. */
    static final int LEGEND_SAMPLE = 30;

    /** The legend's grid: {@code columns x rows} entries of {@code columnWidth} pixels, filled row by row. */
    record LegendLayout(int columns, int rows, int columnWidth) {
        /** Pixels under the chart for this legend. */
        int height() {
            return rows == 0 ? 0 : rows * LEGEND_ROW + 6;
        }
    }

    /** The series that have a label, in order. */
    List<Series> labelled() {
        return series.stream().filter(s -> !s.label.isEmpty()).toList();
    }

    /** How the legend fits under a plot area {@code areaWidth} pixels wide. */
    LegendLayout legendLayout(int areaWidth, FontMetrics m) {
        List<Series> items = labelled();
        if (items.isEmpty()) {
            return new LegendLayout(0, 0, 0);
        }
        int widest = 0;
        for (Series s : items) {
            widest = Math.max(widest, m.stringWidth(s.label));
        }
        int columnWidth = widest + LEGEND_SAMPLE + 14;
        int columns = Math.max(1, Math.min(items.size(), areaWidth / columnWidth));
        return new LegendLayout(columns, (items.size() + columns - 1) / columns, columnWidth);
    }

    /** The panel as a chart of the given size in pixels, without a legend. */
    public Chart toChart(int width, int height) {
        Chart chart = new Chart(width, height).title(title).xLabel(xLabel).yLabel(yLabel)
                .xRange(xLo, xHi).yRange(yLo, yHi);
        for (Series s : series) {
            chart.line(s.x, s.y, s.color, "", s.width, s.dashed);
        }
        return chart;
    }

    /** Height of this panel's legend under a chart of the given size. */
    public int legendHeight(int width, int height) {
        return legendLayout(toChart(width, height).plotArea().width, metrics()).height();
    }

    /** The chart ({@code width x height}) with its legend in a strip {@code legendHeight} pixels high under it. */
    public BufferedImage render(int width, int height, int legendHeight) {
        Chart chart = toChart(width, height);
        BufferedImage image = new BufferedImage(width, height + legendHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(chart.render(), 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(LEGEND_FONT);
            FontMetrics m = g.getFontMetrics();
            Rectangle area = chart.plotArea();
            LegendLayout layout = legendLayout(area.width, m);
            List<Series> items = labelled();
            for (int i = 0; i < items.size(); i++) {
                Series s = items.get(i);
                double x = area.x + (i % layout.columns) * layout.columnWidth;
                double y = height + (i / layout.columns) * LEGEND_ROW + LEGEND_ROW / 2.0;
                g.setColor(s.color);
                g.setStroke(new BasicStroke(Math.max(2f, s.width)));
                g.draw(new Line2D.Double(x, y, x + LEGEND_SAMPLE - 8, y));
                g.setColor(new Color(0x333333));
                g.drawString(s.label, (float) (x + LEGEND_SAMPLE), (float) (y + m.getAscent() / 2.0 - 1));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static FontMetrics metrics() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(LEGEND_FONT);
        } finally {
            g.dispose();
        }
    }

    /**
     * A y range that holds every finite value of the series with a margin, and a range of at least {@code minSpan} so that a flat line does not fill the panel with noise.
     */
    public static double[] rangeOf(List<Series> series, double minSpan) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.y) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi >= lo)) {
            return new double[] {-1, 1};
        }
        if (hi - lo < minSpan) {
            double mid = (lo + hi) / 2;
            lo = mid - minSpan / 2;
            hi = mid + minSpan / 2;
        }
        double margin = (hi - lo) * 0.06;
        return new double[] {lo - margin, hi + margin};
    }
}
