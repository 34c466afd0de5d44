package dev.nnpaint.ops.sheet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sheet headers: a kind that every value shares moves into the title, so narrow cells show what differs. */
class AxisLabelsTest {

    @Test
    void sharedKindMovesIntoTheTitle() {
        AxisLabels a = AxisLabels.of("weights", List.of("scaled-normal:1", "scaled-normal:1.5", "scaled-normal:2"));
        assertThat(a.title()).isEqualTo("weights (scaled-normal)");
        assertThat(a.labels()).containsExactly("1", "1.5", "2");
        AxisLabels p = AxisLabels.of("color", List.of("palette:viridis", "palette:magma"));
        assertThat(p.title()).isEqualTo("color (palette)");
        assertThat(p.labels()).containsExactly("viridis", "magma");
    }

    @Test
    void labelsStayWholeWhenTheyDifferInKindOrHaveNoKind() {
        assertThat(AxisLabels.of("weights", List.of("normal:1", "uniform:1")).labels())
                .containsExactly("normal:1", "uniform:1");
        assertThat(AxisLabels.of("weights", List.of("normal:1", "he-normal")).title()).isEqualTo("weights");
        assertThat(AxisLabels.of("seed", List.of("1", "2")).labels()).containsExactly("1", "2");
        AxisLabels one = AxisLabels.of("weights", List.of("uniform:3"));
        assertThat(one.title()).isEqualTo("weights");
        assertThat(one.labels()).containsExactly("uniform:3");
        assertThat(AxisLabels.of("color", List.of("palette:", "palette:viridis")).title()).isEqualTo("color");
    }

    @Test
    void aLabelTooWideLosesItsMiddleSoThatTheEndsWhereValuesDifferStay() {
        // one unit of width a character
        java.util.function.ToIntFunction<String> chars = String::length;
        assertThat(ContactSheet.fit("scaled-normal:1.5", chars, 17)).isEqualTo("scaled-normal:1.5");
        assertThat(ContactSheet.fit("scaled-normal:1.5", chars, 12)).isEqualTo("scal\u2026mal:1.5");
        assertThat(ContactSheet.fit("scaled-normal:2", chars, 12)).isEqualTo("scal\u2026ormal:2");
        assertThat(ContactSheet.fit("scaled-normal:2", chars, 3)).isEqualTo("s\u20262");
        assertThat(ContactSheet.fit("scaled-normal:2", chars, 0)).isEqualTo("\u2026");
    }
}
