package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.Locale;

/**
 * How a coordinate network sees its inputs (x, y) before its first dense layer. Fixed encodings are a frozen first
 * layer with sine activation: {@code [sin(W x), cos(W x)] = sin(W' x + b')} with {@code W' = [W; W]} and
 * {@code b' = [0; pi/2]}, so they run on the dense kernels at full speed and a model file stores only the spec.
 * The hash grid has trainable tables of its own ({@link HashGrid}).
 * <ul>
 *   <li>{@code none}: the coordinates themselves;</li>
 *   <li>{@code pe:L}: positional encoding, frequencies {@code 2^k pi} for k = 0 .. L-1 on each axis, sin and cos
 *       (4L features for x, y);</li>
 *   <li>{@code gauss:M:SIGMA}: M Gaussian Fourier features {@code [sin(2 pi B x), cos(2 pi B x)]}, B an M x 2
 *       matrix of standard normal draws times sigma, keyed by (seed, row, column): the same draws for any sigma
 *       (2M features);</li>
 *   <li>{@code hash:LEVELS:FEATURES:LOG2T:BASE:FINEST}: a multiresolution hash grid (LEVELS x FEATURES
 *       features).</li>
 * </ul>
 */
public sealed interface Encoding {

    /** The text that {@link #parse} reads back, e.g. {@code gauss:256:10}. */
    String spec();

    /** Features this encoding makes from {@code inputs} coordinates. */
    int outputs(int inputs);

    /** Whether the encoding is a frozen first dense layer ({@link #frozenLayer}). */
    default boolean isFixed() {
        return false;
    }

    /** The frozen first layer of a fixed encoding. */
    default Layer frozenLayer(int inputs) {
        throw new UnsupportedOperationException(spec() + " is not a fixed encoding");
    }

    Encoding NONE = new None();

    String SYNTAX = "none, pe:L, gauss:M:SIGMA or hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST]";

    record None() implements Encoding {
        @Override
        public String spec() {
            return "none";
        }

        @Override
        public int outputs(int inputs) {
            return inputs;
        }
    }

    /** Positional encoding with frequencies {@code 2^0 pi .. 2^(L-1) pi} on each input axis. */
    record Positional(int levels) implements Encoding {
        public Positional {
            if (levels < 1 || levels > 24) {
                throw new BadInputException("pe:L needs 1 <= L <= 24, got " + levels);
            }
        }

        @Override
        public String spec() {
            return "pe:" + levels;
        }

        @Override
        public int outputs(int inputs) {
            return 2 * levels * inputs;
        }

        @Override
        public boolean isFixed() {
            return true;
        }

        @Override
        public Layer frozenLayer(int inputs) {
            int half = levels * inputs;
            double[][] rows = new double[half][inputs];
            for (int a = 0; a < inputs; a++) {
                for (int k = 0; k < levels; k++) {
                    rows[a * levels + k][a] = Math.scalb(Math.PI, k);
                }
            }
            return sinCos(rows, inputs);
        }
    }

    /** Gaussian Fourier features: {@code features} frequencies of scale {@code sigma} drawn from {@code seed}. */
    record Gaussian(int features, double sigma, long seed) implements Encoding {
        public Gaussian {
            if (features < 1 || features > 4096) {
                throw new BadInputException("gauss:M:SIGMA needs 1 <= M <= 4096 features, got " + features);
            }
            if (!(sigma > 0) || !Double.isFinite(sigma)) {
                throw new BadInputException("gauss:M:SIGMA needs a positive sigma, got " + sigma);
            }
        }

        @Override
        public String spec() {
            return "gauss:" + features + ":" + Numbers.format(sigma);
        }

        @Override
        public int outputs(int inputs) {
            return 2 * features;
        }

        @Override
        public boolean isFixed() {
            return true;
        }

        @Override
        public Layer frozenLayer(int inputs) {
            KeyedRandom random = new KeyedRandom(seed);
            double[][] rows = new double[features][inputs];
            for (int i = 0; i < features; i++) {
                for (int j = 0; j < inputs; j++) {
                    // 2 pi B with B = sigma N(0, 1): a sweep over sigma scales the same draws
                    rows[i][j] = 2 * Math.PI * sigma * random.normal(KeyedRandom.ENCODING, 0, i, j);
                }
            }
            return sinCos(rows, inputs);
        }
    }

