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
 */
record TrainConfig(String data, double noise, int samples, int classes, double testRatio, int[] hidden,
                   Activation activation, Optimizer.Kind optimizer, double learningRate, int batch, double l2,
                   long seed, String label, Dataset upload) {

    static final Set<String> FIELDS = Set.of("data", "noise", "samples", "classes", "testRatio", "hidden",
            "activation", "optimizer", "learningRate", "batch", "l2", "seed", "csv", "label");
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
        return new TrainConfig("moons", 0.2, 400, 2, 0.5, new int[] {6, 6}, Activation.TANH, Optimizer.Kind.ADAM,
                0.01, 16, 0, 1, null, null);
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
        double l2 = number(json, "l2", d.l2(), 0, 1);
        long seed = (long) number(json, "seed", d.seed(), 0, 1e15);
        TrainConfig c = new TrainConfig(upload != null ? CSV : set.id(), noise, samples, classes, testRatio, hidden,
                activation, optimizer, rate, batch, l2, seed, upload == null ? null : upload.targetName(), upload);
        c.checkSize(maxParameters);
        return c;
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

    /** The network's shape from the chosen sizes and activations: inputs x and y, the hidden layers, the output. */
    Architecture architecture(boolean classification) {
        List<Architecture.LayerShape> shapes = new ArrayList<>();
        int in = 2;
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
        int in = 2;
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
        o.put("activation", activation.id()).put("optimizer", optimizer.id()).put("learningRate", learningRate)
                .put("batch", batch).put("l2", l2).put("seed", seed);
        if (upload != null) {
            o.put("label", label); // the file's text stays with the page
        }
        return o;
    }
}
