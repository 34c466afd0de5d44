package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recipe (and model, or a reference to it) that every PNG carries, written and read back through the file. */
class ImageMetadataTest {

    @TempDir
    Path dir;

    private Path png(String name, Map<String, String> text) {
        Path file = dir.resolve(name);
        PngWriter.write(file, 3, 2, new byte[18], text);
        return file;
    }

    @Test
    void aRecipeTravelsInTheImageAndComesBackEqual() {
        Recipe recipe = RecipeJsonTest.RICH;
        Path file = png("art.png", ImageMetadata.describe(recipe, null, null));
        String text = PngText.read(file).get(ImageMetadata.KEY);
        assertThat(text).startsWith("{\"format\":\"nnpaint.image/1\",\"recipe\":{\"format\":\"nnpaint.recipe/1\"")
                .doesNotContain("\"model\"");
        ImageMetadata.Source source = ImageMetadata.read(file);
        assertThat(source.recipe().build()).isEqualTo(recipe);
        assertThat(source.model()).isNull();
        assertThat(source.modelPath()).isNull();
    }

    @Test
    void aSmallModelTravelsInsideTheImageBitForBit() {
        Recipe recipe = Recipe.builder().seed(3).hidden(9, 4).color("hsv").build();
        Model model = recipe.toModel();
        Path file = png("model.png", ImageMetadata.describe(recipe, model, dir.resolve("m.json")));
        ImageMetadata.Source source = ImageMetadata.read(file);
        assertThat(source.model().model()).isEqualTo(model);
        assertThat(source.model().color()).isEqualTo("hsv");
        assertThat(source.recipe().build()).isEqualTo(recipe);
    }

    @Test
    void aLargeModelIsReferencedByPathAndChecksum() throws Exception {
        Recipe recipe = Recipe.builder().hidden(500, 500).build(); // 250,000 weights in the middle layer
        Model model = recipe.toModel();
        Path modelFile = dir.resolve("big.json");
        ModelJson.write(modelFile, model, "rgb");
        Path file = png("big.png", ImageMetadata.describe(recipe, model, modelFile));
        String text = PngText.read(file).get(ImageMetadata.KEY);
        assertThat(text).contains("\"model_file\":").contains("\"model_sha256\":").doesNotContain("\"model\":");
        assertThat(text.length()).isLessThan(2000);

        ImageMetadata.Source source = ImageMetadata.read(file);
        assertThat(source.model().model()).isEqualTo(model);
        assertThat(source.modelPath()).isEqualTo(modelFile.toAbsolutePath().normalize());

        Files.writeString(modelFile, Files.readString(modelFile).replaceFirst("\\d", "7"));
        assertThatThrownBy(() -> ImageMetadata.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("big.json").hasMessageContaining("has changed since");
        Files.delete(modelFile);
        assertThatThrownBy(() -> ImageMetadata.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("big.json").hasMessageContaining("cannot be read");
    }

    @Test
    void anImageWithoutARecipeIsRefusedByName() {
        Path plain = png("plain.png", Map.of("Software", "something else"));
        assertThatThrownBy(() -> ImageMetadata.read(plain)).isInstanceOf(BadInputException.class)
                .hasMessage("'" + plain + "' carries no nnpaint recipe (it was not written by nnpaint)");
    }

    @Test
    void foreignOrBrokenMetadataIsRefusedByName() {
        Path grid = png("grid.png", Map.of(ImageMetadata.KEY, "{\"format\": \"nnpaint.grid/1\"}"));
        assertThatThrownBy(() -> ImageMetadata.read(grid)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("grid sheet");
        Path future = png("future.png", Map.of(ImageMetadata.KEY, "{\"format\": \"nnpaint.image/9\"}"));
        assertThatThrownBy(() -> ImageMetadata.read(future)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("future.png").hasMessageContaining("nnpaint.image/9");
        Path broken = png("broken.png", Map.of(ImageMetadata.KEY, "{\"format\": "));
        assertThatThrownBy(() -> ImageMetadata.read(broken)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("broken.png").hasMessageContaining("invalid JSON");
        Path badRecipe = png("bad.png", Map.of(ImageMetadata.KEY,
                "{\"format\": \"nnpaint.image/1\", \"recipe\": {\"hidden\": [4, 0]}}"));
        assertThatThrownBy(() -> ImageMetadata.read(badRecipe)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bad.png (recipe): hidden[1]");
    }

    @Test
    void aFileThatIsNotAPngOrIsDamagedIsRefusedByName() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> ImageMetadata.read(text)).isInstanceOf(BadInputException.class)
                .hasMessage(text + ": not a PNG file");
        Path good = png("good.png", ImageMetadata.describe(Recipe.defaults(), null, null));
        byte[] bytes = Files.readAllBytes(good);
        bytes[60] ^= 0x20; // inside the text chunk
        Path damaged = dir.resolve("damaged.png");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> ImageMetadata.read(damaged)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("damaged.png").hasMessageContaining("CRC");
        assertThatThrownBy(() -> ImageMetadata.read(dir.resolve("gone.png"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gone.png");
    }
}
