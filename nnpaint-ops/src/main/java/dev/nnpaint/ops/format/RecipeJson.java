package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.JsonIn;
import dev.nnpaint.ops.recipe.RecipeFields;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

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
 *   <li>{@code color}: "rgb", "gray", "hsv", "hsl", "palette:NAME" or "palette:#rrggbb,#rrggbb,..."</li>
 *   <li>{@code antialias}: samples a side of a pixel, 1 to 16, or "auto"; written only when not 1</li>
 *   <li>{@code tile}: true for a seamless tile; written only when true</li>
 * </ul>
 * Unknown fields are errors, so that a misspelt name does not pass silently. Every error is a
 * {@link BadInputException} naming the source, the field and what was expected.
 */
public final class RecipeJson {

    public static final String FORMAT = "nnpaint.recipe/1";

    /** The fields in the order they are written: the recipe file's fields of the table. */
    static final List<String> FIELDS = Stream.concat(Stream.of("format"),
            RecipeFields.inFile().stream().map(Field::json)).toList();

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
        for (Field<?> f : RecipeFields.inFile()) {
            writeField(g, f, r);
        }
        g.writeEndObject();
    }

    private static <T> void writeField(JsonGenerator g, Field<T> f, Recipe r) throws IOException {
        // A latent vector drawn from the seed is left out, and so are newer fields at their defaults.
        if (f.writtenIn(r)) {
            g.writeFieldName(f.json());
            f.type().writeJson(g, f.get(r));
        }
    }

    /** One field's value as JSON, written as the recipe file writes it (for the page's list of fields). */
    public static <T> JsonNode valueTree(Field<T> field, T value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(text)) {
            field.type().writeJson(g, value);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return parse(text.toString(), field.name());
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
        Fields in = new Fields(source);
        Map<Field<?>, Object> given = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("format")) {
                if (!v.isTextual() || !v.asText().equals(FORMAT)) {
                    String hint = v.isTextual() && v.asText().equals(ModelJson.FORMAT) ? " (this is a model file)" : "";
                    throw in.error(name, "expected \"" + FORMAT + "\"", v, hint);
                }
                continue;
            }
            Field<?> f = RecipeFields.byJson(name).orElseThrow(() ->
                    new BadInputException(JsonSupport.unknownField(source + ": ", name, FIELDS)));
            given.put(f, read(f, v, in));
        }
        // Applied in the table's order, whatever the file's, so that z_dim can check the length of z.
        Recipe.Builder b = Recipe.builder();
        for (Field<?> f : RecipeFields.inFile()) {
            if (given.containsKey(f)) {
                setFromFile(b, f, given.get(f));
            }
        }
        double[] z = (double[]) given.get(RecipeFields.Z);
        if (z != null && !given.containsKey(RecipeFields.Z_DIM)) {
            b.zDim(z.length); // z_dim defaults to the length of z
        }
        return b;
    }

    private static <T> T read(Field<T> f, JsonNode v, Fields in) {
        T value = f.type().readJson(v, f.json(), in);
        try {
            f.check(value, f.json());
        } catch (BadInputException e) {
            throw in.error(f.json(), "expected " + f.type().expected(), v, "");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> void setFromFile(Recipe.Builder b, Field<T> f, Object value) {
        if (value != null) {
            f.setFromFile(b, (T) value);
        }
    }

    /** Reads typed values, with messages of the form {@code source: path: expected X, got Y}, path as {@code z[2]}. */
    private static final class Fields implements JsonIn {
        final String source;

        Fields(String source) {
            this.source = source;
        }

        @Override
        public BadInputException error(String path, String expected, JsonNode got) {
            return error(path, expected, got, "");
        }

        BadInputException error(String path, String expected, JsonNode got, String detail) {
            return new BadInputException(source + ": " + path + ": " + expected + ", got "
                    + JsonSupport.shown(got) + detail);
        }

        /** Runs a core parser (Activation.parse, Init.parse, ...) and puts the field's name on its message. */
        @Override
        public <T> T parsed(String field, String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (BadInputException e) {
                throw new BadInputException(source + ": " + field + ": "
                        + JsonSupport.oneLine(e.getMessage()), e);
            }
        }
    }
}
