package dev.nnpaint.ops.plot;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.Palette;
import dev.nnpaint.train.History;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The pictures of a training run: decision regions over the data, and the learning curves. */
public final class TrainingPlots {

    private static final int GRID = 320;

    private TrainingPlots() {
    }

    /** The square region (x0, x1, y0, y1) that shows a two-feature data set with a margin. */
    public static double[] viewOf(Dataset... sets) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Dataset d : sets) {
            if (d == null) {
                continue;
            }
            double[] r = d.ranges();
            x0 = Math.min(x0, r[0]);
            x1 = Math.max(x1, r[1]);
            y0 = Math.min(y0, r[2]);
            y1 = Math.max(y1, r[3]);
        }
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        double half = Math.max(Math.max(x1 - x0, y1 - y0) / 2 * 1.12, 1e-6);
        return new double[] {cx - half, cx + half, cy - half, cy + half};
    }

    /**
     * The model's answer over the view as a shaded map: for classes, the winning class's colour, deeper where the
     * model is surer (white along the boundary); for a real target, the value through viridis from {@code lo} to
     * {@code hi}. Row 0 at the top.
     */
    public static BufferedImage regions(Model model, Dataset like, double[] view, int size, double lo, double hi) {
        int outputs = model.outputCount();
        float[] out = evaluateGrid(model, view, size);
        int pixels = size * size;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        if (!like.isClassification()) {
            for (int p = 0; p < pixels; p++) {
                image.setRGB(p % size, p / size, viridis(out[p], lo, hi).getRGB() & 0xFFFFFF);
            }
            return image;
        }
        int classes = like.classes();
        for (int p = 0; p < pixels; p++) {
            int best;
            double sureness;
            if (outputs == 1) {
                double prob = out[p];
                best = prob >= 0.5 ? 1 : 0;
                sureness = Math.abs(2 * prob - 1);
            } else {
                // softmax of the logits: the winner and how far its probability is above a uniform guess
                double max = Double.NEGATIVE_INFINITY;
                best = 0;
                for (int c = 0; c < outputs; c++) {
                    if (out[c * pixels + p] > max) {
                        max = out[c * pixels + p];
                        best = c;
                    }
                }
                double sum = 0;
                for (int c = 0; c < outputs; c++) {
                    sum += Math.exp(out[c * pixels + p] - max);
                }
                double top = 1 / sum;
                sureness = (top - 1.0 / classes) / (1 - 1.0 / classes);
            }
            Color c = Chart.CYCLE.get(best % Chart.CYCLE.size());
            double a = 0.12 + 0.5 * Math.max(0, Math.min(1, sureness));
            image.setRGB(p % size, p / size, mix(Color.WHITE, c, a));
        }
        return image;
    }

    /**
     * Decision regions with the training points (dots) and test points (rings), axes in data units. For a real
     * target, the background is the model's prediction and each point shows its target, both through viridis on
     * one scale (given in the title), so a point that stands out from its background is a miss.
     */
    public static Chart boundary(Model model, Dataset train, Dataset test, String title) {
        return boundary(model, train, test, title, 640, 600);
    }

    /** The same chart at another size in pixels (smaller for the frames of an animation). */
    public static Chart boundary(Model model, Dataset train, Dataset test, String title, int width, int height) {
        double[] view = viewOf(train, test);
        double lo = 0;
        double hi = 1;
        String heading = title;
        if (!train.isClassification()) {
            float[] grid = evaluateGrid(model, view, GRID);
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (float v : grid) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            for (Dataset d : new Dataset[] {train, test}) {
                for (int i = 0; d != null && i < d.size(); i++) {
                    lo = Math.min(lo, d.target(i));
                    hi = Math.max(hi, d.target(i));
                }
            }
            hi = Math.max(hi, lo + 1e-9);
            heading = String.format(java.util.Locale.ROOT, "%s (viridis: %.3g to %.3g)", title, lo, hi);
        }
        Chart chart = new Chart(width, height).title(heading)
                .xLabel(train.featureNames().get(0)).yLabel(train.featureNames().get(1))
                .xRange(view[0], view[1]).yRange(view[2], view[3])
                .image(regions(model, train, view, GRID, lo, hi));
        addPoints(chart, train, Chart.Marker.DOT, "train", lo, hi);
        if (test != null) {
            addPoints(chart, test, Chart.Marker.RING, "test", lo, hi);
        }
        return chart;
    }

    private static void addPoints(Chart chart, Dataset data, Chart.Marker marker, String set, double lo, double hi) {
        if (!data.isClassification()) {
            double[][] xy = columns(data, IntStream.range(0, data.size()).toArray());
            Color[] colors = new Color[data.size()];
            for (int i = 0; i < colors.length; i++) {
                colors[i] = viridis(data.target(i), lo, hi);
            }
            chart.scatter(xy[0], xy[1], colors, Color.DARK_GRAY, marker, set);
            return;
        }
        for (int c = 0; c < data.classes(); c++) {
            int cls = c;
            int[] members = IntStream.range(0, data.size()).filter(i -> data.label(i) == cls).toArray();
            double[][] xy = columns(data, members);
            Color color = Chart.CYCLE.get(c % Chart.CYCLE.size()).darker();
            chart.scatter(xy[0], xy[1], color, marker, set + " " + data.classNames().get(c));
        }
    }

    private static Color viridis(double value, double lo, double hi) {
        byte[] rgb = new byte[3];
        Palette.named("viridis").rgb((float) Math.max(0, Math.min(1, (value - lo) / (hi - lo))), rgb, 0);
        return new Color(rgb[0] & 0xFF, rgb[1] & 0xFF, rgb[2] & 0xFF);
    }

    private static double[][] columns(Dataset data, int[] rows) {
        double[] x = new double[rows.length];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = data.feature(rows[i], 0);
            y[i] = data.feature(rows[i], 1);
        }
        return new double[][] {x, y};
    }

    /** Loss (left) and accuracy (right, for classification) against epoch, train and test. */
    public static List<Chart> curves(History history) {
        int rows = history.rows();
        double[] epochs = new double[rows];
        for (int e = 0; e < rows; e++) {
            epochs[e] = e;
        }
        double maxEpoch = Math.max(1, rows - 1);
        List<Chart> charts = new ArrayList<>();
        double[] trainLoss = history.column("trainLoss");
        double[] testLoss = history.column("testLoss");
        double top = 0;
        for (int e = 0; e < rows; e++) {
            top = Math.max(top, finiteOr0(trainLoss[e]));
            top = Math.max(top, finiteOr0(testLoss[e]));
        }
        Chart loss = new Chart(560, 400).title("loss").xLabel("epoch").yLabel("loss")
                .xRange(0, maxEpoch).yRange(0, top > 0 ? top * 1.05 : 1)
                .line(epochs, trainLoss, Chart.BLUE, "train");
        if (history.hasTest()) {
            loss.line(epochs, testLoss, Chart.ORANGE, "test");
        }
        charts.add(loss);
        if (history.hasAccuracy()) {
            Chart accuracy = new Chart(560, 400).title("accuracy").xLabel("epoch").yLabel("accuracy")
                    .xRange(0, maxEpoch).yRange(0, 1.02).legendBelow()
                    .line(epochs, history.column("trainAccuracy"), Chart.BLUE, "train");
            if (history.hasTest()) {
                accuracy.line(epochs, history.column("testAccuracy"), Chart.ORANGE, "test");
            }
            charts.add(accuracy);
        }
        return charts;
    }

    /** Images side by side on white, for one file. */
    public static BufferedImage sideBySide(List<BufferedImage> images) {
        int w = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int h = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage all = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, x, 0, null);
            x += i.getWidth();
        }
        g.dispose();
        return all;
    }

    /** The model's outputs on a size x size grid over the view, channel-major: {@code out[c * size^2 + p]}. */
    static float[] evaluateGrid(Model model, double[] view, int size) {
        Evaluator evaluator = Evaluator.of(model);
        int batch = evaluator.padded(size);
        int inputs = model.inputCount();
        int outputs = model.outputCount();
        float[] in = new float[inputs * batch];
        float[] out = new float[outputs * batch];
        Evaluator.Scratch scratch = evaluator.newScratch(batch);
        float[] result = new float[outputs * size * size];
        for (int row = 0; row < size; row++) {
            double y = view[3] - (row + 0.5) / size * (view[3] - view[2]);
            for (int col = 0; col < size; col++) {
                in[col] = (float) (view[0] + (col + 0.5) / size * (view[1] - view[0]));
                in[batch + col] = (float) y;
            }
            evaluator.forward(in, out, batch, scratch);
            for (int c = 0; c < outputs; c++) {
                System.arraycopy(out, c * batch, result, c * size * size + row * size, size);
            }
        }
        return result;
    }

    private static int mix(Color a, Color b, double t) {
        int r = (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t);
        int g = (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t);
        int bl = (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t);
        return r << 16 | g << 8 | bl;
    }

    private static double finiteOr0(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
