package dev.nnpaint.paint;

/**
 * Turns network outputs into colours. Outputs arrive feature-major ({@code out[c * n + p]}, see
 * {@link dev.nnpaint.kernel.Kernel}); pixels leave interleaved as R, G, B bytes ({@link #toRgb}) or as sRGB
 * values on [0, 1] ({@link #toColor}), which anti-aliasing averages and 16-bit images keep.
 */
public final class Colorizer {

    private final ColorMode mode;
    private final Palette palette;

    public Colorizer(ColorMode mode) {
        this.mode = mode;
        this.palette = mode.kind() == ColorMode.Kind.PALETTE ? Palette.of(mode.palette()) : null;
    }

    public static Colorizer of(String mode) {
        return new Colorizer(ColorMode.parse(mode));
    }

    public ColorMode mode() {
        return mode;
    }

    public int channels() {
        return mode.channels();
    }

    /** Colours {@code count} pixels of a batch of {@code n}, writing 3 bytes a pixel from {@code rgb[offset]}. */
    public void toRgb(float[] out, int n, int count, byte[] rgb, int offset) {
        switch (mode.kind()) {
            case RGB:
                for (int p = 0; p < count; p++) {
                    int o = offset + 3 * p;
                    rgb[o] = toByte(out[p]);
                    rgb[o + 1] = toByte(out[n + p]);
                    rgb[o + 2] = toByte(out[2 * n + p]);
                }
                break;
            case GRAY:
                for (int p = 0; p < count; p++) {
                    byte g = toByte(out[p]);
                    int o = offset + 3 * p;
                    rgb[o] = g;
                    rgb[o + 1] = g;
                    rgb[o + 2] = g;
                }
                break;
            case PALETTE:
                for (int p = 0; p < count; p++) {
                    palette.rgb(out[p], rgb, offset + 3 * p);
                }
                break;
            case HSV:
            case HSL:
                boolean hsv = mode.kind() == ColorMode.Kind.HSV;
                for (int p = 0; p < count; p++) {
                    double h = out[p] - Math.floor(out[p]);
                    double s = clamp(out[n + p]);
                    double l = clamp(out[2 * n + p]);
                    int o = offset + 3 * p;
                    // HSL is HSV with a remapped saturation and value; both end in the same hue ramp.
                    double v = hsv ? l : l + s * Math.min(l, 1 - l);
                    double sv = hsv ? s : (v == 0 ? 0 : 2 * (1 - l / v));
                    rgb[o] = toByte((float) hueChannel(5, h, sv, v));
                    rgb[o + 1] = toByte((float) hueChannel(3, h, sv, v));
                    rgb[o + 2] = toByte((float) hueChannel(1, h, sv, v));
                }
                break;
            default:
                throw new AssertionError(mode);
        }
    }

    /**
     * Colours {@code count} samples of a batch of {@code n} as sRGB values on [0, 1], three floats a sample from
     * {@code rgb[offset]}: the colours {@link #toRgb} rounds to bytes, unrounded (a palette is interpolated
     * between its 256 entries).
     */
    public void toColor(float[] out, int n, int count, float[] rgb, int offset) {
        switch (mode.kind()) {
            case RGB:
                for (int p = 0; p < count; p++) {
                    int o = offset + 3 * p;
                    rgb[o] = unit(out[p]);
                    rgb[o + 1] = unit(out[n + p]);
                    rgb[o + 2] = unit(out[2 * n + p]);
                }
                break;
            case GRAY:
                for (int p = 0; p < count; p++) {
                    float g = unit(out[p]);
                    int o = offset + 3 * p;
                    rgb[o] = g;
                    rgb[o + 1] = g;
                    rgb[o + 2] = g;
                }
                break;
            case PALETTE:
                for (int p = 0; p < count; p++) {
                    palette.color(out[p], rgb, offset + 3 * p);
                }
                break;
            case HSV:
            case HSL:
                boolean hsv = mode.kind() == ColorMode.Kind.HSV;
                for (int p = 0; p < count; p++) {
                    double h = out[p] - Math.floor(out[p]);
                    double s = clamp(out[n + p]);
                    double l = clamp(out[2 * n + p]);
                    int o = offset + 3 * p;
                    double v = hsv ? l : l + s * Math.min(l, 1 - l);
                    double sv = hsv ? s : (v == 0 ? 0 : 2 * (1 - l / v));
                    rgb[o] = unit((float) hueChannel(5, h, sv, v));
                    rgb[o + 1] = unit((float) hueChannel(3, h, sv, v));
                    rgb[o + 2] = unit((float) hueChannel(1, h, sv, v));
                }
                break;
            default:
                throw new AssertionError(mode);
        }
    }

    /** [0, 1] clamped; NaN becomes 0, as in {@link #toByte}. */
    static float unit(float x) {
        return x > 0 ? (x >= 1 ? 1 : x) : 0;
    }

    /** Steps of the table {@link #toLinear} interpolates: the curve's error between steps is below 1e-6. */
    private static final int LINEAR_STEPS = 4096;
    private static final float[] LINEAR = new float[LINEAR_STEPS + 2];

    static {
        for (int i = 0; i < LINEAR.length; i++) {
            LINEAR[i] = (float) linear(Math.min(1.0, i / (double) LINEAR_STEPS));
        }
    }

    /**
     * {@link #linear} of a value on [0, 1] from a table, for the many samples anti-aliasing averages: a power
     * per sample and channel would cost as much as a small network.
     */
    static float toLinear(float srgb) {
        float x = srgb * LINEAR_STEPS;
        int i = (int) x;
        float f = x - i;
        return LINEAR[i] + f * (LINEAR[i + 1] - LINEAR[i]);
    }

    /** An sRGB value on [0, 1] in linear light (the sRGB transfer function undone). */
    public static double linear(double srgb) {
        return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
    }

    /** Linear light on [0, 1] as an sRGB value on [0, 1]. */
    public static double srgb(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    /** One channel of HSV to RGB: f(n) = v - v s max(0, min(k, 4 - k, 1)), k = (n + 6h) mod 6. */
    private static double hueChannel(int n, double h, double s, double v) {
        double k = (n + 6 * h) % 6;
        return v - v * s * Math.max(0, Math.min(Math.min(k, 4 - k), 1));
    }

    private static double clamp(float x) {
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }

    /** [0, 1] to 0..255, rounding to nearest; NaN becomes 0. */
    static byte toByte(float x) {
        if (!(x > 0)) {
            return 0;
        }
        if (x >= 1) {
            return (byte) 255;
        }
        return (byte) (int) (x * 255f + 0.5f);
    }
}
