package dev.nnpaint.app.plot;

import dev.nnpaint.app.io.PngWriter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plot frame in data coordinates on Java2D: axes with "nice" ticks and labels, a title, line series,
 * scatter points, an image stretched over the plot area (a heat map) and a legend. Add layers in drawing
 * order, then {@link #render()} or {@link #writePng}.
 *
 * <pre>{@code
 * new Chart(640, 420).title("loss").xLabel("epoch").xRange(0, 100).yRange(0, 1)
 *         .line(xs, ys, Chart.BLUE, "train").writePng(path, Map.of());
 * }</pre>
 */
public final class Chart {

    public static final Color BLUE = new Color(0x1f77b4);
    public static final Color ORANGE = new Color(0xff7f0e);
    public static final Color GREEN = new Color(0x2ca02c);
    public static final Color RED = new Color(0xd62728);
    public static final Color PURPLE = new Color(0x9467bd);
    /** Colours for series and classes, in order. */
    public static final List<Color> CYCLE = List.of(BLUE, ORANGE, GREEN, RED, PURPLE, new Color(0x8c564b),
            new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf));

    /** How scatter points are drawn. */
    public enum Marker { DOT, RING, CROSS }

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final int width;
    private final int height;
    private final List<Layer> layers = new ArrayList<>();
    private final List<LegendEntry> legend = new ArrayList<>();
    private boolean legendBelow;
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private double x0 = 0;
    private double x1 = 1;
    private double y0 = 0;
    private double y1 = 1;

    private interface Layer {
        void draw(Graphics2D g, Frame f);
    }

    private record LegendEntry(String label, Color color, Marker marker, boolean line) {
    }

    /** The plot area in pixels and the data ranges it shows. */
    private record Frame(int left, int top, int w, int h, double x0, double x1, double y0, double y1) {
        double px(double x) {
            return left + (x - x0) / (x1 - x0) * w;
        }

        double py(double y) {
            return top + h - (y - y0) / (y1 - y0) * h;
        }
    }

    public Chart(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("a chart needs at least 100 x 100 pixels");
        }
        this.width = width;
        this.height = height;
    }

    public Chart title(String v) {
        title = v;
        return this;
    }

    public Chart xLabel(String v) {
        xLabel = v;
        return this;
    }

    public Chart yLabel(String v) {
        yLabel = v;
        return this;
    }

    /** Puts the legend in the lower right corner instead of the upper right (where rising curves end). */
    public Chart legendBelow() {
        legendBelow = true;
        return this;
    }

    public Chart xRange(double lo, double hi) {
        checkRange(lo, hi);
        x0 = lo;
        x1 = hi;
        return this;
    }

    public Chart yRange(double lo, double hi) {
        checkRange(lo, hi);
        y0 = lo;
        y1 = hi;
        return this;
    }

    /** An image stretched over the whole plot area: row 0 at the top (y1), column 0 at the left (x0). */
    public Chart image(BufferedImage image) {
        layers.add((g, f) -> {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, f.left, f.top, f.w, f.h, null);
        });
        return this;
    }

    /** A polyline through the points; non-finite points break the line. */
    public Chart line(double[] xs, double[] ys, Color color, String label) {
        double[] x = xs.clone();
        double[] y = ys.clone();
        layers.add((g, f) -> {
            g.setColor(color);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean open = false;
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    open = false;
                    continue;
                }
                double px = f.px(x[i]);
                double py = f.py(y[i]);
                if (open) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    open = true;
                }
            }
            g.draw(path);
        });
        addLegend(label, color, null, true);
        return this;
    }

    /** Scatter points of one colour. */
    public Chart scatter(double[] xs, double[] ys, Color color, Marker marker, String label) {
        double[] x = xs.clone();
        double[] y = ys.clone();
        layers.add((g, f) -> {
            for (int i = 0; i < x.length; i++) {
                drawMarker(g, marker, color, f.px(x[i]), f.py(y[i]));
            }
        });
        addLegend(label, color, marker, false);
        return this;
    }

    private void addLegend(String label, Color color, Marker marker, boolean line) {
        if (label != null && !label.isEmpty()) {
            legend.add(new LegendEntry(label, color, marker, line));
        }
    }

    private static void drawMarker(Graphics2D g, Marker marker, Color color, double x, double y) {
        double r = 3.6;
        Ellipse2D.Double dot = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        switch (marker) {
            case DOT:
                g.setColor(color);
                g.fill(dot);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(0.8f));
                g.draw(dot);
                break;
            case RING:
                g.setColor(Color.WHITE);
                g.fill(dot);
                g.setColor(color);
                g.setStroke(new BasicStroke(2f));
                g.draw(dot);
                break;
            case CROSS:
                g.setColor(color);
                g.setStroke(new BasicStroke(2f));
                g.draw(new java.awt.geom.Line2D.Double(x - r, y - r, x + r, y + r));
                g.draw(new java.awt.geom.Line2D.Double(x - r, y + r, x + r, y - r));
                break;
            default:
                throw new AssertionError(marker);
        }
    }

    /** The chart as an RGB image. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double[] xTicks = niceTicks(x0, x1, Math.max(3, width / 110));
            double[] yTicks = niceTicks(y0, y1, Math.max(3, height / 70));
            g.setFont(TICK);
            int yTickWidth = 0;
            for (double t : yTicks) {
                yTickWidth = Math.max(yTickWidth, g.getFontMetrics().stringWidth(format(t, yTicks)));
            }
            int left = 22 + yTickWidth + (yLabel.isEmpty() ? 0 : 20);
            int top = title.isEmpty() ? 16 : 38;
            int bottom = 34 + (xLabel.isEmpty() ? 0 : 20);
            Frame f = new Frame(left, top, width - left - 18, height - top - bottom, x0, x1, y0, y1);

            drawGrid(g, f, xTicks, yTicks);
            Graphics2D clipped = (Graphics2D) g.create();
            clipped.clip(new Rectangle2D.Double(f.left, f.top, f.w, f.h));
            for (Layer layer : layers) {
                layer.draw(clipped, f);
            }
            clipped.dispose();
            drawAxes(g, f, xTicks, yTicks);
            drawLegend(g, f);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the chart as a PNG, atomically, with the given text chunks. */
    public void writePng(Path target, Map<String, String> text) {
        BufferedImage image = render();
        PngWriter.write(target, width, height, rgbBytes(image), text);
    }

    /** The pixels of an RGB image as interleaved bytes, row 0 first. */
    public static byte[] rgbBytes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return rgb;
    }

    private void drawGrid(Graphics2D g, Frame f, double[] xTicks, double[] yTicks) {
        g.setColor(new Color(0xf4f4f4));
        g.fillRect(f.left, f.top, f.w, f.h);
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1f));
        for (double t : xTicks) {
            g.draw(new java.awt.geom.Line2D.Double(f.px(t), f.top, f.px(t), f.top + f.h));
        }
        for (double t : yTicks) {
            g.draw(new java.awt.geom.Line2D.Double(f.left, f.py(t), f.left + f.w, f.py(t)));
        }
    }

    private void drawAxes(Graphics2D g, Frame f, double[] xTicks, double[] yTicks) {
        g.setColor(new Color(0x333333));
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(f.left, f.top, f.w, f.h);
        g.setFont(TICK);
        FontMetrics m = g.getFontMetrics();
        for (double t : xTicks) {
            double x = f.px(t);
            g.draw(new java.awt.geom.Line2D.Double(x, f.top + f.h, x, f.top + f.h + 5));
            String s = format(t, xTicks);
            g.drawString(s, (float) (x - m.stringWidth(s) / 2.0), f.top + f.h + 7 + m.getAscent());
        }
        for (double t : yTicks) {
            double y = f.py(t);
            g.draw(new java.awt.geom.Line2D.Double(f.left - 5, y, f.left, y));
            String s = format(t, yTicks);
            g.drawString(s, f.left - 8 - m.stringWidth(s), (float) (y + m.getAscent() / 2.0 - 1));
        }
        g.setFont(LABEL);
        m = g.getFontMetrics();
        if (!xLabel.isEmpty()) {
            g.drawString(xLabel, f.left + (f.w - m.stringWidth(xLabel)) / 2f, height - 10);
        }
        if (!yLabel.isEmpty()) {
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(f.top + (f.h + m.stringWidth(yLabel)) / 2f), 6 + m.getAscent());
            g.setTransform(saved);
        }
        if (!title.isEmpty()) {
            g.setFont(TITLE);
            m = g.getFontMetrics();
            g.drawString(title, f.left + (f.w - m.stringWidth(title)) / 2f, 10 + m.getAscent());
        }
    }

    private void drawLegend(Graphics2D g, Frame f) {
        if (legend.isEmpty()) {
            return;
        }
        g.setFont(TICK);
        FontMetrics m = g.getFontMetrics();
        int rowHeight = m.getHeight() + 4;
        int textWidth = 0;
        for (LegendEntry e : legend) {
            textWidth = Math.max(textWidth, m.stringWidth(e.label));
        }
        int boxW = textWidth + 40;
        int boxH = rowHeight * legend.size() + 8;
        int x = f.left + f.w - boxW - 8;
        int y = legendBelow ? f.top + f.h - boxH - 8 : f.top + 8;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRoundRect(x, y, boxW, boxH, 8, 8);
        g.setColor(new Color(0xbbbbbb));
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(x, y, boxW, boxH, 8, 8);
        for (int i = 0; i < legend.size(); i++) {
            LegendEntry e = legend.get(i);
            double cy = y + 4 + rowHeight * i + rowHeight / 2.0;
            if (e.line) {
                g.setColor(e.color);
                g.setStroke(new BasicStroke(2.5f));
                g.draw(new java.awt.geom.Line2D.Double(x + 8, cy, x + 28, cy));
            } else {
                drawMarker(g, e.marker, e.color, x + 18, cy);
            }
            g.setColor(new Color(0x333333));
            g.drawString(e.label, x + 34, (float) (cy + m.getAscent() / 2.0 - 1));
        }
    }

    /**
     * About {@code target} ticks at a step of 1, 2 or 5 times a power of ten, inside [lo, hi]: the values a
     * person would write on an axis.
     */
    static double[] niceTicks(double lo, double hi, int target) {
        double raw = (hi - lo) / Math.max(1, target);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power;
        for (double m : new double[] {2, 5, 10}) {
            if (Math.abs(m * power - raw) < Math.abs(step - raw)) {
                step = m * power;
            }
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        for (double t = first; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A tick label with as many decimals as the step needs. */
    static String format(double value, double[] ticks) {
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(value);
        int decimals = step == 0 || step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        if (Math.abs(value) >= 1e6 || (value != 0 && Math.abs(value) < 1e-4)) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void checkRange(double lo, double hi) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("a range needs finite lo < hi, got " + lo + ", " + hi);
        }
    }
}
