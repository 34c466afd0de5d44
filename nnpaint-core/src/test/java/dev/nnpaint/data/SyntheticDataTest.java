package dev.nnpaint.data;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticDataTest {

    @ParameterizedTest
    @EnumSource(SyntheticData.class)
    void theSameSeedGivesTheSamePointsAndAnotherSeedOthers(SyntheticData set) {
        Dataset a = set.generate(200, set.defaultNoise(), 5);
        assertThat(set.generate(200, set.defaultNoise(), 5)).isEqualTo(a);
        assertThat(set.generate(200, set.defaultNoise(), 6).features()).isNotEqualTo(a.features());
        assertThat(a.featureNames()).containsExactly("x", "y");
        assertThat(a.isClassification()).isEqualTo(!set.isRegression());
        if (a.isClassification()) {
            int[] counts = a.classCounts();
            assertThat(counts).hasSize(2);
            assertThat(Math.abs(counts[0] - counts[1])).as("balanced classes").isLessThanOrEqualTo(200 / 4);
        }
    }

    @Test
    void noiselessMoonsLieOnTheirHalfCircles() {
        Dataset moons = SyntheticData.MOONS.generate(100, 0, 1);
        for (int i = 0; i < moons.size(); i++) {
            double x = moons.feature(i, 0);
            double y = moons.feature(i, 1);
            // upper moon: unit circle around (0, 0), y >= 0; lower moon: around (1, 0.5), y <= 0.5
            double r = moons.label(i) == 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
            assertThat(r).isCloseTo(1, within(1e-6));
            assertThat(moons.label(i) == 0 ? y >= -1e-6 : y <= 0.5 + 1e-6).isTrue();
        }
    }

    @Test
    void circlesHaveRadiusOneAndOneHalf() {
        Dataset circles = SyntheticData.CIRCLES.generate(60, 0, 1);
        for (int i = 0; i < circles.size(); i++) {
            double r = Math.hypot(circles.feature(i, 0), circles.feature(i, 1));
            assertThat(r).isCloseTo(circles.label(i) == 0 ? 1 : 0.5, within(1e-6));
        }
    }

    @Test
    void xorLabelsTheQuadrantsAndTheRegressionSetsFollowTheirFormulas() {
        Dataset xor = SyntheticData.XOR.generate(100, 0, 1);
        Dataset plane = SyntheticData.PLANE.generate(100, 0, 1);
        Dataset hill = SyntheticData.HILL.generate(100, 0, 1);
        for (int i = 0; i < 100; i++) {
            double x = xor.feature(i, 0);
            double y = xor.feature(i, 1);
            assertThat(xor.label(i)).isEqualTo(x * y > 0 ? 1 : 0);
            assertThat(plane.target(i)).isCloseTo((plane.feature(i, 0) + plane.feature(i, 1)) / 2, within(1e-6f));
            double hx = hill.feature(i, 0);
            double hy = hill.feature(i, 1);
            assertThat((double) hill.target(i)).isCloseTo(Math.exp(-2 * (hx * hx + hy * hy)), within(1e-6));
        }
    }

    @Test
    void aSpiralHasOneArmPerClass() {
        Dataset spiral = SyntheticData.SPIRAL.generate(300, 0, 1, 3);
        assertThat(spiral.classes()).isEqualTo(3);
        assertThat(spiral.classCounts()).containsExactly(100, 100, 100);
        for (int i = 0; i < spiral.size(); i++) {
            assertThat(Math.hypot(spiral.feature(i, 0), spiral.feature(i, 1))).isBetween(0.0, 1.0 + 1e-6);
        }
    }

    @Test
    void badParametersAreUserErrors() {
        assertThatThrownBy(() -> SyntheticData.MOONS.generate(1, 0.1, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least 2 samples");
        assertThatThrownBy(() -> SyntheticData.MOONS.generate(100, -1, 1)).hasMessageContaining("noise");
        assertThatThrownBy(() -> SyntheticData.MOONS.generate(100, 0.1, 1, 3))
                .hasMessageContaining("--classes applies to the spiral only");
        assertThatThrownBy(() -> SyntheticData.SPIRAL.generate(100, 0.1, 1, 1)).hasMessageContaining("at least 2");
        assertThat(SyntheticData.find("Spiral")).isEqualTo(SyntheticData.SPIRAL);
        assertThat(SyntheticData.find("data.csv")).isNull();
    }
}
