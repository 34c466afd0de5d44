package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code --vary PARAM=FROM..TO}: a field moving continuously through an animation. */
class VaryTest {

    @Test
    void gainMovesLinearly() {
        Vary v = Vary.parse("gain=0.5..2");
        assertThat(v.geometric()).isFalse();
        assertThat(v.valueAt(0)).containsExactly(0.5);
        assertThat(v.valueAt(0.5)).containsExactly(1.25);
        assertThat(v.valueAt(1)).containsExactly(2);
        assertThat(v.apply(Recipe.builder(), 0.5).build().gain()).isEqualTo(1.25);
    }

    @Test
    void zoomAndExtentMoveGeometricallyUnlessToldOtherwise() {
        Vary zoom = Vary.parse("zoom=1..100");
        assertThat(zoom.geometric()).isTrue();
        assertThat(zoom.valueAt(0.5)[0]).isCloseTo(10, within(1e-12));
        assertThat(zoom.apply(Recipe.builder(), 0.5).build().extent()).isCloseTo(0.1, within(1e-12));
        assertThat(Vary.parse("extent=lin:1..3").valueAt(0.5)).containsExactly(2);
        assertThat(Vary.parse("gain=geom:1..4").valueAt(0.5)[0]).isCloseTo(2, within(1e-12));
    }

    /** Seeded: geometric values keep a constant ratio per unit of t; linear ones a constant difference. */
    @Test
    void valuesBetweenTheEndsFollowTheirLaw() {
        Random random = new Random(3);
        for (int trial = 0; trial < 100; trial++) {
            double a = 0.1 + random.nextDouble() * 10;
            double b = 0.1 + random.nextDouble() * 10;
            double t = random.nextDouble();
            Vary g = Vary.parse("extent=" + a + ".." + b);
            assertThat(g.valueAt(t)[0] / a).isCloseTo(Math.pow(b / a, t), within(1e-9));
            Vary l = Vary.parse("rotate=" + a + ".." + b);
            assertThat(l.valueAt(t)[0]).isCloseTo(a + (b - a) * t, within(1e-9));
        }
    }

    @Test
    void vectorsMoveComponentByComponent() {
        Vary c = Vary.parse("center=0,0..1,-2");
        Recipe r = c.apply(Recipe.builder(), 0.25).build();
        assertThat(new double[] {r.centerX(), r.centerY()}).containsExactly(0.25, -0.5);
        Recipe z = Vary.parse("z=-1,0,1..1,0,-1").apply(Recipe.builder(), 0.5).build();
        assertThat(z.z()).containsExactly(0, 0, 0);
        assertThat(z.zDim()).isEqualTo(3);
    }

    @Test
    void initialisationsMoveTheirNumber() {
        Vary w = Vary.parse("weights=uniform:0.5..1");
        assertThat(w.initKind()).isEqualTo(Init.Kind.UNIFORM);
        assertThat(w.apply(Recipe.builder(), 0.5).build().weights()).isEqualTo(Init.uniform(0.75));
        assertThat(Vary.parse("biases=normal:0..1").apply(Recipe.builder(), 1).build().biases())
                .isEqualTo(Init.normal(1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "gain                 | --vary looks like PARAM=FROM..TO",
            "speed=1..2           | unknown recipe field 'speed'; valid: seed, inputs, z-dim, z, hidden, depth (or layers)",
            "depth=1..10          | cannot animate depth: it does not change continuously",
            "activation=tanh..relu| cannot animate activation",
            "gain=2               | --vary gain: '2' needs a range FROM..TO",
            "gain=1..x            | gain: 'x' is not a number",
            "gain=1..10:3         | takes no step or count",
            "zoom=0..10           | a geometric range needs ends of the same sign",
            "extent=lin:-1..1     | both ends must be positive",
            "center=0..1          | FROM and TO must each be a pair X,Y",
            "z=0,0..1             | vectors of the same length",
            "weights=0.5..1       | needs an initialisation with a number",
            "weights=he-normal:1..2| 'he-normal' takes no number",
            "weights=uniform:-1..1| uniform scale must not be negative, got -1",
    })
    void refusesBadVariesWithOneLine(String text, String message) {
        assertThatThrownBy(() -> Vary.parse(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
