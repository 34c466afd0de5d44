package dev.nnpaint.app.sweep;

/**
 * One value of a swept recipe field: a label for people, and the value itself as numbers (numeric and vector
 * fields) or as text (activations, initialisations, colour modes, input lists).
 */
public record SweepValue(String label, double[] numbers, String text) {

    public SweepValue {
        numbers = numbers == null ? null : numbers.clone();
    }

    public static SweepValue ofNumber(String label, double v) {
        return new SweepValue(label, new double[] {v}, null);
    }

    public static SweepValue ofNumbers(String label, double[] v) {
        return new SweepValue(label, v, null);
    }

    public static SweepValue ofText(String label, String text) {
        return new SweepValue(label, null, text);
    }

    /** The first number (the value of a one-number field). */
    public double number() {
        return numbers[0];
    }

    @Override
    public double[] numbers() {
        return numbers == null ? null : numbers.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepValue v && label.equals(v.label) && java.util.Arrays.equals(numbers, v.numbers)
                && java.util.Objects.equals(text, v.text);
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + java.util.Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        return label;
    }
}
