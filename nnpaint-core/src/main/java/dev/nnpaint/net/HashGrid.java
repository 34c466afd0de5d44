package dev.nnpaint.net;

import dev.nnpaint.BadInputException;

import java.util.Arrays;

/**
 * A multiresolution hash grid (Müller et al. 2022, instant-ngp) over the square {@code [-1, 1]^2} of the input
 * plane: per level a grid of {@code resolution(l)} cells a side whose vertices hold {@code features} trainable
 * numbers each, bilinearly interpolated at the point. A level whose vertices fit its table indexes them densely
 * ({@code i + j (res + 1)}); finer levels use the paper's spatial hash {@code (i * 1 xor j * 2654435761) mod T}.
 * Points outside the square take the value at its nearest edge.
 *
 * <p>Tables: {@code tables[l][e * features + f]}, feature f of entry e of level l. The arrays belong to the grid
 * (a trainer updates its own copy in place); do not change them otherwise.
 *
 * <p>The gather is not vector-friendly (every lane loads from a different place), so one tight scalar loop over
 * the pixels serves both kernels: the vector and scalar paths paint the same bits. {@link #encodeReference} is the
 * double-precision oracle the tests compare it with.
 */
public record HashGrid(Encoding.Hash spec, float[][] tables) {

    /** 2654435761, the paper's prime for the second coordinate, as a 32-bit int. */
    static final int PRIME_Y = 0x9E3779B1;

    public HashGrid {
        if (tables.length != spec.levels()) {
            throw new BadInputException("hash grid: expected " + spec.levels() + " tables, got " + tables.length);
        }
        for (int l = 0; l < tables.length; l++) {
            int expected = spec.tableSize(l) * spec.features();
            if (tables[l].length != expected) {
                throw new BadInputException("hash grid: table " + l + " needs " + expected + " values, got "
                        + tables[l].length);
            }
        }
    }

