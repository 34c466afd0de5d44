package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.ArrayList;
import java.util.List;
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
 *   <li>{@code features:x,y,x2,y2,xy,sinx,siny}: TensorFlow Playground's input features of (x, y), any non-empty
 *       subset ({@link Features}).</li>
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

    String SYNTAX = "none, pe:L, gauss:M:SIGMA, hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST] or "
            + "features:x,y,x2,y2,xy,sinx,siny";

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

    /**
     * TensorFlow Playground's input features of the two coordinates: any non-empty subset of x, y, x², y², x·y,
     * sin x and sin y, always in that (canonical) order. Not trainable: the first dense layer sees the features
     * instead of (x, y). The evaluator computes them in one scalar loop on either kernel, in double precision
     * rounded to float, so training data, painting and prediction see the same values bit for bit.
     *
     * <p>Scale: Playground's data sets are nnpaint's built-in ones times {@link #SIN_SCALE} (its circles and spiral
     * have radius 5 where nnpaint's have 1), so sin x is {@code sin(5 x)}: the same waves over the same data. The
     * products are of the raw coordinates: scaling them would only multiply a feature by a constant, which the
     * first layer's weights absorb; a sine's frequency is the one scale that changes what a network can draw.
     *
     * @param names the feature ids in canonical order ({@link #ALL})
     */
    record Features(List<String> names) implements Encoding {

        /** One feature: its id in specs and options, and its label for people. */
        public record Feature(String id, String label) {
        }

        /** Every feature, in canonical order. */
        public static final List<Feature> ALL = List.of(new Feature("x", "x"), new Feature("y", "y"),
                new Feature("x2", "x²"), new Feature("y2", "y²"), new Feature("xy", "x·y"),
                new Feature("sinx", "sin x"), new Feature("siny", "sin y"));

        /** The frequency of sin x and sin y: {@code sin(SIN_SCALE * x)}. */
        public static final double SIN_SCALE = 5;

        public static final String IDS = "x, y, x2, y2, xy, sinx, siny";

        public Features {
            if (names == null || names.isEmpty()) {
                throw new BadInputException("features: give at least one of " + IDS);
            }
            List<String> canonical = new ArrayList<>();
            for (Feature f : ALL) {
                long count = names.stream().filter(f.id()::equals).count();
                if (count > 1) {
                    throw new BadInputException("features: " + f.id() + " is given twice");
                }
                if (count == 1) {
                    canonical.add(f.id());
                }
            }
            for (String n : names) {
                if (!canonical.contains(n)) {
                    throw new BadInputException("unknown feature '" + n + "'; valid: " + IDS);
                }
            }
            names = List.copyOf(canonical);
        }

        /** The features with these ids, in any order (ids are trimmed and lower-cased). */
        public static Features of(String... ids) {
            List<String> list = new ArrayList<>();
            for (String id : ids) {
                list.add(id.trim().toLowerCase(Locale.ROOT));
            }
            return new Features(list);
        }

        /** Reads a comma-separated list such as {@code x2,y2} (spaces allowed). */
        public static Features parseList(String text) {
            return of(text.trim().isEmpty() ? new String[0] : text.split("\\s*,\\s*", -1));
        }

        @Override
        public String spec() {
            return "features:" + String.join(",", names);
        }

        @Override
        public int outputs(int inputs) {
            return names.size();
        }

        /** The labels of {@link #names()}, as {@link #ALL} gives them ({@code x²}, {@code sin x}, ...). */
        public List<String> labels() {
            List<String> labels = new ArrayList<>();
            for (Feature f : ALL) {
                if (names.contains(f.id())) {
                    labels.add(f.label());
                }
            }
            return List.copyOf(labels);
        }

        /** Feature {@code id} of the point (x, y): the one definition every path (train, paint, GLSL) follows. */
        public static double value(String id, double x, double y) {
            switch (id) {
                case "x": return x;
                case "y": return y;
                case "x2": return x * x;
                case "y2": return y * y;
                case "xy": return x * y;
                // StrictMath: the same bits on every machine and in every JIT tier
                case "sinx": return StrictMath.sin(SIN_SCALE * x);
                case "siny": return StrictMath.sin(SIN_SCALE * y);
                default: throw new IllegalArgumentException("unknown feature " + id);
            }
        }

        /**
         * Encodes {@code n} samples in feature-major layout: x in {@code in[0 .. n)}, y in {@code in[n .. 2n)};
         * feature k of sample i goes to {@code out[k * n + i]}.
         */
        public void encode(float[] in, float[] out, int n) {
            for (int k = 0; k < names.size(); k++) {
                String id = names.get(k);
                int base = k * n;
                for (int i = 0; i < n; i++) {
                    out[base + i] = (float) value(id, in[i], in[n + i]);
                }
            }
        }

        /** The features of samples in sample-major layout (x, y per sample), sample-major too. */
        public float[] encodeRows(float[] xy, int samples) {
            int d = names.size();
            float[] out = new float[samples * d];
            for (int i = 0; i < samples; i++) {
                for (int k = 0; k < d; k++) {
                    out[i * d + k] = (float) value(names.get(k), xy[2 * i], xy[2 * i + 1]);
                }
            }
            return out;
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
     * Reads {@code none}, {@code pe:L}, {@code gauss:M:SIGMA}, {@code hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST]} or
     * {@code features:ID,ID,...}
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
                case "features":
                    expect(parts, 2, t);
                    return Features.parseList(parts[1]);
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
