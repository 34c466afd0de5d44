package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.HashGrid;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.ColorMode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The model file: a network with explicit weights, written by {@code nnpaint train} or by hand (or from PyTorch).
 * <pre>{@code
 * {
 *   "format": "nnpaint.model/1",
 *   "inputs": ["x", "y", "r"],
 *   "color": "rgb",
 *   "layers": [
 *     {
 *       "activation": "tanh",
 *       "weights": [
 *         [0.5, -1.25, 0.75],
 *         ...
 *       ],
 *       "bias": [0.1, ...]
 *     },
 *     ...
 *   ]
 * }
 * }</pre>
 * <ul>
 *   <li>{@code format}: {@value #FORMAT} (optional when reading)</li>
 *   <li>{@code inputs}: the input features' names in order; for painting x, y, r, z0..z(k-1), bias; a trained
 *       model's are its data set's feature names</li>
 *   <li>{@code layers}: first to last; {@code weights} has one row per output unit, each row one weight per input
 *       (PyTorch's {@code Linear.weight}); {@code bias} is optional (one per unit); {@code activation} is a name,
 *       or an array with one name per unit for a layer that mixes them; a name may carry its parameters after
 *       colons ({@code leaky-relu:0.3}, {@code elu:2}, {@code softplus:3}, {@code hard-tanh:-0.5:0.5}), and
 *       without them the defaults apply, so files written before parameters existed read as they did</li>
 *   <li>{@code color}: optional colour mode; when absent, "rgb" for 3 outputs and "gray" for 1</li>
 * </ul>
 * <p>{@value #FORMAT_ENCODED} extends it for networks fitted to an image: an {@code encoding} field, and
 * {@code layers} after the encoding. Files without an encoding are written and read as {@value #FORMAT}.
 * <pre>{@code
 *   "encoding": {"type": "gauss", "features": 256, "sigma": 10, "seed": 1}
 *   "encoding": {"type": "pe", "levels": 8}
 *   "encoding": {"type": "hash", "levels": 16, "features": 2, "log2_table": 19, "base": 16, "finest": 512,
 *                "tables": ["<base64>", ...]}
 *   "encoding": {"type": "features", "features": ["x2", "y2"]}
 * }</pre>
 * Input features ({@link Encoding.Features}) are computed from the inputs (x, y); the first layer reads them.
 * A fixed encoding ({@code pe}, {@code gauss}) is stored as its spec and expanded when read into the frozen first
 * layer of sines it is ({@link Encoding}); the Gaussian frequencies are drawn from {@code seed}. A hash grid's
 * tables are one base64 string a level: its entries' features as little-endian float32, entry by entry.
 * Numbers are written with {@link Float#toString} precision, so reading gives back the identical floats.
 * Reading streams through the file, so models with millions of weights load quickly. Every error is a
 * {@link BadInputException} naming the source, where in the model (e.g. {@code layers[2].weights}) and what was
 * expected.
 */
public final class ModelJson {

    public static final String FORMAT = "nnpaint.model/1";
    /** The format of models with an input encoding. */
    public static final String FORMAT_ENCODED = "nnpaint.model/2";

    /** A model and the colour mode stored with it (null when absent and the output count has no default). */
    public record ModelFile(Model model, String color) {
    }

    static final List<String> FIELDS = List.of("format", "inputs", "color", "encoding", "layers");
    static final List<String> LAYER_FIELDS = List.of("activation", "weights", "bias");

    private ModelJson() {
    }

    public static ModelFile read(Path path) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw new BadInputException("cannot read '" + path + "': it is a folder");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             JsonParser parser = JsonSupport.FACTORY.createParser(in)) {
            return parse(parser, source, null);
        } catch (JsonProcessingException e) {
            throw JsonSupport.syntaxError(source, e);
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + path + "': " + AtomicOutput.reason(e), e);
        }
    }

    /** @param source names the text in error messages, usually the file name */
    public static ModelFile fromJson(String json, String source) {
        return fromJson(json, source, null);
    }

    /**
     * Reads a model whose hash-grid tables, if it has a grid, are given apart rather than in the text (the compact
     * form stores them as float32 after the layers): {@code tables} is null for other models.
     */
    static ModelFile fromJson(String json, String source, float[][] tables) {
        try (JsonParser parser = JsonSupport.FACTORY.createParser(json)) {
            return parse(parser, source, tables);
        } catch (JsonProcessingException e) {
            throw JsonSupport.syntaxError(source, e);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
    }

    /**
     * The spec of an {@code encoding} object as it appears in a model file, without its tables: what the compact
     * form's header holds, read with this reader's checks. {@code source} names it in messages.
     */
    static Encoding encodingFromJson(String json, String source) {
        try (JsonParser parser = JsonSupport.FACTORY.createParser(json)) {
            Cursor in = new Cursor(parser, source);
            parser.nextToken();
            EncodingText e = readEncoding(in);
            if (e.tables() != null) {
                throw new BadInputException(source + ": encoding: the tables are stored apart, not in the header");
            }
            return e.encoding();
        } catch (JsonProcessingException e) {
            throw JsonSupport.syntaxError(source, e);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
    }

    public static String toJson(Model model, String color) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(text)) {
            write(g, model, color, true);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return text.toString();
    }

    /** Writes the model atomically; {@code color} may be null to leave it to the default. */
    public static void write(Path path, Model model, String color) {
        checkFinite(model);
        AtomicOutput.write(path, out -> {
            try (JsonGenerator g = JsonSupport.FACTORY.createGenerator((OutputStream) out)) {
                write(g, model, color, true);
            }
        });
    }

    /**
     * Writes the model as one JSON object at the generator's position: pretty (one row per line) for files,
     * or compact, without spaces, for embedding in other documents.
     */
    static void write(JsonGenerator g, Model model, String color, boolean pretty) throws IOException {
        checkFinite(model);
        if (pretty) {
            g.setPrettyPrinter(JsonSupport.printer(true));
        }
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Arrays of numbers or names are written as raw values, so that each stays on one line while the
        // arrays of layers and rows break one element per line.
        String separator = pretty ? ", " : ",";
        g.writeStartObject();
        boolean encoded = !(model.encoding() instanceof Encoding.None);
        g.writeStringField("format", encoded ? FORMAT_ENCODED : FORMAT);
        g.writeFieldName("inputs");
        g.writeRawValue(stringArray(model.inputNames(), separator));
        if (color != null) {
            g.writeStringField("color", color);
        }
        if (encoded) {
            writeEncoding(g, model, true);
        }
        g.writeArrayFieldStart("layers");
        StringBuilder row = new StringBuilder();
        for (Layer layer : model.layers().subList(model.frozenLayers(), model.layers().size())) {
            g.writeStartObject();
            List<String> names = new ArrayList<>();
            for (int o = 0; o < layer.outputs(); o++) {
                names.add(layer.activationName(o));
            }
            if (names.stream().distinct().count() == 1) {
                g.writeStringField("activation", names.get(0));
            } else {
                g.writeFieldName("activation");
                g.writeRawValue(stringArray(names, separator));
            }
            g.writeArrayFieldStart("weights");
            for (int o = 0; o < layer.outputs(); o++) {
                g.writeRawValue(numberArray(row, layer.weights(), o * layer.inputs(), layer.inputs(), separator));
            }
            g.writeEndArray();
            if (layer.bias() != null) {
                g.writeFieldName("bias");
                g.writeRawValue(numberArray(row, layer.bias(), 0, layer.outputs(), separator));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        if (pretty) {
            g.writeRaw('\n');
        }
    }

    /**
     * Writes the {@code encoding} field of a model with an encoding; a hash grid's tables as base64 when
     * {@code tables}, else left out (the compact form stores them apart).
     */
    static void writeEncoding(JsonGenerator g, Model model, boolean tables) throws IOException {
        g.writeFieldName("encoding");
        g.writeStartObject();
        Encoding e = model.encoding();
        if (e instanceof Encoding.Positional pe) {
            g.writeStringField("type", "pe");
            g.writeNumberField("levels", pe.levels());
        } else if (e instanceof Encoding.Gaussian gauss) {
            g.writeStringField("type", "gauss");
            g.writeNumberField("features", gauss.features());
            g.writeNumberField("sigma", gauss.sigma());
            g.writeNumberField("seed", gauss.seed());
        } else if (e instanceof Encoding.Features f) {
            g.writeStringField("type", "features");
            g.writeFieldName("features");
            g.writeRawValue(stringArray(f.names(), ", "));
        } else if (e instanceof Encoding.Hash hash) {
            g.writeStringField("type", "hash");
            g.writeNumberField("levels", hash.levels());
            g.writeNumberField("features", hash.features());
            g.writeNumberField("log2_table", hash.log2Table());
            g.writeNumberField("base", hash.base());
            g.writeNumberField("finest", hash.finest());
            if (tables) {
                g.writeArrayFieldStart("tables");
                for (float[] table : model.grid().tables()) {
                    ByteBuffer bytes = ByteBuffer.allocate(4 * table.length).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(table);
                    g.writeString(Base64.getEncoder().encodeToString(bytes.array()));
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /** An encoding as read: its spec and, for a hash grid, its tables (null when the text has none). */
    private record EncodingText(Encoding encoding, float[][] tables) {
    }

    private static final List<String> ENCODING_FIELDS = List.of("type", "levels", "features", "sigma", "seed",
            "log2_table", "base", "finest", "tables");

    private static EncodingText readEncoding(Cursor in) throws IOException {
        JsonParser p = in.parser;
        String where = "encoding";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw in.error(where, "expected an object such as {\"type\": \"gauss\", \"features\": 256, "
                    + "\"sigma\": 10, \"seed\": 1}");
        }
        String type = null;
        java.util.Map<String, Double> numbers = new java.util.HashMap<>();
        Long seed = null;
        List<float[]> tables = null;
        List<String> featureNames = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "type" -> type = in.string(where + ".type", "\"pe\", \"gauss\", \"hash\" or \"features\"");
                case "features" -> {
                    // a count for gauss and hash, the names of the input features for features
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        featureNames = new ArrayList<>();
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            featureNames.add(p.getText());
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw in.error(where + ".features[" + featureNames.size() + "]",
                                    "expected a feature name (" + Encoding.Features.IDS + ")");
                        }
                    } else if (p.currentToken().isNumeric()) {
                        numbers.put(name, p.getDoubleValue());
                    } else {
                        throw in.error(where + ".features", "expected a number, or names such as [\"x2\", \"y2\"]");
                    }
                }
                case "tables" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw in.error(where + ".tables", "expected an array of base64 strings, one a level");
                    }
                    tables = new ArrayList<>();
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        byte[] bytes;
                        try {
                            bytes = Base64.getDecoder().decode(p.getText());
                        } catch (IllegalArgumentException e) {
                            throw in.error(where + ".tables[" + tables.size() + "]", "expected base64 text");
                        }
                        if (bytes.length % 4 != 0) {
                            throw in.error(where + ".tables[" + tables.size() + "]", "expected whole float32 values");
                        }
                        float[] table = new float[bytes.length / 4];
                        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(table);
                        tables.add(table);
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw in.error(where + ".tables[" + tables.size() + "]", "expected base64 text");
                    }
                }
                default -> {
                    if (!ENCODING_FIELDS.contains(name)) {
                        throw new BadInputException(JsonSupport.unknownField(in.source + ": encoding: ", name,
                                ENCODING_FIELDS));
                    }
                    if (!p.currentToken().isNumeric()) {
                        throw in.error(where + "." + name, "expected a number");
                    }
                    numbers.put(name, p.getDoubleValue());
                    if (name.equals("seed") && p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                        // every long seed exactly: a double holds only 53 bits
                        seed = p.getLongValue();
                    }
                }
            }
        }
        if (type == null) {
            throw new BadInputException(in.source + ": encoding: missing field 'type'");
        }
        try {
            switch (type) {
                case "pe":
                    return new EncodingText(new Encoding.Positional(whole(in, numbers, "levels")), null);
                case "gauss":
                    double seedNumber = number(in, numbers, "seed");
                    return new EncodingText(new Encoding.Gaussian(whole(in, numbers, "features"),
                            number(in, numbers, "sigma"), seed != null ? seed : (long) seedNumber), null);
                case "hash":
                    Encoding.Hash hash = new Encoding.Hash(whole(in, numbers, "levels"), whole(in, numbers, "features"),
                            whole(in, numbers, "log2_table"), whole(in, numbers, "base"), whole(in, numbers, "finest"));
                    return new EncodingText(hash, tables == null ? null : tables.toArray(new float[0][]));
                case "features":
                    if (featureNames == null) {
                        throw new BadInputException("features: expected the names of the input features, such as "
                                + "[\"x2\", \"y2\"]");
                    }
                    return new EncodingText(new Encoding.Features(featureNames), null);
                default:
                    throw new BadInputException("type: expected \"pe\", \"gauss\", \"hash\" or \"features\", got \""
                            + type + "\"");
            }
        } catch (BadInputException e) {
            throw new BadInputException(in.source + ": encoding: " + JsonSupport.oneLine(e.getMessage()), e);
        }
    }

    private static double number(Cursor in, java.util.Map<String, Double> numbers, String name) {
        Double v = numbers.get(name);
        if (v == null) {
            throw new BadInputException("missing field '" + name + "'");
        }
        return v;
    }

    private static int whole(Cursor in, java.util.Map<String, Double> numbers, String name) {
        double v = number(in, numbers, name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new BadInputException(name + ": expected a whole number, got " + v);
        }
        return (int) v;
    }

    private static String stringArray(List<String> values, String separator) {
        StringBuilder b = new StringBuilder("[");
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "\"" : separator + "\"");
            encoder.quoteAsString(values.get(i), b);
            b.append('"');
        }
        return b.append(']').toString();
    }

    private static String numberArray(StringBuilder b, float[] values, int offset, int length, String separator) {
        b.setLength(0);
        b.append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(Float.toString(values[offset + i]));
        }
        return b.append(']').toString();
    }

    /** JSON has no NaN or infinity; a model that diverged in training cannot be saved as it is. */
    static void checkFinite(Model model) {
        for (int k = 0; k < model.layers().size(); k++) {
            Layer layer = model.layers().get(k);
            for (int i = 0; i < layer.weights().length; i++) {
                if (!Float.isFinite(layer.weights()[i])) {
                    throw new BadInputException("cannot save the model: layers[" + k + "].weights row "
                            + i / layer.inputs() + ", column " + i % layer.inputs() + " is " + layer.weights()[i]);
                }
            }
            if (layer.bias() != null) {
                for (int i = 0; i < layer.bias().length; i++) {
                    if (!Float.isFinite(layer.bias()[i])) {
                        throw new BadInputException("cannot save the model: layers[" + k + "].bias[" + i + "] is "
                                + layer.bias()[i]);
                    }
                }
            }
        }
    }

    // ---- reading ----

    /** A layer as read, before its sizes are checked against its neighbours. */
    private record LayerText(int index, List<String> activations, List<float[]> rows, float[] bias) {
    }

    private static ModelFile parse(JsonParser p, String source, float[][] gridTables) throws IOException {
        Cursor in = new Cursor(p, source);
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new BadInputException(source + ": empty; expected a JSON object with the model's inputs and layers");
        }
        if (t != JsonToken.START_OBJECT) {
            throw in.error("", "expected a JSON object with the model's inputs and layers");
        }
        List<String> inputs = null;
        List<LayerText> layers = null;
        String color = null;
        EncodingText encoding = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "format" -> {
                    String format = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                    if (!FORMAT.equals(format) && !FORMAT_ENCODED.equals(format)) {
                        throw in.error("format", "expected \"" + FORMAT + "\""
                                + (RecipeJson.FORMAT.equals(format) ? " (this is a recipe file)" : ""));
                    }
                }
                case "inputs" -> inputs = readInputs(in);
                case "color" -> color = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : in.string("color", "a colour mode such as \"rgb\" or \"palette:NAME\"");
                case "layers" -> layers = readLayers(in);
                case "encoding" -> encoding = readEncoding(in);
                default -> throw new BadInputException(JsonSupport.unknownField(source + ": ", name, FIELDS));
            }
        }
        if (p.nextToken() != null) {
            throw in.error("", "expected the end of the file after the model");
        }
        if (inputs == null) {
            throw new BadInputException(source + ": missing field 'inputs' (the names of the input features)");
        }
        if (layers == null) {
            throw new BadInputException(source + ": missing field 'layers'");
        }
        return build(source, inputs, layers, color, encoding, gridTables);
    }

    private static List<String> readInputs(Cursor in) throws IOException {
        JsonParser p = in.parser;
        String expected = "an array of input names such as [\"x\", \"y\", \"r\"]";
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw in.error("inputs", "expected " + expected);
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "inputs[" + names.size() + "]";
            String name = in.string(path, "an input name");
            if (!seen.add(name)) {
                throw new BadInputException(in.source + ": " + path + ": '"
                        + JsonSupport.shorten(JsonSupport.oneLine(name), 40) + "' appears twice");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new BadInputException(in.source + ": inputs: expected at least one input name");
        }
        return names;
    }

    private static List<LayerText> readLayers(Cursor in) throws IOException {
        JsonParser p = in.parser;
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw in.error("layers", "expected an array of layers, each {\"activation\", \"weights\", \"bias\"}");
        }
        List<LayerText> layers = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            layers.add(readLayer(in, layers.size()));
        }
        if (layers.isEmpty()) {
            throw new BadInputException(in.source + ": layers: expected at least one layer");
        }
        return layers;
    }

    private static LayerText readLayer(Cursor in, int index) throws IOException {
        JsonParser p = in.parser;
        String where = "layers[" + index + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw in.error(where, "expected an object with \"activation\", \"weights\" and optionally \"bias\"");
        }
        List<String> activations = null;
        List<float[]> rows = null;
        float[] bias = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String field = where + "." + name;
            switch (name) {
                case "activation" -> {
                    String expected = "an activation name, or an array with one name per unit";
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        activations = List.of(p.getText());
                    } else if (p.currentToken() == JsonToken.START_ARRAY) {
                        activations = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            activations.add(in.string(field + "[" + activations.size() + "]", "an activation name"));
                        }
                        if (activations.isEmpty()) {
                            throw in.error(field, "expected " + expected);
                        }
                    } else {
                        throw in.error(field, "expected " + expected);
                    }
                }
                case "weights" -> rows = readRows(in, field);
                case "bias" -> bias = p.currentToken() == JsonToken.VALUE_NULL ? null : readNumbers(in, field);
                default -> throw new BadInputException(JsonSupport.unknownField(in.source + ": " + where + ": ", name,
                        LAYER_FIELDS));
            }
        }
        if (activations == null) {
            throw new BadInputException(in.source + ": " + where + ": missing field 'activation'");
        }
        if (rows == null) {
            throw new BadInputException(in.source + ": " + where + ": missing field 'weights'");
        }
        return new LayerText(index, activations, rows, bias);
    }

    private static List<float[]> readRows(Cursor in, String field) throws IOException {
        JsonParser p = in.parser;
        String expected = "expected an array of rows, one per output unit, each an array of numbers";
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw in.error(field, expected);
        }
        List<float[]> rows = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw in.error(field + "[" + rows.size() + "]", "expected a row: an array of numbers, one per input");
            }
            rows.add(readNumbers(in, field + "[" + rows.size() + "]"));
        }
        if (rows.isEmpty()) {
            throw new BadInputException(in.source + ": " + field + ": expected at least one row");
        }
        return rows;
    }

    /** An array of finite numbers at the current token; {@code path} names it in messages. */
    private static float[] readNumbers(Cursor in, String path) throws IOException {
        JsonParser p = in.parser;
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw in.error(path, "expected an array of numbers");
        }
        float[] values = new float[16];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw in.error(path + "[" + n + "]", "expected a number");
            }
            // Parsed from the text straight to float: going through double could round twice.
            float v = Float.parseFloat(p.getText());
            if (!Float.isFinite(v)) {
                throw in.error(path + "[" + n + "]", "expected a number within float range (about 3.4e38)");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }

    private static ModelFile build(String source, List<String> inputs, List<LayerText> texts, String color,
                                   EncodingText encoding, float[][] gridTables) {
        List<Layer> layers = new ArrayList<>();
        int fanIn = inputs.size();
        Encoding spec = encoding == null ? Encoding.NONE : encoding.encoding();
        HashGrid grid = null;
        try {
            if (spec.isFixed()) {
                layers.add(spec.frozenLayer(inputs.size()));
            } else if (spec instanceof Encoding.Hash hash) {
                if (encoding.tables() != null && gridTables != null) {
                    throw new BadInputException("the tables are given twice");
                }
                float[][] tables = encoding.tables() != null ? encoding.tables() : gridTables;
                if (tables == null) {
                    throw new BadInputException("missing field 'tables'");
                }
                grid = new HashGrid(hash, tables);
            }
            fanIn = spec.outputs(inputs.size());
        } catch (BadInputException e) {
            throw new BadInputException(source + ": encoding: " + JsonSupport.oneLine(e.getMessage()), e);
        }
        for (LayerText t : texts) {
            String where = source + ": layers[" + t.index + "]";
            int outputs = t.rows.size();
            int columns = t.rows.get(0).length;
            if (columns == 0) {
                throw new BadInputException(where + ".weights[0]: expected one number per input, got an empty row");
            }
            for (int r = 0; r < outputs; r++) {
                if (t.rows.get(r).length != columns) {
                    throw new BadInputException(where + ".weights[" + r + "]: expected " + numbers(columns)
                            + " like weights[0] (every row holds one weight per input), got " + t.rows.get(r).length);
                }
            }
            if (columns != fanIn) {
                throw new BadInputException(where + ".weights: rows have " + numbers(columns) + " but "
                        + (t.index == 0 ? "the model has " + fanIn + (fanIn == 1 ? " input (" : " inputs (")
                                + JsonSupport.shorten(String.join(", ", inputs), 60) + ")"
                                : "layers[" + (t.index - 1) + "] has " + fanIn + (fanIn == 1 ? " output" : " outputs"))
                        + "; each row holds one weight per input");
            }
            if (t.bias != null && t.bias.length != outputs) {
                throw new BadInputException(where + ".bias: expected " + numbers(outputs) + " (one per row of "
                        + "weights), got " + t.bias.length);
            }
            Activation[] activations = new Activation[outputs];
            double[][] parameters = new double[outputs][];
            if (t.activations.size() != 1 && t.activations.size() != outputs) {
                throw new BadInputException(where + ".activation: expected one name or " + outputs
                        + " (one per unit), got " + t.activations.size());
            }
            boolean perUnit = t.activations.size() > 1;
            for (int o = 0; o < outputs; o++) {
                String name = t.activations.get(perUnit ? o : 0);
                try {
                    Activation.Parameterised a = Activation.parseWithParameters(name);
                    activations[o] = a.activation();
                    parameters[o] = a.parameters();
                } catch (BadInputException e) {
                    throw new BadInputException(where + ".activation" + (perUnit ? "[" + o + "]" : "") + ": "
                            + JsonSupport.oneLine(e.getMessage()), e);
                }
            }
            float[] weights = new float[outputs * columns];
            for (int r = 0; r < outputs; r++) {
                System.arraycopy(t.rows.get(r), 0, weights, r * columns, columns);
            }
            layers.add(new Layer(columns, outputs, weights, t.bias, activations, parameters));
            fanIn = outputs;
        }
        Model model;
        try {
            model = new Model(inputs, layers, spec, grid);
        } catch (BadInputException e) {
            throw new BadInputException(source + ": " + JsonSupport.oneLine(e.getMessage()), e);
        }
        return new ModelFile(model, colorFor(source, color, model.outputCount()));
    }

    private static String numbers(int count) {
        return count == 1 ? "1 number" : count + " numbers";
    }

    private static String colorFor(String source, String color, int outputs) {
        if (color == null) {
            return outputs == 3 ? "rgb" : outputs == 1 ? "gray" : null;
        }
        ColorMode mode;
        try {
            mode = ColorMode.parse(color);
        } catch (BadInputException e) {
            throw new BadInputException(source + ": color: " + JsonSupport.oneLine(e.getMessage()), e);
        }
        if (mode.channels() != outputs) {
            throw new BadInputException(source + ": color: '" + mode + "' needs " + mode.channels()
                    + (mode.channels() == 1 ? " output" : " outputs") + " but the last layer has " + outputs);
        }
        return color;
    }

    /** The parser and the source, with messages of the form {@code source: where: expected X, got Y at line L}. */
    private static final class Cursor {
        final JsonParser parser;
        final String source;

        Cursor(JsonParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        String string(String where, String expected) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw error(where, "expected " + expected);
            }
            return parser.getText();
        }

        BadInputException error(String where, String expected) throws IOException {
            JsonLocation at = parser.currentTokenLocation();
            return new BadInputException(source + ": " + (where.isEmpty() ? "" : where + ": ") + expected + ", got "
                    + shownToken() + " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }

        private String shownToken() throws IOException {
            JsonToken t = parser.currentToken();
            if (t == null) {
                return "the end of the file";
            }
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case END_ARRAY -> "the end of an array";
                case END_OBJECT -> "the end of an object";
                case FIELD_NAME -> "field '" + JsonSupport.shorten(JsonSupport.oneLine(parser.currentName()), 40) + "'";
                case VALUE_STRING -> "\"" + JsonSupport.shorten(JsonSupport.oneLine(parser.getText()), 40) + "\"";
                default -> JsonSupport.shorten(JsonSupport.oneLine(parser.getText()), 40);
            };
        }
    }
}
