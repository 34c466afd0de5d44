package dev.nnpaint.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash grid's encode and gradient scatter against the plain float loops they replace (one loop over corners
 * and features for any level), to the bit: same float operations in the same order per pixel, the same sums in
 * pixel order per entry. Points include the square's edges, points beyond them and NaN.
 */
class HashGridBitsTest {

    /** Dense and hashed levels (hashed from resolution 16 on: 17^2 > 2^8), with small tables so corners collide. */
    private static final Encoding.Hash TWO = new Encoding.Hash(6, 2, 8, 3, 90);
    private static final Encoding.Hash THREE = new Encoding.Hash(4, 3, 7, 4, 40);
    /** Tables of 16 entries: a cell's corners often share one, and the order of their sums shows. */
    private static final Encoding.Hash TINY = new Encoding.Hash(3, 2, 4, 4, 30);

    @Test
    void encodeIsThePlainLoopToTheBit() {
        for (Encoding.Hash spec : new Encoding.Hash[] {TWO, THREE, TINY}) {
            HashGrid grid = grid(spec);
            int n = 416;
            float[] in = points(n);
            float[] expected = new float[grid.outputs() * n];
            plainEncode(grid, in, expected, n);
            float[] viaLevels = new float[expected.length];
            grid.encode(grid.levels(), in, viaLevels, n);
            float[] plain = new float[expected.length];
            grid.encode(in, plain, n);
            assertThat(bits(viaLevels)).as(spec.spec()).containsExactly(bits(expected));
            assertThat(bits(plain)).as(spec.spec()).containsExactly(bits(expected));
            int finite = 0;
            for (float v : expected) {
                finite += Float.isFinite(v) && v != 0 ? 1 : 0;
            }
            assertThat(finite).as("NaN lands on the edge: every output a non-zero number").isEqualTo(expected.length);
        }
    }

    @Test
    void accumulateIsThePlainLoopToTheBit() {
        for (Encoding.Hash spec : new Encoding.Hash[] {TWO, THREE, TINY}) {
            HashGrid grid = grid(spec);
            int n = 416;
            int count = 400; // the rest is a block's padding, never scattered
            float[] in = points(n);
            float[] dOut = new float[grid.outputs() * n];
            for (int i = 0; i < dOut.length; i++) {
                dOut[i] = (float) Math.sin(i * 0.61) * 1e-3f;
            }
            HashGrid.Levels levels = grid.levels();
            for (int l = 0; l < spec.levels(); l++) {
                float[] expected = new float[grid.tables()[l].length];
                float[] viaLevels = new float[expected.length];
                float[] plain = new float[expected.length];
                // two blocks into one gradient, as a trainer sums them
                for (int block = 0; block < 2; block++) {
                    plainAccumulate(grid, l, in, dOut, n, count, expected);
                    grid.accumulate(levels, l, in, dOut, n, count, viaLevels);
                    grid.accumulate(l, in, dOut, n, count, plain);
                }
                assertThat(bits(viaLevels)).as("%s level %d", spec.spec(), l).containsExactly(bits(expected));
                assertThat(bits(plain)).as("%s level %d", spec.spec(), l).containsExactly(bits(expected));
            }
        }
    }

    @Test
    void levelsHoldTheSpecsNumbers() {
        for (Encoding.Hash spec : new Encoding.Hash[] {TWO, THREE, TINY, Encoding.Hash.defaults(2048)}) {
            HashGrid.Levels levels = new HashGrid(spec, tables(spec)).levels();
            for (int l = 0; l < spec.levels(); l++) {
                assertThat(levels.resolution(l)).isEqualTo(spec.resolution(l));
                assertThat(levels.mask(l)).isEqualTo(spec.tableSize(l) - 1);
                assertThat(levels.hashed(l)).isEqualTo(spec.hashed(l));
                assertThat(levels.scale(l)).isEqualTo(spec.resolution(l) * 0.5f);
            }
        }
    }

    private static float[][] tables(Encoding.Hash spec) {
        float[][] t = new float[spec.levels()][];
        for (int l = 0; l < t.length; l++) {
            t[l] = new float[spec.tableSize(l) * spec.features()];
        }
        return t;
    }

