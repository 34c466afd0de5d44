package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.ops.TrainedModels;
import dev.nnpaint.BadInputException;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.Architecture;
import dev.nnpaint.train.History;
import dev.nnpaint.train.Loss;
import dev.nnpaint.train.Optimizer;
import dev.nnpaint.train.TrainSettings;
import dev.nnpaint.train.Trainer;
import dev.nnpaint.train.TrainingDivergedException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One page's training run in the train view: a {@link Trainer} stepping on its own thread, which the page plays,
 * pauses and steps, and a snapshot of the newest model (decision boundary, per-neuron pictures, loss curves) that
 * the page polls. The trainer's listener is where the thread waits while paused and where it stops when told.
 */
final class TrainSession implements AutoCloseable {

    /** Epochs one session may run; the history of this many rows is a few megabytes. */
    static final int MAX_EPOCHS = 100_000;
    /** Side of the decision-boundary grid, in cells. */
    static final int BOUNDARY_SIDE = 96;
    /** Side of each hidden neuron's picture, in cells. */
    static final int NEURON_SIDE = 24;
    /** Neuron pictures sent per layer; wider layers show their first ones. */
    static final int NEURONS_SHOWN = 64;
    /** Points of each loss curve sent to the page; longer curves are sampled evenly. */
    static final int CURVE_POINTS = 400;
    /** The fastest the thread trains, so that a page watching the network learn can follow (and a core stays free). */
    static final double MAX_EPOCHS_PER_SECOND = 150;
    /** Snapshots are published at most this often while running; pausing or finishing always publishes one. */
    static final long PUBLISH_NANOS = 15_000_000L;

    /**
     * What the page chose: the data, the network and how to train it. With {@code data} "csv" the samples come
     * from {@code upload} (the page's CSV, its target the column {@code label}); noise, samples and classes then
     * follow from the file. Both are null for the built-in sets.
     */
    record Config(String data, double noise, int samples, int classes, double testRatio, int[] hidden,
                  String activation, String optimizer, double learningRate, int batch, double l2, long seed,
                  String label, Dataset upload) {

        static final Set<String> FIELDS = Set.of("data", "noise", "samples", "classes", "testRatio", "hidden",
                "activation", "optimizer", "learningRate", "batch", "l2", "seed", "csv", "label");
        /** The value of {@code data} that trains on the uploaded CSV. */
        static final String CSV = "csv";
        static final int MAX_SAMPLES = 5000;
        static final int MAX_HIDDEN_LAYERS = 32;
        static final int MAX_NEURONS = 512;
        /** Multiply-adds of one sample's forward pass: bounds the cost of an epoch and of a snapshot. */
        static final long MAX_FLOPS_PER_SAMPLE = 300_000;

        static Config defaults() {
            return new Config("moons", 0.2, 400, 2, 0.5, new int[] {6, 6}, "tanh", "adam", 0.01, 16, 0, 1, null,
                    null);
        }

        /** Reads the page's JSON, every field optional, refusing unknown fields and values out of range. */
        static Config parse(JsonNode json, long maxParameters) {
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
            Config d = defaults();
            String data = text(json, "data", d.data());
            SyntheticData set = SyntheticData.find(data);
            Dataset upload = null;
            String label = null;
            if (data.equals(CSV)) {
                upload = readCsv(json);
                label = upload.targetName();
            } else if (set == null) {
                throw new BadInputException("data: '" + data + "' is not a built-in set (" + SyntheticData.validNames()
                        + ") or csv");
            } else if (json.has("csv") || json.has("label")) {
                throw new BadInputException("csv and label go with data 'csv', not with the built-in set '" + data
                        + "'");
            }
            double noise = upload != null ? 0 : number(json, "noise", set.defaultNoise(), 0, 2);
            int samples = upload != null ? upload.size() : (int) number(json, "samples", d.samples(), 10, MAX_SAMPLES);
            int classes = upload != null ? Math.max(upload.classes(), 2) : (int) number(json, "classes", 2, 2, 10);
            double testRatio = number(json, "testRatio", d.testRatio(), 0.05, 0.9);
            int[] hidden = d.hidden();
            JsonNode h = json.get("hidden");
            if (h != null) {
                if (!h.isArray()) {
                    throw new BadInputException("hidden: expected a list of layer sizes, as [8, 8]");
                }
                if (h.size() > MAX_HIDDEN_LAYERS) {
                    throw new BadInputException("hidden: at most " + MAX_HIDDEN_LAYERS + " hidden layers, got "
                            + h.size());
                }
                hidden = new int[h.size()];
                for (int i = 0; i < hidden.length; i++) {
                    JsonNode n = h.get(i);
                    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > MAX_NEURONS) {
                        throw new BadInputException("hidden[" + i + "]: expected 1 to " + MAX_NEURONS
                                + " neurons, got " + n);
                    }
                    hidden[i] = n.asInt();
                }
            }
            String activation = text(json, "activation", d.activation());
            try {
                Activation.parse(activation);
            } catch (RuntimeException e) {
                throw new BadInputException("activation: '" + activation + "' is not one of "
                        + Activation.validNames());
            }
            String optimizer = text(json, "optimizer", d.optimizer());
            Optimizer.Kind.parse(optimizer);
            double rate = number(json, "learningRate", d.learningRate(), 1e-6, 10);
            int batch = (int) number(json, "batch", d.batch(), 1, MAX_SAMPLES);
            double l2 = number(json, "l2", d.l2(), 0, 1);
            long seed = (long) number(json, "seed", d.seed(), 0, 1e15);
            Config c = new Config(upload != null ? CSV : set.id(), noise, samples, classes, testRatio, hidden,
                    activation, optimizer, rate, batch, l2, seed, label, upload);
            c.checkSize(maxParameters);
            return c;
        }