    /** A new grid with entries drawn from U(-1e-4, 1e-4), keyed by (seed, level, entry, feature). */
    public static HashGrid initial(Encoding.Hash spec, long seed) {
        KeyedRandom random = new KeyedRandom(seed);
        float[][] tables = new float[spec.levels()][];
        for (int l = 0; l < tables.length; l++) {
            int f = spec.features();
            float[] t = new float[spec.tableSize(l) * f];
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) ((random.uniform(KeyedRandom.HASH_TABLES, l, i / f, i % f) * 2 - 1) * 1e-4);
            }
            tables[l] = t;
        }
        return new HashGrid(spec, tables);
    }

    public int outputs() {
        return spec.levels() * spec.features();
    }

    /** Trainable numbers in all tables. */
    public long parameterCount() {
        long c = 0;
        for (float[] t : tables) {
            c += t.length;
        }
        return c;
    }

    /** A deep copy, for a trainer to update. */
    public HashGrid copy() {
        float[][] t = new float[tables.length][];
        for (int l = 0; l < t.length; l++) {
            t[l] = tables[l].clone();
        }
        return new HashGrid(spec, t);
    }

    /**
     * Encodes {@code n} points: {@code in} holds x in row 0 and y in row 1 (feature-major, {@code in[j * n + p]});
     * {@code out[(l * features + f) * n + p]} receives level l's interpolated feature f.
     */
    public void encode(float[] in, float[] out, int n) {
        encode(levels(), in, out, n);
    }

    /** {@link #encode(float[], float[], int)} with the grid's {@link #levels} worked out beforehand. */
    public void encode(Levels levels, float[] in, float[] out, int n) {
        int features = spec.features();
        for (int l = 0; l < tables.length; l++) {
            float[] table = tables[l];
            int res = levels.resolution[l];
            int mask = levels.mask[l];
            float scale = levels.scale[l];
            if (features == 2) {
                // the usual grid: both features of a corner side by side, one loop per kind of level
                if (levels.hashed[l]) {
                    encodeHashed2(table, res, mask, scale, in, out, 2 * l * n, n);
                } else {
                    encodeDense2(table, res, scale, in, out, 2 * l * n, n);
                }
            } else {
                encodeAny(table, features, l, res, levels.hashed[l], mask, scale, in, out, n);
            }
        }
    }

    private static void encodeDense2(float[] table, int res, float scale, float[] in, float[] out, int o, int n) {
        int row = res + 1;
        for (int p = 0; p < n; p++) {
            float px = position(in[p], scale, res);
            float py = position(in[n + p], scale, res);
            int ix = Math.min((int) px, res - 1);
            int iy = Math.min((int) py, res - 1);
            float fx = px - ix;
            float fy = py - iy;
            int e00 = 2 * (ix + iy * row);
            int e01 = e00 + 2 * row;
            float w00 = (1 - fx) * (1 - fy);
            float w10 = fx * (1 - fy);
            float w01 = (1 - fx) * fy;
            float w11 = fx * fy;
            out[o + p] = w00 * table[e00] + w10 * table[e00 + 2] + w01 * table[e01] + w11 * table[e01 + 2];
            out[o + n + p] = w00 * table[e00 + 1] + w10 * table[e00 + 3] + w01 * table[e01 + 1]
                    + w11 * table[e01 + 3];
        }
    }

    private static void encodeHashed2(float[] table, int res, int mask, float scale, float[] in, float[] out, int o,
                                      int n) {
        for (int p = 0; p < n; p++) {
            float px = position(in[p], scale, res);
            float py = position(in[n + p], scale, res);
            int ix = Math.min((int) px, res - 1);
            int iy = Math.min((int) py, res - 1);
            float fx = px - ix;
            float fy = py - iy;
            int hy0 = iy * PRIME_Y;
            int hy1 = hy0 + PRIME_Y;
            int e00 = 2 * ((ix ^ hy0) & mask);
            int e10 = 2 * (((ix + 1) ^ hy0) & mask);
            int e01 = 2 * ((ix ^ hy1) & mask);
            int e11 = 2 * (((ix + 1) ^ hy1) & mask);
            float w00 = (1 - fx) * (1 - fy);
            float w10 = fx * (1 - fy);
            float w01 = (1 - fx) * fy;
            float w11 = fx * fy;
            out[o + p] = w00 * table[e00] + w10 * table[e10] + w01 * table[e01] + w11 * table[e11];
            out[o + n + p] = w00 * table[e00 + 1] + w10 * table[e10 + 1] + w01 * table[e01 + 1]
                    + w11 * table[e11 + 1];
        }
    }

    private static void encodeAny(float[] table, int features, int l, int res, boolean hashed, int mask, float scale,
                                  float[] in, float[] out, int n) {
        int row = res + 1;
        for (int p = 0; p < n; p++) {
            float px = position(in[p], scale, res);
            float py = position(in[n + p], scale, res);
            int ix = Math.min((int) px, res - 1);
            int iy = Math.min((int) py, res - 1);
            float fx = px - ix;
            float fy = py - iy;
            int e00, e10, e01, e11;
            if (hashed) {
                int hy0 = iy * PRIME_Y;
                int hy1 = (iy + 1) * PRIME_Y;
                e00 = (ix ^ hy0) & mask;
                e10 = ((ix + 1) ^ hy0) & mask;
                e01 = (ix ^ hy1) & mask;
                e11 = ((ix + 1) ^ hy1) & mask;
            } else {
                e00 = ix + iy * row;
                e10 = e00 + 1;
                e01 = e00 + row;
                e11 = e01 + 1;
            }
            float w00 = (1 - fx) * (1 - fy);
            float w10 = fx * (1 - fy);
            float w01 = (1 - fx) * fy;
            float w11 = fx * fy;
            for (int f = 0; f < features; f++) {
                out[(l * features + f) * n + p] = w00 * table[e00 * features + f] + w10 * table[e10 * features + f]
                        + w01 * table[e01 * features + f] + w11 * table[e11 * features + f];
            }
        }
    }

    /**
     * Adds the gradient of level {@code level}'s table to {@code grad} (its layout): with {@code dOut} the
     * gradient of the loss with respect to the encoding's outputs (layout of {@link #encode}), each entry gets the
     * interpolation weight times its corner's share, pixel by pixel in order (so the sums are deterministic).
     */
    public void accumulate(int level, float[] in, float[] dOut, int n, int count, float[] grad) {
        int res = spec.resolution(level);
        accumulate(level, res, spec.tableSize(level) - 1, res * 0.5f, spec.hashed(level), in, dOut, n, count, grad);
    }

    /** {@link #accumulate(int, float[], float[], int, int, float[])} with the grid's {@link #levels}. */
    public void accumulate(Levels levels, int level, float[] in, float[] dOut, int n, int count, float[] grad) {
        accumulate(level, levels.resolution[level], levels.mask[level], levels.scale[level], levels.hashed[level],
                in, dOut, n, count, grad);
    }

    private void accumulate(int level, int res, int mask, float scale, boolean hashed, float[] in, float[] dOut,
                            int n, int count, float[] grad) {
        int features = spec.features();
        if (features == 2) {
            if (hashed) {
                accumulateHashed2(res, mask, scale, in, dOut, 2 * level * n, n, count, grad);
            } else {
                accumulateDense2(res, scale, in, dOut, 2 * level * n, n, count, grad);
            }
            return;
        }
        int row = res + 1;
        for (int p = 0; p < count; p++) {
            float px = position(in[p], scale, res);
            float py = position(in[n + p], scale, res);
            int ix = Math.min((int) px, res - 1);
            int iy = Math.min((int) py, res - 1);
            float fx = px - ix;
            float fy = py - iy;
            int e00, e10, e01, e11;
            if (hashed) {
                int hy0 = iy * PRIME_Y;
                int hy1 = (iy + 1) * PRIME_Y;
                e00 = (ix ^ hy0) & mask;
                e10 = ((ix + 1) ^ hy0) & mask;
                e01 = (ix ^ hy1) & mask;
                e11 = ((ix + 1) ^ hy1) & mask;
            } else {
                e00 = ix + iy * row;
                e10 = e00 + 1;
                e01 = e00 + row;
                e11 = e01 + 1;
            }
            float w00 = (1 - fx) * (1 - fy);
            float w10 = fx * (1 - fy);
            float w01 = (1 - fx) * fy;
            float w11 = fx * fy;
            for (int f = 0; f < features; f++) {
                float d = dOut[(level * features + f) * n + p];
                grad[e00 * features + f] += w00 * d;
                grad[e10 * features + f] += w10 * d;
                grad[e01 * features + f] += w01 * d;
                grad[e11 * features + f] += w11 * d;
            }
        }
    }

    private static void accumulateDense2(int res, float scale, float[] in, float[] dOut, int o, int n, int count,
                                         float[] grad) {
        int row = res + 1;
        for (int p = 0; p < count; p++) {
            float px = position(in[p], scale, res);
            float py = position(in[n + p], scale, res);
            int ix = Math.min((int) px, res - 1);
            int iy = Math.min((int) py, res - 1);
            float fx = px - ix;
            float fy = py - iy;
            int e00 = 2 * (ix + iy * row);
            int e01 = e00 + 2 * row;
            float w00 = (1 - fx) * (1 - fy);
            float w10 = fx * (1 - fy);
            float w01 = (1 - fx) * fy;
            float w11 = fx * fy;
            float d0 = dOut[o + p];
            float d1 = dOut[o + n + p];
            // four distinct entries: each element still takes its sums pixel by pixel in order
            grad[e00] += w00 * d0;
            grad[e00 + 1] += w00 * d1;
            grad[e00 + 2] += w10 * d0;
            grad[e00 + 3] += w10 * d1;
            grad[e01] += w01 * d0;
            grad[e01 + 1] += w01 * d1;
            grad[e01 + 2] += w11 * d0;
            grad[e01 + 3] += w11 * d1;
        }
    }

    private static void accumulateHashed2(int res, int mask, float scale, float[] in, float[] dOut, int o, int n,
                                          int count, float[] grad) {
        for (int p = 0; p < count; p++) {
            float px = position(in[p], scale, res);
            float py = position(in[n + p], scale, res);
            int ix = Math.min((int) px, res - 1);
            int iy = Math.min((int) py, res - 1);
            float fx = px - ix;
            float fy = py - iy;
            int hy0 = iy * PRIME_Y;
            int hy1 = hy0 + PRIME_Y;
            int e00 = 2 * ((ix ^ hy0) & mask);
            int e10 = 2 * (((ix + 1) ^ hy0) & mask);
            int e01 = 2 * ((ix ^ hy1) & mask);
            int e11 = 2 * (((ix + 1) ^ hy1) & mask);
            float w00 = (1 - fx) * (1 - fy);
            float w10 = fx * (1 - fy);
            float w01 = (1 - fx) * fy;
            float w11 = fx * fy;
            float d0 = dOut[o + p];
            float d1 = dOut[o + n + p];
            // corners may collide in the hash: each feature takes them in the order 00, 10, 01, 11
            grad[e00] += w00 * d0;
            grad[e10] += w10 * d0;
            grad[e01] += w01 * d0;
            grad[e11] += w11 * d0;
            grad[e00 + 1] += w00 * d1;
            grad[e10 + 1] += w10 * d1;
            grad[e01 + 1] += w01 * d1;
            grad[e11 + 1] += w11 * d1;
        }
    }

    /** The grid's per-level constants, worked out once: the spec derives each resolution with exp, log and pow. */
    public Levels levels() {
        return new Levels(spec);
    }

    /** Per level: resolution, table mask, coordinate scale and whether it is hashed. */
    public static final class Levels {
        final int[] resolution;
        final int[] mask;
        final float[] scale;
        final boolean[] hashed;

        Levels(Encoding.Hash spec) {
            int count = spec.levels();
            resolution = new int[count];
            mask = new int[count];
            scale = new float[count];
            hashed = new boolean[count];
            long slots = 1L << spec.log2Table();
            for (int l = 0; l < count; l++) {
                // the spec's tableSize and hashed, from one resolution (each of them works it out again)
                resolution[l] = spec.resolution(l);
                long vertices = (long) (resolution[l] + 1) * (resolution[l] + 1);
                mask[l] = (int) Math.min(vertices, slots) - 1;
                scale[l] = resolution[l] * 0.5f;
                hashed[l] = vertices > slots;
            }
        }

        public int resolution(int level) {
            return resolution[level];
        }

        /** {@code tableSize - 1}: the hash's modulus as a mask (hashed tables hold a power of two entries). */
        public int mask(int level) {
            return mask[level];
        }

        /** Half the resolution: the factor from {@code c + 1} to a grid position. */
        public float scale(int level) {
            return scale[level];
        }

        public boolean hashed(int level) {
            return hashed[level];
        }
    }

    /** Grid position of coordinate c in [-1, 1] at a level of {@code res} cells, clamped to the grid. */
    private static float position(float c, float scale, int res) {
        float v = (c + 1) * scale;
        return v > 0 ? (v < res ? v : res) : 0f; // NaN lands on 0
    }

    /** {@link #encode} in double precision, one point at a time: the oracle of the tests. */
    public void encodeReference(float[] in, double[] out, int n) {
        int features = spec.features();
        for (int p = 0; p < n; p++) {
            for (int l = 0; l < tables.length; l++) {
                int res = spec.resolution(l);
                double[] pos = new double[2];
                int[] cell = new int[2];
                double[] frac = new double[2];
                for (int a = 0; a < 2; a++) {
                    pos[a] = Math.max(0, Math.min(res, (in[a * n + p] + 1.0) * res / 2));
                    cell[a] = Math.min((int) Math.floor(pos[a]), res - 1);
                    frac[a] = pos[a] - cell[a];
                }
                for (int f = 0; f < features; f++) {
                    double s = 0;
                    for (int dy = 0; dy <= 1; dy++) {
                        for (int dx = 0; dx <= 1; dx++) {
                            double w = (dx == 1 ? frac[0] : 1 - frac[0]) * (dy == 1 ? frac[1] : 1 - frac[1]);
                            s += w * tables[l][entry(l, cell[0] + dx, cell[1] + dy) * features + f];
                        }
                    }
                    out[(l * features + f) * n + p] = s;
                }
            }
        }
    }

    /** Table entry of vertex (i, j) at level l: dense when the level's vertices fit, else the spatial hash. */
    public int entry(int level, int i, int j) {
        if (spec.hashed(level)) {
            return (int) (((i & 0xFFFFFFFFL) ^ ((j * 2654435761L) & 0xFFFFFFFFL)) % (1L << spec.log2Table()));
        }
        return i + j * (spec.resolution(level) + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashGrid g && spec.equals(g.spec) && Arrays.deepEquals(tables, g.tables);
    }

    @Override
    public int hashCode() {
        return spec.hashCode() * 31 + Arrays.deepHashCode(tables);
    }

    @Override
    public String toString() {
        return "HashGrid[" + spec.spec() + ", " + parameterCount() + " parameters]";
    }
}