    static HashGrid grid(Encoding.Hash spec) {
        HashGrid grid = HashGrid.initial(spec, 3);
        for (float[] t : grid.tables()) {
            for (int i = 0; i < t.length; i++) {
                t[i] = (float) Math.sin(i * 1.3 + t.length);
            }
        }
        return grid;
    }

    /** Points across and beyond the square, its corners and edges exactly, and NaN. */
    static float[] points(int n) {
        float[] special = {-1f, 1f, 0f, -1.5f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Math.nextUp(-1f), Math.nextDown(1f), 0.999999f, -0.999999f};
        float[] in = new float[2 * n];
        for (int p = 0; p < n; p++) {
            in[p] = (float) (Math.sin(p * 0.37) * 1.1);
            in[n + p] = (float) Math.cos(p * 0.91);
        }
        for (int i = 0; i < special.length; i++) {
            for (int j = 0; j < special.length; j++) {
                int p = i * special.length + j;
                in[p] = special[i];
                in[n + p] = special[j];
            }
        }
        return in;
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /** The oracle: one loop over the pixels per level, corners and features in the general layout. */
    static void plainEncode(HashGrid grid, float[] in, float[] out, int n) {
        Encoding.Hash spec = grid.spec();
        int features = spec.features();
        for (int l = 0; l < spec.levels(); l++) {
            float[] table = grid.tables()[l];
            for (int p = 0; p < n; p++) {
                int[] e = new int[4];
                float[] w = new float[4];
                corners(spec, l, in[p], in[n + p], e, w);
                for (int f = 0; f < features; f++) {
                    out[(l * features + f) * n + p] = w[0] * table[e[0] * features + f]
                            + w[1] * table[e[1] * features + f] + w[2] * table[e[2] * features + f]
                            + w[3] * table[e[3] * features + f];
                }
            }
        }
    }

    static void plainAccumulate(HashGrid grid, int l, float[] in, float[] dOut, int n, int count, float[] grad) {
        Encoding.Hash spec = grid.spec();
        int features = spec.features();
        for (int p = 0; p < count; p++) {
            int[] e = new int[4];
            float[] w = new float[4];
            corners(spec, l, in[p], in[n + p], e, w);
            for (int f = 0; f < features; f++) {
                float d = dOut[(l * features + f) * n + p];
                for (int c = 0; c < 4; c++) {
                    grad[e[c] * features + f] += w[c] * d;
                }
            }
        }
    }

    /** Entries and weights of the corners 00, 10, 01, 11 of the cell holding (x, y) at level l. */
    private static void corners(Encoding.Hash spec, int l, float x, float y, int[] e, float[] w) {
        int res = spec.resolution(l);
        float scale = res * 0.5f;
        float px = position(x, scale, res);
        float py = position(y, scale, res);
        int ix = Math.min((int) px, res - 1);
        int iy = Math.min((int) py, res - 1);
        float fx = px - ix;
        float fy = py - iy;
        if (spec.hashed(l)) {
            int mask = spec.tableSize(l) - 1;
            e[0] = (ix ^ iy * HashGrid.PRIME_Y) & mask;
            e[1] = ((ix + 1) ^ iy * HashGrid.PRIME_Y) & mask;
            e[2] = (ix ^ (iy + 1) * HashGrid.PRIME_Y) & mask;
            e[3] = ((ix + 1) ^ (iy + 1) * HashGrid.PRIME_Y) & mask;
        } else {
            int row = res + 1;
            e[0] = ix + iy * row;
            e[1] = e[0] + 1;
            e[2] = e[0] + row;
            e[3] = e[2] + 1;
        }
        w[0] = (1 - fx) * (1 - fy);
        w[1] = fx * (1 - fy);
        w[2] = (1 - fx) * fy;
        w[3] = fx * fy;
    }

    private static float position(float c, float scale, int res) {
        float v = (c + 1) * scale;
        return v > 0 ? (v < res ? v : res) : 0f;
    }
}
