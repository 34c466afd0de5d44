package dev.nnpaint.paint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ViewTest {

    private static final double EPS = 1e-12;

    @Test
    void pixelCentresSpanTheExtentLeftToRightAndYPointsUp() {
        View v = new View(4, 2, 1, 0, 0, 0);
        // u = 2 (i + 0.5) / W - 1
        assertThat(v.x(0, 0)).isCloseTo(-0.75, within(EPS));
        assertThat(v.x(3, 0)).isCloseTo(0.75, within(EPS));
        // v = (1 - 2 (j + 0.5) / H) * H / W: rows 0 and 1 of a 4x2 image sit at +0.25 and -0.25
        assertThat(v.y(0, 0)).isCloseTo(0.25, within(EPS));
        assertThat(v.y(0, 1)).isCloseTo(-0.25, within(EPS));
    }

    @Test
    void extentAndCentreScaleAndShift() {
        View v = new View(4, 2, 3, 10, -5, 0);
        assertThat(v.x(3, 0)).isCloseTo(10 + 3 * 0.75, within(EPS));
        assertThat(v.y(0, 1)).isCloseTo(-5 - 3 * 0.25, within(EPS));
    }

    @Test
    void rotationTurnsCounterClockwise() {
        View v = new View(4, 2, 1, 0, 0, Math.PI / 2);
        // the right-most column (u = 0.75, v = 0.25) turns to x = -v, y = u
        assertThat(v.x(3, 0)).isCloseTo(-0.25, within(EPS));
        assertThat(v.y(3, 0)).isCloseTo(0.75, within(EPS));
    }

    @Test
    void pixelInputsFollowTheView() {
        View v = new View(5, 3, 2, 0.5, 0.25, 0.3);
        PixelInputs in = new PixelInputs(List.of("x", "y", "r", "z0", "bias"), new double[] {0.7});
        int n = 16;
        float[] buf = new float[5 * n];
        in.fill(v, 6, 9, buf, n); // pixels 6..14: rows 1 and 2
        for (int p = 0; p < 9; p++) {
            int i = (6 + p) % 5;
            int j = (6 + p) / 5;
            double x = v.x(i, j);
            double y = v.y(i, j);
            assertThat(buf[p]).isCloseTo((float) x, within(1e-6f));
            assertThat(buf[n + p]).isCloseTo((float) y, within(1e-6f));
            assertThat(buf[2 * n + p]).isCloseTo((float) Math.hypot(x, y), within(1e-6f));
            assertThat(buf[3 * n + p]).isEqualTo(0.7f);
            assertThat(buf[4 * n + p]).isEqualTo(1f);
        }
        assertThat(buf[9]).isZero(); // padding
    }
}
