package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The element-wise functions a unit applies to its weighted sum. {@link #apply} is the exact reference
 * (double precision, {@code java.lang.Math}); the vector kernels use approximations checked against it.
 */
public enum Activation {
    IDENTITY("identity"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    RELU("relu"),
    LEAKY_RELU("leaky-relu"),
    ELU("elu"),
    SOFTPLUS("softplus"),
    SIN("sin"),
    COS("cos"),
    GAUSSIAN("gaussian"),
    ABS("abs"),
    HARD_TANH("hard-tanh"),
    SILU("silu");

    /** Slope of leaky-relu for negative inputs (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    private static final double[] NONE = new double[0];

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The name used on the command line and in files, e.g. {@code leaky-relu}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public double apply(double x) {
        switch (this) {
            case IDENTITY: return x;
            case TANH: return Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case RELU: return x > 0 ? x : 0;
            case LEAKY_RELU: return x > 0 ? x : LEAKY_SLOPE * x;
            case ELU: return x > 0 ? x : Math.expm1(x);
            case SOFTPLUS: return softplus(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case GAUSSIAN: return Math.exp(-x * x);
            case ABS: return Math.abs(x);
            case HARD_TANH: return Math.max(-1, Math.min(1, x));
            case SILU: return x == Double.NEGATIVE_INFINITY ? -0.0 : x * sigmoid(x); // the limit, not -inf * 0
            default: throw new AssertionError(this);
        }
    }

    /** d apply(x) / dx, at the pre-activation x. */
    public double derivative(double x) {
        switch (this) {
            case IDENTITY: return 1;
            case TANH: {
                double t = Math.tanh(x);
                return 1 - t * t;
            }
            case SIGMOID: {
                double s = sigmoid(x);
                return s * (1 - s);
            }
            case RELU: return x > 0 ? 1 : 0;
            case LEAKY_RELU: return x > 0 ? 1 : LEAKY_SLOPE;
            case ELU: return x > 0 ? 1 : Math.exp(x);
            case SOFTPLUS: return sigmoid(x);
            case SIN: return Math.cos(x);
            case COS: return -Math.sin(x);
            case GAUSSIAN: return -2 * x * Math.exp(-x * x);
            case ABS: return x > 0 ? 1 : (x < 0 ? -1 : 0);
            case HARD_TANH: return (x > -1 && x < 1) ? 1 : 0;
            case SILU: {
                double s = sigmoid(x);
                return s * (1 + x * (1 - s));
            }
            default: throw new AssertionError(this);
        }
    }

    /**
     * How many parameters the activation takes: leaky-relu its negative slope, elu its alpha, softplus its beta
     * (softplus(beta x) / beta), hard-tanh its range (min, max); the others none.
     */
    public int parameterCount() {
        switch (this) {
            case LEAKY_RELU:
            case ELU:
            case SOFTPLUS:
                return 1;
            case HARD_TANH:
                return 2;
            default:
                return 0;
        }
    }

    /** The parameters {@link #apply(double)} uses: PyTorch's defaults (a fresh array each call). */
    public double[] defaultParameters() {
        switch (this) {
            case LEAKY_RELU: return new double[] {LEAKY_SLOPE};
            case ELU:
            case SOFTPLUS: return new double[] {1};
            case HARD_TANH: return new double[] {-1, 1};
            default: return NONE.clone();
        }
    }

    /** True if {@code p} is null or equals the defaults, so {@link #apply(double)} gives the same values. */
    public boolean isDefault(double[] p) {
        if (p == null) {
            return true;
        }
        double[] d = defaultParameters();
        if (p.length != d.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if ((float) p[i] != (float) d[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks parameters for this activation and returns a copy rounded to float precision, or null for the
     * defaults (so layers with default parameters stay exactly what they were).
     */
    public double[] checkParameters(double[] p) {
        if (p == null) {
            return null;
        }
        if (p.length != parameterCount()) {
            throw new BadInputException(id + " takes " + parameterCount() + " parameter"
                    + (parameterCount() == 1 ? "" : "s") + ", got " + p.length);
        }
        for (double v : p) {
            if (!Double.isFinite(v)) {
                throw new BadInputException(id + ": parameters must be finite numbers, got " + v);
            }
        }
        if (this == SOFTPLUS && p[0] <= 0) {
            throw new BadInputException("softplus: beta must be above 0, got " + p[0]);
        }
        if (this == HARD_TANH && !(p[0] < p[1])) {
            throw new BadInputException("hard-tanh: the range needs min < max, got " + p[0] + ":" + p[1]);
        }
        if (isDefault(p)) {
            return null;
        }
        // Rounded to float like weights, so "0.3" in JSON and 0.3f in an ONNX file are the same activation.
        double[] rounded = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            rounded[i] = (float) p[i];
        }
        return rounded;
    }

    /** {@link #apply(double)} with parameters ({@code p} null for the defaults). */
    public double apply(double x, double[] p) {
        if (p == null) {
            return apply(x);
        }
        switch (this) {
            case LEAKY_RELU: return x > 0 ? x : p[0] * x;
            case ELU: return x > 0 ? x : p[0] * Math.expm1(x);
            case SOFTPLUS: return softplus(p[0] * x) / p[0];
            case HARD_TANH: return Math.max(p[0], Math.min(p[1], x));
            default: return apply(x);
        }
    }

    /** {@link #derivative(double)} with parameters ({@code p} null for the defaults). */
    public double derivative(double x, double[] p) {
        if (p == null) {
            return derivative(x);
        }
        switch (this) {
            case LEAKY_RELU: return x > 0 ? 1 : p[0];
            case ELU: return x > 0 ? 1 : p[0] * Math.exp(x);
            case SOFTPLUS: return sigmoid(p[0] * x);
            case HARD_TANH: return (x > p[0] && x < p[1]) ? 1 : 0;
            default: return derivative(x);
        }
    }

    /** The name with its parameters as files write it: {@code tanh}, {@code leaky-relu:0.3}, {@code hard-tanh:-0.5:0.5}. */
    public String format(double[] p) {
        if (p == null) {
            return id;
        }
        StringBuilder s = new StringBuilder(id);
        for (double v : p) {
            s.append(':').append(formatNumber(v));
        }
        return s.toString();
    }

    private static String formatNumber(double v) {
        // the shortest text that reads back as the same float, since weights and parameters are floats on disk
        if (v == (float) v) {
            String f = Float.toString((float) v);
            return f.endsWith(".0") ? f.substring(0, f.length() - 2) : f;
        }
        return Double.toString(v);
    }

    /** An activation and its parameters (null for the defaults), as a model file names one unit's. */
    public record Parameterised(Activation activation, double[] parameters) {
        @Override
        public String toString() {
            return activation.format(parameters);
        }
    }

    /**
     * Parses a name with optional parameters after colons: {@code leaky-relu:0.3}, {@code elu:2},
     * {@code softplus:3}, {@code hard-tanh:-0.5:0.5}. Parameters equal to the defaults read as none.
     */
    public static Parameterised parseWithParameters(String text) {
        String[] parts = text.trim().split(":");
        Activation a = parse(parts[0]);
        if (parts.length == 1) {
            return new Parameterised(a, null);
        }
        if (a.parameterCount() == 0) {
            throw new BadInputException(a.id + " takes no parameters, got '" + text.trim() + "'");
        }
        double[] p = new double[parts.length - 1];
        for (int i = 0; i < p.length; i++) {
            try {
                p[i] = Double.parseDouble(parts[i + 1].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("activation '" + text.trim() + "': '" + parts[i + 1]
                        + "' is not a number");
            }
        }
        if (p.length != a.parameterCount()) {
            throw new BadInputException("activation '" + text.trim() + "': " + a.id + " takes "
                    + a.parameterCount() + " parameter" + (a.parameterCount() == 1 ? "" : "s")
                    + (a == HARD_TANH ? " (min:max)" : "") + ", got " + p.length);
        }
        return new Parameterised(a, a.checkParameters(p));
    }

    static double sigmoid(double x) {
        // Written so that neither branch overflows exp().
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Parses a name such as {@code tanh} or {@code leaky-relu} (also {@code leaky_relu}, any case). */
    public static Activation parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Activation a : values()) {
            if (a.id.equals(key)) {
                return a;
            }
        }
        throw new BadInputException("unknown activation '" + name.trim() + "'; valid: " + validNames());
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", "));
    }
}
