package dev.nnpaint.web;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.nio.charset.StandardCharsets;

/**
 * The model a page paints instead of a recipe's random network: a trained network the train view opened in the
 * paint view, or any nnpaint.model/1 file posted to {@code /api/model}. One per page, so tabs never see each
 * other's models, and it goes when the page is forgotten.
 */
final class ModelSlot {

    /**
     * Bytes of a posted model file. Larger than the body limit of recipes: a model carries every weight as text
     * (about 12 bytes each), and the parameter limit still bounds what the slot may hold.
     */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /**
     * The model and the number of its opening on this page: an address that names the number (a live zoom tile)
     * means one model only, so it can be cached for good.
     */
    record Opened(ModelJson.ModelFile file, long version) {
    }

    private volatile ModelJson.ModelFile file;
    private volatile Opened opened;
    private long openings; // guarded by this

    /** Reads an nnpaint.model/1 file, refuses one larger than {@code maxParameters}, and keeps it. */
    ModelJson.ModelFile put(byte[] json, long maxParameters) {
        ModelJson.ModelFile parsed = ModelJson.fromJson(new String(json, StandardCharsets.UTF_8), "model");
        long parameters = parameters(parsed.model());
        if (parameters > maxParameters) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "model: the network has %,d weights and biases; the explorer allows at most %,d", parameters,
                    maxParameters));
        }
        synchronized (this) {
            file = parsed;
            opened = new Opened(parsed, ++openings);
        }
        return parsed;
    }

    /** The page's model; a clear refusal when it has none (a restarted server, a forgotten page). */
    ModelJson.ModelFile require() {
        ModelJson.ModelFile current = file;
        if (current == null) {
            throw new BadInputException("model=page: this page has no model; open one first (POST /api/model)");
        }
        return current;
    }

    /** The page's model with its opening's number; a clear refusal when it has none. */
    Opened requireOpened() {
        require();
        Opened current = opened;
        if (current == null) {
            throw new BadInputException("model=page: this page has no model; open one first (POST /api/model)");
        }
        return current;
    }

    void clear() {
        synchronized (this) {
            file = null;
            opened = null;
        }
    }

    static long parameters(Model model) {
        long total = 0;
        for (Layer layer : model.layers()) {
            total += (long) layer.inputs() * layer.outputs() + layer.outputs();
        }
        return total;
    }
}
