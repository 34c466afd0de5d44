package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;

import java.util.List;

/**
 * One axis of a grid: a recipe field and the values it takes, parsed from {@code PARAM=VALUES} such as
 * {@code depth=1..10}, {@code activation=tanh,relu,sin} or {@code weights=uniform:geom:0.5..1:6}.
 *
 * @param field  the swept field
 * @param spec   the text it was parsed from, kept so a grid can record how it was made
 * @param values the values, in order
 */
public record GridAxis(RecipeField field, String spec, List<FieldValue> values) {

    public GridAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new BadInputException(field.id() + ": no values given");
        }
    }

    public static GridAxis parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("a sweep looks like PARAM=VALUES, e.g. depth=1..10; got '" + text + "'");
        }
        RecipeField field = RecipeField.parse(text.substring(0, eq));
        return new GridAxis(field, text.trim(), field.parseValues(text.substring(eq + 1).trim()));
    }

    public int size() {
        return values.size();
    }

    public String label(int i) {
        return values.get(i).label();
    }

    /** Sets value {@code i} on the builder. */
    public Recipe.Builder apply(Recipe.Builder b, int i) {
        return field.apply(b, values.get(i));
    }
}
