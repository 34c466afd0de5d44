package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.recipe.RecipeFields;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code PARAM=VALUES}: one axis of a grid. */
class GridAxisTest {

    @Test
    void parsesFieldAndValuesAndKeepsItsText() {
        GridAxis s = GridAxis.parse("layers=2..30:3");
        assertThat(s.field()).isEqualTo(RecipeFields.LAYERS);
        assertThat(s.spec()).isEqualTo("layers=2..30:3");
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.label(0)).isEqualTo("2");
        assertThat(s.label(9)).isEqualTo("29");
        assertThat(s.apply(Recipe.builder(), 9).build().hidden()).hasSize(29);
    }

    @Test
    void valuesMayContainEqualsFreeColonsAndSpaces() {
        GridAxis s = GridAxis.parse(" weights = uniform:geom:0.5..1.0:6 ");
        assertThat(s.size()).isEqualTo(6);
        assertThat(s.label(5)).isEqualTo("uniform:1");
        assertThat(s.apply(Recipe.builder(), 0).build().weights().parameter()).isEqualTo(0.5);
    }

    @Test
    void equalValuesCompareByContent() {
        assertThat(GridAxis.parse("center=0,1").values()).isEqualTo(GridAxis.parse("centre=0,1").values());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "depth          | a sweep looks like PARAM=VALUES, e.g. depth=1..10; got 'depth'",
            "=1..3          | a sweep looks like PARAM=VALUES",
            "depth=         | depth: no values given",
            "size=1..3      | unknown recipe field 'size'; valid: seed, inputs, z-dim, z, hidden, depth (or layers)",
            "gain=1..10:0   | gain: the step of '1..10:0' must not be 0",
            "gain=3..1:1    | gain: '3..1:1' is an empty range",
            "seed=one       | seed: 'one' is not a number",
    })
    void refusesBadSweepsWithOneLine(String text, String message) {
        assertThatThrownBy(() -> GridAxis.parse(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
