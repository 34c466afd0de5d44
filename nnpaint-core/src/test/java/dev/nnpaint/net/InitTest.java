package dev.nnpaint.net;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InitTest {

    @ParameterizedTest
    @ValueSource(strings = {"normal:1", "normal:0.1", "uniform:3", "scaled-normal:1.5", "xavier-normal",
            "xavier-uniform", "he-normal", "he-uniform", "lecun-normal", "pytorch", "zero", "const:-0.25"})
    void parseAndToStringRoundTrip(String text) {
        assertThat(Init.parse(text).toString()).isEqualTo(text);
        assertThat(Init.parse(text.toUpperCase())).isEqualTo(Init.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gauss:1|unknown initialisation 'gauss:1'",
            "normal|needs a number",
            "pytorch:1|takes no number",
            "normal:abc|'abc' is not a number",
            "normal:-1|must not be negative",
            "uniform:NaN|finite"})
    void badTextIsRefusedWithAReadableMessage(String text, String message) {
        assertThatThrownBy(() -> Init.parse(text)).isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }

    /** Draws a fanOut x fanIn layer's weights and returns {mean, variance, max |w|}. */
    private static double[] moments(Init init, int fanIn, int fanOut) {
        KeyedRandom r = new KeyedRandom(5);
        double s1 = 0;
        double s2 = 0;
        double max = 0;
        for (int row = 0; row < fanOut; row++) {
            for (int col = 0; col < fanIn; col++) {
                double w = init.draw(r, KeyedRandom.WEIGHTS, 0, row, col, fanIn, fanOut);
                s1 += w;
                s2 += w * w;
                max = Math.max(max, Math.abs(w));
            }
        }
        double n = (double) fanIn * fanOut;
        return new double[] {s1 / n, s2 / n - (s1 / n) * (s1 / n), max};
    }

    @ParameterizedTest
    @CsvSource({
            "normal:2, 4.0",
            "uniform:3, 3.0",            // a^2 / 3
            "scaled-normal:1.5, 0.0043945", // 1.5^2 / 512
            "xavier-normal, 0.0022222",  // 2 / (512 + 388)
            "xavier-uniform, 0.0022222",
            "he-normal, 0.00390625",     // 2 / 512
            "he-uniform, 0.00390625",
            "lecun-normal, 0.001953125", // 1 / 512
            "pytorch, 0.00065104"})      // (1/sqrt(512))^2 / 3
    void largeLayersHaveTheDocumentedVariance(String spec, double variance) {
        Init init = Init.parse(spec);
        double[] m = moments(init, 512, 388);
        assertThat(m[1]).isCloseTo(variance, within(variance * 0.02));
        assertThat(m[0]).isCloseTo(0, within(Math.sqrt(variance) * 0.01));
        assertThat(init.variance(512, 388, false)).isCloseTo(variance, within(variance * 1e-4));
    }

    @Test
    void uniformKindsStayInsideTheirBounds() {
        assertThat(moments(Init.parse("uniform:3"), 300, 300)[2]).isLessThanOrEqualTo(3).isGreaterThan(2.99);
        assertThat(moments(Init.parse("pytorch"), 16, 300)[2]).isLessThanOrEqualTo(0.25).isGreaterThan(0.249);
    }

    @Test
    void scaledNormalBiasesAreNotDividedByFanIn() {
        Init init = Init.scaledNormal(0.3);
        assertThat(init.standardDeviation(100, 100, true)).isEqualTo(0.3);
        assertThat(init.standardDeviation(100, 100, false)).isCloseTo(0.03, within(1e-12));
    }

    @Test
    void constantAndZeroAreExact() {
        KeyedRandom r = new KeyedRandom(1);
        assertThat(Init.parse("const:0.5").draw(r, KeyedRandom.BIASES, 0, 3, 0, 4, 4)).isEqualTo(0.5);
        assertThat(Init.parse("zero").draw(r, KeyedRandom.WEIGHTS, 0, 3, 1, 4, 4)).isEqualTo(0.0);
    }
}
