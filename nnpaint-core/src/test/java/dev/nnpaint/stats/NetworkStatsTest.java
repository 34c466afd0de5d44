package dev.nnpaint.stats;

import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.PixelInputs;
import dev.nnpaint.paint.View;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Measurements on tiny hand-made networks over a 64 x 64 view of [-1, 1]^2, every pixel sampled: pixel column i
 * sits at x = (2 i + 1) / 64 - 1, so the mean of x^2 over the pixels is (64^2 - 1) / (3 * 64^2) = 0.33325195...
 */
class NetworkStatsTest {

    private static final View VIEW = new View(64, 64, 1, 0, 0, 0);
    private static final PixelInputs XY = new PixelInputs(List.of("x", "y"), new double[0]);
    private static final double MEAN_X_SQUARED = (64.0 * 64 - 1) / (3 * 64.0 * 64);

    private static NetworkStats measure(Layer... layers) {
        Model model = new Model(List.of("x", "y"), List.of(layers));
        PixelPairs pairs = PixelPairs.sample(VIEW, XY, 64);
        double[][] circle = PixelPairs.circle(XY, 0, 0, 0.5, 4096);
        return NetworkStats.measure(model, pairs, circle, Kernels.scalar());
    }

    /** A relu hidden layer whose unit o computes relu(w_o . (x, y) + b_o), and an identity output of one unit. */
    private static NetworkStats reluLines(float[] weights, float[] biases) {
        int units = biases.length;
        float[] ones = new float[units];
        java.util.Arrays.fill(ones, 1f);
        return measure(Layer.of(2, units, weights, biases, Activation.RELU),
                Layer.of(units, 1, ones, new float[1], Activation.IDENTITY));
    }

    @Test
    void oneReluUnitWhoseLineCrossesTheViewMakesTwoRegions() {
        assertThat(reluLines(new float[] {1, 0}, new float[] {0}).activationPatterns()).isEqualTo(2);
    }

    @Test
    void oneReluUnitWhoseLineMissesTheViewMakesOneRegion() {
        // x + 5 = 0 lies left of the view: the unit is active on every pixel
        assertThat(reluLines(new float[] {1, 0}, new float[] {5}).activationPatterns()).isEqualTo(1);
    }

    @Test
    void threeLinesInGeneralPositionMakeSevenRegions() {
        // x = 0 and y = 0 cut the view into quadrants; x + y = 0.5 crosses three of them (not x < 0, y < 0)
        float[] w = {1, 0, 0, 1, 1, 1};
        float[] b = {0, 0, -0.5f};
        assertThat(reluLines(w, b).activationPatterns()).isEqualTo(7);
    }

    @Test
    void smoothActivationsHaveNoRegionCount() {
        NetworkStats s = measure(Layer.of(2, 1, new float[] {1, 0}, new float[1], Activation.TANH),
                Layer.of(1, 1, new float[] {1}, new float[1], Activation.IDENTITY));
        assertThat(s.activationPatterns()).isEqualTo(-1);
    }

    @Test
    void identityNetworkOnXMeasuresTheGrid() {
        NetworkStats s = measure(Layer.of(2, 1, new float[] {1, 0}, new float[1], Activation.IDENTITY));
        NetworkStats.LayerStats out = s.layers().get(0);
        assertThat(out.meanSquaredPreActivation()).isCloseTo(MEAN_X_SQUARED, within(1e-6));
        assertThat(s.outputStd()[0]).isCloseTo(Math.sqrt(MEAN_X_SQUARED), within(1e-6));
        // neighbours differ by one pixel step, 2/64, so 1 - c = (2/64)^2 / (2 var x)
        double expected = 1 - (2.0 / 64) * (2.0 / 64) / (2 * MEAN_X_SQUARED);
        assertThat(s.outputNeighbourCorrelation()).isCloseTo(expected, within(1e-6));
        assertThat(s.pixels()).isEqualTo(64 * 64);
    }

    @Test
    void tanhUnitsSaturateWherePreActivationsPassAtanhOfPointNineNine() {
        // tanh(10 x): |10 x| > 2.6467 outside |x| < 0.2647, that is in 48 of the 64 columns
        NetworkStats s = measure(Layer.of(2, 1, new float[] {10, 0}, new float[1], Activation.TANH),
                Layer.of(1, 1, new float[] {1}, new float[1], Activation.IDENTITY));
        assertThat(s.layers().get(0).saturatedFraction()).isEqualTo(48.0 / 64);
        assertThat(s.layers().get(0).meanSquaredPreActivation()).isCloseTo(100 * MEAN_X_SQUARED, within(1e-4));
    }

    @Test
    void curveLengthScalesWithALinearLayer() {
        // a circle of radius 0.5 as a 4096-gon has perimeter 4096 * 2 * 0.5 * sin(pi / 4096); a layer 3 I triples it
        double polygon = 4096 * Math.sin(Math.PI / 4096);
        NetworkStats s = measure(Layer.of(2, 2, new float[] {3, 0, 0, 3}, new float[2], Activation.IDENTITY),
                Layer.of(2, 1, new float[] {1, 0}, new float[1], Activation.IDENTITY));
        assertThat(s.inputCurveLength()).isCloseTo(polygon, within(1e-5));
        assertThat(s.layers().get(0).curveLength()).isCloseTo(3 * polygon, within(3e-5));
        // projecting onto x: the curve goes from -0.5 to 0.5 and back, length 2
        assertThat(s.layers().get(1).curveLength()).isCloseTo(3 * 2.0, within(1e-4));
    }
}
