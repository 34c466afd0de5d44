package dev.nnpaint.ops.anim;

import dev.nnpaint.paint.Oklab;

import java.util.Arrays;

/**
 * A palette of at most 256 colours chosen for one image, and nearest-colour lookup in it.
 *
 * <p>Built in Oklab: the image's colours are binned (5 bits per channel), then boxes of bins are split where the
 * split removes the most squared error (a variance-minimising median cut), and a few k-means rounds move each
 * colour to the centre of the bins nearest to it. Smooth CPPN gradients need their 256 colours spread along
 * the gradients, which error-driven splitting does and a uniform palette does not.
 */
final class AdaptivePalette {

    static final int MAX_COLORS = 256;
    private static final int BITS = 5;
    private static final int KMEANS_ROUNDS = 3;

    /** Packed 0xRRGGBB per entry. */
    private final int[] colors;
    /** Oklab of each entry: L, a, b at 3 * i. */
    private final float[] lab;

    private final boolean exact;

    /** Entry indices by increasing lightness, and their Oklab in that order (L, a, b at 3 * k): nearest-colour
     * search starts at the query's lightness and stops once the lightness difference alone is too far. */
    private final int[] byLightness;
    private final float[] sortedLab;

    private AdaptivePalette(int[] colors, boolean exact) {
        this.colors = colors;
        this.exact = exact;
        this.lab = new float[colors.length * 3];
        for (int i = 0; i < colors.length; i++) {
            Oklab.fromSrgb(colors[i] >> 16 & 0xff, colors[i] >> 8 & 0xff, colors[i] & 0xff, lab, 3 * i);
        }
        byLightness = java.util.stream.IntStream.range(0, colors.length).boxed()
                .sorted((x, y) -> Float.compare(lab[3 * x], lab[3 * y])).mapToInt(Integer::intValue).toArray();
        sortedLab = new float[lab.length];
        for (int k = 0; k < byLightness.length; k++) {
            System.arraycopy(lab, 3 * byLightness[k], sortedLab, 3 * k, 3);
        }
    }

    /** A palette for {@code pixels} pixels of interleaved RGB. */
    static AdaptivePalette of(byte[] rgb, int pixels) {
        int[] exact = distinctColors(rgb, pixels, MAX_COLORS);
        if (exact != null) {
            return new AdaptivePalette(exact, true);
        }
        return new AdaptivePalette(Bins.of(rgb, pixels).palette(MAX_COLORS), false);
    }

    /** Whether every colour of the image is in the palette as it is (no dithering needed). */
    boolean exact() {
        return exact;
    }

