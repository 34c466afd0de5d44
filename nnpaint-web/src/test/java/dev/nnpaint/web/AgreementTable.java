package dev.nnpaint.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rows of agreement figures, one per painter and recipe, as a Markdown table. Rows may come from any thread. */
final class AgreementTable {

    private record Row(String painter, String recipe, Agreement agreement) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String painter, String recipe, Agreement agreement) {
        rows.add(new Row(painter, recipe, agreement));
    }

    synchronized String table() {
        StringBuilder s = new StringBuilder(
                "| painter | recipe | pixels | within 1 level | max difference | more than 2 off |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Agreement a = r.agreement();
            s.append(String.format(Locale.ROOT, "| %s | `%s` | %,d | %.3f%% | %d | %d |%n", r.painter(),
                    r.recipe().replace("|", "\\|"), a.pixels(), 100 * a.shareWithin1(), a.maxDifference(),
                    a.over2()));
        }
        return s.toString();
    }
}
