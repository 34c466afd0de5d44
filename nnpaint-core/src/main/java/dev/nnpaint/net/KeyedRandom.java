package dev.nnpaint.net;

/**
 * Counter-based randomness: every number is a pure function of a key (seed, stream, layer, row, column), so a
 * weight never depends on how many other numbers were drawn before it. Adding a layer or a unit keeps every
 * existing weight, changing a scale multiplies the same draws, and results are the same on any machine and
 * thread count. The key is folded through the SplitMix64 finaliser, one component at a time; the normal
 * draws use Box-Muller on {@link StrictMath}, which gives the same bits on every JVM.
 */
public final class KeyedRandom {
    /** Streams keep the draws of different purposes apart. */
    public static final int WEIGHTS = 1;
    public static final int BIASES = 2;
    public static final int ACTIVATIONS = 3;
    public static final int LATENT = 4;
    public static final int SHUFFLE = 5;
    public static final int DATA = 6;
    /** The random frequencies of a Gaussian Fourier-feature encoding. */
    public static final int ENCODING = 7;
    /** The initial entries of a hash grid's tables. */
    public static final int HASH_TABLES = 8;
    /** The pixels of a fit's random batches. */
    public static final int PIXELS = 9;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;

    private final long seed;

    public KeyedRandom(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** 64 random bits for the key (stream, a, b, c). */
    public long bits(int stream, long a, long b, long c) {
        long h = mix(seed + GOLDEN);
        h = mix(h + GOLDEN * (stream + 1L));
        h = mix(h + GOLDEN * (a + 1));
        h = mix(h + GOLDEN * (b + 1));
        return mix(h + GOLDEN * (c + 1));
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double uniform(int stream, long a, long b, long c) {
        return (bits(stream, a, b, c) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal N(0, 1) for the key. */
    public double normal(int stream, long a, long b, long c) {
        long bits = bits(stream, a, b, c);
        // Two 32-bit halves give the two uniforms of Box-Muller; u1 is in (0, 1] so the log is finite.
        double u1 = ((bits >>> 32) + 1) * 0x1.0p-32;
        double u2 = (bits & 0xFFFFFFFFL) * 0x1.0p-32;
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(TWO_PI * u2);
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijection that spreads every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
