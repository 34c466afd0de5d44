package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.ColorMode;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The recipe file: every hyperparameter of a painting as one JSON object, for example
 * <pre>{@code
 * {
 *   "format": "nnpaint.recipe/1",
 *   "seed": 7,
 *   "inputs": ["x", "y", "r"],
 *   "z_dim": 0,
 *   "hidden": [16, 16, 16, 16, 16, 16, 16, 16],
 *   "activations": ["tanh"],
 *   "output_activation": "sigmoid",
 *   "weights": "normal:1",
 *   "biases": "normal:1",
 *   "gain": 1.0,
 *   "width": 1024,
 *   "height": 1024,
 *   "extent": 1.0,
 *   "center": [0.0, 0.0],
 *   "rotate": 0.0,
 *   "color": "rgb"
 * }
 * }</pre>
 * Fields (each optional when reading; a missing one takes the {@link Recipe} default):
 * <ul>
 *   <li>{@code format}: {@value #FORMAT}</li>
 *   <li>{@code seed}: integer, the key of every random draw</li>
 *   <li>{@code inputs}: array of distinct names from "x", "y", "r", "z", "bias"</li>
 *   <li>{@code z_dim}: latent inputs, integer &ge; 0 (defaults to the length of {@code z} when that is given)</li>
 *   <li>{@code z}: array of numbers, the latent vector; absent or null to draw it from the seed</li>
 *   <li>{@code hidden}: array of positive integers, hidden layer sizes</li>
 *   <li>{@code activations}: array of names such as "tanh" or "mix:tanh,sin,gaussian"; layer k uses entry
 *       k modulo the length (a single string is read as a one-entry array)</li>
 *   <li>{@code output_activation}: name, e.g. "sigmoid"</li>
 *   <li>{@code weights}, {@code biases}: initialisation, e.g. "normal:1", "he-normal", "const:0.1"</li>
 *   <li>{@code gain}: number multiplying every weight</li>
 *   <li>{@code width}, {@code height}: positive integers, pixels</li>
 *   <li>{@code extent}: positive number, half-width of the view</li>
 *   <li>{@code center}: [x, y]</li>
 *   <li>{@code rotate}: degrees, counter-clockwise</li>
 *   <li>{@code color}: "rgb", "gray", "hsv", "hsl" or "palette:NAME"</li>
 * </ul>
 * Unknown fields are errors, so that a misspelt name does not pass silently. Every error is a
 * {@link BadInputException} naming the source, the field and what was expected.
 */
public final class RecipeJson {

    public static final String FORMAT = "nnpaint.recipe/1";

    /** The fields in the order they are written. */
    static final List<String> FIELDS = List.of("format", "seed", "inputs", "z_dim", "z", "hidden", "activations",
            "output_activation", "weights", "biases", "gain", "width", "height", "extent", "center", "rotate",
            "color");

    private RecipeJson() {
    }

    /** Pretty-printed JSON with the fields in a fixed order; {@link #fromJson} reads it back to an equal recipe. */
    public static String toJson(Recipe recipe) {
        return write(recipe, true) + "\n";
    }

    /** The same fields on one line without spaces, for embedding in other documents (the PNG text chunk). */
    public static String toCompactJson(Recipe recipe) {
        return write(recipe, false);
    }

    /** The recipe as a JSON object, for embedding in other documents. */
    public static ObjectNode toTree(Recipe r) {
        return (ObjectNode) parse(toCompactJson(r), "recipe");
    }

    /**
     * Written with the streaming generator rather than a tree: the tree classes take a third of a second to load,
     * a third of the time budget of painting a default image.
     */
    private static String write(Recipe recipe, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(text)) {
            if (pretty) {
                g.setPrettyPrinter(JsonSupport.printer(false));
            }
            writeFields(g, recipe);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return text.toString();
    }

    /** Writes the recipe as one JSON object at the generator's position. */
    static void writeFields(JsonGenerator g, Recipe r) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("seed", r.seed());
        g.writeArrayFieldStart("inputs");
        for (String input : r.inputs()) {
            g.writeString(input);
        }
        g.writeEndArray();
        g.writeNumberField("z_dim", r.zDim());
        if (r.z() != null) {
            g.writeFieldName("z");
            g.writeArray(r.z(), 0, r.z().length);
        }
        g.writeFieldName("hidden");
        g.writeArray(r.hidden(), 0, r.hidden().length);
        g.writeArrayFieldStart("activations");
        for (ActivationSpec a : r.activations()) {
            g.writeString(a.toString());
        }
        g.writeEndArray();
        g.writeStringField("output_activation", r.outputActivation().id());
        g.writeStringField("weights", r.weights().toString());
        g.writeStringField("biases", r.biases().toString());
        g.writeNumberField("gain", r.gain());
        g.writeNumberField("width", r.width());
        g.writeNumberField("height", r.height());
        g.writeNumberField("extent", r.extent());
        g.writeFieldName("center");
        g.writeArray(new double[] {r.centerX(), r.centerY()}, 0, 2);
        g.writeNumberField("rotate", r.rotateDegrees());
        g.writeStringField("color", r.color());
        g.writeEndObject();
    }

    public static Recipe read(Path path) {
        byte[] bytes = JsonSupport.readBytes(path);
        return build(builderFromTree(parse(bytes, path.toString()), path.toString()), path.toString());
    }

    /** Writes the recipe atomically. */
    public static void write(Path path, Recipe recipe) {
        AtomicOutput.writeString(path, toJson(recipe));
    }

    /** @param source names the text in error messages, usually the file name */
    public static Recipe fromJson(String json, String source) {
        return build(builderFromJson(json, source), source);
    }

    /**
     * A builder holding the defaults overridden by the fields present in {@code json}, so that command-line
     * options can override the file in turn. Errors of single fields are reported here; errors that involve
     * several fields (z_dim against inputs, say) when the recipe is built.
     */
    public static Recipe.Builder builderFromJson(String json, String source) {
        return builderFromTree(parse(json, source), source);
    }

    /** Reads a recipe object that is part of a larger document; {@code source} names it in messages. */
    public static Recipe fromTree(JsonNode node, String source) {
        return build(builderFromTree(node, source), source);
    }

    private static JsonNode parse(Object text, String source) {
        try {
            JsonNode root = text instanceof byte[] bytes ? JsonSupport.mapper().readTree(bytes)
                    : JsonSupport.mapper().readTree((String) text);
            if (root == null || root.isMissingNode()) {
                throw new BadInputException(source + ": empty; expected a JSON object with the recipe's fields");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw JsonSupport.syntaxError(source, e);
        } catch (IOException e) {
            throw new BadInputException(source + ": " + AtomicOutput.reason(e), e);
        }
    }

    private static Recipe build(Recipe.Builder builder, String source) {
        try {
            return builder.build();
        } catch (BadInputException e) {
            throw new BadInputException(source + ": " + JsonSupport.oneLine(e.getMessage()), e);
        }
    }

    private static Recipe.Builder builderFromTree(JsonNode root, String source) {
        if (!root.isObject()) {
            throw new BadInputException(source + ": expected a JSON object with the recipe's fields, got "
                    + JsonSupport.shown(root));
        }
        Recipe.Builder b = Recipe.builder();
        Fields in = new Fields(source);
        Integer zDim = null;
        double[] z = null;
        double centerX = 0;
        double centerY = 0;
        boolean centerGiven = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            switch (name) {
                case "format" -> {
                    if (!v.isTextual() || !v.asText().equals(FORMAT)) {
                        String hint = v.isTextual() && v.asText().equals(ModelJson.FORMAT)
                                ? " (this is a model file)" : "";
                        throw in.error(name, "expected \"" + FORMAT + "\"", v, hint);
                    }
                }
                case "seed" -> {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        throw in.error(name, "expected an integer", v, "");
                    }
                    b.seed(v.longValue());
                }
                case "inputs" -> b.inputs(in.strings(name, v, "an array of names from \"x\", \"y\", \"r\", \"z\", \"bias\""));
                case "z_dim" -> zDim = in.integer(name, v, 0, "a non-negative integer");
                case "z" -> z = v.isNull() ? null : in.numbers(name, v);
                case "hidden" -> {
                    if (!v.isArray()) {
                        throw in.error(name, "expected an array of positive integers", v, "");
                    }
                    int[] hidden = new int[v.size()];
                    for (int i = 0; i < hidden.length; i++) {
                        JsonNode h = v.get(i);
                        if (!h.isIntegralNumber() || !h.canConvertToInt() || h.intValue() <= 0) {
                            throw in.error(name + "[" + i + "]", "expected a positive integer (a layer size)", h,
                                    "");
                        }
                        hidden[i] = h.intValue();
                    }
                    b.hidden(hidden);
                }
                case "activations" -> {
                    List<String> names = v.isTextual() ? List.of(v.asText())
                            : in.strings(name, v, "an array of activation names such as \"tanh\" or \"mix:tanh,sin\"");
                    if (names.isEmpty()) {
                        throw in.error(name, "expected at least one activation", v, "");
                    }
                    List<ActivationSpec> specs = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        specs.add(in.parsed(v.isTextual() ? name : name + "[" + i + "]", names.get(i),
                                ActivationSpec::parse));
                    }
                    b.activations(specs);
                }
                case "output_activation" ->
                        b.outputActivation(in.parsed(name, in.string(name, v, "an activation name"), Activation::parse));
                case "weights" -> b.weights(in.parsed(name, in.string(name, v, "an initialisation such as \"normal:1\""),
                        Init::parse));
                case "biases" -> b.biases(in.parsed(name, in.string(name, v, "an initialisation such as \"normal:1\""),
                        Init::parse));
                case "gain" -> b.gain(in.number(name, v, "a finite number"));
                case "width" -> in.width = in.integer(name, v, 1, "a positive integer");
                case "height" -> in.height = in.integer(name, v, 1, "a positive integer");
                case "extent" -> {
                    double extent = in.number(name, v, "a positive number");
                    if (!(extent > 0)) {
                        throw in.error(name, "expected a positive number", v, "");
                    }
                    b.extent(extent);
                }
                case "center" -> {
                    if (!v.isArray() || v.size() != 2) {
                        throw in.error(name, "expected [x, y]", v, "");
                    }
                    centerX = in.number(name + "[0]", v.get(0), "a finite number");
                    centerY = in.number(name + "[1]", v.get(1), "a finite number");
                    centerGiven = true;
                }
                case "rotate" -> b.rotateDegrees(in.number(name, v, "a finite number of degrees"));
                case "color" -> b.color(in.parsed(name, in.string(name, v, "a colour mode such as \"rgb\" or \"palette:NAME\""),
                        text -> {
                            ColorMode.parse(text); // checked here, so that the message names the field
                            return text;
                        }));
                default -> throw new BadInputException(JsonSupport.unknownField(source + ": ", name, FIELDS));
            }
        }
        if (in.width != null || in.height != null) {
            Recipe defaults = Recipe.defaults();
            b.size(in.width != null ? in.width : defaults.width(), in.height != null ? in.height : defaults.height());
        }
        if (centerGiven) {
            b.center(centerX, centerY);
        }
        if (z != null) {
            b.z(z);
            b.zDim(zDim != null ? zDim : z.length);
        } else if (zDim != null) {
            b.zDim(zDim);
        }
        return b;
    }

    /** Reads typed values, with messages of the form {@code source: path: expected X, got Y}, path as {@code z[2]}. */
    private static final class Fields {
        final String source;
        Integer width;
        Integer height;

        Fields(String source) {
            this.source = source;
        }

        BadInputException error(String path, String expected, JsonNode got, String detail) {
            return new BadInputException(source + ": " + path + ": " + expected + ", got "
                    + JsonSupport.shown(got) + detail);
        }

        int integer(String field, JsonNode v, int min, String expected) {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
                throw error(field, "expected " + expected, v, "");
            }
            return v.intValue();
        }

        double number(String field, JsonNode v, String expected) {
            if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw error(field, "expected " + expected, v, "");
            }
            return v.doubleValue();
        }

        double[] numbers(String field, JsonNode v) {
            if (!v.isArray()) {
                throw error(field, "expected an array of finite numbers", v, "");
            }
            double[] values = new double[v.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode x = v.get(i);
                if (!x.isNumber() || !Double.isFinite(x.doubleValue())) {
                    throw error(field + "[" + i + "]", "expected a finite number", x, "");
                }
                values[i] = x.doubleValue();
            }
            return values;
        }

        String string(String field, JsonNode v, String expected) {
            if (!v.isTextual()) {
                throw error(field, "expected " + expected, v, "");
            }
            return v.asText();
        }

        List<String> strings(String field, JsonNode v, String expected) {
            if (!v.isArray()) {
                throw error(field, "expected " + expected, v, "");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode x = v.get(i);
                if (!x.isTextual()) {
                    throw error(field + "[" + i + "]", "expected a string (" + expected + ")", x, "");
                }
                values.add(x.asText());
            }
            return values;
        }

        /** Runs a core parser (Activation.parse, Init.parse, ...) and puts the field's name on its message. */
        <T> T parsed(String field, String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (BadInputException e) {
                throw new BadInputException(source + ": " + field + ": "
                        + JsonSupport.oneLine(e.getMessage()), e);
            }
        }
    }
}
