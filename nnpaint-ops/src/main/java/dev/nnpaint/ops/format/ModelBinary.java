package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;

/**
 * The compact model: what a PNG's {@code npMd} chunk and a {@code .npmodel} sidecar hold. The 5 bytes
 * {@code "npmd" 1}, then one zlib stream of: a 4-byte big-endian length, that many bytes of UTF-8 JSON describing
 * the layers without their numbers, and then every layer's weights (row-major, outputs x inputs) and bias as
 * little-endian float32. About 4 bytes a weight before compression, where the JSON model takes 10 to 12.
 * <pre>{"format": "nnpaint.model-bin/1", "inputs": ["x", "y", "r"], "color": "rgb",
 *  "layers": [{"activation": "tanh", "inputs": 3, "outputs": 16, "bias": true}, ...]}</pre>
 * {@code activation} is written as in nnpaint.model/1: a name with its parameters, or one per unit.
 *
 * <p>A model with an input encoding (a fitted one) is {@value #FORMAT_ENCODED}: the bytes {@code "npmd" 2}, and
 * the header gains the {@code encoding} object as nnpaint.model/2 writes it, without a hash grid's tables:
 * <pre>{"format": "nnpaint.model-bin/2", "inputs": ["x", "y"], "color": "rgb",
 *  "encoding": {"type": "hash", "levels": 16, "features": 2, "log2_table": 19, "base": 16, "finest": 512},
 *  "layers": [...]}</pre>
 * {@code layers} lists the layers after the encoding (a fixed encoding's frozen layer of sines is its spec, and
 * is not stored); after their numbers come a hash grid's tables, level by level, entry by entry, as little-endian
 * float32. Models without an encoding are written as {@value #FORMAT}, byte for byte as before.
 */
public final class ModelBinary {

    public static final String FORMAT = "nnpaint.model-bin/1";
    /** The format of models with an input encoding: a header field for it, a hash grid's tables at the end. */
    public static final String FORMAT_ENCODED = "nnpaint.model-bin/2";
    private static final byte[] MAGIC = {'n', 'p', 'm', 'd'};
    /** Decompressed bytes a file may claim: a bound, so a corrupt or hostile length cannot exhaust memory. */
    private static final long MAX_FLOATS = 1L << 28;

    private ModelBinary() {
    }

    /**
     * The numbers its float32 data holds: the weights and biases of the layers after the encoding (a fixed
     * encoding's frozen layer is stored as its spec) and a hash grid's tables.
     */
    public static long parameterCount(Model model) {
        long tables = model.grid() == null ? 0 : model.grid().parameterCount();
        return tables + stored(model).stream()
                .mapToLong(l -> l.weights().length + (l.bias() == null ? 0 : l.outputs())).sum();
    }

    private static boolean encoded(Model model) {
        return !(model.encoding() instanceof Encoding.None);
    }

    /** The layers whose numbers are stored: all but a fixed encoding's frozen one. */
    private static List<Layer> stored(Model model) {
        return model.layers().subList(model.frozenLayers(), model.layers().size());
    }

