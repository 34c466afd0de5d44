package dev.nnpaint.ops.anim;

import dev.nnpaint.paint.Oklab;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptivePaletteTest {

    @Test
    void theLightnessOrderedSearchFindsTheSameNearestColourAsTheFullSearch() {
        AdaptivePalette palette = AdaptivePalette.of(DitherQualityTest.smoothGradient(),
                DitherQualityTest.W * DitherQualityTest.H);
        assertThat(palette.size()).isEqualTo(256);
        Random random = new Random(11);
        float[] q = new float[3];
        for (int i = 0; i < 20_000; i++) {
            Oklab.fromSrgb(random.nextInt(256), random.nextInt(256), random.nextInt(256), q, 0);
            int fast = palette.nearestLab(q[0], q[1], q[2]);
            int full = palette.nearestLabByFullSearch(q[0], q[1], q[2]);
            // equal, or a tie at the same distance
            assertThat(distance(palette, fast, q)).as("query %d", i).isEqualTo(distance(palette, full, q));
        }
    }

    @Test
    void aPaletteSpansTheImagesColoursAndKeepsItsExtremes() {
        byte[] rgb = DitherQualityTest.smoothGradient();
        AdaptivePalette palette = AdaptivePalette.of(rgb, DitherQualityTest.W * DitherQualityTest.H);
        // the gradient's red runs from 40 to 240: the palette reaches close to both ends
        int minRed = 255;
        int maxRed = 0;
        for (int i = 0; i < palette.size(); i++) {
            int red = palette.color(i) >> 16 & 0xff;
            minRed = Math.min(minRed, red);
            maxRed = Math.max(maxRed, red);
        }
        assertThat(minRed).isBetween(40, 50);
        assertThat(maxRed).isBetween(230, 240);
    }

    private static float distance(AdaptivePalette palette, int index, float[] q) {
        float[] lab = new float[3];
        int c = palette.color(index);
        Oklab.fromSrgb(c >> 16 & 0xff, c >> 8 & 0xff, c & 0xff, lab, 0);
        float dl = lab[0] - q[0];
        float da = lab[1] - q[1];
        float db = lab[2] - q[2];
        return dl * dl + da * da + db * db;
    }
}
