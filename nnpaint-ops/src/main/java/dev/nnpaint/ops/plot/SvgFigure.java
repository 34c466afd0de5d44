package dev.nnpaint.ops.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import static dev.nnpaint.ops.format.Markup.escape;

/**
 * Line panels side by side as an SVG document, laid out like {@link Chart} draws them: a frame with nice ticks
 * and their labels, axis titles, a title and a legend. Each series is one {@code <path>}; everything else is
 * lines, rectangles and text, so a reader (or a test) can count the curves.
 */
public final class SvgFigure {

    private static final String FONT = "DejaVu Sans, Verdana, Arial, sans-serif";
    /** Text widths are measured with the font the PNG charts use; SVG viewers use a similar sans-serif. */
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private SvgFigure() {
    }

    /** The panels left to right, each {@code width x height}, under a heading (none when empty). */
    public static String of(String heading, List<LinePanel> panels, int width, int height) {
        int top = heading.isEmpty() ? 0 : Figure.HEADING_HEIGHT;
        int total = Figure.GAP + panels.size() * (width + Figure.GAP);
        int legend = 0;
        for (LinePanel p : panels) {
            legend = Math.max(legend, p.legendLayout(frame(p, width, height).w, LinePanel.metrics()).height());
        }
        int totalHeight = top + height + legend + Figure.GAP / 2;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"%s\">\n", total, totalHeight, total, totalHeight, FONT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", total,
                totalHeight));
        if (!heading.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"27\" font-size=\"17\" font-weight=\"bold\" "
                    + "text-anchor=\"middle\" fill=\"#222222\">%s</text>\n", total / 2.0, escape(heading)));
        }
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), i, Figure.GAP + i * (width + Figure.GAP), top, width, height);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The plot area as {@link Chart} lays it out: room for tick labels, axis titles and the title. */
    private static Frame frame(LinePanel p, int width, int height) {
        double[] yTicks = Chart.niceTicks(p.yLo(), p.yHi(), Math.max(3, height / 70));
        int yTickWidth = 0;
        FontMetrics m = metrics();
        for (double t : yTicks) {
            yTickWidth = Math.max(yTickWidth, m.stringWidth(Chart.format(t, yTicks)));
        }
        int left = 22 + yTickWidth + (p.yLabel().isEmpty() ? 0 : 20);
        int top = p.title().isEmpty() ? 16 : 38;
        int bottom = 34 + (p.xLabel().isEmpty() ? 0 : 20);
        return new Frame(left, top, width - left - 18, height - top - bottom, p);
    }

    private static void panel(StringBuilder svg, LinePanel p, int index, int ox, int oy, int width, int height) {
        double[] xTicks = Chart.niceTicks(p.xLo(), p.xHi(), Math.max(3, width / 110));
        double[] yTicks = Chart.niceTicks(p.yLo(), p.yHi(), Math.max(3, height / 70));
        FontMetrics m = metrics();
        Frame f = frame(p, width, height);
        int left = f.left;
        int top = f.top;
        int w = f.w;
        int h = f.h;

        svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,%d)\">\n", ox, oy));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\"/>\n",
                left, top, w, h));
        for (double t : xTicks) {
            line(svg, f.px(t), top, f.px(t), top + h, "#dddddd", 1);
        }
        for (double t : yTicks) {
            line(svg, left, f.py(t), left + w, f.py(t), "#dddddd", 1);
        }
        // The curves are clipped here rather than with an SVG clip path, which some renderers (ImageMagick's own)
        // get wrong inside a translated group and then draw no curve at all.
        svg.append("<g fill=\"none\" stroke-linejoin=\"round\">\n");
        for (LinePanel.Series s : p.series()) {
            svg.append("<path d=\"").append(pathData(s, f)).append("\" stroke=\"").append(hex(s.color()))
                    .append(String.format(Locale.ROOT, "\" stroke-width=\"%.2f\"", s.width()))
                    .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : " stroke-linecap=\"round\"").append("/>\n");
        }
        svg.append("</g>\n");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#333333\" stroke-width=\"1.2\"/>\n", left, top, w, h));
        svg.append("<g font-size=\"11\" fill=\"#333333\">\n");
        for (double t : xTicks) {
            line(svg, f.px(t), top + h, f.px(t), top + h + 5, "#333333", 1.2);
            text(svg, f.px(t), top + h + 7 + m.getAscent(), "middle", Chart.format(t, xTicks));
        }
        for (double t : yTicks) {
            line(svg, left - 5, f.py(t), left, f.py(t), "#333333", 1.2);
            text(svg, left - 8, f.py(t) + m.getAscent() / 2.0 - 1, "end", Chart.format(t, yTicks));
        }
        svg.append("</g>\n");
        if (!p.xLabel().isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" "
                    + "fill=\"#333333\">%s</text>\n", left + w / 2.0, height - 10, escape(p.xLabel())));
        }
        if (!p.yLabel().isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%.1f) rotate(-90)\" font-size=\"13\" "
                    + "text-anchor=\"middle\" fill=\"#333333\">%s</text>\n", top + h / 2.0, escape(p.yLabel())));
        }
        if (!p.title().isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"25\" font-size=\"15\" font-weight=\"bold\" "
                    + "text-anchor=\"middle\" fill=\"#222222\">%s</text>\n", left + w / 2.0, escape(p.title())));
        }
        legend(svg, p, f, height);
        svg.append("</g>\n");
    }

    /** The legend in columns under the chart, as {@link LinePanel#render} draws it. */
    private static void legend(StringBuilder svg, LinePanel p, Frame f, int height) {
        List<LinePanel.Series> items = p.labelled();
        if (items.isEmpty()) {
            return;
        }
        FontMetrics m = LinePanel.metrics();
        LinePanel.LegendLayout layout = p.legendLayout(f.w, m);
        svg.append("<g font-size=\"11\" fill=\"#333333\">\n");
        for (int i = 0; i < items.size(); i++) {
            LinePanel.Series s = items.get(i);
            double x = f.left + (i % layout.columns()) * layout.columnWidth();
            double y = height + (i / layout.columns()) * LinePanel.LEGEND_ROW + LinePanel.LEGEND_ROW / 2.0;
            line(svg, x, y, x + LinePanel.LEGEND_SAMPLE - 8, y, hex(s.color()), Math.max(2, s.width()));
            text(svg, x + LinePanel.LEGEND_SAMPLE, y + m.getAscent() / 2.0 - 1, "start", s.label());
        }
        svg.append("</g>\n");
    }

    /** The plot area and the data ranges it shows, as in {@link Chart}. */
    private record Frame(int left, int top, int w, int h, LinePanel p) {
        double px(double x) {
            return left + (x - p.xLo()) / (p.xHi() - p.xLo()) * w;
        }

        double py(double y) {
            return top + h - (y - p.yLo()) / (p.yHi() - p.yLo()) * h;
        }

        boolean contains(double x, double y) {
            return x >= left && x <= left + w && y >= top && y <= top + h;
        }
    }

    /**
     * Move and line commands through the finite points, clipped to the plot area; a non-finite point starts a new
     * piece.
     */
    private static String pathData(LinePanel.Series s, Frame f) {
        StringBuilder d = new StringBuilder();
        double[] previous = null;
        double[] pen = null;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                previous = null;
                continue;
            }
            double[] point = {f.px(s.x()[i]), f.py(s.y()[i])};
            if (previous == null) {
                if (f.contains(point[0], point[1]) && !(i + 1 < s.x().length && Double.isFinite(s.x()[i + 1])
                        && Double.isFinite(s.y()[i + 1]))) {
                    // a lone point: a zero-length line, which round caps draw as a dot
                    d.append(String.format(Locale.ROOT, "M%.2f %.2f L%.2f %.2f ", point[0], point[1], point[0],
                            point[1]));
                }
                previous = point;
                pen = null;
                continue;
            }
            double[] cut = clip(previous[0], previous[1], point[0], point[1], f.left, f.top, f.left + f.w,
                    f.top + f.h);
            if (cut != null) {
                if (pen == null || Math.abs(pen[0] - cut[0]) > 1e-9 || Math.abs(pen[1] - cut[1]) > 1e-9) {
                    d.append(String.format(Locale.ROOT, "M%.2f %.2f ", cut[0], cut[1]));
                }
                d.append(String.format(Locale.ROOT, "L%.2f %.2f ", cut[2], cut[3]));
                pen = new double[] {cut[2], cut[3]};
            } else {
                pen = null;
            }
            previous = point;
        }
        return d.toString().trim();
    }

    /**
     * The part of the segment (x0, y0)-(x1, y1) inside the rectangle, as {x0, y0, x1, y1}, or null when none of it
     * is (Liang-Barsky).
     */
    static double[] clip(double x0, double y0, double x1, double y1, double left, double top, double right,
                         double bottom) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - left, right - x0, y0 - top, bottom - y0};
        double t0 = 0;
        double t1 = 1;
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) {
                    return null;
                }
            } else {
                double t = q[k] / p[k];
                if (p[k] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy};
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String colour,
                             double width) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"/>\n", x1, y1, x2, y2, colour, width));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\">%s</text>\n", x, y,
                anchor, escape(text)));
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xFFFFFF);
    }

    private static FontMetrics metrics() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(TICK);
        } finally {
            g.dispose();
        }
    }
}
