package dev.nnpaint.ops.recipe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.vary.FieldValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The kind of a field's value: how its text is read and written, how it is read from and written to a recipe
 * file, and which numbers its range applies to.
 *
 * @param <T> the typed value
 */
public abstract class ValueType<T> {

    private final String id;
    /** What a recipe file must hold, for messages: "a positive integer". */
    final String expected;

    ValueType(String id, String expected) {
        this.id = id;
        this.expected = expected;
    }

    /** What a recipe file must hold: "a positive integer". */
    public String expected() {
        return expected;
    }

    /** The type's name on the page and in the docs: integer, number, integers, numbers, pair, choice, ... */
    public String id() {
        return id;
    }

    /** Reads a value; a message says what was wrong without naming the field (the field adds its name). */
    public abstract T parse(String text);

    public abstract String format(T value);

    /** The numbers the field's range applies to. */
    public double[] numbers(T value) {
        return new double[0];
    }

    /** Writes the value at the generator's position, as the recipe file has always held it. */
    public void writeJson(JsonGenerator g, T value) throws IOException {
        g.writeString(format(value));
    }

    /** Reads the value of {@code path} from a recipe file. */
    public abstract T readJson(JsonNode v, String path, JsonIn in);

    /** The typed value of one value of a grid axis or an animation. */
    public T fromVaried(Field<T> field, FieldValue v) {
        return v.text() != null ? parse(v.text()) : parse(formatNumbers(v.numbers()));
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String formatNumbers(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? "," : "").append(v[i]);
        }
        return b.toString();
    }

    /** A number; NaN and infinities are read, and refused by the range or by the recipe's part that holds them. */
    static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("expected a number, got '" + text.trim() + "'");
        }
    }

    static List<String> items(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String t = part.trim();
            if (t.isEmpty()) {
                throw new BadInputException("empty entry in '" + text + "'");
            }
            out.add(t);
        }
        return out;
    }

    // ---- the types ----

    /** A whole number that fits a long (the seed). */
    static ValueType<Long> wholeLong() {
        return new ValueType<>("integer", "an integer") {
            public Long parse(String text) {
                try {
                    return Long.parseLong(text.trim());
                } catch (NumberFormatException e) {
                    throw new BadInputException("expected an integer, got '" + text.trim() + "'");
                }
            }
            public String format(Long v) { return v.toString(); }
            public double[] numbers(Long v) { return new double[] {v}; }
            public void writeJson(JsonGenerator g, Long v) throws IOException { g.writeNumber(v); }
            public Long readJson(JsonNode v, String path, JsonIn in) {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw in.error(path, "expected " + expected, v);
                }
                return v.longValue();
            }
            public Long fromVaried(Field<Long> f, FieldValue v) { return (long) v.number(); }
        };
    }

    /** A whole number that fits an int. */
    static ValueType<Integer> whole(String expected) {
        return new ValueType<>("integer", expected) {
            public Integer parse(String text) {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new BadInputException("expected a whole number, got '" + text.trim() + "'");
                }
            }
            public String format(Integer v) { return v.toString(); }
            public double[] numbers(Integer v) { return new double[] {v}; }
            public void writeJson(JsonGenerator g, Integer v) throws IOException { g.writeNumber(v); }
            public Integer readJson(JsonNode v, String path, JsonIn in) {
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    throw in.error(path, "expected " + expected, v);
                }
                return v.intValue();
            }
            public Integer fromVaried(Field<Integer> f, FieldValue v) { return (int) v.number(); }
        };
    }

    /** A finite number. */
    static ValueType<Double> decimal(String expected) {
        return new ValueType<>("number", expected) {
            public Double parse(String text) { return number(text); }
            public String format(Double v) { return v.toString(); }
            public double[] numbers(Double v) { return new double[] {v}; }
            public void writeJson(JsonGenerator g, Double v) throws IOException { g.writeNumber(v); }
            public Double readJson(JsonNode v, String path, JsonIn in) {
                if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw in.error(path, "expected " + expected, v);
                }
                return v.doubleValue();
            }
            public Double fromVaried(Field<Double> f, FieldValue v) { return v.number(); }
        };
    }

    /** A comma list of finite numbers (the latent vector); null in a recipe file means none. */
    static ValueType<double[]> decimals() {
        return new ValueType<>("numbers", "an array of finite numbers") {
            public double[] parse(String text) { return items(text).stream().mapToDouble(ValueType::number).toArray(); }
            public String format(double[] v) { return formatNumbers(v); }
            public double[] numbers(double[] v) { return v; }
            public void writeJson(JsonGenerator g, double[] v) throws IOException { g.writeArray(v, 0, v.length); }
            public double[] readJson(JsonNode v, String path, JsonIn in) {
                return v.isNull() ? null : finiteNumbers(v, path, in, expected);
            }
            public double[] fromVaried(Field<double[]> f, FieldValue v) { return v.numbers(); }
        };
    }

    /** Two finite numbers X,Y (the centre). */
    static ValueType<double[]> pair() {
        return new ValueType<>("pair", "[x, y]") {
            public double[] parse(String text) {
                double[] v = items(text).stream().mapToDouble(ValueType::number).toArray();
                if (v.length != 2) {
                    throw new BadInputException("takes two numbers X,Y, got " + v.length);
                }
                return v;
            }
            public String format(double[] v) { return formatNumbers(v); }
            public void writeJson(JsonGenerator g, double[] v) throws IOException { g.writeArray(v, 0, 2); }
            public double[] readJson(JsonNode v, String path, JsonIn in) {
                if (!v.isArray() || v.size() != 2) {
                    throw in.error(path, "expected [x, y]", v);
                }
                return new double[] {finite(v.get(0), path + "[0]", in), finite(v.get(1), path + "[1]", in)};
            }
            public double[] fromVaried(Field<double[]> f, FieldValue v) {
                if (v.numbers().length != 2) {
                    throw new BadInputException(f.gridName() + " takes two numbers X,Y per value, got " + v.label());
                }
                return v.numbers();
            }
        };
    }

    /** A comma list of whole numbers (the hidden layer sizes). */
    static ValueType<int[]> wholes(String elementExpected) {
        return new ValueType<>("integers", "an array of positive integers") {
            public int[] parse(String text) {
                if (text.isBlank()) {
                    return new int[0];
                }
                int[] out = new int[0];
                for (String item : items(text)) {
                    try {
                        out = Arrays.copyOf(out, out.length + 1);
                        out[out.length - 1] = Integer.parseInt(item);
                    } catch (NumberFormatException e) {
                        throw new BadInputException("expected whole numbers, got '" + item + "'");
                    }
                }
                return out;
            }
            public String format(int[] v) {
                return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toList());
            }
            public double[] numbers(int[] v) { return Arrays.stream(v).asDoubleStream().toArray(); }
            public void writeJson(JsonGenerator g, int[] v) throws IOException { g.writeArray(v, 0, v.length); }
            public int[] readJson(JsonNode v, String path, JsonIn in) {
                if (!v.isArray()) {
                    throw in.error(path, "expected " + expected, v);
                }
                int[] out = new int[v.size()];
                for (int i = 0; i < out.length; i++) {
                    JsonNode h = v.get(i);
                    if (!h.isIntegralNumber() || !h.canConvertToInt() || h.intValue() <= 0) {
                        throw in.error(path + "[" + i + "]", "expected " + elementExpected, h);
                    }
                    out[i] = h.intValue();
                }
                return out;
            }
            public int[] fromVaried(Field<int[]> f, FieldValue v) {
                return Arrays.stream(v.numbers()).mapToInt(d -> (int) d).toArray();
            }
        };
    }

    /** One word read by a core parser: an activation, an initialisation, a colour mode. */
    static <T> ValueType<T> word(String expected, Function<String, T> parser, Function<T, String> formatter) {
        return new ValueType<>("choice", expected) {
            public T parse(String text) { return parser.apply(text.trim()); }
            public String format(T v) { return formatter.apply(v); }
            public T readJson(JsonNode v, String path, JsonIn in) {
                if (!v.isTextual()) {
                    throw in.error(path, "expected " + expected, v);
                }
                return in.parsed(path, v.asText(), parser);
            }
        };
    }

    /** True or false; on the command line a flag ({@code --tile}, or {@code --tile=false}). */
    static ValueType<Boolean> bool() {
        return new ValueType<>("boolean", "true or false") {
            public Boolean parse(String text) {
                String t = text.trim().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1")) {
                    return true;
                }
                if (t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")) {
                    return false;
                }
                throw new BadInputException("expected true or false, got '" + text.trim() + "'");
            }
            public String format(Boolean v) { return v.toString(); }
            public void writeJson(JsonGenerator g, Boolean v) throws IOException { g.writeBoolean(v); }
            public Boolean readJson(JsonNode v, String path, JsonIn in) {
                if (!v.isBoolean()) {
                    throw in.error(path, "expected " + expected, v);
                }
                return v.booleanValue();
            }
        };
    }

    /** Anti-aliasing: a number of samples a side, written as a number, or "auto", written as a string. */
    static ValueType<dev.nnpaint.paint.Antialias> antialias() {
        return new ValueType<>("choice", "1 to " + dev.nnpaint.paint.Antialias.MAX + " or \"auto\"") {
            public dev.nnpaint.paint.Antialias parse(String text) { return dev.nnpaint.paint.Antialias.parse(text); }
            public String format(dev.nnpaint.paint.Antialias v) { return v.toString(); }
            public void writeJson(JsonGenerator g, dev.nnpaint.paint.Antialias v) throws IOException {
                if (v.adaptive()) {
                    g.writeString(v.toString());
                } else {
                    g.writeNumber(v.samples());
                }
            }
            public dev.nnpaint.paint.Antialias readJson(JsonNode v, String path, JsonIn in) {
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    return in.parsed(path, v.asText(), dev.nnpaint.paint.Antialias::parse);
                }
                if (v.isTextual()) {
                    return in.parsed(path, v.asText(), dev.nnpaint.paint.Antialias::parse);
                }
                throw in.error(path, "expected " + expected, v);
            }
        };
    }

    /**
     * A comma list of words (inputs, activations per layer); in a recipe file an array of strings, or with
     * {@code oneString} a single string standing for a one-entry array.
     */
    static <T> ValueType<List<T>> words(String expected, String entry, Function<String, T> parser,
                                        Function<T, String> formatter, boolean oneString) {
        return new ValueType<>("choices", expected) {
            public List<T> parse(String text) { return items(text).stream().map(parser).toList(); }
            public String format(List<T> v) { return String.join(",", v.stream().map(formatter).toList()); }
            public void writeJson(JsonGenerator g, List<T> v) throws IOException {
                g.writeStartArray();
                for (T t : v) {
                    g.writeString(formatter.apply(t));
                }
                g.writeEndArray();
            }
            public List<T> readJson(JsonNode v, String path, JsonIn in) {
                if (oneString && v.isTextual()) {
                    return List.of(in.parsed(path, v.asText(), parser));
                }
                if (!v.isArray()) {
                    throw in.error(path, "expected " + expected, v);
                }
                if (oneString && v.isEmpty()) {
                    throw in.error(path, "expected at least one " + entry, v);
                }
                List<T> out = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    JsonNode x = v.get(i);
                    if (!x.isTextual()) {
                        throw in.error(path + "[" + i + "]", "expected a string (" + expected + ")", x);
                    }
                    out.add(in.parsed(path + "[" + i + "]", x.asText(), parser));
                }
                return out;
            }
            public List<T> fromVaried(Field<List<T>> f, FieldValue v) { return parse(v.text()); }
        };
    }

    /** An image size: {@code 1024} (square) or {@code 1920x1080}; not in a recipe file, which has width and height. */
    static ValueType<int[]> size() {
        return new ValueType<>("size", "a size like 1024 or 1920x1080") {
            public int[] parse(String text) {
                String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
                if (parts.length > 2) {
                    throw new BadInputException("'" + text + "' is not a size like 1024 or 1920x1080");
                }
                try {
                    int w = Integer.parseInt(parts[0].trim());
                    int h = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : w;
                    if (w <= 0 || h <= 0) {
                        throw new BadInputException("must be positive, got '" + text.trim() + "'");
                    }
                    return new int[] {w, h};
                } catch (NumberFormatException e) {
                    throw new BadInputException("'" + text + "' is not a size like 1024 or 1920x1080");
                }
            }
            public String format(int[] v) { return v[0] == v[1] ? Integer.toString(v[0]) : v[0] + "x" + v[1]; }
            public double[] numbers(int[] v) { return new double[] {v[0], v[1]}; }
            public int[] readJson(JsonNode v, String path, JsonIn in) {
                throw new IllegalStateException("a size is not a recipe file field");
            }
        };
    }

    private static double finite(JsonNode x, String path, JsonIn in) {
        if (x == null || !x.isNumber() || !Double.isFinite(x.doubleValue())) {
            throw in.error(path, "expected a finite number", x);
        }
        return x.doubleValue();
    }

    private static double[] finiteNumbers(JsonNode v, String path, JsonIn in, String expected) {
        if (!v.isArray()) {
            throw in.error(path, "expected " + expected, v);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = finite(v.get(i), path + "[" + i + "]", in);
        }
        return out;
    }
}
