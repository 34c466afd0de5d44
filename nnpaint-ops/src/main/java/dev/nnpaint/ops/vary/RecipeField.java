package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.ColorMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A recipe field that grids sweep and animations vary, with the syntax of its values and how a value is set on
 * a {@link Recipe.Builder}. Values of one-number and one-word fields are separated by commas; values that are
 * themselves comma lists (hidden sizes, centres, latent vectors, per-layer activations, input lists) are
 * separated by semicolons: {@code hidden=16,16;32,32}.
 */
public enum RecipeField {
    /** Number of hidden layers: the first k layers of the recipe's network, widened by its last width. */
    DEPTH("depth", Kind.WHOLE, "layers"),
    /** Units of every hidden layer, keeping the number of layers. */
    NEURONS("neurons", Kind.WHOLE, "width"),
    HIDDEN("hidden", Kind.WHOLE_VECTOR),
    ACTIVATION("activation", Kind.WORD),
    ACTIVATIONS("activations", Kind.WORD_LIST),
    OUTPUT_ACTIVATION("output-activation", Kind.WORD, "output"),
    WEIGHTS("weights", Kind.INIT),
    BIASES("biases", Kind.INIT),
    GAIN("gain", Kind.NUMBER),
    EXTENT("extent", Kind.NUMBER),
    ZOOM("zoom", Kind.NUMBER),
    CENTER("center", Kind.VECTOR, "centre"),
    ROTATE("rotate", Kind.NUMBER, "rotation"),
    SEED("seed", Kind.WHOLE),
    Z("z", Kind.VECTOR),
    Z_DIM("z-dim", Kind.WHOLE),
    INPUTS("inputs", Kind.WORD_LIST),
    COLOR("color", Kind.WORD, "colour");

    /** The shape of a field's value. */
    public enum Kind {
        /** A whole number: {@code 1..10}, {@code 2..30:3}, {@code geom:10..400:6} (rounded). */
        WHOLE,
        /** A number: lists, steps, {@code lin:} and {@code geom:} ranges. */
        NUMBER,
        /** A vector {@code 0.5,-1}; values separated by {@code ;}, or {@code lin:0,0..1,1:5}. */
        VECTOR,
        /** A list of whole numbers (hidden sizes); values separated by {@code ;}. */
        WHOLE_VECTOR,
        /** A word: an activation, a colour mode; values separated by {@code ,} or, when one holds a comma, {@code ;}. */
        WORD,
        /** A comma list of words (per-layer activations, inputs); values separated by {@code ;}. */
        WORD_LIST,
        /** An initialisation, whose number may be a range: {@code uniform:0.5..1:0.1}. */
        INIT
    }

    private final String id;
    private final Kind kind;
    private final List<String> aliases;

