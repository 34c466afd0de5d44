package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.Locale;

/**
 * How a weight or bias is drawn. Normal-family kinds scale one standard normal draw per key and uniform-family
 * kinds scale one uniform draw, so changing a scale (or switching between kinds of the same family) moves every
 * weight smoothly.
 *
 * <p>For biases the fan-in and fan-out are those of the layer the bias belongs to; {@code scaled-normal:S}
 * draws biases from N(0, S^2) (the mean-field sigma_b convention: biases have no fan-in to divide by).
 */
public record Init(Kind kind, double parameter) {

    public enum Kind {
        NORMAL("normal", true, true),
        UNIFORM("uniform", true, false),
        SCALED_NORMAL("scaled-normal", true, true),
        XAVIER_NORMAL("xavier-normal", false, true),
        XAVIER_UNIFORM("xavier-uniform", false, false),
        HE_NORMAL("he-normal", false, true),
        HE_UNIFORM("he-uniform", false, false),
        LECUN_NORMAL("lecun-normal", false, true),
        PYTORCH("pytorch", false, false),
        ZERO("zero", false, false),
        CONST("const", true, false);

        final String id;
        final boolean takesParameter;
        final boolean normal;

        Kind(String id, boolean takesParameter, boolean normal) {
            this.id = id;
            this.takesParameter = takesParameter;
            this.normal = normal;
        }

        public String id() {
            return id;
        }
    }

    public static final String SYNTAX = "normal:S, uniform:A, scaled-normal:SW, xavier-normal, xavier-uniform, "
            + "he-normal, he-uniform, lecun-normal, pytorch, zero, const:C";

    public Init {
        if (!Double.isFinite(parameter)) {
            throw new BadInputException("initialisation parameter must be a finite number, got " + parameter);
        }
        if ((kind == Kind.NORMAL || kind == Kind.UNIFORM || kind == Kind.SCALED_NORMAL) && parameter < 0) {
            throw new BadInputException(kind.id + " scale must not be negative, got " + parameter);
        }
    }

    public static Init normal(double std) {
        return new Init(Kind.NORMAL, std);
    }

    public static Init uniform(double halfWidth) {
        return new Init(Kind.UNIFORM, halfWidth);
    }

    public static Init scaledNormal(double sigmaW) {
        return new Init(Kind.SCALED_NORMAL, sigmaW);
    }

    public static Init of(Kind kind) {
        return new Init(kind, 0);
    }

    /** Parses {@code normal:1}, {@code uniform:0.5}, {@code he-normal}, {@code const:0.1}, ... */
    public static Init parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        for (Kind k : Kind.values()) {
            if (!k.id.equals(name)) {
                continue;
            }
            if (k.takesParameter != (colon >= 0)) {
                throw new BadInputException(k.takesParameter
                        ? "initialisation '" + text.trim() + "' needs a number, as in " + k.id + ":1"
                        : "initialisation '" + k.id + "' takes no number; valid: " + SYNTAX);
            }
            double p = 0;
            if (colon >= 0) {
                String num = text.trim().substring(colon + 1);
                try {
                    p = Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    throw new BadInputException("initialisation '" + text.trim() + "': '" + num + "' is not a number");
                }
            }
            return new Init(k, p);
        }
        throw new BadInputException("unknown initialisation '" + text.trim() + "'; valid: " + SYNTAX);
    }

    /** The text {@link #parse} reads back. */
    @Override
    public String toString() {
        return kind.takesParameter ? kind.id + ":" + format(parameter) : kind.id;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The value for one key. {@code isBias} selects the bias convention of {@code scaled-normal}.
     *
     * @param stream {@link KeyedRandom#WEIGHTS} or {@link KeyedRandom#BIASES}
     */
    public double draw(KeyedRandom random, int stream, int layer, int row, int column, int fanIn, int fanOut) {
        switch (kind) {
            case ZERO: return 0;
            case CONST: return parameter;
            default: break;
        }
        boolean isBias = stream == KeyedRandom.BIASES;
        if (kind.normal) {
            return standardDeviation(fanIn, fanOut, isBias) * random.normal(stream, layer, row, column);
        }
        double u = 2 * random.uniform(stream, layer, row, column) - 1;
        return halfWidth(fanIn, fanOut) * u;
    }

    /** Standard deviation of the normal-family kinds. */
    public double standardDeviation(int fanIn, int fanOut, boolean isBias) {
        switch (kind) {
            case NORMAL: return parameter;
            case SCALED_NORMAL: return isBias ? parameter : parameter / Math.sqrt(fanIn);
            case XAVIER_NORMAL: return Math.sqrt(2.0 / (fanIn + fanOut));
            case HE_NORMAL: return Math.sqrt(2.0 / fanIn);
            case LECUN_NORMAL: return Math.sqrt(1.0 / fanIn);
            default: throw new IllegalStateException(kind + " is not a normal distribution");
        }
    }

    /** Half-width A of the uniform-family kinds, U(-A, A). */
    public double halfWidth(int fanIn, int fanOut) {
        switch (kind) {
            case UNIFORM: return parameter;
            case XAVIER_UNIFORM: return Math.sqrt(6.0 / (fanIn + fanOut));
            case HE_UNIFORM: return Math.sqrt(6.0 / fanIn);
            case PYTORCH: return 1 / Math.sqrt(fanIn);
            default: throw new IllegalStateException(kind + " is not a uniform distribution");
        }
    }

    /** The variance of one draw, for the theory and the statistics tests. */
    public double variance(int fanIn, int fanOut, boolean isBias) {
        switch (kind) {
            case ZERO: return 0;
            case CONST: return 0;
            default: break;
        }
        if (kind.normal) {
            double s = standardDeviation(fanIn, fanOut, isBias);
            return s * s;
        }
        double a = halfWidth(fanIn, fanOut);
        return a * a / 3;
    }
}
