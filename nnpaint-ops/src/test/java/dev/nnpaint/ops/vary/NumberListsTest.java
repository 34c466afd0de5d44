package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The number syntax of sweeps: lists, whole and stepped ranges, lin: and geom: ranges, and every bad value. */
class NumberListsTest {

    private static double[] parse(String text) {
        return NumberLists.parseList("gain", text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.5              | 0.5",
            "1,2,3            | 1 2 3",
            "3;1;2            | 3 1 2",
            "1..5             | 1 2 3 4 5",
            "5..1:-1          | 5 4 3 2 1",
            "-2..2            | -2 -1 0 1 2",
            "2..30:3          | 2 5 8 11 14 17 20 23 26 29",
            "0..1:0.1         | 0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1",
            "1..0:-0.25       | 1 0.75 0.5 0.25 0",
            "-1.5..-0.5:0.5   | -1.5 -1 -0.5",
            "1..10:20         | 1",
            "3..3             | 3",
            "lin:0..1:5       | 0 0.25 0.5 0.75 1",
            "lin:2..2:3       | 2 2 2",
            "geom:1..16:5     | 1 2 4 8 16",
            "geom:-1..-8:4    | -1 -2 -4 -8",
            "0, 1 .. 3, 9     | 0 1 2 3 9",
            "1e-1..3e-1:1e-1  | 0.1 0.2 0.3",
            ".5,+2            | 0.5 2",
    })
    void parsesListsAndRanges(String text, String expected) {
        double[] want = Arrays.stream(expected.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(parse(text)).containsExactly(want);
    }

    @Test
    void geometricRangeHasAConstantRatioAndExactEnds() {
        double[] v = parse("geom:0.5..1.0:6");
        assertThat(v).hasSize(6);
        assertThat(v[0]).isEqualTo(0.5);
        assertThat(v[5]).isEqualTo(1.0);
        double ratio = Math.pow(2, 1.0 / 5);
        for (int i = 1; i < v.length; i++) {
            assertThat(v[i] / v[i - 1]).isCloseTo(ratio, within(1e-9));
        }
        assertThat(v[1]).isCloseTo(0.574349177499, within(1e-11));
    }

    /** Random stepped ranges against a plain count: first value, step, last value not past the end. */
    @Test
    void steppedRangesMatchACountedLoopForRandomBounds() {
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            int from = random.nextInt(201) - 100;
            int to = random.nextInt(201) - 100;
            int step = (random.nextInt(9) + 1) * (to >= from ? 1 : -1);
            double[] v = parse(from + ".." + to + ":" + step);
            int expected = Math.abs(to - from) / Math.abs(step) + 1;
            assertThat(v).as(from + ".." + to + ":" + step).hasSize(expected);
            for (int i = 0; i < v.length; i++) {
                assertThat(v[i]).isEqualTo(from + i * step);
            }
        }
    }

    @Test
    void decimalStepsKeepTheirLastValueAndReadCleanly() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(40) + 1;
            double step = (random.nextInt(9) + 1) / 10.0;
            double[] v = parse("0.." + NumberLists.format(n * step) + ":" + step);
            assertThat(v).hasSize(n + 1);
            assertThat(v[n]).isEqualTo(Double.parseDouble(NumberLists.format(n * step)));
            assertThat(NumberLists.format(v[3 % (n + 1)])).doesNotContain("0000");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''              | no values given",
            "1,,2            | empty value",
            "1,2,            | empty value",
            "abc             | 'abc' is not a number",
            "1..x            | 'x' is not a number",
            "NaN             | 'NaN' is not a number",
            "Infinity        | 'Infinity' is not a number",
            "1e999           | '1e999' is out of range",
            "0x10            | '0x10' is not a number",
            "1..             | needs a number on both sides",
            "..5             | needs a number on both sides",
            "1...5           | three dots",
            "1..10:0         | step of '1..10:0' must not be 0",
            "1..10:-1        | empty range: the step -1 goes away from 10; use 1 to count up",
            "10..1:2         | empty range: the step 2 goes away from 1; use -2 to count down",
            "5..1            | '5..1' is an empty range: ranges count up; write 5..1:-1 to count down",
            "-1..-3          | '-1..-3' is an empty range",
            "1..10:two       | 'two' is not a number",
            "0..100000       | more than 10000 values",
            "lin:0..1        | should look like lin:0..1:5",
            "lin:0..1:0      | whole number of at least 1",
            "lin:0..1:2.5    | whole number of at least 1",
            "geom:0..1:5     | geometric range needs two ends of the same sign",
            "geom:-1..1:5    | geometric range needs two ends of the same sign",
            "geom:1:5        | should look like geom:0.5..1:6",
    })
    void refusesBadValuesWithOneLine(String text, String fragment) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("gain").hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1         | 1",
            "-3        | -3",
            "0.5       | 0.5",
            "0.1234567 | 0.1235",
            "1.5e-6    | 0.0000015",
            "1e20      | 1E+20",
    })
    void formatsShortLabels(double value, String label) {
        assertThat(NumberLists.format(value)).isEqualTo(label);
    }

    @Test
    void labelsGetJustEnoughDigitsToStayDistinct() {
        assertThat(NumberLists.labels(new double[] {1.00001, 1.00002, 2})).containsExactly("1.00001", "1.00002", "2");
        assertThat(NumberLists.labels(new double[] {0.5, 0.25})).containsExactly("0.5", "0.25");
    }

    @Test
    void wholeNumbersRefuseFractions() {
        assertThat(NumberLists.wholeNumbers("seed", new double[] {1, -4})).containsExactly(1, -4);
        assertThatThrownBy(() -> NumberLists.wholeNumbers("seed", new double[] {1, 2.5}))
                .isInstanceOf(BadInputException.class).hasMessage("seed takes whole numbers, got 2.5");
    }
}