    RecipeField(String id, Kind kind, String... aliases) {
        this.id = id;
        this.kind = kind;
        this.aliases = List.of(aliases);
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The names the command line accepts, e.g. "depth (or layers)". */
    public static String validNames() {
        return Arrays.stream(values())
                .map(f -> f.aliases.isEmpty() ? f.id : f.id + " (or " + String.join(", ", f.aliases) + ")")
                .collect(Collectors.joining(", "));
    }

    public static RecipeField parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RecipeField f : values()) {
            if (f.id.equals(n) || f.aliases.contains(n)) {
                return f;
            }
        }
        throw new BadInputException("unknown recipe field '" + name.trim() + "'; valid: " + validNames());
    }

    /** Fields that change continuously with a number, so an animation can move them smoothly. */
    public boolean continuous() {
        switch (this) {
            case GAIN: case EXTENT: case ZOOM: case ROTATE: case CENTER: case Z: case WEIGHTS: case BIASES:
                return true;
            default:
                return false;
        }
    }

    /** Parses the values of a sweep, e.g. {@code 1..10} for depth or {@code tanh,relu} for activation. */
    public List<FieldValue> parseValues(String text) {
        if (text.isBlank()) {
            throw new BadInputException(id + ": no values given");
        }
        List<FieldValue> values = new ArrayList<>();
        switch (kind) {
            case WHOLE:
            case NUMBER: {
                double[] v = kind == Kind.WHOLE ? wholeValues(text) : NumberLists.parseList(id, text);
                String[] labels = NumberLists.labels(v);
                for (int i = 0; i < v.length; i++) {
                    values.add(checked(FieldValue.ofNumber(labels[i], v[i])));
                }
                break;
            }
            case VECTOR:
                for (String item : items(text, ";")) {
                    for (double[] vec : parseVectorItem(item)) {
                        values.add(checked(FieldValue.ofNumbers(NumberLists.formatVector(vec), vec)));
                    }
                }
                break;
            case WHOLE_VECTOR:
                for (String item : items(text, ";")) {
                    double[] vec = NumberLists.parseVector(id, item);
                    NumberLists.wholeNumbers(id, vec);
                    values.add(checked(FieldValue.ofNumbers(NumberLists.formatVector(vec), vec)));
                }
                break;
            case WORD:
                // With a semicolon anywhere, values are split on semicolons only, so a mix keeps its commas:
                // activation=tanh;mix:tanh,sin (or write the mix as mix:tanh+sin).
                for (String item : items(text, text.contains(";") ? ";" : ",")) {
                    values.add(checked(FieldValue.ofText(item, item)));
                }
                break;
            case WORD_LIST:
                for (String item : items(text, ";")) {
                    String list = Arrays.stream(item.split(",")).map(String::trim).collect(Collectors.joining(","));
                    values.add(checked(FieldValue.ofText(list, list)));
                }
                break;
            case INIT: {
                // A bare number or range continues the previous kind: uniform:0.5,1,2
                String previousKind = null;
                for (String item : items(text, "[,;]")) {
                    String lower = item.toLowerCase(Locale.ROOT);
                    boolean bare = lower.matches("[-+.0-9].*") || lower.startsWith("lin:") || lower.startsWith("geom:");
                    if (bare && previousKind == null) {
                        throw new BadInputException(id + ": '" + item + "' needs an initialisation, as in uniform:"
                                + item);
                    }
                    String full = bare ? previousKind + ":" + item : item;
                    int colon = full.indexOf(':');
                    previousKind = colon < 0 ? null : full.substring(0, colon).trim();
                    values.addAll(parseInitItem(full));
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
    private double[] wholeValues(String text) {
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

    private List<String> items(String text, String separator) {
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

    private List<double[]> parseVectorItem(String item) {
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
            return interpolateVectors(from, to, count, item);
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

    private List<double[]> interpolateVectors(double[] from, double[] to, int count, String item) {
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
    private List<FieldValue> parseInitItem(String item) {
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

    /** Checks a value on its own (an unknown activation fails here, before anything renders). */
    private FieldValue checked(FieldValue v) {
        switch (this) {
            case DEPTH:
                if (v.number() < 0) {
                    throw new BadInputException("depth must not be negative, got " + v.label());
                }
                break;
            case NEURONS:
            case Z_DIM:
                if (v.number() < 1) {
                    throw new BadInputException(id + " must be at least 1, got " + v.label());
                }
                break;
            case EXTENT:
            case ZOOM:
                if (!(v.number() > 0)) {
                    throw new BadInputException(id + " must be positive, got " + v.label());
                }
                break;
            case HIDDEN:
                for (double h : v.numbers()) {
                    if (h < 1) {
                        throw new BadInputException("hidden sizes must be positive, got " + v.label());
                    }
                }
                break;
            case CENTER:
                if (v.numbers().length != 2) {
                    throw new BadInputException("center takes two numbers X,Y per value, got " + v.label());
                }
                break;
            case ACTIVATION:
                ActivationSpec.parse(v.text());
                break;
            case ACTIVATIONS:
                for (String a : v.text().split(",")) {
                    ActivationSpec.parse(a);
                }
                break;
            case OUTPUT_ACTIVATION:
                Activation.parse(v.text());
                break;
            case INPUTS:
                for (String in : v.text().split(",")) {
                    if (!Recipe.INPUT_NAMES.contains(in)) {
                        throw new BadInputException("inputs: unknown input '" + in + "'; valid: x, y, r, z, bias");
                    }
                }
                break;
            case COLOR:
                ColorMode.parse(v.text());
                break;
            default:
                break;
        }
        return v;
    }

    /** Sets the value on the builder. */
    public Recipe.Builder apply(Recipe.Builder b, FieldValue v) {
        switch (this) {
            case DEPTH: {
                // The first k layers of the recipe's own network, so a depth sweep shows one network growing.
                int k = (int) v.number();
                int[] h = b.hiddenSizes();
                int widest = h.length > 0 ? h[h.length - 1] : 16;
                int[] next = new int[k];
                for (int i = 0; i < k; i++) {
                    next[i] = i < h.length ? h[i] : widest;
                }
                return b.hidden(next);
            }
            case NEURONS:
                return b.layers(b.hiddenSizes().length, (int) v.number());
            case HIDDEN:
                return b.hidden(Arrays.stream(v.numbers()).mapToInt(d -> (int) d).toArray());
            case ACTIVATION:
                return b.activations(List.of(ActivationSpec.parse(v.text())));
            case ACTIVATIONS: {
                List<ActivationSpec> list = new ArrayList<>();
                for (String a : v.text().split(",")) {
                    list.add(ActivationSpec.parse(a));
                }
                return b.activations(list);
            }
            case OUTPUT_ACTIVATION:
                return b.outputActivation(Activation.parse(v.text()));
            case WEIGHTS:
                return b.weights(Init.parse(v.text()));
            case BIASES:
                return b.biases(Init.parse(v.text()));
            case GAIN:
                return b.gain(v.number());
            case EXTENT:
                return b.extent(v.number());
            case ZOOM:
                return b.extent(1 / v.number());
            case CENTER:
                return b.center(v.numbers()[0], v.numbers()[1]);
            case ROTATE:
                return b.rotateDegrees(v.number());
            case SEED:
                return b.seed((long) v.number());
            case Z:
                return b.latent(v.numbers().length, v.numbers());
            case Z_DIM:
                return b.latent((int) v.number(), null);
            case INPUTS: {
                List<String> inputs = Arrays.stream(v.text().split(",")).map(String::trim).toList();
                b.inputs(inputs);
                // Leaving z out drops the latent vector rather than failing on a z-dim nobody asked for here.
                return inputs.contains("z") ? b : b.zDim(0).z(null);
            }
            case COLOR:
                return b.color(v.text());
            default:
                throw new IllegalStateException(toString());
        }
    }
}
