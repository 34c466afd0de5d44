package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Init;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.VaryKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The values of a grid axis, in the syntax of the field's {@link VaryKind}. Values of one-number and one-word
 * fields are separated by commas; values that are themselves comma lists (hidden sizes, centres, latent vectors,
 * per-layer activations, input lists) are separated by semicolons: {@code hidden=16,16;32,32}. A palette of colour
 * stops keeps its commas ({@code color=rgb,palette:#000000,#ff8800}): a stop joins the value before it. Each value is
 * checked by the field itself (its parser and its range), so a bad one fails before anything renders.
 */
final class VaryValues {

    private VaryValues() {
    }

    /** Parses the values of a sweep, e.g. {@code 1..10} for depth or {@code tanh,relu} for activation. */
    static List<FieldValue> parse(Field<?> field, String text) {
        String id = field.gridName();
        VaryKind kind = field.grid();
        if (text.isBlank()) {
            throw new BadInputException(id + ": no values given");
        }
        List<FieldValue> values = new ArrayList<>();
        switch (kind) {
            case WHOLE:
            case NUMBER: {
                double[] v = kind == VaryKind.WHOLE ? wholeValues(id, text) : NumberLists.parseList(id, text);
                String[] labels = NumberLists.labels(v);
                for (int i = 0; i < v.length; i++) {
                    values.add(checked(field, FieldValue.ofNumber(labels[i], v[i])));
                }
                break;
            }
            case VECTOR:
                for (String item : items(id, text, ";")) {
                    for (double[] vec : parseVectorItem(id, item)) {
                        values.add(checked(field, FieldValue.ofNumbers(NumberLists.formatVector(vec), vec)));
                    }
                }
                break;
            case WHOLE_VECTOR:
                for (String item : items(id, text, ";")) {
                    double[] vec = NumberLists.parseVector(id, item);
                    NumberLists.wholeNumbers(id, vec);
                    values.add(checked(field, FieldValue.ofNumbers(NumberLists.formatVector(vec), vec)));
                }
                break;
            case WORD:
                // With a semicolon anywhere, values are split on semicolons only, so a mix keeps its commas:
                // activation=tanh;mix:tanh,sin (or write the mix as mix:tanh+sin).
                // Without one, a comma followed by a colour stop (#rrggbb) stays inside its palette:
                // color=rgb,palette:#000000,#ff8800 is two values.
                List<String> words = text.contains(";") ? items(id, text, ";") : withColourStops(id, items(id, text, ","));
                for (String item : words) {
                    values.add(checked(field, FieldValue.ofText(item, item)));
                }
                break;
            case WORD_LIST:
                for (String item : items(id, text, ";")) {
                    String list = Arrays.stream(item.split(",")).map(String::trim).collect(Collectors.joining(","));
                    values.add(checked(field, FieldValue.ofText(list, list)));
                }
                break;
            case INIT: {
                // A bare number or range continues the previous kind: uniform:0.5,1,2
                String previousKind = null;
                for (String item : items(id, text, "[,;]")) {
                    String lower = item.toLowerCase(Locale.ROOT);
                    boolean bare = lower.matches("[-+.0-9].*") || lower.startsWith("lin:") || lower.startsWith("geom:");
                    if (bare && previousKind == null) {
                        throw new BadInputException(id + ": '" + item + "' needs an initialisation, as in uniform:"
                                + item);
                    }
                    String full = bare ? previousKind + ":" + item : item;
                    int colon = full.indexOf(':');
                    previousKind = colon < 0 ? null : full.substring(0, colon).trim();
                    values.addAll(parseInitItem(id, full));
                }
                break;
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
        if (values.size() > NumberLists.MAX_VALUES) {
            throw new BadInputException(id + ": more than " + NumberLists.MAX_VALUES + " values");
        }
        return values;
    }

    /**
     * Whole-number fields: plain numbers and stepped ranges must be whole; {@code lin:} and {@code geom:} ranges
     * are rounded, dropping the repeats rounding makes ({@code geom:1..400:8} for widths).
     */
    private static double[] wholeValues(String id, String text) {
        if (text.isBlank()) {
            throw new BadInputException(id + ": no values given");
        }
        List<Double> out = new ArrayList<>();
        for (String item : text.split("[,;]", -1)) {
            String t = item.trim();
            String lower = t.toLowerCase(Locale.ROOT);
            double[] v = NumberLists.parseItem(id, t);
            if (lower.startsWith("geom:") || lower.startsWith("lin:")) {
                Arrays.stream(v).map(Math::rint).distinct().forEach(out::add);
            } else {
                NumberLists.wholeNumbers(id, v);
                Arrays.stream(v).forEach(out::add);
            }
            if (out.size() > NumberLists.MAX_VALUES) {
                throw new BadInputException(id + ": more than " + NumberLists.MAX_VALUES + " values");
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> items(String id, String text, String separator) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(separator, -1)) {
            String t = item.trim();
            if (t.isEmpty()) {
                throw new BadInputException(id + ": empty value in '" + text + "'");
            }
            items.add(t);
        }
        return items;
    }

    /**
     * Joins each comma item that is a colour stop ({@code #...}) to the value before it, so that the stops of a
     * {@code palette:#0b0b3b,#ff8800} value stay one value: no other value starts with {@code #}.
     */
    static List<String> withColourStops(String id, List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            if (!item.startsWith("#")) {
                out.add(item);
            } else if (out.isEmpty()) {
                throw new BadInputException(id + ": colour stops belong to a palette, as in palette:" + item
                        + ",#ffffff; got '" + item + "' first");
            } else {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + item);
            }
        }
        return out;
    }

    private static List<double[]> parseVectorItem(String id, String item) {
        if (item.toLowerCase(Locale.ROOT).startsWith("lin:")) {
            String body = item.substring(4);
            int colon = body.lastIndexOf(':');
            int dots = body.indexOf("..");
            if (colon < 0 || dots < 0 || dots > colon) {
                throw new BadInputException(id + ": '" + item + "' should look like lin:0,0..1,1:5 (from..to:count)");
            }
            double[] from = NumberLists.parseVector(id, body.substring(0, dots));
            double[] to = NumberLists.parseVector(id, body.substring(dots + 2, colon));
            int count = NumberLists.parseCount(id, body.substring(colon + 1), item);
            return interpolateVectors(id, from, to, count, item);
        }
        if (item.contains("..") && !item.contains(",")) {
            // A one-number vector (a one-dimensional z) takes the number ranges: z=-1..1:0.5
            List<double[]> out = new ArrayList<>();
            for (double v : NumberLists.parseItem(id, item)) {
                out.add(new double[] {v});
            }
            return out;
        }
        if (item.contains("..")) {
            throw new BadInputException(id + ": a range of vectors needs a count, as in lin:0,0..1,1:5; got '"
                    + item + "'");
        }
        return List.of(NumberLists.parseVector(id, item));
    }

    private static List<double[]> interpolateVectors(String id, double[] from, double[] to, int count, String item) {
        if (from.length != to.length) {
            throw new BadInputException(id + ": the ends of '" + item + "' have different lengths");
        }
        double[][] components = new double[from.length][];
        for (int k = 0; k < from.length; k++) {
            components[k] = NumberLists.linear(from[k], to[k], count);
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] v = new double[from.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = components[k][i];
            }
            out.add(v);
        }
        return out;
    }

    /** {@code he-normal}, {@code normal:2}, or {@code uniform:RANGE} expanding to one value per number. */
    private static List<FieldValue> parseInitItem(String id, String item) {
        int colon = item.indexOf(':');
        if (colon < 0 || !item.contains("..")) {
            Init init = Init.parse(item);
            String label = colon < 0 ? init.toString()
                    : item.substring(0, colon).trim() + ":" + NumberLists.format(init.parameter());
            return List.of(FieldValue.ofText(label, init.toString()));
        }
        String kindName = item.substring(0, colon).trim();
        double[] numbers = NumberLists.parseItem(id, item.substring(colon + 1).trim());
        String[] labels = NumberLists.labels(numbers);
        List<FieldValue> out = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            Init init = initOf(kindName, numbers[i]);
            out.add(FieldValue.ofText(kindName + ":" + labels[i], init.toString()));
        }
        return out;
    }

    /** The initialisation of kind {@code kindName} (one that takes a number) with parameter {@code p}. */
    static Init initOf(String kindName, double p) {
        Init.Kind k = Init.parse(kindName + ":1").kind();
        return new Init(k, p);
    }

    /** Checks a value with the field's own parser and range. */
    private static FieldValue checked(Field<?> field, FieldValue v) {
        check(field, v);
        return v;
    }

    private static <T> void check(Field<T> field, FieldValue v) {
        String name = field.gridName();
        T value;
        try {
            value = field.type().fromVaried(field, v);
        } catch (BadInputException e) {
            String m = e.getMessage();
            throw new BadInputException(m.startsWith(name) ? m : name + ": " + m, e);
        }
        field.check(value, name);
        if (field.gridMin() != null && v.numbers() != null && v.number() < field.gridMin()) {
            throw new BadInputException(name + " must be at least " + field.gridMin() + ", got " + v.label());
        }
    }
}
