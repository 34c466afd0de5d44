package dev.nnpaint.ops.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Panels side by side on white under an optional heading, and where each panel landed: a test can find a
 * panel's pixels in the finished picture.
 *
 * @param image   the whole picture
 * @param panels  where each panel lies in {@code image}, in the order given
 */
public record Figure(BufferedImage image, List<Rectangle> panels) {

    static final int GAP = 12;
    static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final int HEADING_HEIGHT = 34;

    public Figure {
        panels = List.copyOf(panels);
    }

    /** Panels left to right, top-aligned, with a heading above them when it is not empty. */
    public static Figure sideBySide(String heading, List<BufferedImage> panels) {
        int top = heading.isEmpty() ? 0 : HEADING_HEIGHT;
        int width = GAP;
        int height = 0;
        for (BufferedImage p : panels) {
            width += p.getWidth() + GAP;
            height = Math.max(height, p.getHeight());
        }
        BufferedImage image = new BufferedImage(width, top + height + GAP / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        List<Rectangle> offsets = new ArrayList<>();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int x = GAP;
            for (BufferedImage p : panels) {
                g.drawImage(p, x, top, null);
                offsets.add(new Rectangle(x, top, p.getWidth(), p.getHeight()));
                x += p.getWidth() + GAP;
            }
            if (!heading.isEmpty()) {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(HEADING);
                g.setColor(new Color(0x222222));
                FontMetrics m = g.getFontMetrics();
                g.drawString(heading, (width - m.stringWidth(heading)) / 2f, 10 + m.getAscent());
            }
        } finally {
            g.dispose();
        }
        return new Figure(image, offsets);
    }

    /**
     * A chart whose plot area is exactly {@code areaWidth x areaHeight} pixels, so that an image of that size
     * is drawn one to one. {@code build} makes the chart for a given overall size; the margins depend on the
     * tick labels, so the size is found in a few tries.
     */
    public static Chart fitted(java.util.function.BiFunction<Integer, Integer, Chart> build, int areaWidth,
                               int areaHeight) {
        int w = areaWidth + 100;
        int h = areaHeight + 100;
        for (int attempt = 0; attempt < 4; attempt++) {
            Chart chart = build.apply(w, h);
            Rectangle area = chart.plotArea();
            if (area.width == areaWidth && area.height == areaHeight) {
                return chart;
            }
            w += areaWidth - area.width;
            h += areaHeight - area.height;
        }
        throw new IllegalStateException("no chart size gives a plot area of " + areaWidth + " x " + areaHeight);
    }
}
