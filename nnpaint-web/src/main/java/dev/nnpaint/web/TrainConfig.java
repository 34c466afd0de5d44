package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Init;
import dev.nnpaint.ops.TrainedModels;
import dev.nnpaint.train.Architecture;
import dev.nnpaint.train.Optimizer;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the train view's page chose: the data, the network and how to train it, read from the page's JSON and
 * checked. With {@code data} "csv" the samples come from {@code upload} (the page's CSV, its target the column
 * {@code label}); noise, samples and classes then follow from the file. Both are null for the built-in sets.
 *
 * <p>{@code features} are the network's inputs made from x and y ({@link #FEATURE_NAMES}); {@code init} the
 * initial weights and biases, null for the activation's usual ({@code he-normal} or {@code xavier-normal} weights,
 * zero biases), else {@code normal:S} for both; {@code regularization} is none, l1 or l2 with its
 * {@code regularizationRate} (an old link's {@code l2} reads as l2 at that rate). {@code seed} keys the weights
 * and the mini-batches, {@code dataSeed} the samples and the split, so that a new initialisation keeps the data.
 */
record TrainConfig(String data, double noise, int samples, int classes, double testRatio, int[] hidden,
                   List<String> features, Activation activation, Init init, Optimizer.Kind optimizer,
                   double learningRate, int batch, Regularization regularization, double regularizationRate,
                   long seed, long dataSeed, String label, Dataset upload) {

    /** The penalty on the weights added to the loss. */
    enum Regularization {
        NONE, L1, L2;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final Set<String> FIELDS = Set.of("data", "noise", "samples", "classes", "testRatio", "hidden",
            "features", "activation", "init", "optimizer", "learningRate", "batch", "regularization",
            "regularizationRate", "l2", "seed", "dataSeed", "csv", "label");
    /** The input features the page offers, in the order of the input column. */
    static final List<String> FEATURE_NAMES = Encoding.Features.ALL.stream().map(Encoding.Features.Feature::id).toList();
    /** The inputs of a network that takes the coordinates themselves. */
    static final List<String> PLAIN = List.of("x", "y");
    /** The largest standard deviation of {@code init normal:S}. */
    static final double MAX_INIT_SCALE = 10;
    /** The value of {@code data} that trains on the uploaded CSV. */
    static final String CSV = "csv";
    static final int MAX_SAMPLES = 5000;
    static final int MAX_HIDDEN_LAYERS = 32;
    static final int MAX_NEURONS = 512;
    /** Multiply-adds of one sample's forward pass: bounds the cost of an epoch and of a snapshot. */
    static final long MAX_FLOPS_PER_SAMPLE = 300_000;
    /** Column names taken as an uploaded file's label when the page names none, in this order. */
    static final List<String> LABEL_NAMES = List.of("label", "class", "target");

    static TrainConfig defaults() {
        return new TrainConfig("moons", 0.2, 400, 2, 0.5, new int[] {6, 6}, PLAIN, Activation.TANH, null,
                Optimizer.Kind.ADAM, 0.01, 16, Regularization.NONE, 0, 1, 1, null, null);
    }

    /** Reads the page's JSON, every field optional, refusing unknown fields and values out of range. */
    static TrainConfig parse(JsonNode json, long maxParameters) {
        if (json == null || !json.isObject()) {
            throw new BadInputException("expected a JSON object with the training settings");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new BadInputException("unknown field '" + name + "'; known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        TrainConfig d = defaults();
        String data = text(json, "data", d.data());
        SyntheticData set = SyntheticData.find(data);
        Dataset upload = null;
        if (data.equals(CSV)) {
            upload = readCsv(json);
        } else if (set == null) {
            throw new BadInputException("data: '" + data + "' is not a built-in set (" + SyntheticData.validNames()
                    + ") or csv");
        } else if (json.has("csv") || json.has("label")) {
            throw new BadInputException("csv and label go with data 'csv', not with the built-in set '" + data + "'");
        }
        double noise = upload != null ? 0 : number(json, "noise", set.defaultNoise(), 0, 2);
        int samples = upload != null ? upload.size() : (int) number(json, "samples", d.samples(), 10, MAX_SAMPLES);
        int classes = upload != null ? Math.max(upload.classes(), 2) : (int) number(json, "classes", 2, 2, 10);
        double testRatio = number(json, "testRatio", d.testRatio(), 0.05, 0.9);
        int[] hidden = hidden(json.get("hidden"), d.hidden());
        String activationName = text(json, "activation", d.activation().id());
        Activation activation;
        try {
            activation = Activation.parse(activationName);
        } catch (RuntimeException e) {
            throw new BadInputException("activation: '" + activationName + "' is not one of "
                    + Activation.validNames());
        }
        Optimizer.Kind optimizer = Optimizer.Kind.parse(text(json, "optimizer", d.optimizer().id()));
        double rate = number(json, "learningRate", d.learningRate(), 1e-6, 10);
        int batch = (int) number(json, "batch", d.batch(), 1, MAX_SAMPLES);
        List<String> features = features(json.get("features"));
        Init init = init(json.get("init"));
        Regularization regularization;
        double regularizationRate;
        if (json.has("l2")) {
            // an old link's weight decay: l2 at that rate
            if (json.has("regularization") || json.has("regularizationRate")) {
                throw new BadInputException("l2 is the older spelling of regularization 'l2' with its "
                        + "regularizationRate; give one or the other");
            }
            regularizationRate = number(json, "l2", 0, 0, 1);
            regularization = regularizationRate > 0 ? Regularization.L2 : Regularization.NONE;
        } else {
            String r = text(json, "regularization", d.regularization().id());
            regularization = switch (r) {
                case "none" -> Regularization.NONE;
                case "l1" -> Regularization.L1;
                case "l2" -> Regularization.L2;
                default -> throw new BadInputException("regularization: expected none, l1 or l2, got '"
                        + (r.length() > 20 ? r.substring(0, 20) + "..." : r) + "'");
            };
            regularizationRate = number(json, "regularizationRate", d.regularizationRate(), 0, 1);
        }
        long seed = (long) number(json, "seed", d.seed(), 0, 1e15);
        // links from before the data had a seed of its own used one seed for both
        long dataSeed = (long) number(json, "dataSeed", seed, 0, 1e15);
        TrainConfig c = new TrainConfig(upload != null ? CSV : set.id(), noise, samples, classes, testRatio, hidden,
                features, activation, init, optimizer, rate, batch, regularization, regularizationRate, seed,
                dataSeed, upload == null ? null : upload.targetName(), upload);
        c.checkSize(maxParameters);
        return c;
    }

    /** The chosen input features, in the input column's order whatever the page's; at least one. */
    private static List<String> features(JsonNode f) {
        if (f == null) {
            return PLAIN;
        }
        if (!f.isArray()) {
            throw new BadInputException("features: expected a list of input features, as [\"x\", \"y\"]");
        }
        Set<String> chosen = new java.util.HashSet<>();
        for (JsonNode n : f) {
            String name = n.isTextual() ? n.asText().trim().toLowerCase(Locale.ROOT) : null;
            if (name == null || !FEATURE_NAMES.contains(name)) {
                throw new BadInputException("features: " + n + " is not one of " + String.join(", ", FEATURE_NAMES));
            }
            chosen.add(name);
        }
        if (chosen.isEmpty()) {
            throw new BadInputException("features: choose at least one input feature (" + String.join(", ",
                    FEATURE_NAMES) + ")");
        }
        return FEATURE_NAMES.stream().filter(chosen::contains).toList();
    }

    /** {@code auto} (null) or {@code normal:S}. */
    private static Init init(JsonNode n) {
        if (n == null || (n.isTextual() && n.asText().trim().equalsIgnoreCase("auto"))) {
            return null;
        }
        String problem = "init: expected auto or normal:S (weights and biases from N(0, S^2), 0 < S <= "
                + plain(MAX_INIT_SCALE) + "), got " + n;
        if (!n.isTextual() || !n.asText().trim().toLowerCase(Locale.ROOT).startsWith("normal:")) {
            throw new BadInputException(problem);
        }
        Init init;
        try {
            init = Init.parse(n.asText());
        } catch (BadInputException e) {
            throw new BadInputException(problem);
        }
        if (!(init.parameter() > 0 && init.parameter() <= MAX_INIT_SCALE)) {
            throw new BadInputException(problem);
        }
        return init;
    }

    private static int[] hidden(JsonNode h, int[] fallback) {
        if (h == null) {
            return fallback;
        }
        if (!h.isArray()) {
            throw new BadInputException("hidden: expected a list of layer sizes, as [8, 8]");
        }
        if (h.size() > MAX_HIDDEN_LAYERS) {
            throw new BadInputException("hidden: at most " + MAX_HIDDEN_LAYERS + " hidden layers, got " + h.size());
        }
        int[] hidden = new int[h.size()];
        for (int i = 0; i < hidden.length; i++) {
            JsonNode n = h.get(i);
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > MAX_NEURONS) {
                throw new BadInputException("hidden[" + i + "]: expected 1 to " + MAX_NEURONS + " neurons, got " + n);
            }
            hidden[i] = n.asInt();
        }
        return hidden;
    }

    /**
     * The page's CSV: a header, then one sample a line; the target is the column {@code label} (when not named,
     * see {@link #defaultLabel}), and exactly two numeric features must remain, the plane the pictures show.
     */
    private static Dataset readCsv(JsonNode json) {
        JsonNode csv = json.get("csv");
        if (csv == null || !csv.isTextual() || csv.asText().isBlank()) {
            throw new BadInputException("csv: data 'csv' needs the file's text in the field 'csv'");
        }
        CsvData.Table table;
        try {
            table = CsvData.table("CSV", new StringReader(csv.asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        JsonNode l = json.get("label");
        if (l != null && (!l.isTextual() || l.asText().isBlank())) {
            throw new BadInputException("label: expected a column name, got " + l);
        }
        String label = l == null ? defaultLabel(table.header()) : l.asText().trim();
        table.requireColumn(label);
        if (table.header().size() != 3) {
            List<String> features = new ArrayList<>(table.header());
            features.remove(label);
            throw new BadInputException("CSV: the boundary picture needs exactly two feature columns besides the "
                    + "label '" + label + "'; this file has " + features.size() + " (" + String.join(", ", features)
                    + ")");
        }
        if (table.rows().size() > MAX_SAMPLES || table.rows().size() < 10) {
            throw new BadInputException("CSV: the train view takes 10 to " + MAX_SAMPLES + " samples; this file has "
                    + table.rows().size());
        }
        return CsvData.fromTable(table, label, CsvData.Target.AUTO);
    }

    /**
     * The label of a file whose page named none: a column called label, class or target (in that order, any
     * case), else y unless an x sits beside it (then x and y are the plane), else the last column.
     */
    static String defaultLabel(List<String> header) {
        for (String wanted : LABEL_NAMES) {
            for (String h : header) {
                if (h.trim().equalsIgnoreCase(wanted)) {
                    return h;
                }
            }
        }
        String y = null;
        boolean x = false;
        for (String h : header) {
            y = h.trim().equalsIgnoreCase("y") ? h : y;
            x |= h.trim().equalsIgnoreCase("x");
        }
        return y != null && !x ? y : header.get(header.size() - 1);
    }

    private static String text(JsonNode json, String name, String fallback) {
        JsonNode n = json.get(name);
        if (n == null) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new BadInputException(name + ": expected a name, got " + n);
        }
        return n.asText().trim().toLowerCase(Locale.ROOT);
    }

    private static double number(JsonNode json, String name, double fallback, double min, double max) {
        JsonNode n = json.get(name);
        if (n == null) {
            return fallback;
        }
        if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s: expected a number from %s to %s, got %s",
                    name, plain(min), plain(max), n));
        }
        return n.asDouble();
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? Long.toString((long) v) : Double.toString(v);
    }

    int outputs() {
        if (upload != null) {
            return TrainedModels.outputsFor(upload);
        }
        return SyntheticData.find(data) == SyntheticData.SPIRAL && classes > 2 ? classes : 1;
    }

    /** Whether the optimiser trains on the whole training set at once, so that the batch size does not apply. */
    boolean fullBatch() {
        return optimizer == Optimizer.Kind.GD;
    }

    /** Whether the network takes x and y themselves, with no features made from them. */
    boolean plainInputs() {
        return features.equals(PLAIN);
    }

    /** What the first layer reads: x and y themselves, or the input features made from them. */
    Encoding encoding() {
        return plainInputs() ? Encoding.NONE : new Encoding.Features(features);
    }

    /** The weights' initialisation: the chosen one, else the usual for the hidden activation. */
    Init weightInit() {
        return init != null ? init : Init.parse(activation.id().contains("relu") ? "he-normal" : "xavier-normal");
    }

    /** The biases' initialisation: as the weights' when chosen (the plain-NumPy article's convention), else zero. */
    Init biasInit() {
        return init != null ? init : Init.parse("zero");
    }

    /** The weight decay of the optimiser: the L2 rate. */
    double l2() {
        return regularization == Regularization.L2 ? regularizationRate : 0;
    }

    /** The L1 rate, or 0. */
    double l1() {
        return regularization == Regularization.L1 ? regularizationRate : 0;
    }

    /** The network's shape from the chosen sizes and activations: the input features, hidden layers, output. */
    Architecture architecture(boolean classification) {
        List<Architecture.LayerShape> shapes = new ArrayList<>();
        int in = features.size();
        for (int n : hidden) {
            shapes.add(new Architecture.LayerShape(in, n, ActivationSpec.of(activation)));
            in = n;
        }
        String output = TrainedModels.defaultOutputActivation(classification, outputs());
        shapes.add(new Architecture.LayerShape(in, outputs(), Architecture.outputActivation(output)));
        return new Architecture(shapes, Architecture.isSoftmax(output));
    }

    void checkSize(long maxParameters) {
        if (upload == null && classes != 2 && SyntheticData.find(data) != SyntheticData.SPIRAL) {
            throw new BadInputException("classes: only the spiral has more than 2 classes");
        }
        long params = 0;
        long flops = 0;
        int in = features.size();
        int[] sizes = new int[hidden.length + 1];
        System.arraycopy(hidden, 0, sizes, 0, hidden.length);
        sizes[hidden.length] = outputs();
        for (int n : sizes) {
            params += (long) in * n + n;
            flops += (long) in * n;
            in = n;
        }
        if (params > maxParameters) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "the network has %,d weights and biases; the explorer allows at most %,d", params, maxParameters));
        }
        if (flops > MAX_FLOPS_PER_SAMPLE) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "the network needs %,d multiply-adds per sample; the train view allows at most %,d "
                            + "(make the layers narrower or fewer)", flops, MAX_FLOPS_PER_SAMPLE));
        }
    }

    ObjectNode toJson() {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("data", data).put("noise", noise).put("samples", samples).put("classes", classes)
                .put("testRatio", testRatio);
        ArrayNode h = o.putArray("hidden");
        for (int n : hidden) {
            h.add(n);
        }
        ArrayNode f = o.putArray("features");
        features.forEach(f::add);
        o.put("activation", activation.id()).put("init", init == null ? "auto" : init.toString())
                .put("optimizer", optimizer.id()).put("learningRate", learningRate).put("batch", batch)
                .put("regularization", regularization.id()).put("regularizationRate", regularizationRate)
                .put("seed", seed).put("dataSeed", dataSeed);
        if (upload != null) {
            o.put("label", label); // the file's text stays with the page
        }
        return o;
    }
}
