package dev.nnpaint.ops.options;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up of the painting path: it returns, and what is painted afterwards is what was painted before it. */
class KernelWarmUpTest {

    private static byte[] paint(Recipe r) {
        Painting p = Painting.of(r);
        return new Renderer(p, new Evaluator(p.model(), Kernels.fastest()), 2, Renderer.DEFAULT_TILE).renderRgb();
    }

    @Test
    void aWarmUpLeavesThePixelsOfTheNextPaintingAsTheyWere() {
        Recipe r = Recipe.builder().seed(7).size(96, 80).build();
        byte[] before = paint(r);
        KernelWarmUp.run();
        byte[] after = paint(r);
        assertThat(after).hasSize(96 * 80 * 3).isEqualTo(before);
    }

    @Test
    void theWarmUpRunsOnADaemonThreadThatEndsByItself() throws Exception {
        Thread warmUp = KernelWarmUp.start();
        assertThat(warmUp.isDaemon()).as("it never holds the JVM open").isTrue();
        // bounded by its rounds and its time budget: a deadline far beyond both, for a loaded machine
        warmUp.join(120_000);
        assertThat(warmUp.isAlive()).as("ended by itself").isFalse();
    }
}