    public static byte[] toBytes(Model model, String color) {
        boolean encoded = encoded(model);
        StringWriter header = new StringWriter();
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(header)) {
            g.writeStartObject();
            g.writeStringField("format", encoded ? FORMAT_ENCODED : FORMAT);
            g.writeArrayFieldStart("inputs");
            for (String name : model.inputNames()) {
                g.writeString(name);
            }
            g.writeEndArray();
            if (color != null) {
                g.writeStringField("color", color);
            }
            if (encoded) {
                ModelJson.writeEncoding(g, model, false);
            }
            g.writeArrayFieldStart("layers");
            for (var layer : stored(model)) {
                g.writeStartObject();
                List<String> names = new ArrayList<>();
                for (int o = 0; o < layer.outputs(); o++) {
                    names.add(layer.activationName(o));
                }
                if (names.stream().distinct().count() == 1) {
                    g.writeStringField("activation", names.get(0));
                } else {
                    g.writeArrayFieldStart("activation");
                    for (String n : names) {
                        g.writeString(n);
                    }
                    g.writeEndArray();
                }
                g.writeNumberField("inputs", layer.inputs());
                g.writeNumberField("outputs", layer.outputs());
                g.writeBooleanField("bias", layer.bias() != null);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(MAGIC);
        bytes.write(encoded ? 2 : 1);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(bytes, deflater, 1 << 16)) {
            z.write(ByteBuffer.allocate(4).putInt(json.length).array());
            z.write(json);
            for (var layer : stored(model)) {
                z.write(Protobuf.rawFloats(layer.weights()));
                if (layer.bias() != null) {
                    z.write(Protobuf.rawFloats(layer.bias()));
                }
            }
            if (model.grid() != null) {
                for (float[] table : model.grid().tables()) {
                    z.write(Protobuf.rawFloats(table));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    public static ModelJson.ModelFile read(Path path) {
        try {
            return fromBytes(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + path + "': " + AtomicOutput.reason(e), e);
        }
    }

    /** @param source names the data in error messages */
    public static ModelJson.ModelFile fromBytes(byte[] data, String source) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (data.length <= i || data[i] != MAGIC[i]) {
                throw new BadInputException(source + ": not an nnpaint compact model (nnpaint.model-bin)");
            }
        }
        if (data.length <= MAGIC.length || (data[MAGIC.length] != 1 && data[MAGIC.length] != 2)) {
            if (data.length > MAGIC.length && data[MAGIC.length] > 2) {
                throw new BadInputException(source + ": a compact model of a newer format (nnpaint.model-bin/"
                        + data[MAGIC.length] + "); this version reads " + FORMAT + " and /2");
            }
            throw new BadInputException(source + ": not an nnpaint compact model (nnpaint.model-bin)");
        }
        boolean encoded = data[MAGIC.length] == 2;
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, MAGIC.length + 1, data.length - MAGIC.length - 1);
            byte[] length = inflate(inflater, 4, source);
            int headerLength = ByteBuffer.wrap(length).getInt();
            if (headerLength <= 0 || headerLength > (16 << 20)) {
                throw broken(source, "a header of " + headerLength + " bytes");
            }
            JsonNode header = JsonSupport.mapper().readTree(new String(inflate(inflater, headerLength, source),
                    StandardCharsets.UTF_8));
            if (header == null || !header.isObject()) {
                throw broken(source, "a header that is not a JSON object");
            }
            String format = encoded ? FORMAT_ENCODED : FORMAT;
            if (!format.equals(header.path("format").asText(null))) {
                throw broken(source, "a header of format " + header.get("format") + " after the bytes of "
                        + format);
            }
            JsonNode encodingNode = header.get("encoding");
            if (encoded != (encodingNode != null)) {
                throw broken(source, encoded ? "no encoding in a " + format + " header" : "an encoding in a "
                        + format + " header");
            }
            if (encoded && encodingNode.has("tables")) {
                throw broken(source, "hash tables inside the header");
            }
            Encoding encoding = encoded ? ModelJson.encodingFromJson(encodingNode.toString(), source + " (header)")
                    : Encoding.NONE;
            // Rebuilt as a model file so that every check of the JSON reader applies.
            StringBuilder json = new StringBuilder("{\"format\":\"")
                    .append(encoded ? ModelJson.FORMAT_ENCODED : ModelJson.FORMAT).append("\",\"inputs\":")
                    .append(header.get("inputs"));
            if (header.hasNonNull("color")) {
                json.append(",\"color\":").append(header.get("color"));
            }
            if (encoded) {
                json.append(",\"encoding\":").append(encodingNode);
            }
            json.append(",\"layers\":[");
            JsonNode layers = header.get("layers");
            if (layers == null || !layers.isArray()) {
                throw broken(source, "no layers");
            }
            long total = 0;
            if (encoding instanceof Encoding.Hash hash) {
                for (int l = 0; l < hash.levels(); l++) {
                    total += (long) hash.tableSize(l) * hash.features();
                }
                if (total > MAX_FLOATS) {
                    throw broken(source, "hash tables of " + total + " numbers");
                }
            }
            for (int k = 0; k < layers.size(); k++) {
                JsonNode l = layers.get(k);
                int in = l.path("inputs").asInt(0);
                int out = l.path("outputs").asInt(0);
                total += (long) in * out + (l.path("bias").asBoolean() ? out : 0);
                if (in <= 0 || out <= 0 || total > MAX_FLOATS) {
                    throw broken(source, "a layer of " + in + " x " + out);
                }
                float[] w = floats(inflater, in * out, source);
                json.append(k == 0 ? "" : ",").append("{\"activation\":").append(l.get("activation"))
                        .append(",\"weights\":[");
                for (int o = 0; o < out; o++) {
                    json.append(o == 0 ? "[" : ",[");
                    for (int j = 0; j < in; j++) {
                        json.append(j == 0 ? "" : ",").append(Float.toString(w[o * in + j]));
                    }
                    json.append(']');
                }
                json.append(']');
                if (l.path("bias").asBoolean()) {
                    float[] b = floats(inflater, out, source);
                    json.append(",\"bias\":[");
                    for (int o = 0; o < out; o++) {
                        json.append(o == 0 ? "" : ",").append(Float.toString(b[o]));
                    }
                    json.append(']');
                }
                json.append('}');
            }
            json.append("]}");
            float[][] tables = null;
            if (encoding instanceof Encoding.Hash hash) {
                tables = new float[hash.levels()][];
                for (int l = 0; l < tables.length; l++) {
                    tables[l] = floats(inflater, hash.tableSize(l) * hash.features(), source);
                }
            }
            return ModelJson.fromJson(json.toString(), source, tables);
        } catch (IOException e) {
            throw broken(source, "a header that is not JSON");
        } finally {
            inflater.end();
        }
    }

    private static float[] floats(Inflater inflater, int count, String source) {
        byte[] raw = inflate(inflater, count * 4, source);
        float[] values = new float[count];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static byte[] inflate(Inflater inflater, int length, String source) {
        byte[] out = new byte[length];
        int n = 0;
        try {
            while (n < length) {
                int got = inflater.inflate(out, n, length - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    throw broken(source, "data cut short");
                }
                n += got;
            }
        } catch (DataFormatException e) {
            throw broken(source, "data that does not decompress");
        }
        return out;
    }

    private static BadInputException broken(String source, String what) {
        return new BadInputException(source + ": the compact model is damaged (" + what + ")");
    }
}
