package dev.nnpaint;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.train.Architecture;
import dev.nnpaint.train.History;
import dev.nnpaint.train.Optimizer;
import dev.nnpaint.train.TrainSettings;
import dev.nnpaint.train.Trainer;
import dev.nnpaint.train.TrainingResult;
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

    @Test
    void readmeTrainingExampleLearnsTheMoons() {
        // --- README training example start
        Dataset all = SyntheticData.MOONS.generate(1000, 0.2, 1);          // samples, noise, seed
        Dataset.Split split = all.split(0.1, 1);                            // 10% held out for testing
        Model initial = Architecture.parse("2-25-50-50-25-1", "relu", "sigmoid")
                .build(all.featureNames(), 1, Init.parse("he-normal"), Init.parse("zero"));
        TrainSettings settings = TrainSettings.defaults()
                .withOptimizer(Optimizer.adam(0.01)).withBatchSize(32).withEpochs(100);
        TrainingResult result = new Trainer(initial, split.train(), split.test(), settings)
                .run(history -> { });                                       // called after every epoch
        History.Row last = result.history().last();                        // losses and accuracies
        Model trained = result.model();                                     // paint it, save it, ...
        // --- README training example end

        assertThat(last.epoch()).isEqualTo(100);
        assertThat(last.testAccuracy()).isGreaterThan(0.95);
        assertThat(trained.layers()).hasSize(5);
    }
}
