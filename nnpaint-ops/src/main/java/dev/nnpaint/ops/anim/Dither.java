package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How an RGB frame becomes palette indices. With 256 colours a smooth gradient still shows steps; dithering
 * mixes neighbouring palette colours so that, seen from a normal distance, the steps disappear.
 *
 * <ul>
 *   <li>{@code fs}: Floyd-Steinberg error diffusion, serpentine: the finest result on a single image.</li>
 *   <li>{@code ordered}: pattern dithering, each pixel's colour made from a mix of palette colours laid out by
 *       an 8x8 Bayer matrix: stable from frame to frame where the picture is still (no crawling noise) and
 *       smaller GIFs.</li>
 *   <li>{@code none}: nearest colour only (for flat-coloured pictures).</li>
 * </ul>
 */
public enum Dither {
    FS, ORDERED, NONE;

    /** The 8x8 Bayer matrix, values 0..63. */
    private static final int[] BAYER = {
        0, 32, 8, 40, 2, 34, 10, 42,
        48, 16, 56, 24, 50, 18, 58, 26,
        12, 44, 4, 36, 14, 46, 6, 38,
        60, 28, 52, 20, 62, 30, 54, 22,
        3, 35, 11, 43, 1, 33, 9, 41,
        51, 19, 59, 27, 49, 17, 57, 25,
        15, 47, 7, 39, 13, 45, 5, 37,
        63, 31, 55, 23, 61, 29, 53, 21,
    };

    /** Palette colours mixed per pixel by ordered dithering: 16 levels between two neighbouring colours. */
    private static final int MIX = 16;

    /** Nearest-colour answers are cached per 6-bit-per-channel cell of RGB. */
    private static final int CELL_BITS = 6;

    public static Dither parse(String text) {
        for (Dither d : values()) {
            if (d.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BadInputException("unknown dithering '" + text.trim() + "'; valid: fs, ordered, none");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Palette indices (one byte per pixel, row-major) for a {@code width x height} RGB frame. */
    byte[] indices(byte[] rgb, int width, int height, AdaptivePalette palette) {
        int pixels = width * height;
        byte[] out = new byte[pixels];
        if (palette.exact()) {
            mapExact(rgb, pixels, palette, out);
            return out;
        }
        NearestCache cache = new NearestCache(palette);
        switch (this) {
            case FS:
                floydSteinberg(rgb, width, height, cache, out);
                break;
            case ORDERED:
                ordered(rgb, width, height, cache, out);
                break;
            case NONE:
                for (int p = 0; p < pixels; p++) {
                    out[p] = (byte) cache.nearest(rgb[3 * p] & 0xff, rgb[3 * p + 1] & 0xff, rgb[3 * p + 2] & 0xff);
                }
                break;
            default:
                throw new IllegalStateException(toString());
        }
        return out;
    }

    private static void mapExact(byte[] rgb, int pixels, AdaptivePalette palette, byte[] out) {
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < palette.size(); i++) {
            index.put(palette.color(i), i);
        }
        int last = -1;
        int lastIndex = 0;
        for (int p = 0; p < pixels; p++) {
            int c = (rgb[3 * p] & 0xff) << 16 | (rgb[3 * p + 1] & 0xff) << 8 | (rgb[3 * p + 2] & 0xff);
            if (c != last) {
                last = c;
                lastIndex = index.get(c);
            }
            out[p] = (byte) lastIndex;
        }
    }

    /** Errors are diffused in sRGB units: 7/16 ahead, 3/16, 5/16, 1/16 on the next row; odd rows run backwards. */
    private static void floydSteinberg(byte[] rgb, int width, int height, NearestCache cache, byte[] out) {
        // Error rows with one pixel of margin on each side: channel c of pixel x at 3 * (x + 1) + c.
        float[] current = new float[3 * (width + 2)];
        float[] next = new float[3 * (width + 2)];
        float[] value = new float[3];
        for (int y = 0; y < height; y++) {
            boolean forward = (y & 1) == 0;
            int step = forward ? 1 : -1;
            for (int k = 0, x = forward ? 0 : width - 1; k < width; k++, x += step) {
                int p = y * width + x;
                int e = 3 * (x + 1);
                for (int c = 0; c < 3; c++) {
                    value[c] = Math.max(0, Math.min(255, (rgb[3 * p + c] & 0xff) + current[e + c]));
                }
                int index = cache.nearest(Math.round(value[0]), Math.round(value[1]), Math.round(value[2]));
                out[p] = (byte) index;
                int chosen = cache.color(index);
                for (int c = 0; c < 3; c++) {
                    float error = value[c] - (chosen >> (16 - 8 * c) & 0xff);
                    current[e + 3 * step + c] += error * (7f / 16);
                    next[e - 3 * step + c] += error * (3f / 16);
                    next[e + c] += error * (5f / 16);
                    next[e + 3 * step + c] += error * (1f / 16);
                }
            }
            float[] swap = current;
            current = next;
            next = swap;
            Arrays.fill(next, 0);
        }
    }

    /**
     * Pattern dithering (Thomas Knoll's): for each pixel a mix of {@link #MIX} palette colours whose mean is the
     * pixel's colour is found by error accumulation, sorted by lightness, and the Bayer threshold of the pixel
     * picks one. A plain threshold offset added to all channels only dithers along the grey axis, which leaves
     * coloured gradients banded; the mix follows the gradient in any direction of colour.
     */
    private static void ordered(byte[] rgb, int width, int height, NearestCache cache, byte[] out) {
        int[] mix = new int[MIX];
        // Mixes depend only on the source colour; smooth regions repeat colours, so the last one is kept.
        int lastColour = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int r = rgb[3 * p] & 0xff;
                int g = rgb[3 * p + 1] & 0xff;
                int b = rgb[3 * p + 2] & 0xff;
                int colour = r << 16 | g << 8 | b;
                if (colour != lastColour) {
                    mixOf(r, g, b, cache, mix);
                    lastColour = colour;
                }
                out[p] = (byte) mix[BAYER[(y & 7) * 8 + (x & 7)] * MIX / 64];
            }
        }
    }

