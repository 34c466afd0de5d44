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
        fillGrid(view, region, start, count, 1, in, n);
    }

    /**
     * The inputs of a {@code grid} x {@code grid} array of samples in each of {@code count} pixels of a region
     * (row-major from {@code start}): pixel p's samples are batch entries {@code p * grid^2 ..}, row by row.
     * Sample (a, b) of pixel (i, j) is pixel (grid i + a, grid j + b) of the view painted {@code grid} times as
     * big, so a grid of 1 is the pixel's centre.
     */
    public void fillGrid(View view, Region region, long start, int count, int grid, float[] in, int n) {
        int w = region.width();
        int i = region.x() + (int) (start % w);
        int j = region.y() + (int) (start / w);
        int rowEnd = region.x() + w;
        Place place = new Place(view);
        int s = 0;
        for (int p = 0; p < count; p++, i++) {
            if (i == rowEnd) {
                i = region.x();
                j++;
            }
            s = place.grid(i, j, grid, in, n, s);
        }
        pad(in, s, n);
    }

    /**
     * The inputs of a {@code grid} x {@code grid} array of samples in each of {@code count} pixels given by their
     * columns and rows in the view, laid out as {@link #fillGrid(View, Region, long, int, int, float[], int)}.
     */
    public void fillGrid(View view, int[] columns, int[] rows, int count, int grid, float[] in, int n) {
        Place place = new Place(view);
        int s = 0;
        for (int p = 0; p < count; p++) {
            s = place.grid(columns[p], rows[p], grid, in, n, s);
        }
        pad(in, s, n);
    }

    private void pad(float[] in, int used, int n) {
        for (int f = 0; f < codes.length; f++) {
            java.util.Arrays.fill(in, f * n + used, f * n + n, 0f);
        }
    }

    /** Where samples fall in a view's input plane, with the view's trigonometry worked out once. */
    private final class Place {
        final View view;
        final double cos;
        final double sin;
        final double e;
        /** Tiled views: the torus's tube and ring radii, and the turns per unit of v. */
        final double tube;
        final double ring;
        final double turnsV;

        Place(View view) {
            this.view = view;
            this.cos = Math.cos(view.rotation());
            this.sin = Math.sin(view.rotation());
            this.e = view.extent();
            double aspect = view.height() / (double) view.width();
            this.tube = e * aspect / Math.PI;
            this.ring = e / Math.PI + tube;
            this.turnsV = 1 / aspect;
        }

        /** Writes the samples of pixel (i, j) from batch entry {@code s}; returns the next entry. */
        int grid(int i, int j, int g, float[] in, int n, int s) {
            for (int b = 0; b < g; b++) {
                double v = view.v((long) g * j + b, g);
                for (int a = 0; a < g; a++) {
                    put(view.u((long) g * i + a, g), v, in, n, s++);
                }
            }
            return s;
        }

        void put(double u, double v, float[] in, int n, int p) {
            double x;
            double y;
            double r;
            if (view.tile()) {
                // A torus: u goes once round the ring (the view's rotation turns the ring), v once round the
                // tube; r is the height above the plane the torus lies on, so it stays a non-negative distance.
                double theta = Math.PI * u + view.rotation();
                double phi = Math.PI * v * turnsV;
                double q = ring + tube * Math.cos(phi);
                x = view.centerX() + q * Math.cos(theta);
                y = view.centerY() + q * Math.sin(theta);
                r = tube * (1 + Math.sin(phi));
            } else {
                x = view.centerX() + e * (u * cos - v * sin);
                y = view.centerY() + e * (u * sin + v * cos);
                r = Math.sqrt(x * x + y * y);
            }
            for (int f = 0; f < codes.length; f++) {
                double value;
                switch (codes[f]) {
                    case X: value = x; break;
                    case Y: value = y; break;
                    case R: value = r; break;
                    case BIAS: value = 1; break;
                    default: value = latent[codes[f]];
                }
                in[f * n + p] = (float) value;
            }
        }
    }
}
