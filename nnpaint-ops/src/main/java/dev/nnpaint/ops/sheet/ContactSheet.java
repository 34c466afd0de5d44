package dev.nnpaint.ops.sheet;

import dev.nnpaint.BadInputException;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * A contact sheet: equal cells in rows and columns on a white page, with the swept values written beside each
 * row and above each column and the swept fields' names along the left and top edges. Text is drawn with the
 * JDK's fonts in headless mode; cells arrive as interleaved RGB bytes in any order.
 *
 * <p>The page is one {@code int} per pixel (0xRRGGBB, row-major) inside a {@link BufferedImage}.
 */
public final class ContactSheet {

    /** Larger sheets are refused: the page is held in memory (4 bytes a pixel). */
    public static final long MAX_PIXELS = 64L << 20;

    private static final Color PAGE = Color.WHITE;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);
    private static final Color TITLE = new Color(0x55, 0x55, 0x55);
    private static final int SMALLEST_FONT = 9;

    private final int cellWidth;
    private final int cellHeight;
    private final int gap;
    private final int rows;
    private final int columns;
    private final int left;
    private final int top;
    private final BufferedImage page;
    private final int[] pixels;

    /**
     * @param rowTitle     name of the field swept down the rows
     * @param rowLabels    one label per row
     * @param columnTitle  name of the field swept across the columns, or null when there is one column
     * @param columnLabels one label per column (ignored when {@code columnTitle} is null)
     */
    public ContactSheet(int cellWidth, int cellHeight, int gap, String rowTitle, List<String> rowLabels,
                        String columnTitle, List<String> columnLabels) {
        if (gap < 0) {
            throw new BadInputException("--gap must not be negative, got " + gap);
        }
        ensureHeadless();
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
        this.gap = gap;
        this.rows = rowLabels.size();
        this.columns = columnTitle == null ? 1 : columnLabels.size();

        Font font = labelFont(cellWidth, cellHeight);
        Font titleFont = font.deriveFont(Font.BOLD);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics metrics = pg.getFontMetrics(font);
        int line = metrics.getHeight();
        int margin = Math.max(8, line / 2);
        int pad = Math.max(4, line / 3);
        // Row labels may be wider than a cell (hidden lists, mixes), but not without limit.
        int widestRowLabel = 0;
        for (String label : rowLabels) {
            widestRowLabel = Math.max(widestRowLabel, metrics.stringWidth(label));
        }
        int rowLabelWidth = Math.min(widestRowLabel, Math.max(3 * cellWidth, 120));
        pg.dispose();

        left = margin + line + pad + rowLabelWidth + pad;
        top = columnTitle == null ? margin : margin + 2 * line + pad;
        long width = left + (long) columns * cellWidth + (long) (columns - 1) * gap + margin;
        long height = top + (long) rows * cellHeight + (long) (rows - 1) * gap + margin;
        if (width * height > MAX_PIXELS || width > Integer.MAX_VALUE / 4 || height > Integer.MAX_VALUE / 4) {
            throw new BadInputException(String.format("the sheet would be %,dx%,d pixels, more than the limit of "
                    + "%d megapixels: use a smaller --size or fewer values", width, height, MAX_PIXELS >> 20));
        }
        page = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) page.getRaster().getDataBuffer()).getData();

        Graphics2D g = page.createGraphics();
        try {
            g.setColor(PAGE);
            g.fillRect(0, 0, page.getWidth(), page.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            int cellsHeight = rows * cellHeight + (rows - 1) * gap;
            int cellsWidth = columns * cellWidth + (columns - 1) * gap;

            // The row field's name, turned to read bottom to top along the left edge.
            g.setColor(TITLE);
            g.setFont(titleFont);
            FontMetrics tm = g.getFontMetrics();
            String rowName = fit(rowTitle, tm, cellsHeight);
            AffineTransform before = g.getTransform();
            g.translate(margin + tm.getAscent(), top + (cellsHeight + tm.stringWidth(rowName)) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(rowName, 0, 0);
            g.setTransform(before);

            g.setColor(TEXT);
            for (int i = 0; i < rows; i++) {
                int cy = cellY(i) + cellHeight / 2;
                Font f = fittingFont(g, font, rowLabels.get(i), rowLabelWidth);
                g.setFont(f);
                FontMetrics m = g.getFontMetrics();
                String label = fit(rowLabels.get(i), m, rowLabelWidth);
                g.drawString(label, left - pad - m.stringWidth(label), cy - m.getHeight() / 2 + m.getAscent());
            }
            if (columnTitle != null) {
                g.setColor(TITLE);
                g.setFont(titleFont);
                String colName = fit(columnTitle, tm, cellsWidth);
                g.drawString(colName, left + (cellsWidth - tm.stringWidth(colName)) / 2, margin + tm.getAscent());
                g.setColor(TEXT);
                for (int j = 0; j < columns; j++) {
                    Font f = fittingFont(g, font, columnLabels.get(j), cellWidth);
                    g.setFont(f);
                    FontMetrics m = g.getFontMetrics();
                    String label = fit(columnLabels.get(j), m, cellWidth);
                    int baseline = top - pad - metrics.getDescent();
                    g.drawString(label, cellX(j) + (cellWidth - m.stringWidth(label)) / 2, baseline);
                }
            }
        } finally {
            g.dispose();
        }
    }

    /** AWT must not look for a display: the sheet is drawn in memory, also on servers without one. */
    private static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Label text scales with the cells: readable at 96 px, not shouting at 512. */
    static Font labelFont(int cellWidth, int cellHeight) {
        int size = Math.max(11, Math.min(26, Math.min(cellWidth, cellHeight) / 11));
        return new Font(Font.SANS_SERIF, Font.PLAIN, size);
    }

    /** The font, made smaller (down to a floor) until {@code text} fits in {@code width}. */
    private static Font fittingFont(Graphics2D g, Font font, String text, int width) {
        Font f = font;
        while (g.getFontMetrics(f).stringWidth(text) > width && f.getSize() > SMALLEST_FONT) {
            f = f.deriveFont((float) f.getSize() - 1);
        }
        return f;
    }

    /** The text, shortened in the middle if it is still too wide. */
    private static String fit(String text, FontMetrics m, int width) {
        return fit(text, m::stringWidth, width);
    }

    /**
     * The text, with an ellipsis in place of its middle if it is wider than {@code width}: values of an axis
     * usually share their start and differ at the end ({@code scaled-normal:1.5}), so both ends stay, the end
     * longer. Only the ellipsis is left when nothing else fits.
     */
    static String fit(String text, java.util.function.ToIntFunction<String> widthOf, int width) {
        if (widthOf.applyAsInt(text) <= width) {
            return text;
        }
        int head = text.length() / 2;
        int tail = text.length() - head;
        while (head + tail > 0) {
            // the end keeps about three fifths of what stays
            if (head * 3 >= tail * 2) {
                head--;
            } else {
                tail--;
            }
            String cut = text.substring(0, head) + "\u2026" + text.substring(text.length() - tail);
            if (widthOf.applyAsInt(cut) <= width) {
                return cut;
            }
        }
        return "\u2026";
    }

    public int width() {
        return page.getWidth();
    }

    public int height() {
        return page.getHeight();
    }

    /** Left edge of column {@code j}'s cells. */
    public int cellX(int j) {
        return left + j * (cellWidth + gap);
    }

    /** Top edge of row {@code i}'s cells. */
    public int cellY(int i) {
        return top + i * (cellHeight + gap);
    }

    /** Copies a cell's image ({@code cellWidth * cellHeight * 3} bytes of interleaved RGB, row 0 first) in place. */
    public void placeCell(int row, int column, byte[] rgb) {
        if (rgb.length != cellWidth * cellHeight * 3) {
            throw new IllegalArgumentException("a cell has " + cellWidth * cellHeight * 3 + " bytes, got "
                    + rgb.length);
        }
        int x0 = cellX(column);
        int y0 = cellY(row);
        int stride = page.getWidth();
        for (int y = 0, s = 0; y < cellHeight; y++) {
            int d = (y0 + y) * stride + x0;
            for (int x = 0; x < cellWidth; x++, s += 3) {
                pixels[d + x] = (rgb[s] & 0xFF) << 16 | (rgb[s + 1] & 0xFF) << 8 | (rgb[s + 2] & 0xFF);
            }
        }
    }

    /** Rows {@code first .. first+count-1} as interleaved RGB into {@code rgb}, which must hold them. */
    public void copyRows(int first, int count, byte[] rgb) {
        int w = page.getWidth();
        for (int p = first * w, end = (first + count) * w, d = 0; p < end; p++, d += 3) {
            int c = pixels[p];
            rgb[d] = (byte) (c >> 16);
            rgb[d + 1] = (byte) (c >> 8);
            rgb[d + 2] = (byte) c;
        }
    }

    /** The colour at (x, y) as 0xRRGGBB, for tests. */
    public int pixel(int x, int y) {
        // Java2D may leave the unused alpha byte set where it drew.
        return pixels[y * page.getWidth() + x] & 0xFFFFFF;
    }
}
