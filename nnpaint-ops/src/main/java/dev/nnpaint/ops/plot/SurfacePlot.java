package dev.nnpaint.ops.plot;

import dev.nnpaint.paint.Palette;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A height field drawn as a lit 3-D surface: an orthographic view of a box from {@code azimuth} and
 * {@code elevation}, the mesh's quads painted back to front (the painter's algorithm hides what lies behind),
 * each quad coloured by its height and shaded by how squarely it faces a light from the upper left. The back
 * walls and the floor carry a grid; the front edges carry the ticks.
 *
 * <p>{@code heights[row * columns + column]} is the value at x of column {@code column} and y of row
 * {@code row}, sampled at cell centres as an image's pixels are: column 0 at {@code xLo}, row 0 at {@code yHi}.
 */
public record SurfacePlot(double[] heights, int columns, int rows, double xLo, double xHi, double yLo, double yHi,
                          double zLo, double zHi, Palette palette, double azimuthDegrees, double elevationDegrees,
                          String title, String xLabel, String yLabel, String zLabel) {

    /** The box's height relative to its half-width: tall enough to read a slope, short enough to see over. */
    private static final double BOX_HEIGHT = 1.1;
    /** Direction towards the light in view space (right, up, depth away from the viewer): upper left, in front. */
    private static final double[] LIGHT = normalize(new double[] {-0.45, 0.75, -0.5});
    /** The light every face gets: faces turned from the light stay readable. */
    static final double AMBIENT = 0.3;
    /** The mesh is drawn at this many times the resolution and averaged down, which smooths its edges. */
    private static final int SUPERSAMPLE = 2;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x333333);

    public SurfacePlot {
        if (columns < 2 || rows < 2 || heights.length != columns * rows) {
            throw new IllegalArgumentException(heights.length + " heights for a " + columns + " x " + rows + " mesh");
        }
        if (!(xHi > xLo) || !(yHi > yLo) || !(zHi > zLo)) {
            throw new IllegalArgumentException("empty range");
        }
        heights = heights.clone();
    }

    /** The x at which column {@code column} is sampled: the centre of its cell. */
    public double sampleX(int column) {
        return xLo + (column + 0.5) * (xHi - xLo) / columns;
    }

    /** The y at which row {@code row} is sampled: row 0 at the top (largest y), as in an image. */
    public double sampleY(int row) {
        return yHi - (row + 0.5) * (yHi - yLo) / rows;
    }

    /** The height drawn at ({@link #sampleX}(column), {@link #sampleY}(row)). */
    public double height(int column, int row) {
        return heights[row * columns + column];
    }

    /** Screen placement: view-space point (right, up) to pixels, scale s and origin (ox, oy). */
    private record Projection(double cosA, double sinA, double cosE, double sinE, double s, double ox, double oy) {
        /** View space of box point (X, Y, Z), X and Y in [-1, 1], Z in [0, BOX_HEIGHT]: {right, up, depth}. */
        double[] view(double bx, double by, double bz) {
            double xr = bx * cosA - by * sinA;
            double yr = bx * sinA + by * cosA;
            return new double[] {xr, bz * cosE + yr * sinE, yr * cosE - bz * sinE};
        }

        double px(double[] v) {
            return ox + s * v[0];
        }

        double py(double[] v) {
            return oy - s * v[1];
        }
    }

    /** The plot as an RGB image of {@code width x height} pixels. */
    public BufferedImage render(int width, int height) {
        Projection fit = project(width, height, 1);
        BufferedImage big = new BufferedImage(width * SUPERSAMPLE, height * SUPERSAMPLE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, big.getWidth(), big.getHeight());
            Projection p = project(width, height, SUPERSAMPLE);
            drawBackWallsAndFloor(g, p);
            drawMesh(g, p);
        } finally {
            g.dispose();
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        try {
            // Halving with bilinear sampling averages each 2 x 2 block: a box filter over the supersampled mesh.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(big, 0, 0, width, height, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            drawAxes(g, fit, width);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Scales the box's eight corners to fill the image inside margins for the title, ticks and labels. */
    private Projection project(int width, int height, int scale) {
        double a = Math.toRadians(azimuthDegrees);
        double e = Math.toRadians(elevationDegrees);
        Projection unit = new Projection(Math.cos(a), Math.sin(a), Math.cos(e), Math.sin(e), 1, 0, 0);
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int corner = 0; corner < 8; corner++) {
            double[] v = unit.view((corner & 1) == 0 ? -1 : 1, (corner & 2) == 0 ? -1 : 1,
                    (corner & 4) == 0 ? 0 : BOX_HEIGHT);
            x0 = Math.min(x0, v[0]);
            x1 = Math.max(x1, v[0]);
            y0 = Math.min(y0, v[1]);
            y1 = Math.max(y1, v[1]);
        }
        double left = 78;
        double right = 56;
        double top = title.isEmpty() ? 20 : 44;
        double bottom = 58;
        double s = Math.min((width - left - right) / (x1 - x0), (height - top - bottom) / (y1 - y0));
        double ox = left + (width - left - right - s * (x1 - x0)) / 2 - s * x0;
        double oy = top + (height - top - bottom - s * (y1 - y0)) / 2 + s * y1;
        return new Projection(unit.cosA, unit.sinA, unit.cosE, unit.sinE, s * scale, ox * scale, oy * scale);
    }

    private double boxX(double x) {
        return 2 * (x - xLo) / (xHi - xLo) - 1;
    }

    private double boxY(double y) {
        return 2 * (y - yLo) / (yHi - yLo) - 1;
    }

    private double boxZ(double z) {
        return BOX_HEIGHT * (z - zLo) / (zHi - zLo);
    }

    /** Whether the box's side at X = sign (or Y = sign) faces away from the viewer. */
    private static boolean isBack(Projection p, double bx, double by) {
        return p.view(bx, by, 0)[2] > p.view(0, 0, 0)[2];
    }

    private void drawBackWallsAndFloor(Graphics2D g, Projection p) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double[] xTicks = Chart.niceTicks(xLo, xHi, 5);
        double[] yTicks = Chart.niceTicks(yLo, yHi, 5);
        double[] zTicks = Chart.niceTicks(zLo, zHi, 5);
        Color wall = new Color(0xeeeeee);
        Color grid = new Color(0xd0d0d0);
        Color edge = new Color(0xaaaaaa);
        BasicStroke thin = new BasicStroke(SUPERSAMPLE);
        g.setStroke(thin);
        double top = BOX_HEIGHT;
        double xBack = isBack(p, 1, 0) ? 1 : -1;
        double yBack = isBack(p, 0, 1) ? 1 : -1;
        // the wall at X = xBack spans Y; the wall at Y = yBack spans X
        fill(g, p, wall, new double[][] {{xBack, -1, 0}, {xBack, 1, 0}, {xBack, 1, top}, {xBack, -1, top}});
        fill(g, p, wall, new double[][] {{-1, yBack, 0}, {1, yBack, 0}, {1, yBack, top}, {-1, yBack, top}});
        fill(g, p, new Color(0xf4f4f4), new double[][] {{-1, -1, 0}, {1, -1, 0}, {1, 1, 0}, {-1, 1, 0}});
        g.setColor(grid);
        for (double t : zTicks) {
            double z = boxZ(t);
            segment(g, p, xBack, -1, z, xBack, 1, z);
            segment(g, p, -1, yBack, z, 1, yBack, z);
        }
        for (double t : xTicks) {
            double x = boxX(t);
            segment(g, p, x, -1, 0, x, 1, 0);
            segment(g, p, x, yBack, 0, x, yBack, top);
        }
        for (double t : yTicks) {
            double y = boxY(t);
            segment(g, p, -1, y, 0, 1, y, 0);
            segment(g, p, xBack, y, 0, xBack, y, top);
        }
        g.setColor(edge);
        segment(g, p, xBack, yBack, 0, xBack, yBack, top);
        segment(g, p, xBack, -yBack, 0, xBack, -yBack, top);
        segment(g, p, -xBack, yBack, 0, -xBack, yBack, top);
        segment(g, p, -1, -1, 0, 1, -1, 0);
        segment(g, p, -1, 1, 0, 1, 1, 0);
        segment(g, p, -1, -1, 0, -1, 1, 0);
        segment(g, p, 1, -1, 0, 1, 1, 0);
    }

    private static void fill(Graphics2D g, Projection p, Color color, double[][] corners) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < corners.length; i++) {
            double[] v = p.view(corners[i][0], corners[i][1], corners[i][2]);
            if (i == 0) {
                path.moveTo(p.px(v), p.py(v));
            } else {
                path.lineTo(p.px(v), p.py(v));
            }
        }
        path.closePath();
        g.setColor(color);
        g.fill(path);
    }

    private static void segment(Graphics2D g, Projection p, double x0, double y0, double z0, double x1, double y1,
                                double z1) {
        double[] a = p.view(x0, y0, z0);
        double[] b = p.view(x1, y1, z1);
        g.draw(new Line2D.Double(p.px(a), p.py(a), p.px(b), p.py(b)));
    }

    /** The quads, farthest first, each filled and outlined in its own colour so that no seam shows between them. */
    private void drawMesh(Graphics2D g, Projection p) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(1f));
        // view-space position of every vertex: [vertex][right, up, depth]
        double[][] v = new double[columns * rows][];
        for (int r = 0; r < rows; r++) {
            double y = boxY(sampleY(r));
            for (int c = 0; c < columns; c++) {
                double x = boxX(sampleX(c));
                double h = heights[r * columns + c];
                double z = Double.isFinite(h) ? boxZ(Math.max(zLo, Math.min(zHi, h))) : 0;
                v[r * columns + c] = p.view(x, y, z);
            }
        }
        int quadColumns = columns - 1;
        int quads = quadColumns * (rows - 1);
        double[] depth = new double[quads];
        for (int q = 0; q < quads; q++) {
            int i = q / quadColumns * columns + q % quadColumns;
            depth[q] = v[i][2] + v[i + 1][2] + v[i + columns][2] + v[i + columns + 1][2];
        }
        Integer[] order = IntStream.range(0, quads).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer q) -> depth[q]).reversed());
        byte[] rgb = new byte[3];
        for (int q : order) {
            int i = q / quadColumns * columns + q % quadColumns;
            double[] a = v[i];
            double[] b = v[i + 1];
            double[] c = v[i + columns + 1];
            double[] d = v[i + columns];
            double mean = (heights[i] + heights[i + 1] + heights[i + columns] + heights[i + columns + 1]) / 4;
            float t = (float) Math.max(0, Math.min(1, (mean - zLo) / (zHi - zLo)));
            palette.rgb(Double.isFinite(mean) ? t : 0, rgb, 0);
            double light = lighting(a, b, c, d);
            Color color = new Color(shade(rgb[0], light), shade(rgb[1], light), shade(rgb[2], light));
            Path2D.Double path = new Path2D.Double();
            path.moveTo(p.px(a), p.py(a));
            path.lineTo(p.px(b), p.py(b));
            path.lineTo(p.px(c), p.py(c));
            path.lineTo(p.px(d), p.py(d));
            path.closePath();
            g.setColor(color);
            g.fill(path);
            g.draw(path);
        }
        drawFrontSides(g, p, v);
    }

    /**
     * Walls from the surface's two front edges down to the floor, so the surface reads as a solid block and
     * no underside shows through its open sides. Nothing in the box lies in front of them, so they come last.
     */
    private void drawFrontSides(Graphics2D g, Projection p, double[][] v) {
        boolean frontIsLowY = isBack(p, 0, 1);
        boolean frontIsHighX = !isBack(p, 1, 0);
        int row = frontIsLowY ? rows - 1 : 0;
        int column = frontIsHighX ? columns - 1 : 0;
        double yEdge = boxY(sampleY(row));
        double xEdge = boxX(sampleX(column));
        for (int c = 0; c + 1 < columns; c++) {
            double x0 = boxX(sampleX(c));
            double x1 = boxX(sampleX(c + 1));
            side(g, p, v[row * columns + c], v[row * columns + c + 1], p.view(x1, yEdge, 0), p.view(x0, yEdge, 0));
        }
        for (int r = 0; r + 1 < rows; r++) {
            double y0 = boxY(sampleY(r));
            double y1 = boxY(sampleY(r + 1));
            side(g, p, v[r * columns + column], v[(r + 1) * columns + column], p.view(xEdge, y1, 0),
                    p.view(xEdge, y0, 0));
        }
    }

    private static void side(Graphics2D g, Projection p, double[] topA, double[] topB, double[] bottomB,
                             double[] bottomA) {
        double light = lighting(topA, topB, bottomB, bottomA);
        int grey = (int) Math.round(0xc8 * light);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(p.px(topA), p.py(topA));
        path.lineTo(p.px(topB), p.py(topB));
        path.lineTo(p.px(bottomB), p.py(bottomB));
        path.lineTo(p.px(bottomA), p.py(bottomA));
        path.closePath();
        g.setColor(new Color(grey, grey, grey));
        g.fill(path);
        g.draw(path);
    }

    /**
     * Brightness of a quad, from {@link #AMBIENT} to 1: ambient light plus Lambert's cosine law for the light
     * direction. The normal (from the diagonals) is turned towards the viewer, so an underside seen from below
     * is lit as well.
     */
    static double lighting(double[] a, double[] b, double[] c, double[] d) {
        double[] u = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double[] w = {d[0] - b[0], d[1] - b[1], d[2] - b[2]};
        double[] n = normalize(new double[] {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2],
                u[0] * w[1] - u[1] * w[0]});
        if (n[2] > 0) {
            n[0] = -n[0];
            n[1] = -n[1];
            n[2] = -n[2];
        }
        double diffuse = Math.max(0, n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]);
        return AMBIENT + (1 - AMBIENT) * diffuse;
    }

    private static int shade(byte channel, double light) {
        return (int) Math.max(0, Math.min(255, Math.round((channel & 0xFF) * light)));
    }

    private static double[] normalize(double[] v) {
        double length = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (length == 0) {
            return new double[] {0, 0, -1};
        }
        return new double[] {v[0] / length, v[1] / length, v[2] / length};
    }

    /** Ticks and labels along the front edges of the floor and the left vertical edge, and the title. */
    private void drawAxes(Graphics2D g, Projection p, int width) {
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.2f));
        double yFront = isBack(p, 0, 1) ? -1 : 1;
        double xFront = isBack(p, 1, 0) ? -1 : 1;
        double[] xTicks = Chart.niceTicks(xLo, xHi, 5);
        double[] yTicks = Chart.niceTicks(yLo, yHi, 5);
        double[] zTicks = Chart.niceTicks(zLo, zHi, 5);
        // along the x axis: the floor edge at Y = yFront, pushed away from the box's middle
        double[] out = outward(p, 0, yFront);
        for (double t : xTicks) {
            tick(g, p, boxX(t), yFront, 0, out, Chart.format(t, xTicks));
        }
        axisTitle(g, p, 0, yFront, out, xLabel);
        out = outward(p, xFront, 0);
        for (double t : yTicks) {
            tick(g, p, xFront, boxY(t), 0, out, Chart.format(t, yTicks));
        }
        axisTitle(g, p, xFront, 0, out, yLabel);
        // z: the vertical edge at the floor corner drawn furthest left
        double cx = -1;
        double cy = -1;
        double leftmost = Double.POSITIVE_INFINITY;
        for (int corner = 0; corner < 4; corner++) {
            double bx = (corner & 1) == 0 ? -1 : 1;
            double by = (corner & 2) == 0 ? -1 : 1;
            double sx = p.px(p.view(bx, by, 0));
            if (sx < leftmost) {
                leftmost = sx;
                cx = bx;
                cy = by;
            }
        }
        g.setFont(TICK);
        FontMetrics m = g.getFontMetrics();
        for (double t : zTicks) {
            double[] v = p.view(cx, cy, boxZ(t));
            double x = p.px(v);
            double y = p.py(v);
            g.draw(new Line2D.Double(x - 5, y, x, y));
            String s = Chart.format(t, zTicks);
            g.drawString(s, (float) (x - 8 - m.stringWidth(s)), (float) (y + m.getAscent() / 2.0 - 1));
        }
        if (!zLabel.isEmpty()) {
            double[] mid = p.view(cx, cy, BOX_HEIGHT / 2);
            g.setFont(LABEL);
            FontMetrics lm = g.getFontMetrics();
            AffineTransform saved = g.getTransform();
            g.translate(p.px(mid) - 50, p.py(mid));
            g.rotate(-Math.PI / 2);
            g.drawString(zLabel, -lm.stringWidth(zLabel) / 2f, 0);
            g.setTransform(saved);
        }
        if (!title.isEmpty()) {
            g.setFont(TITLE);
            FontMetrics tm = g.getFontMetrics();
            g.drawString(title, (width - tm.stringWidth(title)) / 2f, 10 + tm.getAscent());
        }
    }

    /** The screen direction from the floor's middle towards its edge point (bx, by, 0): where labels go. */
    private static double[] outward(Projection p, double bx, double by) {
        double[] centre = p.view(0, 0, 0);
        double[] edge = p.view(bx, by, 0);
        double dx = p.px(edge) - p.px(centre);
        double dy = p.py(edge) - p.py(centre);
        double length = Math.hypot(dx, dy);
        return length == 0 ? new double[] {0, 1} : new double[] {dx / length, dy / length};
    }

    private static void tick(Graphics2D g, Projection p, double bx, double by, double bz, double[] out, String text) {
        double[] v = p.view(bx, by, bz);
        double x = p.px(v);
        double y = p.py(v);
        g.draw(new Line2D.Double(x, y, x + out[0] * 5, y + out[1] * 5));
        g.setFont(TICK);
        FontMetrics m = g.getFontMetrics();
        double lx = x + out[0] * 16;
        double ly = y + out[1] * 16;
        g.drawString(text, (float) (lx - m.stringWidth(text) / 2.0), (float) (ly + m.getAscent() / 2.0 - 1));
    }

    private static void axisTitle(Graphics2D g, Projection p, double bx, double by, double[] out, String text) {
        if (text.isEmpty()) {
            return;
        }
        double[] v = p.view(bx, by, 0);
        g.setFont(LABEL);
        FontMetrics m = g.getFontMetrics();
        double lx = p.px(v) + out[0] * 38;
        double ly = p.py(v) + out[1] * 38;
        g.drawString(text, (float) (lx - m.stringWidth(text) / 2.0), (float) (ly + m.getAscent() / 2.0 - 1));
    }
}
