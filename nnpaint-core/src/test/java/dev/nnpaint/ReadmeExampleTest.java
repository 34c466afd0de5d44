package dev.nnpaint;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java API example of README, kept compiling and working here. */
class ReadmeExampleTest {

    @Test
    void readmeJavaExampleRendersAnImageAndAFloatBuffer() {
        // --- README example start
        Recipe recipe = Recipe.builder()
                .seed(42)
                .layers(8, 16)                       // 8 hidden layers of 16 units
                .activation(Activation.TANH)
                .weights(Init.parse("normal:1"))
                .size(256, 256)
                .build();
        Model model = recipe.toModel();             // the network: weights drawn from (seed, layer, row, column)
        Renderer renderer = new Renderer(Painting.of(recipe), Runtime.getRuntime().availableProcessors());
        byte[] rgb = renderer.renderRgb();          // interleaved RGB, row 0 at the top
        float[] outputs = renderer.renderOutputs(); // raw outputs, channel-major: outputs[c * pixels + p]
        // --- README example end

        assertThat(model.layers()).hasSize(9);
        assertThat(rgb).hasSize(256 * 256 * 3);
        assertThat(outputs).hasSize(3 * 256 * 256);
        // the bytes are the outputs mapped to 0..255 (sigmoid output, rgb colour)
        int p = 128 * 256 + 77;
        assertThat(rgb[p * 3] & 0xFF).isCloseTo(Math.round(outputs[p] * 255f), org.assertj.core.data.Offset.offset(1));
    }
}
