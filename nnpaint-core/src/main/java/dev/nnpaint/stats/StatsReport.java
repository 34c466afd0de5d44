package dev.nnpaint.stats;

import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.PixelInputs;
import dev.nnpaint.paint.View;
import dev.nnpaint.theory.LayerScale;
import dev.nnpaint.theory.MeanField;
import dev.nnpaint.theory.NetworkPrediction;

import java.util.List;

/**
 * Everything {@code nnpaint stats} shows for one network: the measurements, the mean-field prediction beside
 * them (null when the network has no sigma_w, with {@code theoryNote} saying why), the edge of chaos of the
 * governing map, and the verdicts.
 *
 * @param measured        statistics over the image's pixels
 * @param predicted       the mean-field prediction, or null
 * @param theoryNote      why there is no prediction, or a caveat about it (mixed activations), or null
 * @param criticalSigmaW  sigma_w of the edge of chaos for the governing map's activation and sigma_b (NaN if none)
 * @param curveRadius     radius of the circle whose length is followed through the layers, in input units
 * @param verdicts        plain-language readings, the main one first
 */
public record StatsReport(NetworkStats measured, NetworkPrediction predicted, String theoryNote,
                         double criticalSigmaW, double curveRadius, List<Verdict> verdicts) {

    /** Points on the circle whose image's length is measured (Raghu et al. 2017). */
    public static final int CURVE_POINTS = 4096;
    /** Pixel pairs the prediction is averaged over: the maps cost far more per pixel than a forward pass. */
    static final int THEORY_PIXELS = 16;

    public StatsReport {
        verdicts = List.copyOf(verdicts);
    }

    /** The report for a recipe's own network, measured on a grid of up to {@code across} pixels per row. */
    public static StatsReport of(Recipe recipe, int across, Kernel kernel) {
        Painting painting = Painting.of(recipe);
        String reason = LayerScale.notApplicable(recipe);
        List<LayerScale> scales = reason == null ? LayerScale.of(recipe) : null;
        String note = reason;
        if (reason == null && recipe.activations().stream().anyMatch(a -> a.isMix())) {
            note = "mixed activations: the prediction averages over the mix, as an infinitely wide layer would";
        }
        return of(painting.model(), painting.inputs(), painting.view(), scales, note, across, kernel);
    }

    /**
     * The report for any model on a view; {@code scales} (null for none) are the layers' sigma_w and sigma_b,
     * one per model layer.
     */
    public static StatsReport of(Model model, PixelInputs inputs, View view, List<LayerScale> scales, String note,
                                 int across, Kernel kernel) {
        PixelPairs pairs = PixelPairs.sample(view, inputs, across);
        double radius = 0.5 * view.extent() * Math.min(1, (double) view.height() / view.width());
        double[][] curve = PixelPairs.circle(inputs, view.centerX(), view.centerY(), radius, CURVE_POINTS);
        NetworkStats measured = NetworkStats.measure(model, pairs, curve, kernel);
        NetworkPrediction predicted = null;
        double critical = Double.NaN;
        if (scales != null) {
            if (scales.size() != model.layers().size()) {
                throw new IllegalArgumentException(scales.size() + " scales for " + model.layers().size() + " layers");
            }
            int n = Math.min(THEORY_PIXELS, pairs.count());
            double[][] pixels = new double[n][];
            double[][] neighbours = new double[n][];
            for (int i = 0; i < n; i++) {
                // spread over the grid: pair indices i * count / n, with an odd offset so rows do not align
                int p = (int) (((long) i * pairs.count() + pairs.count() / (2 * n)) / n);
                pixels[i] = pairs.pixels()[p];
                neighbours[i] = pairs.neighbours()[p];
            }
            predicted = NetworkPrediction.predict(scales, pixels, neighbours);
            NetworkPrediction.MapSummary map = predicted.governing();
            if (map != null) {
                critical = MeanField.criticalSigmaW(map.phi(), map.sigmaB());
            }
        }
        return new StatsReport(measured, predicted, note, critical, radius,
                Verdict.of(measured, predicted, critical));
    }
}
