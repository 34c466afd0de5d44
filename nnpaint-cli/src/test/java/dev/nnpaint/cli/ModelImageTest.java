package dev.nnpaint.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.PngText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PNG of a trained network carries the network and the view it was painted with, not a recipe of some
 * other network, and {@code render --from} paints it again.
 */
class ModelImageTest {

    @TempDir
    Path dir;

    private Path trainedModel() {
        Path out = dir.resolve("moons");
        assertThat(Main.run("train", "--quiet", "--data", "moons", "--samples", "200", "--epochs", "20",
                "--threads", "1", "--out", out.toString())).isZero();
        return out.resolve("model.json");
    }

    @Test
    void aTrainedModelsImageCarriesTheModelAndItsViewAndNoRecipe() throws Exception {
        Path png = dir.resolve("model.png");
        assertThat(Main.run("render", "--quiet", "--threads", "2", "--model", trainedModel().toString(),
                "--size", "48x32", "--extent", "1.5", "--center", "0.5,0.25", "-o", png.toString())).isZero();

        JsonNode doc = new ObjectMapper().readTree(PngText.read(png).get(ImageMetadata.KEY));
        assertThat(doc.has("recipe")).isFalse();
        assertThat(doc.has("model")).isTrue();
        JsonNode view = doc.get("view");
        assertThat(view.get("width").asInt()).isEqualTo(48);
        assertThat(view.get("height").asInt()).isEqualTo(32);
        assertThat(view.get("extent").asDouble()).isEqualTo(1.5);
        assertThat(view.get("center").get(0).asDouble()).isEqualTo(0.5);
        assertThat(view.get("center").get(1).asDouble()).isEqualTo(0.25);
        assertThat(view.get("color").asText()).isEqualTo("palette:viridis");
        assertThat(doc.get("model").get("color").asText()).isEqualTo("palette:viridis");
    }

    @Test
    void renderFromATrainedModelsImagePaintsTheSamePixels() throws Exception {
        Path png = dir.resolve("model.png");
        assertThat(Main.run("render", "--quiet", "--threads", "2", "--model", trainedModel().toString(),
                "--size", "40", "--zoom", "0.5", "-o", png.toString())).isZero();
        Path again = dir.resolve("again.png");
        assertThat(Main.run("render", "--quiet", "--threads", "2", "--from", png.toString(), "-o",
                again.toString())).isZero();

        BufferedImage a = ImageIO.read(png.toFile());
        BufferedImage b = ImageIO.read(again.toFile());
        assertThat(b.getWidth()).isEqualTo(40);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                assertThat(b.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(a.getRGB(x, y));
            }
        }
        assertThat(PngText.read(again).get(ImageMetadata.KEY)).isEqualTo(PngText.read(png).get(ImageMetadata.KEY));
    }
}
