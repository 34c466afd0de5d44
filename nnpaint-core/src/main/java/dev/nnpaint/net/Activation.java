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
