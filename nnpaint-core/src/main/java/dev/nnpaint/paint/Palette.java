package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colour maps as matplotlib ships them (viridis, magma, inferno, plasma, cividis, the cyclic twilight and Google's
 * turbo), plus plain gray. Each map is kept as 33 sRGB samples of its published table and expanded into a 256-entry
 * lookup table by linear interpolation.
 *
 * <p>Sampling rule for the 256-entry source tables: entries 0, 8, 16, ..., 248 and the last one, 255. For
 * twilight's 510-entry table: entries round(k * 509 / 32) for k = 0..32 (halves rounded up). Each byte is
 * round(255 * v) of the published float. Interpolation places every sample at its source index, so table
 * entry i reproduces the source exactly wherever the source entry i was sampled.
 *
 * <p>A palette can also be given by its colour stops, {@code #0b0b3b,#ff8800,#ffffff}: two to
 * {@value #MAX_STOPS} sRGB colours spread evenly over [0, 1], interpolated in {@link Oklab} so that the steps
 * between them look even (interpolating sRGB bytes makes muddy, darker midpoints).
 */
public final class Palette {

    private static final int SIZE = 256;

    /** Samples of one map and the length of the table they were taken from. */
    private record Source(int sourceSize, int[] samples) {

        /** Position on [0, 1] of sample k, following the sampling rule in the class comment. */
        double position(int k) {
            int last = sourceSize - 1;
            int index = sourceSize == SIZE ? Math.min(8 * k, last)
                    : (int) Math.round(k * (double) last / (samples.length - 1));
            return index / (double) last;
        }
    }

    private static final Map<String, Source> SOURCES = sources();

    private static Map<String, Source> sources() {
        Map<String, Source> maps = new LinkedHashMap<>();
        put(maps, "viridis", 256, new int[] {
                0x440154, 0x470d60, 0x48186a, 0x482374, 0x472d7b, 0x453781, 0x424086, 0x3e4989, 0x3b528b,
                0x375b8d, 0x33638d, 0x2f6b8e, 0x2c728e, 0x297a8e, 0x26828e, 0x23898e, 0x21918c, 0x1f988b,
                0x1fa088, 0x22a785, 0x28ae80, 0x32b67a, 0x3fbc73, 0x4ec36b, 0x5ec962, 0x70cf57, 0x84d44b,
                0x98d83e, 0xaddc30, 0xc2df23, 0xd8e219, 0xece51b, 0xfde725});
        put(maps, "magma", 256, new int[] {
                0x000004, 0x030312, 0x0a0822, 0x130d34, 0x1d1147, 0x29115a, 0x36106b, 0x440f76, 0x51127c,
                0x5d177f, 0x6a1c81, 0x762181, 0x832681, 0x902a81, 0x9c2e7f, 0xaa337d, 0xb73779, 0xc43c75,
                0xd0416f, 0xdc4869, 0xe75263, 0xef5d5e, 0xf56b5c, 0xf9795d, 0xfc8961, 0xfd9869, 0xfea772,
                0xfeb67c, 0xfec488, 0xfed395, 0xfde2a3, 0xfcf0b2, 0xfcfdbf});
        put(maps, "inferno", 256, new int[] {
                0x000004, 0x040312, 0x0b0724, 0x150b37, 0x210c4a, 0x2f0a5b, 0x3d0965, 0x4a0c6b, 0x57106e,
                0x64156e, 0x71196e, 0x7d1e6d, 0x8a226a, 0x972766, 0xa32c61, 0xb0315b, 0xbc3754, 0xc73e4c,
                0xd24644, 0xdb503b, 0xe45a31, 0xeb6628, 0xf1731d, 0xf68013, 0xf98e09, 0xfb9d07, 0xfcac11,
                0xfbbc21, 0xf9cb35, 0xf5db4c, 0xf2ea69, 0xf3f68a, 0xfcffa4});
        put(maps, "plasma", 256, new int[] {
                0x0d0887, 0x220690, 0x310597, 0x3f049c, 0x4c02a1, 0x5901a5, 0x6600a7, 0x7201a8, 0x7e03a8,
                0x8a09a5, 0x9511a1, 0xa01a9c, 0xaa2395, 0xb32c8e, 0xbc3587, 0xc43e7f, 0xcc4778, 0xd35171,
                0xda5a6a, 0xe06363, 0xe66c5c, 0xeb7655, 0xf0804e, 0xf58b47, 0xf89540, 0xfba139, 0xfdac33,
                0xfeb82c, 0xfdc527, 0xfcd225, 0xf8df25, 0xf4ed27, 0xf0f921});
        put(maps, "cividis", 256, new int[] {
                0x00224e, 0x00285b, 0x002e6a, 0x053371, 0x1a386f, 0x273e6e, 0x32436d, 0x3b496c, 0x434e6c,
                0x4b546c, 0x535a6d, 0x5a5f6e, 0x61656f, 0x686a71, 0x6f7073, 0x767676, 0x7d7c78, 0x848279,
                0x8c8878, 0x938e78, 0x9b9476, 0xa39a74, 0xaba072, 0xb4a76f, 0xbcae6c, 0xc4b468, 0xcdbb63,
                0xd5c25e, 0xdec958, 0xe7d150, 0xf0d846, 0xf9e03a, 0xfee838});
        put(maps, "twilight", 510, new int[] {
                0xe2d9e2, 0xd6d7dd, 0xc2ced4, 0xaac2cc, 0x93b4c6, 0x80a5c3, 0x7297c1, 0x6887be, 0x6276ba,
                0x5f64b5, 0x5e51ad, 0x5d3da1, 0x592a8f, 0x511b77, 0x45135c, 0x381145, 0x2f1436, 0x3a113a,
                0x4a1342, 0x5f174a, 0x741e4f, 0x872750, 0x983550, 0xa64550, 0xb25652, 0xbb6958, 0xc27c63,
                0xc78f72, 0xcca287, 0xd1b5a1, 0xd8c6bd, 0xded3d4, 0xe2d9e2});
        put(maps, "turbo", 256, new int[] {
                0x30123b, 0x392a73, 0x4040a2, 0x4456c7, 0x466be3, 0x4680f6, 0x4294ff, 0x37a8fa, 0x28bceb,
                0x1ccdd8, 0x18ddc2, 0x1fe9af, 0x32f298, 0x4ef97d, 0x6dfe62, 0x8bff4b, 0xa4fc3c, 0xb9f635,
                0xcdec34, 0xdfdf37, 0xeecf3a, 0xf8be39, 0xfdac34, 0xfe962b, 0xfb7e21, 0xf46617, 0xeb500e,
                0xdf3f08, 0xd02f05, 0xbe2102, 0xa91601, 0x920b01, 0x7a0403});
        put(maps, "gray", 2, new int[] {0x000000, 0xffffff});
        return Collections.unmodifiableMap(maps);
    }

    private static void put(Map<String, Source> maps, String name, int sourceSize, int[] samples) {
        maps.put(name, new Source(sourceSize, samples));
    }

    public static final int MAX_STOPS = 64;

    private final String name;
    // Layout: [entry * 3 + channel], channel 0 = red, 1 = green, 2 = blue; entry i is the colour of t = i / 255.
    private final byte[] table = new byte[SIZE * 3];
    /** The same entries unrounded, sRGB on [0, 1]: 16-bit images and anti-aliasing interpolate between them. */
    private final float[] values = new float[SIZE * 3];

    /** A palette from colour stops. */
    private Palette(String name, int[] stops) {
        this.name = name;
        float[] lab = new float[stops.length * 3];
        for (int k = 0; k < stops.length; k++) {
            Oklab.fromSrgb(stops[k] >> 16 & 0xff, stops[k] >> 8 & 0xff, stops[k] & 0xff, lab, 3 * k);
        }
        double[] rgb = new double[3];
        int segments = stops.length - 1;
        for (int i = 0; i < SIZE; i++) {
            double t = i / (double) (SIZE - 1) * segments;
            int k = Math.min((int) t, segments - 1);
            double f = t - k;
            Oklab.toSrgb(lerp(lab[3 * k], lab[3 * k + 3], f), lerp(lab[3 * k + 1], lab[3 * k + 4], f),
                    lerp(lab[3 * k + 2], lab[3 * k + 5], f), rgb, 0);
            for (int c = 0; c < 3; c++) {
                // The stops themselves come back exactly, whatever the round trip through Oklab rounds.
                double v = f == 0 ? (stops[k] >> (16 - 8 * c) & 0xff) / 255.0 : rgb[c];
                values[3 * i + c] = (float) v;
                table[3 * i + c] = (byte) Math.round(v * 255);
            }
        }
    }

    private static double lerp(double a, double b, double f) {
        return a + f * (b - a);
    }

    private Palette(String name, Source source) {
        this.name = name;
        int[] samples = source.samples();
        int k = 0;
        for (int i = 0; i < SIZE; i++) {
            double t = i / (double) (SIZE - 1);
            while (k < samples.length - 2 && source.position(k + 1) <= t) {
                k++;
            }
            double from = source.position(k);
            double f = (t - from) / (source.position(k + 1) - from);
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                int a = (samples[k] >> shift) & 0xff;
                int b = (samples[k + 1] >> shift) & 0xff;
                table[3 * i + c] = (byte) Math.round(a + f * (b - a));
                values[3 * i + c] = (float) ((a + f * (b - a)) / 255);
            }
        }
    }

    public static List<String> names() {
        return List.copyOf(SOURCES.keySet());
    }

    public static Palette named(String name) {
        Source source = SOURCES.get(name);
        if (source == null) {
            throw new BadInputException("unknown palette '" + name + "'; valid: " + String.join(", ", names()));
        }
        return new Palette(name, source);
    }

    /** A named palette or colour stops ({@code #rrggbb,#rrggbb,...}). */
    public static Palette of(String spec) {
        return spec.indexOf('#') >= 0 ? new Palette(spec, stops(spec)) : named(spec);
    }

    /** Whether a palette spec is colour stops rather than a name. */
    public static boolean isStops(String spec) {
        return spec.indexOf('#') >= 0;
    }

    /** The colours of {@code #rrggbb,#rrggbb,...} as 0xRRGGBB. */
    public static int[] stops(String spec) {
        String[] parts = spec.split(",", -1);
        if (parts.length < 2 || parts.length > MAX_STOPS) {
            throw new BadInputException("a palette of colour stops needs 2 to " + MAX_STOPS
                    + " colours such as #0b0b3b,#ff8800,#ffffff, got '" + spec + "'");
        }
        int[] colors = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim();
            if (!p.matches("#[0-9a-fA-F]{6}")) {
                throw new BadInputException("palette colour '" + p + "' is not of the form #rrggbb (as in "
                        + "palette:#0b0b3b,#ff8800,#ffffff)");
            }
            colors[k] = Integer.parseInt(p.substring(1), 16);
        }
        return colors;
    }

    /** The canonical text of a spec: stops as lower-case {@code #rrggbb} joined by commas, a name as it is. */
    public static String canonical(String spec) {
        if (!isStops(spec)) {
            return spec;
        }
        StringBuilder b = new StringBuilder();
        for (int c : stops(spec)) {
            b.append(b.length() > 0 ? "," : "").append(String.format(java.util.Locale.ROOT, "#%06x", c));
        }
        return b.toString();
    }

    public String name() {
        return name;
    }

    /** Writes the colour of t (clamped to [0, 1]) as three bytes at {@code rgb[offset]}. */
    public void rgb(float t, byte[] rgb, int offset) {
        int i = t > 0 ? (t >= 1 ? 255 : (int) (t * 255f + 0.5f)) : 0;
        rgb[offset] = table[3 * i];
        rgb[offset + 1] = table[3 * i + 1];
        rgb[offset + 2] = table[3 * i + 2];
    }

    /** Writes the colour of t (clamped to [0, 1]), interpolated between entries, as sRGB on [0, 1]. */
    public void color(float t, float[] rgb, int offset) {
        float x = t > 0 ? (t >= 1 ? SIZE - 1 : t * (SIZE - 1)) : 0;
        int i = Math.min((int) x, SIZE - 2);
        float f = x - i;
        for (int c = 0; c < 3; c++) {
            float a = values[3 * i + c];
            rgb[offset + c] = a + f * (values[3 * i + 3 + c] - a);
        }
    }
}