        /**
         * The page's CSV: a header, then one sample a line; the target is the column {@code label} (the last
         * column when not named), and exactly two numeric features must remain, the plane the pictures show.
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
            String label = l == null ? table.header().get(table.header().size() - 1) : l.asText().trim();
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
                return upload.isClassification() && upload.classes() > 2 ? upload.classes() : 1;
            }
            SyntheticData set = SyntheticData.find(data);
            return set == SyntheticData.SPIRAL && classes > 2 ? classes : 1;
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
                        "the network has %,d weights and biases; the explorer allows at most %,d", params,
                        maxParameters));
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
            o.put("activation", activation).put("optimizer", optimizer).put("learningRate", learningRate)
                    .put("batch", batch).put("l2", l2).put("seed", seed);
            if (upload != null) {
                o.put("label", label); // the file's text stays with the page
            }
            return o;
        }
    }

    /** The newest model the page may see, with the history row it was evaluated at. */
    private record Published(Model model, History.Row row, double[] trainCurve, double[] testCurve, int curveStride,
                             long version) {
    }

    /** Thrown from the listener to unwind the trainer when the session closes. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("training stopped", null, false, false);
        }
    }

    final Config config;
    final Dataset train;
    final Dataset test;
    /** The square of the plane the pictures cover: centre and half side. */
    final double centerX;
    final double centerY;
    final double half;
    private final boolean regression;
    private final float targetLow;
    private final float targetHigh;
    private final Thread thread;

    private final Object lock = new Object();
    private boolean paused = true;
    private int stepBudget;
    private boolean stopped;
    /** Whether the training thread waits for play or step (its last epoch is then published). */
    private boolean waiting;
    private volatile String error;
    private volatile boolean finished;
    private volatile Published published;
    private volatile long lastPolledNanos;
    private long lastPublishNanos;
    private long version;
    private double[] trainLosses = new double[1024];
    private double[] testLosses = new double[1024];
    private int losses;
    private ObjectNode cachedSnapshot;
    private long cachedVersion = -1;

