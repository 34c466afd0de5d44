package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models as ONNX files: the feed-forward networks nnpaint paints, read from and written to the subset of ONNX
 * that PyTorch's exporters produce for an {@code nn.Sequential} of {@code Linear} layers and activations.
 *
 * <p>Reading accepts, per layer, {@code Gemm} (any transB, alpha and beta) or {@code MatMul} followed by an
 * optional {@code Add} of a bias, then at most one activation: Relu, Tanh, Sigmoid, Sin, Cos, Abs, Identity,
 * LeakyRelu(alpha), Elu(alpha), Softplus (also {@code Mul(beta) Softplus Div(beta)}, PyTorch's form of
 * {@code Softplus(beta)}), Clip (min and max as inputs or attributes) and the sequences nnpaint writes for its
 * own gaussian ({@code Mul(x, x) Neg Exp}) and silu ({@code Sigmoid} then {@code Mul} by the input). Any other
 * operator is refused with a message that names it.
 *
 * <p>Writing produces opset 17 with one {@code Gemm} (transB = 1, PyTorch's layout) per layer and the
 * activation after it. A layer that mixes activations between units cannot be written as one ONNX operator
 * and is refused. Input names and the colour mode travel in the model's {@code metadata_props}
 * ({@code nnpaint.inputs}, {@code nnpaint.color}); a file without them gets x, y, r, z0, ... by input count.
 *
 * <p>Input features ({@link Encoding.Features}) are written as ONNX operators in front of the first layer:
 * {@code Gather} takes the x and y columns of the input, {@code Mul} makes x², y², x·y and 5x, 5y, {@code Sin} the
 * sines, and {@code Concat} joins them, in the canonical order, into the value {@code features} that the first
 * {@code Gemm} reads. The spec travels as {@code nnpaint.encoding}; reading a file that has it walks the layers
 * from {@code features}, and the model it gives computes the features itself.
 */
public final class OnnxModel {

    /** The opset nnpaint writes: Clip with min/max inputs (11+) and Gemm without required C (11+). */
    static final int OPSET = 17;
    /** ONNX IR version 8 goes with opset 17. */
    static final int IR_VERSION = 8;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    /** The value the feature operators make and the first layer reads. */
    static final String FEATURES = "features";
    private static final int DOUBLE = 11;

    private OnnxModel() {
    }

    // ---- reading ----

    /** A tensor as read: shape and float values (doubles converted). */
    private record Tensor(long[] dims, float[] values) {
        float scalar(String source, String what) {
            if (values.length != 1) {
                throw new BadInputException(source + ": " + what + " must be one number, got a tensor of "
                        + values.length);
            }
            return values[0];
        }
    }

    private record Attribute(String name, float f, long i, Tensor t) {
    }

    private record Node(String op, String name, List<String> inputs, List<String> outputs,
                        Map<String, Attribute> attributes) {
        String label() {
            return "'" + op + "'" + (name.isEmpty() ? "" : " (node " + name + ")");
        }
    }

    public static ModelJson.ModelFile read(Path path) {
        if (Files.isDirectory(path)) {
            throw new BadInputException("cannot read '" + path + "': it is a folder");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + path + "': " + AtomicOutput.reason(e), e);
        }
        return fromBytes(data, path.toString());
    }

    /** @param source names the data in error messages, usually the file name */
    public static ModelJson.ModelFile fromBytes(byte[] data, String source) {
        Protobuf.Reader model = new Protobuf.Reader(data, source);
        Protobuf.Reader graph = null;
        Map<String, String> metadata = new HashMap<>();
        while (model.next()) {
            switch (model.field()) {
                case 7 -> graph = model.message();
                case 14 -> {
                    Protobuf.Reader entry = model.message();
                    String key = "";
                    String value = "";
                    while (entry.next()) {
                        if (entry.field() == 1) {
                            key = entry.string();
                        } else if (entry.field() == 2) {
                            value = entry.string();
                        } else {
                            entry.skip();
                        }
                    }
                    metadata.put(key, value);
                }
                default -> model.skip();
            }
        }
        if (graph == null) {
            throw new BadInputException(source + ": not an ONNX model (no graph)");
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> constants = new HashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (graph.next()) {
            switch (graph.field()) {
                case 1 -> nodes.add(node(graph.message(), source));
                case 5 -> {
                    Map.Entry<String, Tensor> t = tensor(graph.message(), source);
                    constants.put(t.getKey(), t.getValue());
                }
                case 11 -> inputs.add(valueName(graph.message()));
                case 12 -> outputs.add(valueName(graph.message()));
                default -> graph.skip();
            }
        }
        return new Walk(source, nodes, constants).model(inputs, outputs, metadata);
    }

    private static String valueName(Protobuf.Reader value) {
        String name = "";
        while (value.next()) {
            if (value.field() == 1) {
                name = value.string();
            } else {
                value.skip();
            }
        }
        return name;
    }

    private static Node node(Protobuf.Reader r, String source) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        String name = "";
        String domain = "";
        Map<String, Attribute> attributes = new HashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> {
                    Attribute a = attribute(r.message(), source);
                    attributes.put(a.name(), a);
                }
                case 7 -> domain = r.string();
                default -> r.skip();
            }
        }
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new BadInputException(source + ": operator '" + op + "' of domain '" + domain
                    + "' is not one nnpaint paints (only the standard ONNX operators are)");
        }
        return new Node(op, name, inputs, outputs, attributes);
    }

    private static Attribute attribute(Protobuf.Reader r, String source) {
        String name = "";
        float f = Float.NaN;
        long i = 0;
        Tensor t = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> f = Float.intBitsToFloat(r.fixed32());
                case 3 -> i = r.varint();
                case 5 -> t = tensor(r.message(), source).getValue();
                default -> r.skip();
            }
        }
        return new Attribute(name, f, i, t);
    }

    private static Map.Entry<String, Tensor> tensor(Protobuf.Reader r, String source) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        float[] floats = null;
        double[] doubles = null;
        boolean external = false;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    for (long d : r.varints()) {
                        dims.add(d);
                    }
                }
                case 2 -> type = (int) r.varint();
                case 4 -> floats = concat(floats, r.floats());
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 10 -> doubles = concat(doubles, r.doubles());
                case 14 -> external = r.varint() == 1;
                default -> r.skip();
            }
        }
        String what = "tensor '" + name + "'";
        if (external) {
            throw new BadInputException(source + ": " + what + " is stored in an external file; export with the "
                    + "weights inside the .onnx file");
        }
        float[] values;
        if (type == FLOAT) {
            values = raw != null ? Protobuf.fromRawFloats(raw, source) : floats != null ? floats : new float[0];
        } else if (type == DOUBLE) {
            double[] d = raw != null ? rawDoubles(raw) : doubles != null ? doubles : new double[0];
            values = new float[d.length];
            for (int k = 0; k < d.length; k++) {
                values[k] = (float) d[k];
            }
        } else {
            // shapes and axes (int64) are not needed: nnpaint reads weights, biases and scalars, all floats
            values = null;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return Map.entry(name, new Tensor(shape, values));
    }

    private static double[] rawDoubles(byte[] raw) {
        double[] d = new double[raw.length / 8];
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
        return d;
    }

    private static float[] concat(float[] a, float[] b) {
        if (a == null) {
            return b;
        }
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] concat(double[] a, double[] b) {
        if (a == null) {
            return b;
        }
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Follows the value from the graph's input to its output, one node (or known node sequence) at a time. */
    private static final class Walk {
        private final String source;
        private final Map<String, Tensor> constants;
        private final Map<String, List<Node>> consumers = new HashMap<>();
        private final List<Layer> layers = new ArrayList<>();
        // the layer being built: its weights and bias, waiting for an activation
        private float[] weights;
        private float[] bias;
        private int fanIn;
        private int fanOut;
        private Activation.Parameterised activation;

        Walk(String source, List<Node> nodes, Map<String, Tensor> constants) {
            this.source = source;
            this.constants = constants;
            for (Node n : nodes) {
                if (n.op.equals("Constant")) {
                    constants.put(n.outputs.get(0), constantValue(n));
                    continue;
                }
                for (String in : new java.util.LinkedHashSet<>(n.inputs)) { // Mul(x, x) reads x once
                    if (!in.isEmpty() && !constants.containsKey(in)) {
                        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                    }
                }
            }
            // a Constant listed after its consumer: drop it from the consumers' inputs too
            consumers.keySet().removeIf(constants::containsKey);
        }

        private Tensor constantValue(Node n) {
            Attribute a = n.attributes.get("value");
            if (a != null && a.t != null && a.t.values != null) {
                return a.t;
            }
            Attribute f = n.attributes.get("value_float");
            if (f != null) {
                return new Tensor(new long[0], new float[] {f.f});
            }
            // an integer constant (a shape, an axis): kept as a constant no weight path uses
            return new Tensor(new long[0], null);
        }

        ModelJson.ModelFile model(List<String> graphInputs, List<String> graphOutputs,
                                  Map<String, String> metadata) {
            List<String> real = graphInputs.stream().filter(n -> !constants.containsKey(n)).toList();
            if (real.size() != 1) {
                throw new BadInputException(source + ": nnpaint paints models with one input tensor (the "
                        + "pixel features), this one has " + real.size());
            }
            if (graphOutputs.size() != 1) {
                throw new BadInputException(source + ": nnpaint paints models with one output tensor, this one has "
                        + graphOutputs.size());
            }
            String value = real.get(0);
            String end = graphOutputs.get(0);
            Encoding.Features features = null;
            String spec = metadata.get("nnpaint.encoding");
            if (spec != null) {
                try {
                    Encoding e = Encoding.parse(spec, 0);
                    features = e instanceof Encoding.Features f ? f : null;
                    if (features == null) {
                        throw new BadInputException("only input features are stored as ONNX operators, not " + spec);
                    }
                } catch (BadInputException e) {
                    throw new BadInputException(source + ": nnpaint.encoding: " + e.getMessage(), e);
                }
                if (!consumers.containsKey(FEATURES)) {
                    throw new BadInputException(source + ": nnpaint.encoding is " + spec + " but no node reads the "
                            + "value '" + FEATURES + "'");
                }
                // the operators before it compute the features, which the model does itself
                value = FEATURES;
            }
            while (!value.equals(end)) {
                value = step(value);
            }
            finishLayer();
            if (layers.isEmpty()) {
                throw new BadInputException(source + ": no Gemm or MatMul layer between the input and the output");
            }
            List<String> names = features != null ? inputNames(metadata.get("nnpaint.inputs"), 2)
                    : inputNames(metadata.get("nnpaint.inputs"), layers.get(0).inputs());
            Model model;
            try {
                model = new Model(names, layers, features == null ? Encoding.NONE : features, null);
            } catch (BadInputException e) {
                throw new BadInputException(source + ": " + e.getMessage(), e);
            }
            String color = metadata.get("nnpaint.color");
            int outputs = model.outputCount();
            if (color == null) {
                color = outputs == 3 ? "rgb" : outputs == 1 ? "gray" : null;
            }
            return new ModelJson.ModelFile(model, color);
        }

        /** Consumes the node (or nodes) reading {@code value} and returns the value they produce. */
        private String step(String value) {
            List<Node> readers = consumers.getOrDefault(value, List.of());
            if (readers.isEmpty()) {
                throw new BadInputException(source + ": the value '" + value + "' leads nowhere: the graph is not "
                        + "a chain from its input to its output");
            }
            if (readers.size() == 2) {
                boolean where = readers.get(0).op.equals("Where") || readers.get(1).op.equals("Where");
                return where ? thresholdedSoftplus(value, readers) : silu(value, readers);
            }
            if (readers.size() > 2) {
                throw new BadInputException(source + ": the value '" + value + "' feeds " + readers.size()
                        + " operators; nnpaint paints chains of layers, not branching graphs");
            }
            Node n = readers.get(0);
            switch (n.op) {
                case "Gemm" -> gemm(n, value);
                case "MatMul" -> {
                    return matMul(n, value);
                }
                case "Add" -> addBias(n, value);
                case "Identity" -> {
                    // no change to the values
                }
                case "Relu" -> activate(n, Activation.RELU, null);
                case "Tanh" -> activate(n, Activation.TANH, null);
                case "Sigmoid" -> activate(n, Activation.SIGMOID, null);
                case "Sin" -> activate(n, Activation.SIN, null);
                case "Cos" -> activate(n, Activation.COS, null);
                case "Abs" -> activate(n, Activation.ABS, null);
                case "Softplus" -> activate(n, Activation.SOFTPLUS, null);
                case "LeakyRelu" -> activate(n, Activation.LEAKY_RELU, new double[] {floatAttr(n, "alpha", 0.01f)});
                case "Elu" -> activate(n, Activation.ELU, new double[] {floatAttr(n, "alpha", 1f)});
                case "Clip" -> activate(n, Activation.HARD_TANH, clipRange(n));
                case "Mul" -> {
                    return mul(n, value);
                }
                default -> throw refused(n);
            }
            return n.outputs.get(0);
        }

        private BadInputException refused(Node n) {
            return new BadInputException(source + ": ONNX operator " + n.label() + " is not one nnpaint paints; "
                    + "it reads Gemm, MatMul, Add and the activations Relu, Tanh, Sigmoid, Sin, Cos, Abs, LeakyRelu, "
                    + "Elu, Softplus, Clip and Identity");
        }

        private void gemm(Node n, String value) {
            if (!n.inputs.get(0).equals(value) || intAttr(n, "transA", 0) != 0) {
                throw new BadInputException(source + ": Gemm " + n.label() + " multiplies by the pixel values from "
                        + "the right or transposed; nnpaint reads Gemm(values, weights, bias)");
            }
            Tensor b = weightTensor(n, 1);
            boolean transB = intAttr(n, "transB", 0) != 0;
            float alpha = floatAttr(n, "alpha", 1f);
            float beta = floatAttr(n, "beta", 1f);
            startLayer(b, transB, alpha, n);
            if (n.inputs.size() > 2 && !n.inputs.get(2).isEmpty()) {
                setBias(constant(n, 2), beta, n);
            }
        }

        private String matMul(Node n, String value) {
            if (!n.inputs.get(0).equals(value)) {
                throw new BadInputException(source + ": MatMul " + n.label() + " multiplies weights by the values; "
                        + "nnpaint reads MatMul(values, weights)");
            }
            startLayer(weightTensor(n, 1), false, 1f, n);
            return n.outputs.get(0);
        }

        private void addBias(Node n, String value) {
            int other = n.inputs.get(0).equals(value) ? 1 : 0;
            if (weights == null || bias != null || activation != null) {
                throw new BadInputException(source + ": Add " + n.label() + " does not follow a MatMul; nnpaint "
                        + "reads Add only as a layer's bias");
            }
            setBias(constant(n, other), 1f, n);
        }

        /** Mul by a constant opens PyTorch's Softplus(beta); Mul of the value by itself opens a gaussian. */
        private String mul(Node n, String value) {
            String out = n.outputs.get(0);
            if (n.inputs.get(0).equals(value) && n.inputs.get(1).equals(value)) {
                Node neg = only(out, "Neg", n);
                Node exp = only(neg.outputs.get(0), "Exp", neg);
                activate(exp, Activation.GAUSSIAN, null);
                return exp.outputs.get(0);
            }
            int other = n.inputs.get(0).equals(value) ? 1 : 0;
            Tensor c = constants.get(n.inputs.get(other));
            if (c == null || c.values == null) {
                throw refused(n);
            }
            float beta = c.scalar(source, "the factor of Mul " + n.label());
            Node softplus = only(out, "Softplus", n);
            Node div = only(softplus.outputs.get(0), "Div", softplus);
            Tensor d = constants.get(div.inputs.get(1));
            if (!div.inputs.get(0).equals(softplus.outputs.get(0)) || d == null || d.values == null
                    || d.scalar(source, "the divisor of Div " + div.label()) != beta) {
                throw new BadInputException(source + ": Mul " + n.label() + ", Softplus, Div: nnpaint reads this as "
                        + "Softplus(beta) only when the division is by the same constant beta");
            }
            activate(div, Activation.SOFTPLUS, new double[] {beta});
            return div.outputs.get(0);
        }

        /**
         * PyTorch's dynamo export of Softplus(beta, threshold): {@code Where(Greater(beta v, threshold), v,
         * Softplus(beta v) / beta)}. Past the threshold the two branches agree to float precision (the gap is
         * below e^-threshold / beta), so nnpaint reads it as softplus with that beta.
         */
        private String thresholdedSoftplus(String value, List<Node> readers) {
            Node where = readers.get(0).op.equals("Where") ? readers.get(0) : readers.get(1);
            Node mul = where == readers.get(0) ? readers.get(1) : readers.get(0);
            String shape = "nnpaint reads Where only in PyTorch's Softplus(beta, threshold): "
                    + "Where(Greater(v * beta, threshold), v, Softplus(v * beta) / beta)";
            if (!mul.op.equals("Mul")) {
                throw new BadInputException(source + ": " + mul.label() + " beside " + where.label() + "; " + shape);
            }
            Tensor c = constants.get(mul.inputs.get(mul.inputs.get(0).equals(value) ? 1 : 0));
            if (c == null || c.values == null) {
                throw new BadInputException(source + ": " + mul.label() + " does not scale by a constant; " + shape);
            }
            float beta = c.scalar(source, "the factor of Mul " + mul.label());
            String scaled = mul.outputs.get(0);
            List<Node> uses = consumers.getOrDefault(scaled, List.of());
            Node softplus = uses.stream().filter(n -> n.op.equals("Softplus")).findFirst().orElse(null);
            Node greater = uses.stream().filter(n -> n.op.equals("Greater")).findFirst().orElse(null);
            if (uses.size() != 2 || softplus == null || greater == null) {
                throw new BadInputException(source + ": " + mul.label() + " is not followed by Softplus and Greater; "
                        + shape);
            }
            Node div = only(softplus.outputs.get(0), "Div", softplus);
            Tensor d = constants.get(div.inputs.get(1));
            Tensor threshold = constants.get(greater.inputs.get(1));
            if (d == null || d.values == null || d.scalar(source, "the divisor of " + div.label()) != beta
                    || threshold == null || threshold.values == null || !greater.inputs.get(0).equals(scaled)
                    || !where.inputs.equals(List.of(greater.outputs.get(0), value, div.outputs.get(0)))) {
                throw new BadInputException(source + ": " + where.label() + ": " + shape);
            }
            float limit = threshold.scalar(source, "the threshold of " + greater.label());
            if (limit < 15) {
                throw new BadInputException(source + ": Softplus with threshold " + limit + " (at " + where.label()
                        + "): nnpaint's softplus has no threshold below 15");
            }
            activate(where, Activation.SOFTPLUS, new double[] {beta});
            return where.outputs.get(0);
        }

        /** Sigmoid(v) then Mul(v, sigmoid): nnpaint's silu. */
        private String silu(String value, List<Node> readers) {
            Node sigmoid = readers.get(0).op.equals("Sigmoid") ? readers.get(0) : readers.get(1);
            Node mul = sigmoid == readers.get(0) ? readers.get(1) : readers.get(0);
            if (!sigmoid.op.equals("Sigmoid") || !mul.op.equals("Mul")
                    || !mul.inputs.contains(sigmoid.outputs.get(0))) {
                throw new BadInputException(source + ": the value '" + value + "' feeds two operators ("
                        + readers.get(0).op + ", " + readers.get(1).op + "); nnpaint paints chains of layers, and "
                        + "reads a fork only as Sigmoid then Mul (silu)");
            }
            activate(mul, Activation.SILU, null);
            return mul.outputs.get(0);
        }

        /** The one node reading {@code value}, which must be an {@code op}. */
        private Node only(String value, String op, Node after) {
            List<Node> readers = consumers.getOrDefault(value, List.of());
            if (readers.size() != 1 || !readers.get(0).op.equals(op)) {
                throw new BadInputException(source + ": " + after.label() + " is followed by "
                        + (readers.isEmpty() ? "nothing" : readers.get(0).label()) + "; nnpaint reads it only before "
                        + op);
            }
            return readers.get(0);
        }

        private double[] clipRange(Node n) {
            double lo = Float.NEGATIVE_INFINITY;
            double hi = Float.POSITIVE_INFINITY;
            if (n.attributes.containsKey("min")) {
                lo = n.attributes.get("min").f;
            }
            if (n.attributes.containsKey("max")) {
                hi = n.attributes.get("max").f;
            }
            if (n.inputs.size() > 1 && !n.inputs.get(1).isEmpty()) {
                lo = constant(n, 1).scalar(source, "Clip's min");
            }
            if (n.inputs.size() > 2 && !n.inputs.get(2).isEmpty()) {
                hi = constant(n, 2).scalar(source, "Clip's max");
            }
            if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
                throw new BadInputException(source + ": Clip " + n.label() + " is open on one side; nnpaint paints "
                        + "Clip as hard-tanh, with both a min and a max");
            }
            return new double[] {lo, hi};
        }

        private void activate(Node n, Activation a, double[] parameters) {
            if (weights == null) {
                throw new BadInputException(source + ": activation " + n.label() + " comes before any Gemm or "
                        + "MatMul; nnpaint's layers are a linear map, then an activation");
            }
            if (activation != null) {
                throw new BadInputException(source + ": activation " + n.label() + " follows another ("
                        + activation + "); nnpaint applies one activation after each layer");
            }
            try {
                activation = new Activation.Parameterised(a, a.checkParameters(parameters));
            } catch (BadInputException e) {
                throw new BadInputException(source + ": " + n.label() + ": " + e.getMessage(), e);
            }
        }

        private void startLayer(Tensor w, boolean transposed, float alpha, Node n) {
            finishLayer();
            if (w.dims.length != 2) {
                throw new BadInputException(source + ": the weights of " + n.label() + " have "
                        + w.dims.length + " dimensions, expected a matrix");
            }
            int rows = (int) w.dims[0];
            int cols = (int) w.dims[1];
            fanOut = transposed ? rows : cols;
            fanIn = transposed ? cols : rows;
            weights = new float[fanIn * fanOut];
            for (int o = 0; o < fanOut; o++) {
                for (int j = 0; j < fanIn; j++) {
                    float v = transposed ? w.values[o * cols + j] : w.values[j * cols + o];
                    weights[o * fanIn + j] = alpha == 1f ? v : alpha * v;
                }
            }
            if (!layers.isEmpty() && layers.get(layers.size() - 1).outputs() != fanIn) {
                throw new BadInputException(source + ": " + n.label() + " takes " + fanIn + " inputs but the layer "
                        + "before has " + layers.get(layers.size() - 1).outputs() + " outputs");
            }
        }

        private void setBias(Tensor b, float beta, Node n) {
            if (b.values.length == 1 && fanOut > 1) {
                bias = new float[fanOut];
                Arrays.fill(bias, beta * b.values[0]);
                return;
            }
            if (b.values.length != fanOut) {
                throw new BadInputException(source + ": the bias of " + n.label() + " has " + b.values.length
                        + " values, expected " + fanOut);
            }
            bias = new float[fanOut];
            for (int o = 0; o < fanOut; o++) {
                bias[o] = beta * b.values[o];
            }
        }

        private void finishLayer() {
            if (weights == null) {
                return;
            }
            Activation.Parameterised a = activation == null
                    ? new Activation.Parameterised(Activation.IDENTITY, null) : activation;
            Activation[] acts = new Activation[fanOut];
            Arrays.fill(acts, a.activation());
            double[][] params = null;
            if (a.parameters() != null) {
                params = new double[fanOut][];
                Arrays.fill(params, a.parameters());
            }
            layers.add(new Layer(fanIn, fanOut, weights, bias, acts, params));
            weights = null;
            bias = null;
            activation = null;
        }

        private Tensor weightTensor(Node n, int input) {
            Tensor t = constant(n, input);
            if (t.values.length == 0) {
                throw new BadInputException(source + ": the weights of " + n.label() + " are empty");
            }
            return t;
        }

        private Tensor constant(Node n, int input) {
            String name = input < n.inputs.size() ? n.inputs.get(input) : "";
            Tensor t = constants.get(name);
            if (t == null || t.values == null) {
                throw new BadInputException(source + ": input '" + name + "' of " + n.label() + " is not a "
                        + "float constant; nnpaint reads weights and biases stored in the file");
            }
            return t;
        }

        private static float floatAttr(Node n, String name, float fallback) {
            Attribute a = n.attributes.get(name);
            return a == null || Float.isNaN(a.f) ? fallback : a.f;
        }

        private static long intAttr(Node n, String name, long fallback) {
            Attribute a = n.attributes.get(name);
            return a == null ? fallback : a.i;
        }
    }

    /** nnpaint's input names for a foreign model: x, y, r, then z0, z1, ... (or the names stored with it). */
    static List<String> inputNames(String stored, int count) {
        if (stored != null && !stored.isBlank()) {
            List<String> names = List.of(stored.split(","));
            if (names.size() == count) {
                return names;
            }
        }
        List<String> names = new ArrayList<>();
        String[] first = {"x", "y", "r"};
        for (int i = 0; i < count; i++) {
            names.add(i < 3 ? first[i] : "z" + (i - 3));
        }
        return names;
    }

    // ---- writing ----

    /**
     * True if the model has no hash grid and every layer applies one activation (with one set of parameters) to
     * all its units. A fixed encoding (pe, gauss) is its first layer of sines, which ONNX writes like any other.
     */
    public static boolean canWrite(Model model) {
        try {
            checkWritable(model);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** The layer's one activation, or null if its units differ in activation or parameters. */
    private static Activation uniform(Layer layer) {
        Activation a = layer.uniformActivation();
        for (int o = 1; a != null && o < layer.outputs(); o++) {
            if (!Arrays.equals(layer.parametersOf(0), layer.parametersOf(o))) {
                return null;
            }
        }
        return a;
    }

    /**
     * Refuses, in one line naming it, what ONNX cannot hold: a hash grid, or a layer whose units mix activations
     * ({@link #canWrite} is false exactly when this throws).
     */
    public static void checkWritable(Model model) {
        if (model.grid() != null) {
            throw new BadInputException("cannot write the hash-grid encoding " + model.encoding().spec()
                    + " as ONNX: its trainable tables and their lookup have no ONNX form in nnpaint; save the model "
                    + "as .json instead");
        }
        for (int k = 0; k < model.layers().size(); k++) {
            Layer layer = model.layers().get(k);
            if (uniform(layer) == null) {
                throw new BadInputException("cannot write layer " + k + " as ONNX: its units mix activations ("
                        + layer.activationName(0) + ", ...), and ONNX applies one operator to a whole layer; save "
                        + "it as .json instead");
            }
        }
    }

    /** Writes the model atomically as an ONNX file; {@code color} may be null. */
    public static void write(Path path, Model model, String color) {
        byte[] bytes = toBytes(model, color);
        AtomicOutput.write(path, out -> out.write(bytes));
    }

    /**
     * The model as ONNX. A fixed encoding's frozen layer of sines is written as an ordinary layer (it reads back as
     * the same network without the encoding's name); input features as the operators that compute them; a hash
     * grid has no ONNX form and is refused.
     */
    public static byte[] toBytes(Model model, String color) {
        checkWritable(model);
        Protobuf.Writer graph = new Protobuf.Writer();
        graph.string(2, "nnpaint");
        List<Protobuf.Writer> initializers = new ArrayList<>();
        String value = "input";
        int width = model.inputCount();
        if (model.encoding() instanceof Encoding.Features f) {
            value = featureNodes(graph, initializers, f);
        }
        for (int k = 0; k < model.layers().size(); k++) {
            Layer layer = model.layers().get(k);
            Activation a = uniform(layer); // not null: checked above
            double[] p = layer.parametersOf(0);
            String prefix = "layer" + k + ".";
            initializers.add(floatTensor(prefix + "weight", new long[] {layer.outputs(), layer.inputs()},
                    layer.weights()));
            List<String> inputs = new ArrayList<>(List.of(value, prefix + "weight"));
            if (layer.bias() != null) {
                initializers.add(floatTensor(prefix + "bias", new long[] {layer.outputs()}, layer.bias()));
                inputs.add(prefix + "bias");
            }
            String sum = prefix + "sum";
            graph.message(1, node("Gemm", prefix + "gemm", inputs, List.of(sum),
                    List.of(intAttribute("transB", 1))));
            boolean last = k == model.layers().size() - 1;
            value = activation(graph, initializers, a, p, sum, prefix, last ? "output" : prefix + "out");
            width = layer.outputs();
        }
        for (Protobuf.Writer t : initializers) {
            graph.message(5, t);
        }
        graph.message(11, valueInfo("input", model.inputCount()));
        graph.message(12, valueInfo("output", width));

        Protobuf.Writer m = new Protobuf.Writer();
        m.varint(1, IR_VERSION);
        m.string(2, "nnpaint");
        m.message(7, graph);
        m.message(8, new Protobuf.Writer().string(1, "").varint(2, OPSET));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("nnpaint.inputs", String.join(",", model.inputNames()));
        if (model.encoding() instanceof Encoding.Features f) {
            metadata.put("nnpaint.encoding", f.spec());
        }
        if (color != null) {
            metadata.put("nnpaint.color", color);
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            m.message(14, new Protobuf.Writer().string(1, e.getKey()).string(2, e.getValue()));
        }
        return m.toByteArray();
    }

    /**
     * The operators that compute input features from the [N, 2] input, as {@link Encoding.Features#value} defines
     * them; returns the name of their [N, features] result.
     */
    private static String featureNodes(Protobuf.Writer graph, List<Protobuf.Writer> initializers,
                                       Encoding.Features f) {
        String x = FEATURES + ".x";
        String y = FEATURES + ".y";
        initializers.add(int64Tensor(FEATURES + ".column0", new long[] {1}, new long[] {0}));
        initializers.add(int64Tensor(FEATURES + ".column1", new long[] {1}, new long[] {1}));
        initializers.add(floatTensor(FEATURES + ".scale", new long[0],
                new float[] {(float) Encoding.Features.SIN_SCALE}));
        List<Protobuf.Writer> axis1 = List.of(intAttribute("axis", 1));
        graph.message(1, node("Gather", x, List.of("input", FEATURES + ".column0"), List.of(x), axis1));
        graph.message(1, node("Gather", y, List.of("input", FEATURES + ".column1"), List.of(y), axis1));
        List<String> parts = new ArrayList<>();
        for (String id : f.names()) {
            String out = FEATURES + "." + id;
            switch (id) {
                case "x" -> out = x;
                case "y" -> out = y;
                case "x2" -> graph.message(1, node("Mul", out, List.of(x, x), List.of(out), List.of()));
                case "y2" -> graph.message(1, node("Mul", out, List.of(y, y), List.of(out), List.of()));
                case "xy" -> graph.message(1, node("Mul", out, List.of(x, y), List.of(out), List.of()));
                case "sinx", "siny" -> {
                    String axis = id.equals("sinx") ? x : y;
                    String scaled = out + ".scaled";
                    graph.message(1, node("Mul", scaled, List.of(axis, FEATURES + ".scale"), List.of(scaled),
                            List.of()));
                    graph.message(1, node("Sin", out, List.of(scaled), List.of(out), List.of()));
                }
                default -> throw new IllegalArgumentException("unknown feature " + id);
            }
            parts.add(out);
        }
        graph.message(1, node("Concat", FEATURES, parts, List.of(FEATURES), axis1));
        return FEATURES;
    }

    /** Appends the nodes of one activation from {@code in} to {@code out}; returns {@code out}. */
    private static String activation(Protobuf.Writer graph, List<Protobuf.Writer> initializers, Activation a,
                                     double[] p, String in, String prefix, String out) {
        String name = prefix + a.id();
        switch (a) {
            case IDENTITY -> graph.message(1, node("Identity", name, List.of(in), List.of(out), List.of()));
            case TANH -> graph.message(1, node("Tanh", name, List.of(in), List.of(out), List.of()));
            case SIGMOID -> graph.message(1, node("Sigmoid", name, List.of(in), List.of(out), List.of()));
            case RELU -> graph.message(1, node("Relu", name, List.of(in), List.of(out), List.of()));
            case SIN -> graph.message(1, node("Sin", name, List.of(in), List.of(out), List.of()));
            case COS -> graph.message(1, node("Cos", name, List.of(in), List.of(out), List.of()));
            case ABS -> graph.message(1, node("Abs", name, List.of(in), List.of(out), List.of()));
            case LEAKY_RELU -> graph.message(1, node("LeakyRelu", name, List.of(in), List.of(out),
                    List.of(floatAttribute("alpha", (float) (p == null ? Activation.LEAKY_SLOPE : p[0])))));
            case ELU -> graph.message(1, node("Elu", name, List.of(in), List.of(out),
                    List.of(floatAttribute("alpha", (float) (p == null ? 1 : p[0])))));
            case SOFTPLUS -> {
                if (p == null) {
                    graph.message(1, node("Softplus", name, List.of(in), List.of(out), List.of()));
                } else {
                    // ONNX's Softplus has no beta: PyTorch's own export, softplus(beta x) / beta
                    String beta = prefix + "beta";
                    initializers.add(floatTensor(beta, new long[0], new float[] {(float) p[0]}));
                    graph.message(1, node("Mul", name + ".scale", List.of(in, beta), List.of(name + ".scaled"),
                            List.of()));
                    graph.message(1, node("Softplus", name, List.of(name + ".scaled"), List.of(name + ".soft"),
                            List.of()));
                    graph.message(1, node("Div", name + ".unscale", List.of(name + ".soft", beta), List.of(out),
                            List.of()));
                }
            }
            case HARD_TANH -> {
                String lo = prefix + "min";
                String hi = prefix + "max";
                initializers.add(floatTensor(lo, new long[0], new float[] {(float) (p == null ? -1 : p[0])}));
                initializers.add(floatTensor(hi, new long[0], new float[] {(float) (p == null ? 1 : p[1])}));
                graph.message(1, node("Clip", name, List.of(in, lo, hi), List.of(out), List.of()));
            }
            case GAUSSIAN -> {
                // exp(-x^2)
                graph.message(1, node("Mul", name + ".square", List.of(in, in), List.of(name + ".sq"), List.of()));
                graph.message(1, node("Neg", name + ".neg", List.of(name + ".sq"), List.of(name + ".negsq"),
                        List.of()));
                graph.message(1, node("Exp", name, List.of(name + ".negsq"), List.of(out), List.of()));
            }
            case SILU -> {
                // x sigmoid(x)
                graph.message(1, node("Sigmoid", name + ".sigmoid", List.of(in), List.of(name + ".s"), List.of()));
                graph.message(1, node("Mul", name, List.of(in, name + ".s"), List.of(out), List.of()));
            }
            default -> throw new BadInputException("activation " + a.id() + " has no ONNX form in nnpaint");
        }
        return out;
    }

    private static Protobuf.Writer node(String op, String name, List<String> inputs, List<String> outputs,
                                        List<Protobuf.Writer> attributes) {
        Protobuf.Writer n = new Protobuf.Writer();
        for (String in : inputs) {
            n.string(1, in);
        }
        for (String out : outputs) {
            n.string(2, out);
        }
        n.string(3, name);
        n.string(4, op);
        for (Protobuf.Writer a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    private static Protobuf.Writer floatAttribute(String name, float value) {
        return new Protobuf.Writer().string(1, name).fixed32(2, value).varint(20, 1);
    }

    private static Protobuf.Writer intAttribute(String name, long value) {
        return new Protobuf.Writer().string(1, name).varint(3, value).varint(20, 2);
    }

    private static Protobuf.Writer floatTensor(String name, long[] dims, float[] values) {
        Protobuf.Writer t = new Protobuf.Writer();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        t.varint(2, FLOAT);
        t.string(8, name);
        t.bytes(9, Protobuf.rawFloats(values));
        return t;
    }

    private static Protobuf.Writer int64Tensor(String name, long[] dims, long[] values) {
        Protobuf.Writer t = new Protobuf.Writer();
        t.packedVarints(1, dims);
        t.varint(2, INT64);
        t.string(8, name);
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(8 * values.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        t.bytes(9, raw.array());
        return t;
    }

    /** A float tensor of shape [N, width] with N named "N": any number of pixels at once. */
    private static Protobuf.Writer valueInfo(String name, int width) {
        Protobuf.Writer shape = new Protobuf.Writer()
                .message(1, new Protobuf.Writer().string(2, "N"))
                .message(1, new Protobuf.Writer().varint(1, width));
        Protobuf.Writer tensorType = new Protobuf.Writer().varint(1, FLOAT).message(2, shape);
        Protobuf.Writer type = new Protobuf.Writer().message(1, tensorType);
        return new Protobuf.Writer().string(1, name).message(2, type);
    }
}
