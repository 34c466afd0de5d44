package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.train.FitModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void aModelTravelsCompactlyInAChunkOfItsOwnAndTheTextStaysSmall() throws Exception {
        Recipe recipe = Recipe.builder().hidden(500, 500).build(); // 250,000 weights in the middle layer
        Model model = recipe.toModel();
        Path file = png("big.png", ImageMetadata.describeModel(recipe, model, null));
        String text = PngText.read(file).get(ImageMetadata.KEY);
        assertThat(text).contains("\"model_chunk\":\"npMd\"").contains("\"model_sha256\":")
                .doesNotContain("\"model\":");
        assertThat(text.length()).isLessThan(2000);
        Map<String, Integer> chunks = PngChunks.largest(file);
        assertThat(chunks.get("iTXt")).isLessThan(2000);
        // float32 of about 252,000 weights and biases: 4 bytes each at most, after compression
        assertThat(chunks.get("npMd")).isBetween(500_000, 4 * 252_000 + 1000);
        assertThat(ImageMetadata.read(file).model().model()).isEqualTo(model);
    }

    @Test
    void aModelTooLargeToEmbedGoesBesideTheImageAndMovesWithIt() throws Exception {
        Recipe recipe = Recipe.builder().hidden(1100, 1000).build(); // 1.1 million weights: 4.4 MB of float32
        Model model = recipe.toModel();
        Path file = png("huge.png", ImageMetadata.describeModel(recipe, model, null));
        String text = PngText.read(file).get(ImageMetadata.KEY);
        assertThat(text).contains("\"model_sidecar\":\"model-").doesNotContain("model_chunk");
        assertThat(PngChunks.largest(file)).doesNotContainKey("npMd");
        Path sidecar;
        try (var files = Files.list(dir)) {
            sidecar = files.filter(f -> f.getFileName().toString().endsWith(".npmodel")).findFirst().orElseThrow();
        }
        assertThat(text).contains(sidecar.getFileName().toString());

        // the image and its sidecar moved together still paint
        Path moved = Files.createDirectory(dir.resolve("elsewhere"));
        Files.move(file, moved.resolve("huge.png"));
        Files.move(sidecar, moved.resolve(sidecar.getFileName()));
        assertThat(ImageMetadata.read(moved.resolve("huge.png")).model().model()).isEqualTo(model);

        Files.delete(moved.resolve(sidecar.getFileName()));
        assertThatThrownBy(() -> ImageMetadata.read(moved.resolve("huge.png"))).isInstanceOf(BadInputException.class)
                .hasMessage("'" + moved.resolve("huge.png") + "' keeps its model in '" + sidecar.getFileName()
                        + "' beside it, which is missing: copy that file next to the image");
    }

    @Test
    void anEncodedModelTravelsInsideTheImageWithItsEncodingAndTables() {
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(3, 2).build();
        for (Encoding encoding : List.of(new Encoding.Gaussian(8, 3, 2), new Encoding.Hash(4, 2, 8, 4, 64))) {
            Model model = FitModels.build(encoding, new int[] {6}, Activation.RELU, 0, Activation.SIGMOID, 3, 4);
            Path file = png(encoding.spec().replace(':', '-') + ".png", ImageMetadata.describeModel(view, model, null));
            assertThat(PngText.read(file).get(ImageMetadata.KEY)).contains("\"model_chunk\":\"npMd\"");
            assertThat(ImageMetadata.read(file).model().model()).as(encoding.spec()).isEqualTo(model);
        }
    }

    @Test
    void aHashGridTooLargeToEmbedGoesBesideTheImageWithItsTables() throws Exception {
        // two levels of 2^19 entries of 2 features: 2.1 million numbers, 8 MB of float32
        Model model = FitModels.build(new Encoding.Hash(2, 2, 19, 1024, 2048), new int[] {4}, Activation.RELU, 0,
                Activation.SIGMOID, 3, 4);
        assertThat(ModelBinary.parameterCount(model) * 4).isGreaterThan(ImageMetadata.EMBED_LIMIT_BYTES);
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(3, 2).build();
        Path file = png("grid.png", ImageMetadata.describeModel(view, model, null));
        assertThat(PngText.read(file).get(ImageMetadata.KEY)).contains("\"model_sidecar\":\"model-");
        assertThat(PngChunks.largest(file)).doesNotContainKey("npMd");
        ImageMetadata.Source source = ImageMetadata.read(file);
        assertThat(source.model().model()).isEqualTo(model);
        assertThat(source.modelPath().getFileName().toString()).endsWith(".npmodel");
        assertThat(ModelFiles.read(source.modelPath()).model()).isEqualTo(model);
    }

    @Test
    void anImageWrittenBeforeTheCompactFormStillReads() throws Exception {
        // made by the previous release: the model inline as JSON in the text chunk
        Path old = Path.of(getClass().getResource("/legacy/inline-model.png").toURI());
        Model tiny = ModelJson.read(Path.of(getClass().getResource("/legacy/tiny.json").toURI())).model();
        assertThat(PngText.read(old).get(ImageMetadata.KEY)).contains("\"model\":{");
        assertThat(ImageMetadata.read(old).model().model()).isEqualTo(tiny);
    }

    @Test
    void anOldReferenceByPathAndChecksumStillReads() throws Exception {
        // what the previous release wrote for a model file of more than 200,000 weights
        Model model = Recipe.builder().hidden(5, 5).build().toModel();
        Path modelFile = dir.resolve("big.json");
        ModelJson.write(modelFile, model, "rgb");
        String old = "{\"format\":\"nnpaint.image/1\",\"view\":{\"width\":3,\"height\":2,\"color\":\"rgb\"},"
                + "\"model_file\":\"" + modelFile.toAbsolutePath().toString().replace("\\", "\\\\") + "\","
                + "\"model_sha256\":\"" + ImageMetadata.sha256(modelFile) + "\"}";
        Path file = png("old.png", Map.of(ImageMetadata.KEY, old));
        assertThat(ImageMetadata.read(file).model().model()).isEqualTo(model);
        Files.writeString(modelFile, Files.readString(modelFile).replaceFirst("\\d", "7"));
        assertThatThrownBy(() -> ImageMetadata.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("big.json").hasMessageContaining("has changed since");
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
