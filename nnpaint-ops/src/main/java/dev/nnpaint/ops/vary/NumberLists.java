package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The number syntax of sweeps and animations:
 * <pre>
 *   0.5                one number
 *   1..10              whole steps from 1 to 10 (10..1 is empty; 10..1:-1 counts down)
 *   2..30:3            from 2 in steps of 3 while not past 30: 2, 5, ..., 29
 *   lin:0..1:5         5 evenly spaced values, both ends included
 *   geom:0.5..1.0:6    6 values with a constant ratio, both ends included
 * </pre>
 * and lists of those, separated by commas (or semicolons).
 */
public final class NumberLists {

    /** More values than this in one sweep is a typo, not a plan. */
    public static final int MAX_VALUES = 10_000;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumberLists() {
    }

    /** A list of numbers or ranges, e.g. {@code 1,2,5..8} or {@code geom:0.1..10:5}. */
    public static double[] parseList(String field, String text) {
        List<Double> values = new ArrayList<>();
        if (text.isBlank()) {
            throw new BadInputException(field + ": no values given");
        }
        for (String item : text.split("[,;]", -1)) {
            for (double v : parseItem(field, item.trim())) {
                values.add(v);
                if (values.size() > MAX_VALUES) {
                    throw new BadInputException(field + ": more than " + MAX_VALUES + " values");
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One number or one range. */
    public static double[] parseItem(String field, String item) {
        if (item.isEmpty()) {
            throw new BadInputException(field + ": empty value in the list (two commas in a row?)");
        }
        String lower = item.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("lin:") || lower.startsWith("geom:")) {
            boolean geometric = lower.startsWith("geom:");
            String body = item.substring(item.indexOf(':') + 1);
            int colon = body.lastIndexOf(':');
            if (colon < 0 || !body.substring(0, colon).contains("..")) {
                throw new BadInputException(field + ": '" + item + "' should look like "
                        + (geometric ? "geom:0.5..1:6" : "lin:0..1:5") + " (from..to:count)");
            }
            double[] ends = parseEnds(field, body.substring(0, colon), item);
            int count = parseCount(field, body.substring(colon + 1), item);
            return geometric ? geometric(field, ends[0], ends[1], count, item) : linear(ends[0], ends[1], count);
        }
        if (item.contains("...")) {
            throw new BadInputException(field + ": '" + item + "' has three dots in a row; a range is FROM..TO");
        }
        int dots = item.indexOf("..");
        if (dots < 0) {
            return new double[] {parseNumber(field, item)};
        }
        String rest = item.substring(dots + 2);
        int colon = rest.indexOf(':');
        if (item.substring(0, dots).isBlank() || (colon < 0 ? rest : rest.substring(0, colon)).isBlank()) {
            throw new BadInputException(field + ": '" + item + "' needs a number on both sides of '..'");
        }
        double from = parseNumber(field, item.substring(0, dots));
        double to = parseNumber(field, colon < 0 ? rest : rest.substring(0, colon));
        if (colon < 0 && to < from) {
            // Ranges count up unless a negative step says otherwise, so a swapped pair is a mistake, not a plan.
            throw new BadInputException(field + ": '" + item + "' is an empty range: ranges count up; write "
                    + item + ":-1 to count down");
        }
        double step = colon < 0 ? 1 : parseNumber(field, rest.substring(colon + 1));
        return stepped(field, from, to, step, item);
    }

    /** The two ends of {@code from..to}. */
    public static double[] parseEnds(String field, String text, String whole) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            throw new BadInputException(field + ": '" + whole + "' needs a range FROM..TO");
        }
        return new double[] {parseNumber(field, text.substring(0, dots)), parseNumber(field, text.substring(dots + 2))};
    }

    public static double parseNumber(String field, String text) {
        String t = text.trim();
        if (!NUMBER.matcher(t).matches()) {
            throw new BadInputException(field + ": '" + t + "' is not a number");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new BadInputException(field + ": '" + t + "' is out of range");
        }
        return v;
    }

    /** A comma-separated vector such as {@code 0.5,-1}. */
    public static double[] parseVector(String field, String text) {
        if (text.isBlank()) {
            throw new BadInputException(field + ": empty vector");
        }
        String[] parts = text.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = parseNumber(field, parts[i]);
        }
        return v;
    }

    static int parseCount(String field, String text, String whole) {
        double c = parseNumber(field, text);
        if (c != Math.rint(c) || c < 1) {
            throw new BadInputException(field + ": the count in '" + whole + "' must be a whole number of at least 1");
        }
        if (c > MAX_VALUES) {
            throw new BadInputException(field + ": more than " + MAX_VALUES + " values in '" + whole + "'");
        }
        return (int) c;
    }

    static double[] stepped(String field, double from, double to, double step, String item) {
        if (step == 0) {
            throw new BadInputException(field + ": the step of '" + item + "' must not be 0");
        }
        double span = (to - from) / step;
        if (span < -1e-9) {
            throw new BadInputException(field + ": '" + item + "' is an empty range: the step "
                    + format(step) + " goes away from " + format(to) + "; use " + format(-step) + " to count "
                    + (to < from ? "down" : "up"));
        }
        // A small tolerance keeps 0..1:0.1 from losing its last value to rounding.
        long n = (long) Math.floor(span + 1e-9) + 1;
        if (n > MAX_VALUES) {
            throw new BadInputException(field + ": '" + item + "' has more than " + MAX_VALUES + " values");
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = clean(from + i * step);
        }
        return v;
    }

    /** {@code count} evenly spaced values from {@code from} to {@code to}, both included. */
    public static double[] linear(double from, double to, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = count == 1 ? from : clean(from + (to - from) * i / (count - 1));
        }
        if (count > 1) {
            v[count - 1] = to;
        }
        return v;
    }

    static double[] geometric(String field, double from, double to, int count, String item) {
        if (!(from * to > 0)) {
            throw new BadInputException(field + ": a geometric range needs two ends of the same sign, not zero; got '"
                    + item + "'");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = count == 1 ? from : clean(from * Math.pow(to / from, (double) i / (count - 1)));
        }
        if (count > 1) {
            v[count - 1] = to;
        }
        return v;
    }

    /** Rounds away the last bits of arithmetic noise so 0.1 * 3 reads 0.3. */
    static double clean(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(12)).doubleValue();
    }

    /** The values as whole numbers, or a message naming the first that is not. */
    public static long[] wholeNumbers(String field, double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > 1e15) {
                throw new BadInputException(field + " takes whole numbers, got " + format(values[i]));
            }
            out[i] = (long) values[i];
        }
        return out;
    }

    /** A short label for a number: whole numbers without a point, others to 4 significant digits. */
    public static String format(double v) {
        return format(v, 4);
    }

    static String format(double v, int digits) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e7 ? d.toPlainString() : d.toString();
    }

    /** Labels for all the values, with just enough digits that distinct values get distinct labels. */
    public static String[] labels(double[] values) {
        long distinct = Arrays.stream(values).distinct().count();
        String[] labels = new String[values.length];
        for (int digits = 4; ; digits++) {
            for (int i = 0; i < values.length; i++) {
                labels[i] = format(values[i], digits);
            }
            if (digits >= 17 || Arrays.stream(labels).distinct().count() == distinct) {
                return labels;
            }
        }
    }

    /** A vector as {@code 0.5,-1}. */
    public static String formatVector(double[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i > 0 ? "," : "").append(format(v[i]));
        }
        return s.toString();
    }
}
