package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.train.Architecture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The list-of-layers architecture of the plain-NumPy article, accepted as it is:
 * <pre>{@code
 * [{"input_dim": 2, "output_dim": 25, "activation": "relu"},
 *  {"input_dim": 25, "output_dim": 1, "activation": "sigmoid"}]
 * }</pre>
 * Activations are the engine's names, plus {@code softmax} for the last layer.
 */
public final class ArchitectureJson {

    private ArchitectureJson() {
    }

    public static Architecture read(Path path) {
        return fromJson(new String(JsonSupport.readBytes(path), StandardCharsets.UTF_8), path.toString());
    }

    public static Architecture fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JsonSupport.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw JsonSupport.syntaxError(source, e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new BadInputException(source + ": expected a non-empty list of layers like "
                    + "[{\"input_dim\": 2, \"output_dim\": 25, \"activation\": \"relu\"}, ...]");
        }
        List<Architecture.LayerShape> shapes = new ArrayList<>();
        boolean softmax = false;
        for (int k = 0; k < root.size(); k++) {
            JsonNode layer = root.get(k);
            String where = source + ": layers[" + k + "]";
            if (!layer.isObject()) {
                throw new BadInputException(where + ": expected an object, got " + JsonSupport.shown(layer));
            }
            layer.fieldNames().forEachRemaining(name -> {
                if (!List.of("input_dim", "output_dim", "activation").contains(name)) {
                    throw new BadInputException(where + ": unknown field '" + name
                            + "'; expected input_dim, output_dim, activation");
                }
            });
            int in = size(layer, "input_dim", where);
            int out = size(layer, "output_dim", where);
            JsonNode act = layer.get("activation");
            if (act == null || !act.isTextual()) {
                throw new BadInputException(where + ".activation: expected an activation name, got "
                        + (act == null ? "nothing" : JsonSupport.shown(act)));
            }
            boolean last = k == root.size() - 1;
            if (Architecture.isSoftmax(act.asText()) && !last) {
                throw new BadInputException(where + ".activation: softmax is only for the last layer");
            }
            ActivationSpec spec;
            try {
                spec = last ? Architecture.outputActivation(act.asText()) : ActivationSpec.parse(act.asText());
            } catch (BadInputException e) {
                throw new BadInputException(where + ".activation: " + e.getMessage());
            }
            softmax = last && Architecture.isSoftmax(act.asText());
            shapes.add(new Architecture.LayerShape(in, out, spec));
        }
        try {
            return new Architecture(shapes, softmax);
        } catch (BadInputException e) {
            throw new BadInputException(source + ": " + e.getMessage());
        }
    }

    private static int size(JsonNode layer, String field, String where) {
        JsonNode v = layer.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw new BadInputException(where + "." + field + ": expected a positive whole number, got "
                    + (v == null ? "nothing" : JsonSupport.shown(v)));
        }
        return v.asInt();
    }
}