    /** {@link #MIX} palette indices whose mean approximates (r, g, b), darkest first. */
    private static void mixOf(int r, int g, int b, NearestCache cache, int[] mix) {
        float er = 0;
        float eg = 0;
        float eb = 0;
        for (int i = 0; i < MIX; i++) {
            int index = cache.nearest(clamp(Math.round(r + er)), clamp(Math.round(g + eg)), clamp(Math.round(b + eb)));
            int c = cache.color(index);
            er += r - (c >> 16 & 0xff);
            eg += g - (c >> 8 & 0xff);
            eb += b - (c & 0xff);
            mix[i] = index;
        }
        // Insertion sort by luma: neighbouring thresholds then pick similar colours, which looks finer.
        for (int i = 1; i < MIX; i++) {
            int v = mix[i];
            int key = cache.luma(v);
            int j = i - 1;
            while (j >= 0 && cache.luma(mix[j]) > key) {
                mix[j + 1] = mix[j];
                j--;
            }
            mix[j + 1] = v;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Nearest palette entry per RGB cell, looked up once per cell a frame actually visits. */
    private static final class NearestCache {
        private final AdaptivePalette palette;
        private final int[] cells = new int[1 << (3 * CELL_BITS)];
        private final float[] lab = new float[3];
        /** Rec. 601 luma of each entry, scaled by 1000: the order of a dithering mix. */
        private final int[] luma;

        NearestCache(AdaptivePalette palette) {
            this.palette = palette;
            Arrays.fill(cells, -1);
            luma = new int[palette.size()];
            for (int i = 0; i < luma.length; i++) {
                int c = palette.color(i);
                luma[i] = 299 * (c >> 16 & 0xff) + 587 * (c >> 8 & 0xff) + 114 * (c & 0xff);
            }
        }

        int luma(int index) {
            return luma[index];
        }

        int nearest(int r, int g, int b) {
            int shift = 8 - CELL_BITS;
            int key = (r >> shift) << (2 * CELL_BITS) | (g >> shift) << CELL_BITS | (b >> shift);
            int hit = cells[key];
            if (hit < 0) {
                int half = 1 << shift >> 1;
                hit = palette.nearest((r >> shift << shift) + half, (g >> shift << shift) + half,
                        (b >> shift << shift) + half, lab);
                cells[key] = hit;
            }
            return hit;
        }

        int color(int index) {
            return palette.color(index);
        }
    }
}
