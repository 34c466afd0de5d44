package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A print size as people say it: {@code 42x59.4cm@300}, {@code A2@300}, {@code A4}, {@code letter@600},
 * {@code 11x17in@300} (width first; cm, mm or in; paper names portrait, ISO A0 to A6, letter, legal, tabloid),
 * with the resolution in dots an inch after the {@code @} or given apart.
 *
 * @param widthInches  paper width in inches
 * @param heightInches paper height in inches
 * @param dpi          the resolution given with the size, or 0 for none
 */
public record PrintSize(double widthInches, double heightInches, double dpi) {

    /** The resolution when none is given: what print shops ask for. */
    public static final double DEFAULT_DPI = 300;

    public static final String SYNTAX = "WxH followed by cm, mm or in (42x59.4cm), or A0..A6, letter, legal, "
            + "tabloid; optionally @DPI (A2@300)";

    /** ISO 216 sizes in millimetres, and US sizes in inches. */
    private static final Map<String, double[]> PAPERS = Map.ofEntries(
            Map.entry("a0", new double[] {841 / 25.4, 1189 / 25.4}),
            Map.entry("a1", new double[] {594 / 25.4, 841 / 25.4}),
            Map.entry("a2", new double[] {420 / 25.4, 594 / 25.4}),
            Map.entry("a3", new double[] {297 / 25.4, 420 / 25.4}),
            Map.entry("a4", new double[] {210 / 25.4, 297 / 25.4}),
            Map.entry("a5", new double[] {148 / 25.4, 210 / 25.4}),
            Map.entry("a6", new double[] {105 / 25.4, 148 / 25.4}),
            Map.entry("letter", new double[] {8.5, 11}),
            Map.entry("legal", new double[] {8.5, 14}),
            Map.entry("tabloid", new double[] {11, 17}));

    private static final Pattern DIMENSIONS =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?)x([0-9]+(?:\\.[0-9]+)?)(cm|mm|in)");

    public static PrintSize parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        double dpi = 0;
        int at = t.indexOf('@');
        if (at >= 0) {
            try {
                dpi = Double.parseDouble(t.substring(at + 1));
            } catch (NumberFormatException e) {
                dpi = -1;
            }
            if (!(dpi > 0) || !Double.isFinite(dpi) || dpi > 100_000) {
                throw new BadInputException("--print: the resolution after @ must be a positive number of dots an "
                        + "inch, got '" + text.trim() + "'");
            }
            t = t.substring(0, at);
        }
        double[] paper = PAPERS.get(t);
        if (paper != null) {
            return new PrintSize(paper[0], paper[1], dpi);
        }
        Matcher m = DIMENSIONS.matcher(t);
        if (!m.matches()) {
            throw new BadInputException("--print must be " + SYNTAX + ", got '" + text.trim() + "'");
        }
        double perInch = switch (m.group(3)) {
            case "cm" -> 2.54;
            case "mm" -> 25.4;
            default -> 1;
        };
        double w = Double.parseDouble(m.group(1)) / perInch;
        double h = Double.parseDouble(m.group(2)) / perInch;
        if (!(w > 0) || !(h > 0)) {
            throw new BadInputException("--print needs a positive width and height, got '" + text.trim() + "'");
        }
        return new PrintSize(w, h, dpi);
    }

    /**
     * The resolution: the one given with the size, or {@code dpi} (from --dpi, 0 for none), or
     * {@link #DEFAULT_DPI}; refused when the two disagree.
     */
    public double resolution(double givenDpi) {
        if (dpi > 0 && givenDpi > 0 && dpi != givenDpi) {
            throw new BadInputException("--print says " + formatDpi(dpi) + " dpi but --dpi says "
                    + formatDpi(givenDpi) + "; give one");
        }
        return dpi > 0 ? dpi : givenDpi > 0 ? givenDpi : DEFAULT_DPI;
    }

    /** Pixels across at {@code resolution} dots an inch. */
    public int widthPixels(double resolution) {
        return pixels(widthInches, resolution);
    }

    public int heightPixels(double resolution) {
        return pixels(heightInches, resolution);
    }

    private static int pixels(double inches, double resolution) {
        long p = Math.max(1, Math.round(inches * resolution));
        if (p > 1 << 20) {
            throw new BadInputException("--print: " + p + " pixels across is more than an image may have");
        }
        return (int) p;
    }

    static String formatDpi(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
