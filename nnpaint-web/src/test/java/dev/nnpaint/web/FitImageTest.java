package dev.nnpaint.web;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fit view's images: shrinking by averaging, the kept size, grey or colour, the samples. */
class FitImageTest {

    @Test
    void shrinkingAveragesThePixelsEachNewPixelCovers() {
        // 4 x 2 grey: left half 0 and 1/2, right half 1 -> 2 x 1
        float[] src = {0f, 0.5f, 1f, 1f, 0.5f, 0f, 1f, 1f};
        float[] out = FitImage.shrink(src, 4, 2, 1, 2, 1);
        assertThat(out).containsExactly(0.25f, 1f);
        // colour: each channel on its own
        float[] rgb = {1f, 0f, 0f, 0f, 1f, 0f};
        assertThat(FitImage.shrink(rgb, 2, 1, 3, 1, 1)).containsExactly(0.5f, 0.5f, 0f);
    }

    @Test
    void fittingKeepsTheAspectAndTheOriginalSize() {
        FitImage wide = new FitImage("wide", 300, 100, 1, new float[300 * 100], 600, 200);
        FitImage fitted = wide.fitTo(128);
        assertThat(fitted.width()).isEqualTo(128);
        assertThat(fitted.height()).isEqualTo(43);
        assertThat(fitted.originalWidth()).isEqualTo(600);
        assertThat(fitted.scaled()).isTrue();
        assertThat(wide.fitTo(300)).isSameAs(wide);
    }

    @Test
    void aGreyPngIsOneChannelAndAColourOneThree() throws Exception {
        FitImage grey = FitImage.decode("g.png", FitApiTest.png(20, 10, true));
        assertThat(grey.channels()).isEqualTo(1);
        assertThat(grey.values()).hasSize(200);
        FitImage colour = FitImage.decode("c.png", FitApiTest.png(20, 10, false));
        assertThat(colour.channels()).isEqualTo(3);
        assertThat(colour.scaled()).isFalse();
        // the disc's colour in the middle, as drawn
        int p = 5 * 20 + 10;
        assertThat(colour.values()[3 * p]).isEqualTo(240 / 255f);
        assertThat(colour.rgb()[3 * p + 1]).isEqualTo((byte) 60);
    }

    @Test
    void aLargeImageIsShrunkToTheLongestKeptSide() throws Exception {
        FitImage big = FitImage.decode("big.png", FitApiTest.png(1100, 700, false));
        assertThat(big.width()).isEqualTo(FitImage.MAX_SIDE);
        assertThat(big.height()).isEqualTo(Math.round(700 * FitImage.MAX_SIDE / 1100f));
        assertThat(big.originalWidth()).isEqualTo(1100);
        assertThat(big.originalHeight()).isEqualTo(700);
    }

    @Test
    void theSamplesArePicturesWithDetail() {
        for (String name : FitImage.SAMPLES) {
            FitImage s = FitImage.sample(name);
            assertThat(s.channels()).as(name).isEqualTo(3);
            Set<Integer> colours = new HashSet<>();
            byte[] rgb = s.rgb();
            for (int p = 0; p < s.width() * s.height(); p++) {
                colours.add((rgb[3 * p] & 255) << 16 | (rgb[3 * p + 1] & 255) << 8 | (rgb[3 * p + 2] & 255));
            }
            assertThat(colours.size()).as(name + ": distinct colours").isGreaterThan(200);
        }
        assertThat(FitImage.sample("shapes").width()).isEqualTo(128);
        assertThat(FitImage.sample("astronaut").width()).isEqualTo(64);
        assertThatThrownBy(() -> FitImage.sample("mona")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("astronaut, shapes");
    }
}