    TrainSession(Config config, long now) {
        this.config = config;
        SyntheticData set = SyntheticData.find(config.data());
        Dataset all = config.upload() != null ? config.upload() : set.generate(config.samples(), config.noise(),
                config.seed(), set == SyntheticData.SPIRAL ? config.classes() : 2);
        Dataset.Split split = all.split(config.testRatio(), config.seed());
        this.train = split.train();
        this.test = split.test();
        this.regression = !all.isClassification();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float t : all.targets()) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        this.targetLow = lo;
        this.targetHigh = hi;
        // a square around the data with a margin, so that the boundary is seen beyond the points
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            minX = Math.min(minX, all.feature(i, 0));
            maxX = Math.max(maxX, all.feature(i, 0));
            minY = Math.min(minY, all.feature(i, 1));
            maxY = Math.max(maxY, all.feature(i, 1));
        }
        centerX = (minX + maxX) / 2;
        centerY = (minY + maxY) / 2;
        half = Math.max(maxX - minX, maxY - minY) / 2 * 1.12 + 1e-3;
        lastPolledNanos = now;

        Architecture architecture = architecture(config, all);
        Activation hiddenActivation = Activation.parse(config.activation());
        String weights = hiddenActivation == Activation.RELU || hiddenActivation.id().contains("relu")
                ? "he-normal" : "xavier-normal";
        Model initial = architecture.build(List.of("x", "y"), config.seed(), Init.parse(weights), Init.parse("zero"));
        Optimizer optimizer = Optimizer.of(Optimizer.Kind.parse(config.optimizer()), config.learningRate())
                .withWeightDecay(config.l2());
        int batch = optimizer.kind() == Optimizer.Kind.GD ? 0 : Math.min(config.batch(), train.size());
        // one thread: the trainer's helpers spin while waiting, which would take the other core from the server
        TrainSettings settings = new TrainSettings(null, optimizer, MAX_EPOCHS, batch, config.seed(), 1, false);
        Trainer trainer = new Trainer(initial, train, test, settings);
        publish(trainer.model(), null, now);
        thread = new Thread(() -> run(trainer), "nnpaint-train");
        thread.setDaemon(true);
        thread.start();
    }

    private static Architecture architecture(Config config, Dataset all) {
        StringBuilder sizes = new StringBuilder("2");
        for (int n : config.hidden()) {
            sizes.append('-').append(n);
        }
        sizes.append('-').append(config.outputs());
        String output = TrainedModels.defaultOutputActivation(all.isClassification(), config.outputs());
        return Architecture.parse(sizes.toString(), config.activation(), output);
    }

    private void run(Trainer trainer) {
        long[] started = {System.nanoTime()};
        long[] epochsSincePlay = {0};
        try {
            trainer.run(history -> {
                int rows = history.rows();
                appendLosses(history.last());
                long now = System.nanoTime();
                synchronized (lock) {
                    boolean willWait = !stopped && paused && stepBudget == 0;
                    if (willWait || rows == MAX_EPOCHS + 1 || now - lastPublishNanos >= PUBLISH_NANOS) {
                        publish(trainer.model(), history.last(), now);
                    }
                    while (!stopped && paused && stepBudget == 0) {
                        waiting = true;
                        lock.notifyAll();
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            throw new Stopped();
                        } finally {
                            waiting = false;
                        }
                        started[0] = System.nanoTime();
                        epochsSincePlay[0] = 0;
                    }
                    if (stopped) {
                        throw new Stopped();
                    }
                    if (paused) {
                        stepBudget--;
                    }
                }
                // keep to the pace limit: sleep when ahead of it
                epochsSincePlay[0]++;
                long due = started[0] + (long) (epochsSincePlay[0] * 1e9 / MAX_EPOCHS_PER_SECOND);
                long ahead = due - System.nanoTime();
                if (ahead > 1_000_000) {
                    java.util.concurrent.locks.LockSupport.parkNanos(ahead);
                }
            });
        } catch (Stopped e) {
            return;
        } catch (TrainingDivergedException e) {
            error = "training diverged at epoch " + e.getMessage().replaceAll(".*epoch\\s*", "")
                    .split("\\D", 2)[0] + "; lower the learning rate and reset";
        } catch (RuntimeException e) {
            error = "training failed: " + e.getMessage();
        }
        finished = true;
        synchronized (lock) {
            paused = true;
            lock.notifyAll();
        }
    }

    private void appendLosses(History.Row row) {
        if (losses == trainLosses.length) {
            trainLosses = java.util.Arrays.copyOf(trainLosses, losses * 2);
            testLosses = java.util.Arrays.copyOf(testLosses, losses * 2);
        }
        trainLosses[losses] = row.trainLoss();
        testLosses[losses] = row.testLoss();
        losses++;
    }

    /** Called on the training thread (or the constructor): the model, its row and the curves, sampled evenly. */
    private void publish(Model model, History.Row row, long now) {
        int stride = Math.max(1, (losses + CURVE_POINTS - 1) / CURVE_POINTS);
        int count = losses == 0 ? 0 : (losses - 1) / stride + 1;
        double[] tr = new double[count];
        double[] te = new double[count];
        for (int i = 0; i < count; i++) {
            int e = Math.min(i * stride, losses - 1);
            tr[i] = trainLosses[e];
            te[i] = testLosses[e];
        }
        // the last point is always the newest epoch
        if (count > 0) {
            tr[count - 1] = trainLosses[losses - 1];
            te[count - 1] = testLosses[losses - 1];
        }
        version++;
        published = new Published(model, row, tr, te, stride, version);
        lastPublishNanos = now;
    }

    void play() {
        synchronized (lock) {
            if (!finished) {
                paused = false;
                lock.notifyAll();
            }
        }
    }

    /** Pauses, and waits briefly for the epoch under way to end, so that the next snapshot is the final one. */
    void pause() {
        synchronized (lock) {
            paused = true;
            long end = System.nanoTime() + 500_000_000L;
            while (!waiting && !finished && !stopped && thread.isAlive()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    lock.wait(left / 1_000_000 + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One more epoch, then pause. */
    void step() {
        synchronized (lock) {
            paused = true;
            stepBudget++;
            lock.notifyAll();
        }
    }

    boolean running() {
        synchronized (lock) {
            return !paused && !finished && !stopped;
        }
    }

    void touch(long now) {
        lastPolledNanos = now;
    }

    long lastPolledNanos() {
        return lastPolledNanos;
    }

    /** The trained model as it is now. */
    Model model() {
        return published.model();
    }

    int epoch() {
        Published p = published;
        return p.row() == null ? 0 : p.row().epoch();
    }

    /** Ends the training thread and waits for it (briefly). */
    @Override
    public void close() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return thread.isAlive();
    }

    /** The points, for the page to draw once: flat {x, y, label} triples; label is the target for regression. */
    ObjectNode points() {
        ObjectNode o = Http.JSON.createObjectNode();
        o.set("config", config.toJson());
        o.put("mode", regression ? "value" : config.outputs() > 1 ? "classes" : "binary");
        o.put("classes", regression ? 0 : train.classes());
        ArrayNode extent = o.putArray("extent");
        extent.add(centerX - half).add(centerX + half).add(centerY - half).add(centerY + half);
        o.put("targetLow", targetLow).put("targetHigh", targetHigh);
        o.set("train", triples(train));
        o.set("test", triples(test));
        ArrayNode layers = o.putArray("layers");
        layers.add(2);
        for (int n : config.hidden()) {
            layers.add(n);
        }
        layers.add(config.outputs());
        if (config.upload() != null) {
            // what was read from the uploaded CSV: the axes and the classes in index order
            ArrayNode features = o.putArray("features");
            config.upload().featureNames().forEach(features::add);
            ArrayNode classNames = o.putArray("classNames");
            config.upload().classNames().forEach(classNames::add);
        }
        return o;
    }

    private static ArrayNode triples(Dataset d) {
        ArrayNode a = Http.JSON.createArrayNode();
        for (int i = 0; i < d.size(); i++) {
            a.add(round(d.feature(i, 0))).add(round(d.feature(i, 1))).add(round(d.target(i)));
        }
        return a;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /**
     * The page's picture of now: epoch, losses and accuracies, the curves, the decision boundary (two bytes a
     * cell, row 0 at the top: the predicted class and the confidence 0..255, or for regression the prediction
     * scaled to the targets' range in the second byte) and each hidden neuron's output over the same square
     * (one byte a cell, 128 meaning 0, scaled by the neuron's largest magnitude). Computed once per model.
     */
    ObjectNode snapshot() {
        Published p = published;
        synchronized (this) {
            if (cachedVersion != p.version()) {
                cachedSnapshot = compute(p);
                cachedVersion = p.version();
            }
            ObjectNode o = cachedSnapshot.deepCopy();
            o.put("running", running());
            o.put("finished", finished);
            if (error != null) {
                o.put("error", error);
            }
            return o;
        }
    }

    private ObjectNode compute(Published p) {
        ObjectNode o = Http.JSON.createObjectNode();
        History.Row row = p.row();
        o.put("epoch", row == null ? 0 : row.epoch());
        o.put("version", p.version());
        putNumber(o, "trainLoss", row == null ? Double.NaN : row.trainLoss());
        putNumber(o, "testLoss", row == null ? Double.NaN : row.testLoss());
        putNumber(o, "trainAccuracy", row == null ? Double.NaN : row.trainAccuracy());
        putNumber(o, "testAccuracy", row == null ? Double.NaN : row.testAccuracy());
        ObjectNode curves = o.putObject("curves");
        curves.put("stride", p.curveStride());
        ArrayNode tr = curves.putArray("train");
        ArrayNode te = curves.putArray("test");
        for (int i = 0; i < p.trainCurve().length; i++) {
            tr.add((float) p.trainCurve()[i]);
            te.add((float) p.testCurve()[i]);
        }

        Model model = p.model();
        List<Layer> layers = model.layers();
        byte[] boundary = new byte[2 * BOUNDARY_SIDE * BOUNDARY_SIDE];
        Forward f = new Forward(model);
        for (int j = 0; j < BOUNDARY_SIDE; j++) {
            for (int i = 0; i < BOUNDARY_SIDE; i++) {
                float[] out = f.run(x(i, BOUNDARY_SIDE), y(j, BOUNDARY_SIDE));
                encodeOutput(out, boundary, 2 * (j * BOUNDARY_SIDE + i));
            }
        }
        o.put("boundarySide", BOUNDARY_SIDE);
        o.put("boundary", boundary);

        // per hidden layer, per neuron shown: the outputs over the square, then scaled to a byte
        int hiddenCount = layers.size() - 1;
        List<float[][]> values = new ArrayList<>();
        for (int k = 0; k < hiddenCount; k++) {
            int shown = Math.min(NEURONS_SHOWN, layers.get(k).outputs());
            values.add(new float[shown][NEURON_SIDE * NEURON_SIDE]);
        }
        for (int j = 0; j < NEURON_SIDE; j++) {
            for (int i = 0; i < NEURON_SIDE; i++) {
                f.run(x(i, NEURON_SIDE), y(j, NEURON_SIDE));
                for (int k = 0; k < hiddenCount; k++) {
                    float[][] v = values.get(k);
                    for (int n = 0; n < v.length; n++) {
                        v[n][j * NEURON_SIDE + i] = f.activations[k][n];
                    }
                }
            }
        }
        o.put("neuronSide", NEURON_SIDE);
        ArrayNode neurons = o.putArray("neurons");
        for (float[][] layer : values) {
            ArrayNode l = neurons.addArray();
            for (float[] v : layer) {
                float max = 0;
                for (float a : v) {
                    max = Math.max(max, Math.abs(a));
                }
                byte[] bytes = new byte[v.length];
                for (int c = 0; c < v.length; c++) {
                    bytes[c] = (byte) (max == 0 ? 128 : Math.round(128 + 127 * v[c] / max));
                }
                l.add(bytes);
            }
        }
        return o;
    }

    private void encodeOutput(float[] out, byte[] cells, int at) {
        if (regression) {
            double t = (out[0] - targetLow) / Math.max(1e-6, targetHigh - targetLow);
            cells[at] = 0;
            cells[at + 1] = (byte) Math.round(255 * Math.max(0, Math.min(1, t)));
        } else if (out.length == 1) {
            double p = out[0];
            cells[at] = (byte) (p >= 0.5 ? 1 : 0);
            cells[at + 1] = (byte) Math.round(255 * Math.min(1, Math.abs(2 * p - 1)));
        } else {
            // softmax of the logits: the arg max and its probability, rescaled from chance (1/k) to certainty
            int best = 0;
            for (int c = 1; c < out.length; c++) {
                if (out[c] > out[best]) {
                    best = c;
                }
            }
            double sum = 0;
            for (float v : out) {
                sum += Math.exp(v - out[best]);
            }
            double pBest = 1 / sum;
            double chance = 1.0 / out.length;
            cells[at] = (byte) best;
            cells[at + 1] = (byte) Math.round(255 * Math.max(0, Math.min(1, (pBest - chance) / (1 - chance))));
        }
    }

    private double x(int i, int side) {
        return centerX - half + (i + 0.5) * 2 * half / side;
    }

    private double y(int j, int side) {
        return centerY + half - (j + 0.5) * 2 * half / side;
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    /**
     * A plain forward pass of one point that keeps every layer's outputs. The pictures need the hidden units one
     * by one, which the batched evaluator does not hand out; the grids are small, so plain loops suffice.
     */
    private static final class Forward {
        final List<Layer> layers;
        /** activations[k][n]: output of unit n of layer k for the last point run. */
        final float[][] activations;

        Forward(Model model) {
            layers = model.layers();
            activations = new float[layers.size()][];
            for (int k = 0; k < layers.size(); k++) {
                activations[k] = new float[layers.get(k).outputs()];
            }
        }

        float[] run(double x, double y) {
            float[] in = {(float) x, (float) y};
            for (int k = 0; k < layers.size(); k++) {
                Layer l = layers.get(k);
                float[] out = activations[k];
                float[] w = l.weights();
                for (int row = 0; row < l.outputs(); row++) {
                    double s = l.bias() == null ? 0 : l.bias()[row];
                    int base = row * l.inputs();
                    for (int c = 0; c < l.inputs(); c++) {
                        s += w[base + c] * in[c];
                    }
                    out[row] = (float) l.activations()[row].apply(s);
                }
                in = out;
            }
            return in;
        }
    }
}
