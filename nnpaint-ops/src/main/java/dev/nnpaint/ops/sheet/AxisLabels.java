package dev.nnpaint.ops.sheet;

import java.util.List;

/**
 * The header of one axis of a sheet: the swept field's name and one label per value. A prefix that every value
 * shares ({@code scaled-normal:} in {@code scaled-normal:1, scaled-normal:2}) moves into the title, so narrow
 * cells show what differs: "weights (scaled-normal)" over "1", "2".
 *
 * @param title  the field's name, with the shared prefix in brackets when there is one
 * @param labels one label per value
 */
public record AxisLabels(String title, List<String> labels) {

    public AxisLabels {
        labels = List.copyOf(labels);
    }

    public static AxisLabels of(String field, List<String> labels) {
        String prefix = sharedKind(labels);
        if (prefix.isEmpty()) {
            return new AxisLabels(field, labels);
        }
        return new AxisLabels(field + " (" + prefix.substring(0, prefix.length() - 1) + ")",
                labels.stream().map(l -> l.substring(prefix.length())).toList());
    }

    /** The text up to and including a colon that starts every label, when there are several labels. */
    private static String sharedKind(List<String> labels) {
        if (labels.size() < 2) {
            return "";
        }
        String first = labels.get(0);
        int colon = first.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        String prefix = first.substring(0, colon + 1);
        for (String label : labels) {
            if (!label.startsWith(prefix) || label.length() == prefix.length()) {
                return "";
            }
        }
        return prefix;
    }
}
