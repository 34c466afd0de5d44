package dev.nnpaint.ops.plot;

import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.paint.Palette;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plot in data coordinates on Java2D: a frame with "nice" ticks (1, 2 or 5 times a power of ten) and their
 * labels, axis titles, a title, a legend, and layers drawn in the order added: line series, scatter points and
 * heat-map backgrounds (an image or a grid of values through a colour map, stretched over the plot area).
 * Without {@link #xRange}/{@link #yRange} the axes cover the lines' and points' data, widened to whole ticks.
 * Layers are clipped to the plot area. Build it, then {@link #render()} or {@link #writePng}.
 *
 * <pre>{@code
 * new Chart(640, 420).title("loss").xLabel("epoch").yLabel("loss")
 *         .line(epochs, trainLoss, Chart.BLUE, "train")
 *         .line(epochs, testLoss, Chart.ORANGE, "test")
 *         .writePng(Path.of("loss.png"), Map.of());
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
    // the axes' ranges: NaN until set, then taken from the data
    private double x0 = Double.NaN;
    private double x1 = Double.NaN;
    private double y0 = Double.NaN;
    private double y1 = Double.NaN;
    private double dataX0 = Double.POSITIVE_INFINITY;
    private double dataX1 = Double.NEGATIVE_INFINITY;
    private double dataY0 = Double.POSITIVE_INFINITY;
    private double dataY1 = Double.NEGATIVE_INFINITY;

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

    /**
     * A heat map: {@code values[row * columns + column]} coloured by {@code palette} from {@code lo} (the map's
     * start) to {@code hi} (its end), stretched over the plot area with row 0 at the top and column 0 at the
     * left. Non-finite values are drawn white.
     */
    public Chart heatMap(double[] values, int columns, int rows, Palette palette, double lo, double hi) {
        if (values.length != columns * rows) {
            throw new IllegalArgumentException(values.length + " values for a " + columns + " x " + rows + " map");
        }
        checkRange(lo, hi);
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        byte[] rgb = new byte[3];
        for (int i = 0; i < values.length; i++) {
            int colour = 0xFFFFFF;
            if (Double.isFinite(values[i])) {
                palette.rgb((float) Math.max(0, Math.min(1, (values[i] - lo) / (hi - lo))), rgb, 0);
                colour = (rgb[0] & 0xFF) << 16 | (rgb[1] & 0xFF) << 8 | (rgb[2] & 0xFF);
            }
            image.setRGB(i % columns, i / columns, colour);
        }
        return image(image);
    }

    /**
     * An image stretched over the whole plot area (a heat-map background): row 0 at the top (the largest y),
     * column 0 at the left (the smallest x).
     */
    public Chart image(BufferedImage image) {
        layers.add((g, f) -> {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, f.left, f.top, f.w, f.h, null);
        });
        return this;
    }

    /** A polyline through the points; non-finite points break the line. */
    public Chart line(double[] xs, double[] ys, Color color, String label) {
        return line(xs, ys, color, label, 2f, false);
    }

    /**
     * A polyline of the given stroke width, solid or dashed (thin dashed terms under their bold sum, say);
     * non-finite points break the line.
     */
    public Chart line(double[] xs, double[] ys, Color color, String label, float strokeWidth, boolean dashed) {
        double[] x = xs.clone();
        double[] y = ys.clone();
        include(x, y);
        BasicStroke stroke = dashed
                ? new BasicStroke(strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f)
                : new BasicStroke(strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        layers.add((g, f) -> {
            g.setColor(color);
            g.setStroke(stroke);
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
        include(x, y);
        layers.add((g, f) -> {
            for (int i = 0; i < x.length; i++) {
                drawMarker(g, marker, color, f.px(x[i]), f.py(y[i]));
            }
        });
        addLegend(label, color, marker, false);
        return this;
    }

    /**
     * Scatter points with a colour each ({@code colors[i]} for point i), e.g. a value through a colour map; the
     * legend shows {@code legendColor}.
     */
    public Chart scatter(double[] xs, double[] ys, Color[] colors, Color legendColor, Marker marker, String label) {
        if (colors.length != xs.length) {
            throw new IllegalArgumentException(colors.length + " colours for " + xs.length + " points");
        }
        double[] x = xs.clone();
        double[] y = ys.clone();
        Color[] c = colors.clone();
        include(x, y);
        layers.add((g, f) -> {
            for (int i = 0; i < x.length; i++) {
                drawMarker(g, marker, c[i], f.px(x[i]), f.py(y[i]));
            }
        });
        addLegend(label, legendColor, marker, false);
        return this;
    }

    /** Widens the data's extent, from which unset ranges are taken. */
    private void include(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                dataX0 = Math.min(dataX0, x[i]);
                dataX1 = Math.max(dataX1, x[i]);
                dataY0 = Math.min(dataY0, y[i]);
                dataY1 = Math.max(dataY1, y[i]);
            }
        }
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
            Frame f = layout(g);
            double[] xTicks = xTicks(f.x0, f.x1);
            double[] yTicks = yTicks(f.y0, f.y1);
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

    /**
     * The pixel (in the rendered image) where the data point (x, y) is drawn: for annotations drawn on top, and
     * for tests.
     */
    public Point2D.Double pixelOf(double x, double y) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            Frame f = layout(g);
            return new Point2D.Double(f.px(x), f.py(y));
        } finally {
            g.dispose();
        }
    }

    /**
     * The plot area in pixels of the rendered image: to fit an image to it exactly. The frame's line is drawn on
     * its edge, over the outermost ring of pixels.
     */
    public java.awt.Rectangle plotArea() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            Frame f = layout(g);
            return new java.awt.Rectangle(f.left, f.top, f.w, f.h);
        } finally {
            g.dispose();
        }
    }

    /** The plot area: room for the tick labels, axis titles and title around it; the ranges it shows. */
    private Frame layout(Graphics2D g) {
        double[] xr = range(x0, x1, dataX0, dataX1, true);
        double[] yr = range(y0, y1, dataY0, dataY1, false);
        double[] yTicks = yTicks(yr[0], yr[1]);
        g.setFont(TICK);
        int yTickWidth = 0;
        for (double t : yTicks) {
            yTickWidth = Math.max(yTickWidth, g.getFontMetrics().stringWidth(format(t, yTicks)));
        }
        int left = 22 + yTickWidth + (yLabel.isEmpty() ? 0 : 20);
        int top = title.isEmpty() ? 16 : 38;
        int bottom = 34 + (xLabel.isEmpty() ? 0 : 20);
        return new Frame(left, top, width - left - 18, height - top - bottom, xr[0], xr[1], yr[0], yr[1]);
    }

    private double[] xTicks(double lo, double hi) {
        return niceTicks(lo, hi, Math.max(3, width / 110));
    }

    private double[] yTicks(double lo, double hi) {
        return niceTicks(lo, hi, Math.max(3, height / 70));
    }

    /** A range as set, or else the data's extent widened to whole ticks ([0, 1] without data). */
    private double[] range(double lo, double hi, double dataLo, double dataHi, boolean horizontal) {
        if (!Double.isNaN(lo)) {
            return new double[] {lo, hi};
        }
        if (!(dataHi >= dataLo)) {
            return new double[] {0, 1};
        }
        if (dataHi == dataLo) {
            double pad = dataLo == 0 ? 1 : Math.abs(dataLo) * 0.1;
            return new double[] {dataLo - pad, dataHi + pad};
        }
        double[] ticks = horizontal ? xTicks(dataLo, dataHi) : yTicks(dataLo, dataHi);
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : dataHi - dataLo;
        return new double[] {Math.floor(dataLo / step + 1e-9) * step, Math.ceil(dataHi / step - 1e-9) * step};
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
