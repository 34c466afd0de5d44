package dev.nnpaint.paint;

/**
 * Björn Ottosson's Oklab colour space: Euclidean distance in it follows perceived colour difference far better
 * than in RGB, so palettes are built and colours matched in it, and colour stops are interpolated in it.
 */
public final class Oklab {

    /** sRGB byte to linear light. */
    private static final float[] LINEAR = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
    }

    private Oklab() {
    }

    public static double linear(double srgb255) {
        double c = srgb255 / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Oklab (L, a, b) of an sRGB colour given as bytes, into {@code out[offset..offset+2]}. */
    public static void fromSrgb(int r, int g, int b, float[] out, int offset) {
        fromLinear(LINEAR[r], LINEAR[g], LINEAR[b], out, offset);
    }

    /** Oklab of an sRGB colour with real-valued channels on 0..255. */
    public static void fromSrgb(double r, double g, double b, float[] out, int offset) {
        fromLinear(linear(r), linear(g), linear(b), out, offset);
    }

    public static void fromLinear(double r, double g, double b, float[] out, int offset) {
        double l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
        double m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
        double s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
        out[offset] = (float) (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s);
        out[offset + 1] = (float) (1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s);
        out[offset + 2] = (float) (0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s);
    }

    /** The sRGB bytes (clamped) of an Oklab colour, packed as 0xRRGGBB. */
    public static int toSrgb(double lightness, double a, double b) {
        double l = cube(lightness + 0.3963377774 * a + 0.2158037573 * b);
        double m = cube(lightness - 0.1055613458 * a - 0.0638541728 * b);
        double s = cube(lightness - 0.0894841775 * a - 1.2914855480 * b);
        double r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
        double g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
        double bl = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
        return (encode(r) << 16) | (encode(g) << 8) | encode(bl);
    }

    /** The sRGB values on [0, 1] (clamped) of an Oklab colour, into {@code out[offset..offset+2]}. */
    public static void toSrgb(double lightness, double a, double b, double[] out, int offset) {
        double l = cube(lightness + 0.3963377774 * a + 0.2158037573 * b);
        double m = cube(lightness - 0.1055613458 * a - 0.0638541728 * b);
        double s = cube(lightness - 0.0894841775 * a - 1.2914855480 * b);
        out[offset] = encodeUnit(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
        out[offset + 1] = encodeUnit(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
        out[offset + 2] = encodeUnit(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
    }

    private static double encodeUnit(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(Math.max(linear, 0), 1 / 2.4) - 0.055;
        return Math.max(0, Math.min(1, c));
    }

    private static double cube(double x) {
        return x * x * x;
    }

    private static int encode(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(Math.max(linear, 0), 1 / 2.4) - 0.055;
        return (int) Math.max(0, Math.min(255, Math.round(c * 255)));
    }
}