    /** The image's distinct colours, or null if there are more than {@code max}. */
    static int[] distinctColors(byte[] rgb, int pixels, int max) {
        // Open addressing over packed colours; -1 marks an empty slot (no packed colour is negative).
        int[] table = new int[4 * Integer.highestOneBit(max) * 2];
        Arrays.fill(table, -1);
        int mask = table.length - 1;
        int[] found = new int[max];
        int n = 0;
        for (int p = 0; p < pixels; p++) {
            int c = (rgb[3 * p] & 0xff) << 16 | (rgb[3 * p + 1] & 0xff) << 8 | (rgb[3 * p + 2] & 0xff);
            int slot = (c * 0x9E3779B1) >>> 16 & mask;
            while (table[slot] != -1 && table[slot] != c) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] == -1) {
                if (n == max) {
                    return null;
                }
                table[slot] = c;
                found[n++] = c;
            }
        }
        return n == 0 ? new int[] {0} : Arrays.copyOf(found, n);
    }

    int size() {
        return colors.length;
    }

    int color(int i) {
        return colors[i];
    }

    /** The index of the entry nearest in Oklab to the given sRGB colour (channels on 0..255). */
    int nearest(double r, double g, double b) {
        float[] q = new float[3];
        Oklab.fromSrgb(r, g, b, q, 0);
        return nearestLab(q[0], q[1], q[2]);
    }

    /** The same for channels given as bytes, with {@code scratch} (3 floats) for the Oklab of the query. */
    int nearest(int r, int g, int b, float[] scratch) {
        Oklab.fromSrgb(r, g, b, scratch, 0);
        return nearestLab(scratch[0], scratch[1], scratch[2]);
    }

    int nearestLab(float l, float a, float b) {
        int n = byLightness.length;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedLab[3 * mid] < l) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int best = -1;
        float bestDistance = Float.MAX_VALUE;
        // Walk outwards from the query's lightness on both sides until the lightness gap exceeds the best.
        for (int up = lo, down = lo - 1; up < n || down >= 0; ) {
            if (up < n) {
                float dl = sortedLab[3 * up] - l;
                if (dl * dl >= bestDistance) {
                    up = n;
                } else {
                    float da = sortedLab[3 * up + 1] - a;
                    float db = sortedLab[3 * up + 2] - b;
                    float d = dl * dl + da * da + db * db;
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = up;
                    }
                    up++;
                }
            }
            if (down >= 0) {
                float dl = sortedLab[3 * down] - l;
                if (dl * dl >= bestDistance) {
                    down = -1;
                } else {
                    float da = sortedLab[3 * down + 1] - a;
                    float db = sortedLab[3 * down + 2] - b;
                    float d = dl * dl + da * da + db * db;
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = down;
                    }
                    down--;
                }
            }
        }
        return byLightness[best];
    }

    /** The plain search over every entry: the reference for {@link #nearestLab}. */
    int nearestLabByFullSearch(float l, float a, float b) {
        int best = 0;
        float bestDistance = Float.MAX_VALUE;
        for (int i = 0; i < colors.length; i++) {
            float dl = lab[3 * i] - l;
            float da = lab[3 * i + 1] - a;
            float db = lab[3 * i + 2] - b;
            float d = dl * dl + da * da + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** The occupied colour bins of an image: pixel count and the Oklab of the mean colour per bin. */
    private static final class Bins {
        final int count;
        final double[] weight;
        /** Oklab of each bin's mean colour, L, a, b at 3 * i. */
        final float[] lab;

        private Bins(int count, double[] weight, float[] lab) {
            this.count = count;
            this.weight = weight;
            this.lab = lab;
        }

        static Bins of(byte[] rgb, int pixels) {
            int size = 1 << (3 * BITS);
            int shift = 8 - BITS;
            int[] n = new int[size];
            long[] sums = new long[3 * size];
            for (int p = 0; p < pixels; p++) {
                int r = rgb[3 * p] & 0xff;
                int g = rgb[3 * p + 1] & 0xff;
                int b = rgb[3 * p + 2] & 0xff;
                int key = (r >> shift) << (2 * BITS) | (g >> shift) << BITS | (b >> shift);
                n[key]++;
                sums[3 * key] += r;
                sums[3 * key + 1] += g;
                sums[3 * key + 2] += b;
            }
            int count = 0;
            for (int c : n) {
                count += c > 0 ? 1 : 0;
            }
            double[] weight = new double[count];
            float[] lab = new float[3 * count];
            int i = 0;
            for (int key = 0; key < size; key++) {
                if (n[key] == 0) {
                    continue;
                }
                weight[i] = n[key];
                double r = (double) sums[3 * key] / n[key];
                double g = (double) sums[3 * key + 1] / n[key];
                double b = (double) sums[3 * key + 2] / n[key];
                Oklab.fromSrgb(r, g, b, lab, 3 * i);
                i++;
            }
            return new Bins(count, weight, lab);
        }

        int[] palette(int size) {
            float[] centres = medianCut(size);
            int k = centres.length / 3;
            for (int round = 0; round < KMEANS_ROUNDS; round++) {
                centres = kMeansStep(centres, k);
            }
            int[] colors = new int[k];
            for (int c = 0; c < k; c++) {
                colors[c] = Oklab.toSrgb(centres[3 * c], centres[3 * c + 1], centres[3 * c + 2]);
            }
            return colors;
        }

        /** Splits boxes of bins, worst first, until there are {@code size} boxes; returns their mean Oklab. */
        private float[] medianCut(int size) {
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            // Boxes are ranges [start, end) of order; one array slot per box.
            int[] start = new int[size];
            int[] end = new int[size];
            double[] error = new double[size];
            int boxes = 1;
            start[0] = 0;
            end[0] = count;
            error[0] = squaredError(order, 0, count);
            long[] keys = new long[count];
            while (boxes < size) {
                int worst = -1;
                for (int b = 0; b < boxes; b++) {
                    if (end[b] - start[b] > 1 && error[b] > 0 && (worst < 0 || error[b] > error[worst])) {
                        worst = b;
                    }
                }
                if (worst < 0) {
                    break;
                }
                int s = start[worst];
                int e = end[worst];
                int axis = widestAxis(order, s, e);
                for (int i = s; i < e; i++) {
                    keys[i] = (long) sortable(lab[3 * order[i] + axis]) << 32 | order[i];
                }
                Arrays.sort(keys, s, e);
                for (int i = s; i < e; i++) {
                    order[i] = (int) keys[i];
                }
                int cut = bestCut(order, s, e);
                start[boxes] = cut;
                end[boxes] = e;
                end[worst] = cut;
                error[worst] = squaredError(order, s, cut);
                error[boxes] = squaredError(order, cut, e);
                boxes++;
            }
            float[] centres = new float[3 * boxes];
            for (int b = 0; b < boxes; b++) {
                double w = 0;
                double[] sum = new double[3];
                for (int i = start[b]; i < end[b]; i++) {
                    int bin = order[i];
                    w += weight[bin];
                    for (int c = 0; c < 3; c++) {
                        sum[c] += weight[bin] * lab[3 * bin + c];
                    }
                }
                for (int c = 0; c < 3; c++) {
                    centres[3 * b + c] = (float) (sum[c] / w);
                }
            }
            return centres;
        }

        /** Float order as signed int order. */
        private static int sortable(float v) {
            int bits = Float.floatToIntBits(v);
            return bits ^ ((bits >> 31) & 0x7fffffff);
        }

        private int widestAxis(int[] order, int s, int e) {
            int best = 0;
            double bestVariance = -1;
            for (int axis = 0; axis < 3; axis++) {
                double w = 0;
                double sum = 0;
                double squares = 0;
                for (int i = s; i < e; i++) {
                    int bin = order[i];
                    double v = lab[3 * bin + axis];
                    w += weight[bin];
                    sum += weight[bin] * v;
                    squares += weight[bin] * v * v;
                }
                double variance = squares - sum * sum / w;
                if (variance > bestVariance) {
                    bestVariance = variance;
                    best = axis;
                }
            }
            return best;
        }

        /** The cut in sorted [s, e) that minimises the two halves' summed squared error (prefix sums). */
        private int bestCut(int[] order, int s, int e) {
            Moments total = moments(order, s, e);
            Moments left = new Moments();
            int best = s + 1;
            double bestError = Double.MAX_VALUE;
            for (int i = s; i < e - 1; i++) {
                left.add(order[i]);
                double rw = total.weight - left.weight;
                double[] rs = {total.sum[0] - left.sum[0], total.sum[1] - left.sum[1], total.sum[2] - left.sum[2]};
                double right = (total.squares - left.squares) - dot(rs, rs) / rw;
                double error = left.spread() + right;
                if (error < bestError) {
                    bestError = error;
                    best = i + 1;
                }
            }
            return best;
        }

        private static double dot(double[] a, double[] b) {
            return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        }

        private double squaredError(int[] order, int s, int e) {
            Moments m = moments(order, s, e);
            return m.weight == 0 ? 0 : Math.max(0, m.spread());
        }

        private Moments moments(int[] order, int s, int e) {
            Moments m = new Moments();
            for (int i = s; i < e; i++) {
                m.add(order[i]);
            }
            return m;
        }

        /** Running pixel weight, weighted Oklab sums per axis and weighted sum of squares of a set of bins. */
        private final class Moments {
            double weight;
            final double[] sum = new double[3];
            double squares;

            void add(int bin) {
                double wb = Bins.this.weight[bin];
                weight += wb;
                for (int c = 0; c < 3; c++) {
                    double v = lab[3 * bin + c];
                    sum[c] += wb * v;
                    squares += wb * v * v;
                }
            }

            /** The summed squared distance of the bins' colours from their mean, weighted by pixels. */
            double spread() {
                return squares - dot(sum, sum) / weight;
            }
        }

        private float[] kMeansStep(float[] centres, int k) {
            double[] w = new double[k];
            double[] sum = new double[3 * k];
            for (int bin = 0; bin < count; bin++) {
                float l = lab[3 * bin];
                float a = lab[3 * bin + 1];
                float b = lab[3 * bin + 2];
                int best = 0;
                float bestDistance = Float.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    float dl = centres[3 * c] - l;
                    float da = centres[3 * c + 1] - a;
                    float db = centres[3 * c + 2] - b;
                    float d = dl * dl + da * da + db * db;
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = c;
                    }
                }
                w[best] += weight[bin];
                sum[3 * best] += weight[bin] * l;
                sum[3 * best + 1] += weight[bin] * a;
                sum[3 * best + 2] += weight[bin] * b;
            }
            float[] next = centres.clone();
            for (int c = 0; c < k; c++) {
                if (w[c] > 0) {
                    for (int j = 0; j < 3; j++) {
                        next[3 * c + j] = (float) (sum[3 * c + j] / w[c]);
                    }
                }
            }
            return next;
        }
    }
}
