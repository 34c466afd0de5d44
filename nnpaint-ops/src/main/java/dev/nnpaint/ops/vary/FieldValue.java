package dev.nnpaint.ops.vary;

/**
 * One value of a swept recipe field: a label for people, and the value itself as numbers (numeric and vector
 * fields) or as text (activations, initialisations, colour modes, input lists).
 */
public record FieldValue(String label, double[] numbers, String text) {

    public FieldValue {
        numbers = numbers == null ? null : numbers.clone();
    }

    public static FieldValue ofNumber(String label, double v) {
        return new FieldValue(label, new double[] {v}, null);
    }

    public static FieldValue ofNumbers(String label, double[] v) {
        return new FieldValue(label, v, null);
    }

    public static FieldValue ofText(String label, String text) {
        return new FieldValue(label, null, text);
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
        return o instanceof FieldValue v && label.equals(v.label) && java.util.Arrays.equals(numbers, v.numbers)
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
