package dev.nnpaint.ops.figures;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expansion of recipe names, scaled sizes and the model token; the manifest's checks. */
class FigureArgumentsTest {

    private static final FigureSpec PLOT = new FigureSpec("p", "a", "t", "c", "plot",
            List.of("1d", "--config", "@r.json", "--panel-size", "{size:420x340}", "--size", "{size:100}"),
            "p.png", null);

    @Test
    void sizesScaleAndRecipesPointIntoTheGalleryFolder() {
        assertThat(FigureArguments.forDisplay(PLOT, 0.5))
                .isEqualTo("nnpaint plot 1d --config recipes/r.json --panel-size 210x170 --size 50 -o p.png");
        assertThat(FigureArguments.forRun(PLOT, Path.of("/g"), 0.1)).containsExactly("plot", "1d", "--config",
                "/g/recipes/r.json", "--panel-size", "42x34", "--size", "16", "-o", "/g/p.png");
    }

    @Test
    void theModelTokenNeedsAModelStep() {
        FigureSpec bad = new FigureSpec("m", "a", "t", "c", "render", List.of("--model", "{model}"), "m.png", null);
        assertThatThrownBy(() -> FigureArguments.forDisplay(bad, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("{model}");
    }

    @Test
    void theManifestRefusesUnknownFieldsAndArticles() {
        String article = "{\"id\": \"a\", \"title\": \"t\", \"author\": \"x\", \"url\": \"u\"}";
        String figure = "{\"id\": \"f\", \"article\": \"%s\", \"title\": \"t\", \"caption\": \"c\", "
                + "\"command\": \"render\", \"args\": [], \"output\": \"f.png\"%s}";
        String ok = "{\"articles\": [" + article + "], \"figures\": [" + String.format(figure, "a", "") + "]}";
        assertThat(Manifest.parse(ok, "m").figures()).hasSize(1);
        assertThatThrownBy(() -> Manifest.parse("{\"articles\": [" + article + "], \"figures\": ["
                + String.format(figure, "a", ", \"colour\": 1") + "]}", "m"))
                .hasMessage("m: figure 'f': unknown field 'colour'");
        assertThatThrownBy(() -> Manifest.parse("{\"articles\": [" + article + "], \"figures\": ["
                + String.format(figure, "b", "") + "]}", "m"))
                .hasMessage("m: figure 'f': unknown article 'b'");
    }
}
