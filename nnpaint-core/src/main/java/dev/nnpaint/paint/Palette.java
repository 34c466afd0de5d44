package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Perceptual colour maps, each stored as evenly spaced sRGB samples and interpolated linearly between them
 * into a 256-entry lookup table.
 */
public final class Palette {

    private static final Map<String, int[]> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("viridis", new int[] {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
                0x6ece58, 0xb5de2b, 0xfde725});
        SAMPLES.put("magma", new int[] {0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f, 0xcd4071, 0xf1605d,
                0xfd9668, 0xfeca8d, 0xfcfdbf});
        SAMPLES.put("inferno", new int[] {0x000004, 0x1b0c41, 0x4a0c6b, 0x781c6d, 0xa52c60, 0xcf4446, 0xed6925,
                0xfb9b06, 0xf7d13d, 0xfcffa4});
        SAMPLES.put("plasma", new int[] {0x0d0887, 0x46039f, 0x7201a8, 0x9c179e, 0xbd3786, 0xd8576b, 0xed7953,
                0xfb9f3a, 0xfdca26, 0xf0f921});
        SAMPLES.put("gray", new int[] {0x000000, 0xffffff});
    }

    private final String name;
    private final byte[] table = new byte[256 * 3];

    private Palette(String name, int[] samples) {
        this.name = name;
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0 * (samples.length - 1);
            int k = Math.min((int) t, samples.length - 2);
            double f = t - k;
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                int a = (samples[k] >> shift) & 0xff;
                int b = (samples[k + 1] >> shift) & 0xff;
                table[3 * i + c] = (byte) Math.round(a + f * (b - a));
            }
        }
    }

    public static List<String> names() {
        return List.copyOf(SAMPLES.keySet());
    }

    public static Palette named(String name) {
        int[] samples = SAMPLES.get(name);
        if (samples == null) {
            throw new BadInputException("unknown palette '" + name + "'; valid: " + String.join(", ", names()));
        }
        return new Palette(name, samples);
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
}
