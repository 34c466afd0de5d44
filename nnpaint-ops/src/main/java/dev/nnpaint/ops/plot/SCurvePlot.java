package dev.nnpaint.ops.plot;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a second layer builds a shape from s-curves, for a network with one input: the first layer's units over
 * the input (each an s-curve for tanh or sigmoid), one second-layer unit's weighted sum of them plus its bias,
 * and that unit's activation applied to the sum. Every curve is read from the engine's forward pass over the
 * model's first layers, so the picture shows what the network computes.
 *
 * @param inputName     the model's one input, the horizontal axis
 * @param x             the sample points, evenly spaced over the range
 * @param hidden        {@code hidden[j][i]}: first-layer unit j at x[i]
 * @param hiddenLayer   the first layer (its weights and activations name the curves)
 * @param unit          the second-layer unit shown
 * @param weights       that unit's weight for each first-layer unit
 * @param bias          that unit's bias
 * @param preActivation its weighted sum plus bias at each x[i]
 * @param activation    its activation
 * @param output        the activation of the sum at each x[i]
 */
public record SCurvePlot(String inputName, double[] x, double[][] hidden, Layer hiddenLayer, int unit,
                         double[] weights, double bias, double[] preActivation, Activation activation,
                         double[] output) {

    /** Legends with more entries than this would hide the curves; the colours still tell the units apart. */
    static final int MAX_LEGEND = 10;

    /** Samples the first two layers of {@code model} at {@code samples} points of [lo, hi]. */
    public static SCurvePlot of(Model model, int unit, double lo, double hi, int samples, Kernel kernel) {
        if (model.inputCount() != 1) {
            throw new BadInputException("plot 1d needs a network with one input, this one has "
                    + model.inputCount() + " (" + String.join(", ", model.inputNames()) + "); try --inputs x");
        }
        if (model.inputNames().get(0).equals("bias")) {
            throw new BadInputException("plot 1d needs an input that varies; 'bias' is always 1 (try --inputs x)");
        }
        if (model.layers().size() < 2) {
            throw new BadInputException("plot 1d shows how a second layer combines the first: the network needs "
                    + "at least one hidden layer (e.g. --hidden 5)");
        }
        Layer first = model.layers().get(0);
        Layer second = model.layers().get(1);
        if (unit < 0 || unit >= second.outputs()) {
            throw new BadInputException("--unit must be between 0 and " + (second.outputs() - 1)
                    + " (the second layer has " + second.outputs() + " units), got " + unit);
        }
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new BadInputException("the range needs two finite numbers LO,HI with LO < HI, got " + lo + "," + hi);
        }
        if (samples < 2) {
            throw new BadInputException("--samples must be at least 2, got " + samples);
        }
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = i == samples - 1 ? hi : lo + (hi - lo) * i / (samples - 1);
        }
        List<String> inputs = model.inputNames();
        double[][] hidden = forward(new Model(inputs, List.of(first)), x, kernel);
        double[][] sums = forward(new Model(inputs, List.of(first, second.withActivation(Activation.IDENTITY))), x,
                kernel);
        double[][] outputs = forward(new Model(inputs, List.of(first, second)), x, kernel);
        double[] weights = new double[first.outputs()];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = second.weight(unit, j);
        }
        return new SCurvePlot(inputs.get(0), x, hidden, first, unit, weights, second.biasOf(unit), sums[unit],
                second.activations()[unit], outputs[unit]);
    }

    /** Runs a model with one input over the points; result {@code [output][point]}. */
    private static double[][] forward(Model model, double[] x, Kernel kernel) {
        Evaluator evaluator = new Evaluator(model, kernel);
        int n = evaluator.padded(x.length);
        float[] in = new float[n];
        for (int i = 0; i < x.length; i++) {
            in[i] = (float) x[i];
        }
        float[] out = new float[model.outputCount() * n];
        evaluator.forward(in, out, n, evaluator.newScratch(n));
        double[][] result = new double[model.outputCount()][x.length];
        for (int o = 0; o < result.length; o++) {
            for (int i = 0; i < x.length; i++) {
                result[o][i] = out[o * n + i];
            }
        }
        return result;
    }

    /** {@code weights[j] * hidden[j][i]}: unit j's part of the sum at x[i]. */
    public double[] term(int j) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = weights[j] * hidden[j][i];
        }
        return t;
    }

    /** The three panels: the first layer's curves, the weighted sum (with its parts dashed), the activation. */
    public List<LinePanel> panels() {
        int units = hidden.length;
        boolean legend = units <= MAX_LEGEND;
        List<LinePanel.Series> curves = new ArrayList<>();
        List<LinePanel.Series> parts = new ArrayList<>();
        for (int j = 0; j < units; j++) {
            Color c = Chart.CYCLE.get(j % Chart.CYCLE.size());
            String name = "h" + (j + 1);
            curves.add(new LinePanel.Series(x, hidden[j], c, legend ? name + " = " + unitFormula(j) : "", 2f, false));
            parts.add(new LinePanel.Series(x, term(j), c, legend ? String.format(Locale.ROOT, "%s \u00d7 %s",
                    number(weights[j]), name) : "", 1.3f, true));
        }
        Color ink = new Color(0x222222);
        parts.add(new LinePanel.Series(x, preActivation, ink, "z: their sum + bias " + number(bias), 2.6f, false));
        String xLabel = inputName;
        double lo = x[0];
        double hi = x[x.length - 1];
        double[] curvesY = LinePanel.rangeOf(curves, 0.5);
        double[] partsY = LinePanel.rangeOf(parts, 0.5);
        List<LinePanel.Series> result = List.of(new LinePanel.Series(x, output, Chart.RED,
                activation.id() + "(z)", 2.6f, false));
        double[] resultY = LinePanel.rangeOf(result, 0.5);
        String act = activationName();
        return List.of(
                new LinePanel("layer 1: " + units + " units, " + act + "(w " + inputName + " + b)", xLabel,
                        "unit output", lo, hi, curvesY[0], curvesY[1], curves),
                new LinePanel("layer 2, unit " + unit + ": z = \u03a3 w\u00b7h + b", xLabel, "pre-activation z",
                        lo, hi, partsY[0], partsY[1], parts),
                new LinePanel("its output: " + activation.id() + "(z)", xLabel, "unit output", lo, hi, resultY[0],
                        resultY[1], result));
    }

    /** The first layer's activation, or "act" when it mixes several. */
    private String activationName() {
        Activation a = hiddenLayer.uniformActivation();
        return a == null ? "act" : a.id();
    }

    /** Unit j as a formula: {@code tanh(1.23 x - 0.40)}. */
    String unitFormula(int j) {
        double w = hiddenLayer.weight(j, 0);
        double b = hiddenLayer.biasOf(j);
        return String.format(Locale.ROOT, "%s(%s %s %s %s)", hiddenLayer.activations()[j].id(), number(w), inputName,
                b < 0 ? "-" : "+", number(Math.abs(b)));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The heading over the panels. */
    public String heading() {
        return "How a second layer shapes one input: " + activation.id() + " of a weighted sum of "
                + activationName() + " curves";
    }

    /** The panels as a PNG picture, each {@code width x height}. */
    public Figure png(int width, int height) {
        List<LinePanel> panels = panels();
        int legend = 0;
        for (LinePanel p : panels) {
            legend = Math.max(legend, p.legendHeight(width, height));
        }
        List<BufferedImage> images = new ArrayList<>();
        for (LinePanel p : panels) {
            images.add(p.render(width, height, legend));
        }
        return Figure.sideBySide(heading(), images);
    }

    /** The panels as an SVG document, each {@code width x height}. */
    public String svg(int width, int height) {
        return SvgFigure.of(heading(), panels(), width, height);
    }
}
