package dev.nnpaint.ops.format;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipe files and PNGs written before the recipe became typed parts (the fixtures under resources/recipes, made
 * by that version's {@code nnpaint render --save-config}) still read, to the same recipe, and write back byte for
 * byte.
 */
class RecipeFilesOfVersionOneTest {

    private static final Path DIR = Path.of("src/test/resources/recipes");

    private static final Recipe RICH = Recipe.builder().seed(7).inputs(List.of("x", "y", "bias", "z"))
            .latent(2, new double[] {0.25, -1.5}).hidden(12, 7, 5)
            .activations(List.of(ActivationSpec.parse("tanh"), ActivationSpec.parse("mix:sin,gaussian")))
            .outputActivation(Activation.SIN).weights(Init.uniform(0.75)).biases(Init.parse("const:0.1"))
            .gain(1.5).size(40, 24).extent(0.25).center(0.5, -0.25).rotateDegrees(30).color("palette:viridis")
            .build();

    @Test
    void aRecipeFileReadsAndWritesBackByteForByte() throws Exception {
        String text = Files.readString(DIR.resolve("rich-v1.json"));
        Recipe r = RecipeJson.fromJson(text, "rich-v1.json");
        assertThat(r).isEqualTo(RICH);
        assertThat(RecipeJson.toJson(r)).isEqualTo(text);
    }

    @Test
    void theDefaultsWriteAsBefore() throws Exception {
        String text = Files.readString(DIR.resolve("defaults-v1.json"));
        assertThat(RecipeJson.toJson(Recipe.builder().size(16, 16).build())).isEqualTo(text);
    }

    @Test
    void aPngsEmbeddedRecipeReads() {
        ImageMetadata.Source source = ImageMetadata.read(DIR.resolve("rich-v1.png"));
        assertThat(source.recipe().build()).isEqualTo(RICH);
        assertThat(RecipeJson.toCompactJson(source.recipe().build())).isEqualTo(RecipeJson.toCompactJson(RICH));
    }
}