    /** A multiresolution hash grid (Müller et al. 2022); its tables live in {@link HashGrid}. */
    record Hash(int levels, int features, int log2Table, int base, int finest) implements Encoding {
        public Hash {
            if (levels < 1 || levels > 32) {
                throw new BadInputException("hash: LEVELS must be 1 .. 32, got " + levels);
            }
            if (features < 1 || features > 8) {
                throw new BadInputException("hash: FEATURES must be 1 .. 8, got " + features);
            }
            if (log2Table < 4 || log2Table > 24) {
                throw new BadInputException("hash: LOG2T must be 4 .. 24, got " + log2Table);
            }
            if (base < 1 || finest < base || finest > 1 << 20) {
                throw new BadInputException("hash: needs 1 <= BASE <= FINEST <= 1048576, got " + base + " and "
                        + finest);
            }
        }

        /** instant-ngp's image settings: 16 levels of 2 features, 2^19 entries, resolutions 16 .. finest. */
        public static Hash defaults(int finest) {
            return new Hash(16, 2, 19, 16, Math.max(16, finest));
        }

        @Override
        public String spec() {
            return "hash:" + levels + ":" + features + ":" + log2Table + ":" + base + ":" + finest;
        }

        @Override
        public int outputs(int inputs) {
            return levels * features;
        }

        /** The grid resolution of level l: geometric from base to finest. */
        public int resolution(int level) {
            if (levels == 1) {
                return base;
            }
            double growth = StrictMath.exp((StrictMath.log(finest) - StrictMath.log(base)) / (levels - 1));
            return (int) Math.floor(base * StrictMath.pow(growth, level) + 1e-9);
        }

        /** Entries of level l's table: the grid's vertices when they fit (dense), else 2^log2Table (hashed). */
        public int tableSize(int level) {
            long vertices = (long) (resolution(level) + 1) * (resolution(level) + 1);
            return (int) Math.min(vertices, 1L << log2Table);
        }

        public boolean hashed(int level) {
            long vertices = (long) (resolution(level) + 1) * (resolution(level) + 1);
            return vertices > (1L << log2Table);
        }
    }

    /** {@code sin(W x)} and {@code cos(W x)} as one frozen sine layer: rows W then W again with bias pi/2. */
    private static Layer sinCos(double[][] rows, int inputs) {
        int half = rows.length;
        float[] w = new float[2 * half * inputs];
        float[] b = new float[2 * half];
        for (int i = 0; i < half; i++) {
            for (int j = 0; j < inputs; j++) {
                w[i * inputs + j] = (float) rows[i][j];
                w[(half + i) * inputs + j] = (float) rows[i][j];
            }
            b[half + i] = (float) (Math.PI / 2);
        }
        return Layer.of(inputs, 2 * half, w, b, Activation.SIN);
    }

    /**
     * Reads {@code none}, {@code pe:L}, {@code gauss:M:SIGMA} or {@code hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST]}
     * (a bare {@code hash} takes instant-ngp's settings with {@code finest} as the finest resolution).
     * {@code seed} keys the Gaussian draws.
     */
    static Encoding parse(String text, long seed, int finest) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[] parts = t.split(":", -1);
        try {
            switch (parts[0]) {
                case "none":
                case "identity":
                    expect(parts, 1, t);
                    return NONE;
                case "pe":
                    expect(parts, 2, t);
                    return new Positional(Integer.parseInt(parts[1]));
                case "gauss":
                    expect(parts, 3, t);
                    return new Gaussian(Integer.parseInt(parts[1]), Double.parseDouble(parts[2]), seed);
                case "hash":
                    if (parts.length == 1) {
                        return Hash.defaults(finest);
                    }
                    expect(parts, 6, t);
                    return new Hash(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                            Integer.parseInt(parts[3]), Integer.parseInt(parts[4]), Integer.parseInt(parts[5]));
                default:
                    throw new BadInputException("unknown encoding '" + text.trim() + "'; valid: " + SYNTAX);
            }
        } catch (NumberFormatException e) {
            throw new BadInputException("encoding '" + text.trim() + "': expected whole numbers (and a number for "
                    + "sigma); valid: " + SYNTAX);
        }
    }

    private static void expect(String[] parts, int count, String text) {
        if (parts.length != count) {
            throw new BadInputException("encoding '" + text + "': expected " + SYNTAX);
        }
    }

    /** Parses an encoding with the Gaussian draws keyed by {@code seed} and a bare hash's finest level at 512. */
    static Encoding parse(String text, long seed) {
        return parse(text, seed, 512);
    }

    /** Number formatting shared by the specs: integers without ".0", others as Java prints them. */
    final class Numbers {
        private Numbers() {
        }

        static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }
}
