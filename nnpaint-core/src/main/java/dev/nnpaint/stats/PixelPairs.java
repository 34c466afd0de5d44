package dev.nnpaint.stats;

import dev.nnpaint.paint.PixelInputs;
import dev.nnpaint.paint.View;

/**
 * The pixels statistics are measured on: an even grid of up to {@code across} columns over the image (every
 * pixel when the image is smaller), each pixel with its right-hand neighbour in the full-size image (the
 * left-hand one in the last column), so that "neighbouring pixels" means what it means in the picture.
 *
 * <p>Layout: {@code pixels[p]} and {@code neighbours[p]} are the input feature vectors of pair p, in the
 * model's input order.
 */
public record PixelPairs(double[][] pixels, double[][] neighbours) {

    public int count() {
        return pixels.length;
    }

    public static PixelPairs sample(View view, PixelInputs inputs, int across) {
        int w = view.width();
        int h = view.height();
        int nx = Math.max(1, Math.min(across, w));
        int ny = Math.max(1, Math.min(h, (int) Math.round((double) across * h / w)));
        double[][] pixels = new double[nx * ny][];
        double[][] neighbours = new double[nx * ny][];
        float[] one = new float[inputs.count()];
        for (int b = 0; b < ny; b++) {
            int j = (int) ((b + 0.5) * h / ny);
            for (int a = 0; a < nx; a++) {
                int i = (int) ((a + 0.5) * w / nx);
                int next = i + 1 < w ? i + 1 : Math.max(i - 1, 0);
                pixels[b * nx + a] = features(view, inputs, (long) j * w + i, one);
                neighbours[b * nx + a] = features(view, inputs, (long) j * w + next, one);
            }
        }
        return new PixelPairs(pixels, neighbours);
    }

    /** The inputs of n points spaced evenly on a circle (closed: the last point is followed by the first). */
    public static double[][] circle(PixelInputs inputs, double centerX, double centerY, double radius, int n) {
        double[][] points = new double[n][];
        float[] one = new float[inputs.count()];
        for (int t = 0; t < n; t++) {
            double angle = 2 * Math.PI * t / n;
            // A one-pixel view centred on the point: its only pixel sits at (centerX, centerY) of the view.
            View at = new View(1, 1, 1, centerX + radius * Math.cos(angle), centerY + radius * Math.sin(angle), 0);
            points[t] = features(at, inputs, 0, one);
        }
        return points;
    }

    private static double[] features(View view, PixelInputs inputs, long pixel, float[] one) {
        inputs.fill(view, pixel, 1, one, 1);
        double[] f = new double[one.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = one[i];
        }
        return f;
    }
}
