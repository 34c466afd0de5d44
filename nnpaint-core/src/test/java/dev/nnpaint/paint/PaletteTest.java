package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PaletteTest {

    @Test
    void listsEveryMapInOrder() {
        assertThat(Palette.names()).containsExactly(
                "viridis", "magma", "inferno", "plasma", "cividis", "twilight", "turbo", "gray");
    }

    // First and last entries of matplotlib's published tables, as floats on [0, 1].
    @ParameterizedTest
    @CsvSource({
            "viridis,  0.267004, 0.004874, 0.329415, 0.993248, 0.906157, 0.143936",
            "magma,    0.001462, 0.000466, 0.013866, 0.987053, 0.991438, 0.749504",
            "inferno,  0.001462, 0.000466, 0.013866, 0.988362, 0.998364, 0.644924",
            "plasma,   0.050383, 0.029803, 0.527975, 0.940015, 0.975158, 0.131326",
            "cividis,  0.000000, 0.135112, 0.304751, 0.995737, 0.909344, 0.217772",
            "twilight, 0.885750, 0.850009, 0.887974, 0.885712, 0.850022, 0.885725",
            "turbo,    0.18995,  0.07176,  0.23217,  0.4796,   0.01583,  0.01055",
            "gray,     0,        0,        0,        1,        1,        1"})
    void endpointsAreTheFirstAndLastPublishedColours(String name, double r0, double g0, double b0,
            double r1, double g1, double b1) {
        Palette palette = Palette.named(name);
        assertThat(colour(palette, 0f)).containsExactly(toByte(r0), toByte(g0), toByte(b0));
        assertThat(colour(palette, 1f)).containsExactly(toByte(r1), toByte(g1), toByte(b1));
    }

    // Entry 128 of each 256-entry table is one of the stored samples, so it comes back exactly.
    @ParameterizedTest
    @CsvSource({
            "viridis, 0.127568, 0.566949, 0.550556",
            "magma,   0.716387, 0.214982, 0.475290",
            "inferno, 0.735683, 0.215906, 0.330245",
            "plasma,  0.798216, 0.280197, 0.469538",
            "cividis, 0.488697, 0.485318, 0.471008",
            "turbo,   0.64362,  0.98999,  0.23356"})
    void middleEntryMatchesThePublishedTable(String name, double r, double g, double b) {
        assertThat(colour(Palette.named(name), 128 / 255f)).containsExactly(toByte(r), toByte(g), toByte(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"viridis", "magma", "inferno", "plasma", "cividis"})
    void sequentialMapsGetLighterAlongTheWholeTable(String name) {
        Palette palette = Palette.named(name);
        double[] lightness = new double[256];
        for (int i = 0; i < 256; i++) {
            lightness[i] = lightness(colour(palette, i / 255f));
        }
        for (int i = 0; i < 255; i++) {
            // Byte rounding can dip a neighbour by a few hundredths of a unit of L*, never more.
            assertThat(lightness[i + 1] - lightness[i]).as("%s step %d", name, i).isGreaterThan(-0.1);
        }
        for (int i = 0; i + 8 < 256; i += 8) {
            assertThat(lightness[i + 8] - lightness[i]).as("%s span at %d", name, i).isGreaterThan(1.0);
        }
        assertThat(lightness[255] - lightness[0]).isGreaterThan(70.0);
    }

    @Test
    void twilightIsCyclicWithItsDarkestColourInTheMiddle() {
        Palette twilight = Palette.named("twilight");
        assertThat(colour(twilight, 0f)).containsExactly(colour(twilight, 1f));
        // Source entry 255 of 0..509 is the middle sample [0.184880, 0.079426, 0.213077] = (47, 20, 54).
        int[] middle = colour(twilight, 0.5f);
        assertThat(middle[0]).isCloseTo(47, within(2));
        assertThat(middle[1]).isCloseTo(20, within(2));
        assertThat(middle[2]).isCloseTo(54, within(2));
        assertThat(lightness(colour(twilight, 0f)) - lightness(middle)).isGreaterThan(70.0);
    }

    @Test
    void clampsOutOfRangeInputsToTheEnds() {
        Palette magma = Palette.named("magma");
        assertThat(colour(magma, -3f)).containsExactly(colour(magma, 0f));
        assertThat(colour(magma, 7f)).containsExactly(colour(magma, 1f));
        assertThat(colour(magma, Float.NaN)).containsExactly(colour(magma, 0f));
    }

    @Test
    void grayIsALinearRamp() {
        assertThat(colour(Palette.named("gray"), 0.25f)).containsExactly(64, 64, 64);
        assertThat(colour(Palette.named("gray"), 0.5f)).containsExactly(128, 128, 128);
    }

    @Test
    void unknownNameListsTheValidNames() {
        assertThatThrownBy(() -> Palette.named("jet"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'jet'")
                .hasMessageContaining("viridis, magma, inferno, plasma, cividis, twilight, turbo, gray");
    }

    @Test
    void writesAtTheGivenOffset() {
        byte[] rgb = new byte[5];
        Palette.named("viridis").rgb(0f, rgb, 2);
        assertThat(rgb).containsExactly(0, 0, 0x44, 0x01, 0x54);
    }

    private static int toByte(double v) {
        return (int) Math.round(255 * v);
    }

    private static int[] colour(Palette palette, float t) {
        byte[] rgb = new byte[3];
        palette.rgb(t, rgb, 0);
        return new int[] {rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff};
    }

    /** CIE L* of an sRGB colour (D65 white). */
    private static double lightness(int[] rgb) {
        double y = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
        double f = y > 216.0 / 24389 ? Math.cbrt(y) : (24389.0 / 27 * y + 16) / 116;
        return 116 * f - 16;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @org.junit.jupiter.api.Test
    void colourStopsAreInterpolatedInOklabAndHitTheStopsExactly() {
        Palette p = Palette.of("#0b0b3b,#ff8800,#ffffff");
        byte[] rgb = new byte[3];
        p.rgb(0f, rgb, 0);
        org.assertj.core.api.Assertions.assertThat(rgb).containsExactly(0x0b, 0x0b, 0x3b);
        p.rgb(1f, rgb, 0);
        org.assertj.core.api.Assertions.assertThat(rgb).containsExactly((byte) 0xff, (byte) 0xff, (byte) 0xff);
        p.rgb(0.5f, rgb, 0); // entry 128 of 255: just past the middle stop
        float[] mid = new float[3];
        p.color(127.5f / 255f, mid, 0);
        org.assertj.core.api.Assertions.assertThat(mid[0]).isCloseTo(1f, org.assertj.core.api.Assertions.within(0.02f));
        // Halfway from black to white in Oklab is lighter than the sRGB midpoint would be in linear light.
        Palette bw = Palette.of("#000000,#ffffff");
        float[] half = new float[3];
        bw.color(0.5f, half, 0);
        float[] lab = new float[3];
        Oklab.fromSrgb(half[0] * 255.0, half[1] * 255.0, half[2] * 255.0, lab, 0);
        org.assertj.core.api.Assertions.assertThat(lab[0]).isCloseTo(0.5f, org.assertj.core.api.Assertions.within(0.01f));
    }

    @org.junit.jupiter.api.Test
    void colourStopsAreCheckedAndWrittenCanonically() {
        org.assertj.core.api.Assertions.assertThat(ColorMode.parse("palette:#0B0B3B, #FF8800").toString())
                .isEqualTo("palette:#0b0b3b,#ff8800");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColorMode.parse("palette:#000000"))
                .isInstanceOf(dev.nnpaint.BadInputException.class).hasMessageContaining("2 to 64 colours");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColorMode.parse("palette:#000000,#12345"))
                .isInstanceOf(dev.nnpaint.BadInputException.class)
                .hasMessage("palette colour '#12345' is not of the form #rrggbb (as in palette:#0b0b3b,#ff8800,#ffffff)");
    }
}
