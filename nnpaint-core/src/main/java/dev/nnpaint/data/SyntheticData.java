package dev.nnpaint.data;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.KeyedRandom;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in two-dimensional data sets. Features are named {@code x} and {@code y}, so a trained model can
 * be painted by {@code nnpaint render --model}. Every draw is keyed by (seed, sample, component): the same
 * seed gives the same points on any machine, and a larger sample count keeps the random draws of the smaller one.
 *
 * <p>{@code noise} is the standard deviation of Gaussian noise added to each coordinate, except for the
 * spiral, where it is added to the angle (in radians), and the regression sets, where it is added to the target.
 */
public enum SyntheticData {
    /** Two interleaving half circles (scikit-learn's make_moons). */
    MOONS("moons", 0.2, false),
    /** A circle inside a circle of twice its radius (scikit-learn's make_circles, factor 0.5). */
    CIRCLES("circles", 0.1, false),
    /** Points in [-1, 1]^2, class 1 where x and y have the same sign. */
    XOR("xor", 0.1, false),
    /** Two Gaussian blobs around (-1, -1) and (1, 1); noise is their standard deviation. */
    GAUSS("gauss", 0.5, false),
    /** k spiral arms, one full turn each, one class per arm (k = 2 unless {@code classes} says otherwise). */
    SPIRAL("spiral", 0.2, false),
    /** Regression: target (x + y) / 2 on [-1, 1]^2. */
    PLANE("plane", 0.05, true),
    /** Regression: a Gaussian hill, target exp(-2 (x^2 + y^2)) on [-1, 1]^2. */
    HILL("hill", 0.05, true);

    private static final List<String> FEATURES = List.of("x", "y");

    private final String id;
    private final double defaultNoise;
    private final boolean regression;

    SyntheticData(String id, double defaultNoise, boolean regression) {
        this.id = id;
        this.defaultNoise = defaultNoise;
        this.regression = regression;
    }

    public String id() {
        return id;
    }

    public double defaultNoise() {
        return defaultNoise;
    }

    public boolean isRegression() {
        return regression;
    }

    /** Parses a set name ({@code moons}, {@code spiral}, ...), or returns null if it is not one. */
    public static SyntheticData find(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (SyntheticData s : values()) {
            if (s.id.equals(key)) {
                return s;
            }
        }
        return null;
    }

    public static String validNames() {
        return Arrays.stream(values()).map(SyntheticData::id).collect(Collectors.joining(", "));
    }

    /** {@link #generate(int, double, long, int)} with two classes. */
    public Dataset generate(int samples, double noise, long seed) {
        return generate(samples, noise, seed, 2);
    }

    /**
     * Draws {@code samples} points. {@code classes} is the number of spiral arms; the other sets have two classes
     * (or a real target) and accept only 2 there.
     */
    public Dataset generate(int samples, double noise, long seed, int classes) {
        if (samples < 2) {
            throw new BadInputException("a data set needs at least 2 samples, got " + samples);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new BadInputException("noise must be a finite number >= 0, got " + noise);
        }
        if (this == SPIRAL ? classes < 2 : classes != 2) {
            throw new BadInputException(this == SPIRAL ? "a spiral needs at least 2 classes, got " + classes
                    : "--classes applies to the spiral only; " + id + " has "
                    + (regression ? "a real-valued target" : "2 classes"));
        }
        if (samples < classes) {
            throw new BadInputException(samples + " samples cannot cover " + classes + " classes");
        }
        KeyedRandom random = new KeyedRandom(seed);
        float[] xy = new float[2 * samples];
        float[] target = new float[samples];
        for (int i = 0; i < samples; i++) {
            double[] p = point(i, samples, classes, noise, random);
            xy[2 * i] = (float) p[0];
            xy[2 * i + 1] = (float) p[1];
            target[i] = (float) p[2];
        }
        return regression ? Dataset.regression(FEATURES, xy, target)
                : new Dataset(FEATURES, "label", xy, target, Dataset.numberedClasses(classes));
    }

    /** Sample i as {x, y, target}. Components 0 and 1 of the key are the noise, 2 and 3 the uniform draws. */
    private double[] point(int i, int n, int classes, double noise, KeyedRandom random) {
        double nx = noise * random.normal(KeyedRandom.DATA, i, 0, 0);
        double ny = noise * random.normal(KeyedRandom.DATA, i, 1, 0);
        double u = 2 * random.uniform(KeyedRandom.DATA, i, 2, 0) - 1;
        double v = 2 * random.uniform(KeyedRandom.DATA, i, 3, 0) - 1;
        switch (this) {
            case MOONS: {
                // First half on the upper moon, the rest on the lower one, evenly spaced in angle.
                int outer = n / 2;
                boolean upper = i < outer;
                int k = upper ? i : i - outer;
                int count = upper ? outer : n - outer;
                double t = Math.PI * k / Math.max(1, count - 1);
                return upper ? new double[] {Math.cos(t) + nx, Math.sin(t) + ny, 0}
                        : new double[] {1 - Math.cos(t) + nx, 0.5 - Math.sin(t) + ny, 1};
            }
            case CIRCLES: {
                int outer = n / 2;
                boolean isOuter = i < outer;
                int k = isOuter ? i : i - outer;
                int count = isOuter ? outer : n - outer;
                double t = 2 * Math.PI * k / count;
                double r = isOuter ? 1 : 0.5;
                return new double[] {r * Math.cos(t) + nx, r * Math.sin(t) + ny, isOuter ? 0 : 1};
            }
            case XOR:
                return new double[] {u + nx, v + ny, u * v > 0 ? 1 : 0};
            case GAUSS: {
                int label = i % 2;
                double c = label == 1 ? 1 : -1;
                return new double[] {c + nx, c + ny, label};
            }
            case SPIRAL: {
                // Arm c holds samples c, c + k, c + 2k, ...; radius grows along the arm from near 0 to 1.
                int arm = i % classes;
                int perArm = (n - arm + classes - 1) / classes;
                double r = (i / classes + 1.0) / perArm;
                double angle = 2 * Math.PI * arm / classes + 2 * Math.PI * r + nx;
                return new double[] {r * Math.cos(angle), r * Math.sin(angle), arm};
            }
            case PLANE:
                return new double[] {u, v, (u + v) / 2 + nx};
            case HILL:
                return new double[] {u, v, Math.exp(-2 * (u * u + v * v)) + nx};
            default:
                throw new AssertionError(this);
        }
    }
}
