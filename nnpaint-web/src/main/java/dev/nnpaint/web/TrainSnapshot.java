package dev.nnpaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.History;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One picture of a session's model for the page, rendered and encoded once: epoch, losses and accuracies, the
 * curves, the decision boundary (two bytes a cell, row 0 at the top: the predicted class and the confidence
 * 0..255, or for regression the prediction scaled to the targets' range in the second byte) and each hidden
 * neuron's output over the same square (one byte a cell, 128 meaning 0, scaled by the neuron's largest
 * magnitude), with the inputs' and the output units' pictures beside them (a sigmoid output on the scale of its
 * probability, 128 meaning 0.5) and the weights between the neurons shown (see {@link #putWeights}). Every value
 * comes from the engine's {@link Evaluator}, the forward pass that paints.
 */
final class TrainSnapshot {

    /** Side of the decision-boundary grid, in cells. */
    static final int BOUNDARY_SIDE = 96;
    /** Side of each hidden neuron's picture, in cells. */
    static final int NEURON_SIDE = 24;
    /** Neuron pictures sent per layer; wider layers show their first ones. */
    static final int NEURONS_SHOWN = 64;
    /** Points of each loss curve sent to the page; longer curves are sampled evenly. */
    static final int CURVE_POINTS = 400;
    /** Boundary rows evaluated at once: a tile small enough for the activations to stay in cache. */
    private static final int TILE_ROWS = 4;

    final Model model;
    final int epoch;
    final long version;
    /** The JSON object of the picture without its opening brace, so that the session's state can go first. */
    private final byte[] fields;

    private TrainSnapshot(Model model, int epoch, long version, byte[] fields) {
        this.model = model;
        this.epoch = epoch;
        this.version = version;
        this.fields = fields;
    }

    /**
     * Renders the model as it is after {@code history}'s last row (no row before the first epoch) and encodes it.
     */
    static TrainSnapshot render(TrainData data, Model model, History history, long version, Kernel kernel,
                                TrainScheduler helpers) {
        ObjectNode o = Http.JSON.createObjectNode();
        History.Row row = history == null || history.rows() == 0 ? null : history.last();
        int epoch = row == null ? 0 : row.epoch();
        o.put("epoch", epoch);
        o.put("version", version);
        putNumber(o, "trainLoss", row == null ? Double.NaN : row.trainLoss());
        putNumber(o, "testLoss", row == null ? Double.NaN : row.testLoss());
        putNumber(o, "trainAccuracy", row == null ? Double.NaN : row.trainAccuracy());
        putNumber(o, "testAccuracy", row == null ? Double.NaN : row.testAccuracy());
        putCurves(o.putObject("curves"), history);
        o.put("boundarySide", BOUNDARY_SIDE);
        o.put("boundary", boundary(data, new Evaluator(model, kernel), helpers));
        o.put("neuronSide", NEURON_SIDE);
        Pictures pictures = neurons(data, model, kernel);
        ArrayNode neurons = o.putArray("neurons");
        for (float[][] layer : pictures.hidden()) {
            ArrayNode l = neurons.addArray();
            for (float[] v : layer) {
                l.add(bytes(v));
            }
        }
        ArrayNode inputs = o.putArray("inputs");
        for (int i = 0; i < pictures.inputs().length; i++) {
            inputs.addObject().put("name", pictures.inputNames().get(i)).put("picture", bytes(pictures.inputs()[i]));
        }
        ArrayNode outputs = o.putArray("outputs");
        Layer last = model.layers().get(model.layers().size() - 1);
        for (float[] v : pictures.outputs()) {
            outputs.add(last.uniformActivation() == Activation.SIGMOID ? probabilityBytes(v) : bytes(v));
        }
        putWeights(o.putArray("weights"), model);
        byte[] json;
        try {
            json = Http.JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of numbers and bytes always writes
        }
        return new TrainSnapshot(model, epoch, version, Arrays.copyOfRange(json, 1, json.length));
    }

    /** The session's state, then the picture: what the page's poll receives. */
    byte[] json(ObjectNode state) {
        return join(state, fields);
    }

    /** The session's state, the version and epoch, and {@code unchanged}: for a page that has this version. */
    byte[] unchanged(ObjectNode state) {
        return join(state, ("\"version\":" + version + ",\"epoch\":" + epoch + ",\"unchanged\":true}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] join(ObjectNode state, byte[] rest) {
        byte[] head;
        try {
            head = Http.JSON.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + rest.length);
        out.write(head, 0, head.length - 1); // without the closing brace
        out.write(',');
        out.write(rest, 0, rest.length);
        return out.toByteArray();
    }

    private static void putCurves(ObjectNode curves, History history) {
        int losses = history == null ? 0 : history.rows();
        int stride = Math.max(1, (losses + CURVE_POINTS - 1) / CURVE_POINTS);
        curves.put("stride", stride);
        ArrayNode tr = curves.putArray("train");
        ArrayNode te = curves.putArray("test");
        int count = losses == 0 ? 0 : (losses - 1) / stride + 1;
        for (int i = 0; i < count; i++) {
            // the last point is always the newest epoch
            int e = i == count - 1 ? losses - 1 : i * stride;
            addLoss(tr, history.trainLoss(e));
            addLoss(te, history.testLoss(e));
        }
    }

    /** A loss as a float, or null where it has none or a float cannot hold it (a diverging run's). */
    private static void addLoss(ArrayNode curve, double loss) {
        float f = (float) loss;
        if (Float.isFinite(f)) {
            curve.add(f);
        } else {
            curve.addNull();
        }
    }

    /**
     * The model's outputs over the boundary grid, encoded two bytes a cell: bands of rows shared between the
     * calling thread and the scheduler's render helpers, each band a tile of rows at a time.
     */
    private static byte[] boundary(TrainData data, Evaluator evaluator, TrainScheduler helpers) {
        byte[] cells = new byte[2 * BOUNDARY_SIDE * BOUNDARY_SIDE];
        int tiles = (BOUNDARY_SIDE + TILE_ROWS - 1) / TILE_ROWS;
        int bands = Math.min(tiles, helpers == null ? 1 : helpers.trainerThreads);
        List<java.util.concurrent.Future<?>> others = new ArrayList<>();
        for (int b = 1; b < bands; b++) {
            int from = b * tiles / bands * TILE_ROWS;
            int to = Math.min(BOUNDARY_SIDE, (b + 1) * tiles / bands * TILE_ROWS);
            others.add(helpers.help(() -> boundaryRows(data, evaluator, from, to, cells)));
        }
        boundaryRows(data, evaluator, 0, Math.min(BOUNDARY_SIDE, tiles / bands * TILE_ROWS), cells);
        for (java.util.concurrent.Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rendering interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return cells;
    }

    /** Rows {@code from .. to} of the boundary grid into {@code cells}. */
    private static void boundaryRows(TrainData data, Evaluator evaluator, int from, int to, byte[] cells) {
        int side = BOUNDARY_SIDE;
        int tile = evaluator.padded(TILE_ROWS * side);
        int outputs = evaluator.model().outputCount();
        float[] in = new float[2 * tile];
        float[] out = new float[outputs * tile];
        float[] sample = new float[outputs];
        Evaluator.Scratch scratch = evaluator.newScratch(tile);
        for (int j0 = from; j0 < to; j0 += TILE_ROWS) {
            int rows = Math.min(TILE_ROWS, to - j0);
            grid(data, side, j0, rows, in, tile);
            evaluator.forward(in, out, tile, scratch);
            for (int p = 0; p < rows * side; p++) {
                for (int c = 0; c < outputs; c++) {
                    sample[c] = out[c * tile + p];
                }
                encodeOutput(data, sample, cells, 2 * (j0 * side + p));
            }
        }
    }

    /**
     * The weights between the neurons the page shows, one object a layer: {@code rows} (its first
     * {@link #NEURONS_SHOWN} units) by {@code cols} (the previous layer's first ones), the block row-major in
     * {@code w} and the biases in {@code b}, both as little-endian float32 in base64 (exact values, a third of
     * the size of decimal text), with the layer's full {@code outputs} and {@code inputs}.
     */
    private static void putWeights(ArrayNode weights, Model model) {
        for (Layer layer : model.layers()) {
            int rows = Math.min(NEURONS_SHOWN, layer.outputs());
            int cols = Math.min(NEURONS_SHOWN, layer.inputs());
            ByteBuffer w = ByteBuffer.allocate(4 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer b = ByteBuffer.allocate(4 * rows).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    w.putFloat(layer.weight(r, c));
                }
                b.putFloat(layer.biasOf(r));
            }
            weights.addObject().put("outputs", layer.outputs()).put("inputs", layer.inputs()).put("rows", rows)
                    .put("cols", cols).put("w", w.array()).put("b", b.array());
        }
    }

    /**
     * The pictures of the network's units over the neuron grid: the first layer's inputs (the input features
     * when the model computes them from x and y) and their names, the hidden layers, the outputs.
     */
    private record Pictures(List<String> inputNames, float[][] inputs, List<float[][]> hidden, float[][] outputs) { }

    /**
     * Each layer's outputs over the neuron grid, [layer][neuron][cell], for the first {@link #NEURONS_SHOWN}
     * neurons, and the inputs themselves. The evaluator runs one layer at a time, each layer's outputs the next
     * one's inputs (the kernels' layout is the same on both sides), so that every layer is seen on the way.
     */
    private static Pictures neurons(TrainData data, Model model, Kernel kernel) {
        int side = NEURON_SIDE;
        int cells = side * side;
        List<float[][]> values = new ArrayList<>();
        List<Layer> layers = model.layers();
        Evaluator first = new Evaluator(model, kernel);
        int n = first.padded(cells);
        float[] in = new float[2 * n];
        grid(data, side, 0, side, in, n);
        // what the first layer reads: x and y, or the features the model makes of them
        float[] read = in;
        List<String> inputNames = model.inputNames();
        if (model.encoding() instanceof Encoding.Features features) {
            read = new float[features.names().size() * n];
            model.encode(in, read, n);
            inputNames = features.labels();
        }
        float[][] inputs = new float[Math.min(NEURONS_SHOWN, inputNames.size())][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Arrays.copyOfRange(read, i * n, i * n + cells);
        }
        List<String> names = model.inputNames();
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            // the first layer reads the model's input features, made from the grid's x and y
            Evaluator one = new Evaluator(k == 0 ? new Model(names, List.of(layer), model.encoding(), null)
                    : new Model(names, List.of(layer)), kernel);
            float[] out = new float[layer.outputs() * n];
            one.forward(in, out, n, one.newScratch(n));
            float[][] shown = new float[Math.min(NEURONS_SHOWN, layer.outputs())][];
            for (int u = 0; u < shown.length; u++) {
                shown[u] = Arrays.copyOfRange(out, u * n, u * n + cells);
            }
            values.add(shown);
            in = out;
            names = unitNames(k, layer.outputs());
        }
        float[][] outputs = values.remove(values.size() - 1);
        return new Pictures(inputNames, inputs, values, outputs);
    }

    private static List<String> unitNames(int layer, int count) {
        List<String> names = new ArrayList<>(count);
        for (int u = 0; u < count; u++) {
            names.add("h" + (layer + 1) + "." + (u + 1));
        }
        return names;
    }

    /** Rows {@code j0 ..} of a grid over the square in feature-major layout: x values, then y values. */
    private static void grid(TrainData data, int side, int j0, int rows, float[] in, int n) {
        Arrays.fill(in, 0);
        for (int j = 0; j < rows; j++) {
            float y = (float) data.y(j0 + j, side);
            for (int i = 0; i < side; i++) {
                in[j * side + i] = (float) data.x(i, side);
                in[n + j * side + i] = y;
            }
        }
    }

    private static byte[] bytes(float[] v) {
        float max = 0;
        for (float a : v) {
            max = Math.max(max, Math.abs(a));
        }
        byte[] bytes = new byte[v.length];
        for (int c = 0; c < v.length; c++) {
            bytes[c] = (byte) (max == 0 ? 128 : Math.round(128 + 127 * v[c] / max));
        }
        return bytes;
    }

    /** A probability's picture on the signed scale: 0 as -1 (class 0's colour), 0.5 as 0, 1 as +1. */
    private static byte[] probabilityBytes(float[] p) {
        byte[] bytes = new byte[p.length];
        for (int c = 0; c < p.length; c++) {
            bytes[c] = (byte) Math.round(128 + 127 * Math.max(-1, Math.min(1, 2 * p[c] - 1)));
        }
        return bytes;
    }

    private static void encodeOutput(TrainData data, float[] out, byte[] cells, int at) {
        if (data.regression) {
            double t = (out[0] - data.targetLow) / Math.max(1e-6, data.targetHigh - data.targetLow);
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

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
