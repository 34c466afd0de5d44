package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

import java.util.List;

/**
 * Turns pixels into network inputs. Each feature is one of {@code x}, {@code y}, {@code r} = sqrt(x^2 + y^2),
 * {@code z0 .. z(k-1)} (the latent vector, the same for every pixel) or {@code bias} (always 1).
 */
public final class PixelInputs {

    private static final int X = -1;
    private static final int Y = -2;
    private static final int R = -3;
    private static final int BIAS = -4;

    /** Per feature: one of the codes above, or the index into the latent vector. */
    private final int[] codes;
    private final double[] latent;

    public PixelInputs(List<String> features, double[] latent) {
        this.latent = latent.clone();
        this.codes = new int[features.size()];
        for (int f = 0; f < codes.length; f++) {
            String name = features.get(f);
            switch (name) {
                case "x": codes[f] = X; break;
                case "y": codes[f] = Y; break;
                case "r": codes[f] = R; break;
                case "bias": codes[f] = BIAS; break;
                default:
                    int k = latentIndex(name);
                    if (k < 0 || k >= latent.length) {
                        throw new BadInputException("input '" + name + "' is not one of x, y, r, bias, z0.."
                                + "z" + (latent.length - 1) + (latent.length == 0 ? " (no latent vector given)" : ""));
                    }
                    codes[f] = k;
            }
        }
    }

    private static int latentIndex(String name) {
        if (name.length() < 2 || name.charAt(0) != 'z') {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public int count() {
        return codes.length;
    }

    /**
     * Writes the inputs of {@code count} pixels, starting at row-major pixel index {@code start}, into
     * {@code in} in feature-major layout with batch size {@code n}; samples from count to n are padding (zero).
     */
    public void fill(View view, long start, int count, float[] in, int n) {
        fill(view, Region.of(view), start, count, in, n);
    }

    /**
     * As {@link #fill(View, long, int, float[], int)} for the pixels of a region of the view: {@code start}
     * counts row-major within the region, and each pixel gets the inputs it has in the whole view.
     */
    public void fill(View view, Region region, long start, int count, float[] in, int n) {
        int w = region.width();
        double cos = Math.cos(view.rotation());
        double sin = Math.sin(view.rotation());
        double e = view.extent();
        int i = region.x() + (int) (start % w);
        int j = region.y() + (int) (start / w);
        int rowEnd = region.x() + w;
        for (int p = 0; p < count; p++, i++) {
            if (i == rowEnd) {
                i = region.x();
                j++;
            }
            double u = view.u(i);
            double v = view.v(j);
            double x = view.centerX() + e * (u * cos - v * sin);
            double y = view.centerY() + e * (u * sin + v * cos);
            for (int f = 0; f < codes.length; f++) {
                double value;
                switch (codes[f]) {
                    case X: value = x; break;
                    case Y: value = y; break;
                    case R: value = Math.sqrt(x * x + y * y); break;
                    case BIAS: value = 1; break;
                    default: value = latent[codes[f]];
                }
                in[f * n + p] = (float) value;
            }
        }
        for (int f = 0; f < codes.length; f++) {
            java.util.Arrays.fill(in, f * n + count, f * n + n, 0f);
        }
    }
}
