package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.FitOperation;
import dev.nnpaint.train.FitModels;
import dev.nnpaint.train.Optimizer;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The settings of one fit session, as the fit view posts them: which image, the encoding and network, the
 * learning rate and pixels a step. Fields left out take {@code nnpaint fit}'s defaults for the encoding (hash grid
 * -> 2 x 64, others 4 x 256; Adam at 1e-2 for hash, 1e-3 for none, pe and gauss, 1e-4 for SIREN) and, for the
 * pixels a step, all of them when a step costs at most {@link #MAX_STEP_FLOPS}, else the largest power of two
 * that does.
 *
 * @param source   {@code upload} (the page's uploaded image) or {@code sample}
 * @param sample   the sample's name when the source is a sample
 * @param side     the longer side the image is fitted at (the image is shrunk to it when larger)
 * @param encoding {@code none}, {@code pe:L}, {@code gauss:M:SIGMA}, {@code hash} or {@code hash:...}
 * @param siren    omega0 of SIREN layers, or 0
 * @param hidden   widths of the hidden layers
 * @param batch    pixels a step, 0 for every training pixel
 * @param holdout  train on the pixels of even row and column, test on all
 */
record FitConfig(String source, String sample, int side, String encoding, double siren, int[] hidden,
                 double learningRate, int batch, boolean holdout, long seed) {

    static final int MIN_SIDE = 16;
    static final int DEFAULT_SIDE = 128;
    static final int MAX_HIDDEN_LAYERS = 8;
    static final int MAX_NEURONS = 512;
    /** Gaussian features and positional levels: more only slows a live fit down. */
    static final int MAX_FEATURES = 512;
    static final int MAX_PE_LEVELS = 16;
    /**
     * The cost cap: multiply-adds of one step's forward pass (pixels a step x the network's multiply-adds a pixel).
     * The backward pass costs about twice as much again, so a step stays under a second or so on two cores.
     */
    static final double MAX_STEP_FLOPS = 1e9;

    private static final Set<String> FIELDS = Set.of("source", "sample", "side", "encoding", "siren", "hidden",
            "learningRate", "batch", "holdout", "seed");

    static FitConfig defaults() {
        return new FitConfig("sample", "shapes", DEFAULT_SIDE, "hash", 0, FitOperation.defaultHidden(
                Encoding.parse("hash", 1, DEFAULT_SIDE), false), 1e-2, 0, false, 1);
    }

    /**
     * Reads the settings, each field checked with a sentence naming it. The network's size and a step's cost are
     * checked when the image is known ({@link #resolveBatch}).
     */
    static FitConfig parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadInputException("the fit settings: expected a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new BadInputException("unknown field '" + shorten(name) + "'; expected "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        }
        String source = text(body, "source", "sample");
        if (!source.equals("sample") && !source.equals("upload")) {
            throw new BadInputException("source: expected 'sample' or 'upload', got '" + shorten(source) + "'");
        }
        String sample = text(body, "sample", "shapes");
        if (source.equals("sample") && !FitImage.SAMPLES.contains(sample)) {
            throw new BadInputException("sample: expected one of " + String.join(", ", FitImage.SAMPLES) + ", got '"
                    + shorten(sample) + "'");
        }
        int side = (int) number(body, "side", DEFAULT_SIDE, MIN_SIDE, FitImage.MAX_SIDE, true);
        String encoding = text(body, "encoding", "hash").trim().toLowerCase(Locale.ROOT);
        Encoding parsed = Encoding.parse(encoding, 1, side); // checks the syntax; the seed and size come later
        checkEncoding(parsed);
        double siren = number(body, "siren", 0, 0, 1000, false);
        int[] hidden;
        JsonNode h = body.get("hidden");
        if (h == null || h.isNull()) {
            hidden = FitOperation.defaultHidden(parsed, siren > 0);
        } else {
            if (!h.isArray()) {
                throw new BadInputException("hidden: expected a list of layer widths such as [64, 64]");
            }
            if (h.size() > MAX_HIDDEN_LAYERS) {
                throw new BadInputException("hidden: at most " + MAX_HIDDEN_LAYERS + " layers, got " + h.size());
            }
            hidden = new int[h.size()];
            for (int k = 0; k < hidden.length; k++) {
                JsonNode n = h.get(k);
                if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > MAX_NEURONS) {
                    throw new BadInputException("hidden[" + k + "]: expected 1 to " + MAX_NEURONS + " neurons, got "
                            + shorten(n.toString()));
                }
                hidden[k] = n.asInt();
            }
        }
        double lr = body.hasNonNull("learningRate") ? number(body, "learningRate", 0, 1e-7, 1, false)
                : FitOperation.defaultLearningRate(parsed, siren > 0);
        int batch = (int) number(body, "batch", -1, 0, 1 << 20, true);
        boolean holdout = body.has("holdout") && flag(body, "holdout");
        long seed = (long) number(body, "seed", 1, 0, 1e15, true);
        return new FitConfig(source, sample, side, encoding, siren, hidden, lr, batch, holdout, seed);
    }

    private static void checkEncoding(Encoding e) {
        if (e instanceof Encoding.Gaussian g && g.features() > MAX_FEATURES) {
            throw new BadInputException("encoding: at most " + MAX_FEATURES + " Gaussian features in the fit view, "
                    + "got " + g.features());
        }
        if (e instanceof Encoding.Positional p && p.levels() > MAX_PE_LEVELS) {
            throw new BadInputException("encoding: at most " + MAX_PE_LEVELS + " positional levels in the fit view, "
                    + "got " + p.levels());
        }
    }

    /** The encoding for an image whose longer side is {@code side}: a bare {@code hash} ends at that resolution. */
    Encoding encodingFor(int imageSide) {
        return Encoding.parse(encoding, seed, imageSide);
    }

    /** The initial network for an image of {@code channels} channels and longer side {@code imageSide}. */
    Model initialModel(int channels, int imageSide) {
        boolean sirenLayers = siren > 0;
        return FitModels.build(encodingFor(imageSide), hidden, sirenLayers ? Activation.SIN : Activation.RELU, siren,
                sirenLayers ? Activation.IDENTITY : Activation.SIGMOID, channels, seed);
    }

    /** Adam as {@code nnpaint fit} uses it: instant-ngp's betas and epsilon for the hash grid. */
    Optimizer optimizer(int imageSide) {
        return encodingFor(imageSide) instanceof Encoding.Hash
                ? new Optimizer(Optimizer.Kind.ADAM, learningRate, 0, 0, 0.9, 0.99, 1e-15)
                : Optimizer.adam(learningRate);
    }

    /** Trainable parameters: the grid's table entries and the layers after the frozen encoding. */
    static long parameters(Model model) {
        long c = model.grid() == null ? 0 : model.grid().parameterCount();
        for (int k = model.frozenLayers(); k < model.layers().size(); k++) {
            var l = model.layers().get(k);
            c += l.weights().length + (l.bias() == null ? 0 : l.bias().length);
        }
        return c;
    }

    /**
     * The pixels a step for {@code trainPixels} training pixels: the asked number (0: all), or, when none was
     * asked, all of them if that fits the cost cap, else the largest power of two that does. Refuses settings
     * above the cap with what to change.
     */
    int resolveBatch(int trainPixels, long flopsPerPixel) {
        if (batch < 0) {
            long all = trainPixels;
            if (all * (double) flopsPerPixel <= MAX_STEP_FLOPS) {
                return 0;
            }
            long b = Long.highestOneBit((long) Math.max(1, MAX_STEP_FLOPS / flopsPerPixel));
            return (int) Math.max(1, Math.min(b, trainPixels));
        }
        int pixels = batch == 0 ? trainPixels : Math.min(batch, trainPixels);
        double cost = pixels * (double) flopsPerPixel;
        if (cost > MAX_STEP_FLOPS) {
            throw new BadInputException(String.format(Locale.ROOT, "a step of %,d pixels through this network "
                    + "(%,d multiply-adds a pixel) costs %.1f billion multiply-adds; the fit view allows %.1f: "
                    + "fit fewer pixels a step, a smaller image or a smaller network", pixels, flopsPerPixel,
                    cost / 1e9, MAX_STEP_FLOPS / 1e9));
        }
        return pixels == trainPixels ? 0 : pixels;
    }

    FitConfig withBatch(int resolved) {
        return new FitConfig(source, sample, side, encoding, siren, hidden, learningRate, resolved, holdout, seed);
    }

    ObjectNode toJson() {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("source", source);
        o.put("sample", sample);
        o.put("side", side);
        o.put("encoding", encoding);
        o.put("siren", siren);
        ArrayNode h = o.putArray("hidden");
        for (int w : hidden) {
            h.add(w);
        }
        o.put("learningRate", learningRate);
        o.put("batch", batch);
        o.put("holdout", holdout);
        o.put("seed", seed);
        return o;
    }

    private static String text(JsonNode body, String name, String fallback) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new BadInputException(name + ": expected text, got " + shorten(n.toString()));
        }
        return n.asText();
    }

    private static double number(JsonNode body, String name, double fallback, double min, double max,
                                 boolean whole) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        double v = n.asDouble(Double.NaN);
        if (!n.isNumber() || !(v >= min && v <= max) || (whole && v != Math.rint(v))) {
            throw new BadInputException(String.format(Locale.ROOT, "%s: expected %s from %s to %s, got %s", name,
                    whole ? "a whole number" : "a number", fmt(min), fmt(max), shorten(n.toString())));
        }
        return v;
    }

    private static boolean flag(JsonNode body, String name) {
        JsonNode n = body.get(name);
        if (!n.isBoolean()) {
            throw new BadInputException(name + ": expected true or false, got " + shorten(n.toString()));
        }
        return n.asBoolean();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
