package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColorizerTest {

    private static int[] colour(String mode, float... outputs) {
        Colorizer c = Colorizer.of(mode);
        byte[] rgb = new byte[3];
        c.toRgb(outputs, 1, 1, rgb, 0);
        return new int[] {rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff};
    }

    @Test
    void rgbClampsAndRounds() {
        assertThat(colour("rgb", 0f, 0.5f, 1f)).containsExactly(0, 128, 255);
        assertThat(colour("rgb", -3f, Float.NaN, 7f)).containsExactly(0, 0, 255);
    }

    @Test
    void grayRepeatsOneOutput() {
        assertThat(colour("gray", 0.25f)).containsExactly(64, 64, 64);
    }

    @Test
    void hsvHueIsAFractionOfATurnAndWraps() {
        assertThat(colour("hsv", 0f, 1f, 1f)).containsExactly(255, 0, 0);
        assertThat(colour("hsv", 1f / 3, 1f, 1f)).containsExactly(0, 255, 0);
        assertThat(colour("hsv", 2f / 3 + 1, 1f, 1f)).containsExactly(0, 0, 255);
        assertThat(colour("hsv", 0.5f, 0f, 0.5f)).containsExactly(128, 128, 128);
    }

    @Test
    void hslReachesWhiteAtFullLightnessAndPureHueAtHalf() {
        assertThat(colour("hsl", 0f, 1f, 0.5f)).containsExactly(255, 0, 0);
        assertThat(colour("hsl", 0.3f, 1f, 1f)).containsExactly(255, 255, 255);
        assertThat(colour("hsl", 0.5f, 1f, 0.25f)).containsExactly(0, 128, 128);
    }

    @Test
    void paletteReadsOneOutput() {
        assertThat(ColorMode.parse("palette:viridis").channels()).isEqualTo(1);
        int[] low = colour("palette:viridis", 0f);
        int[] high = colour("palette:viridis", 1f);
        assertThat(low).isNotEqualTo(high);
        assertThatThrownBy(() -> ColorMode.parse("palette:nope")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("viridis");
    }
}
