package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;

import java.util.List;

/**
 * One axis of a grid: a recipe field of the table that grids can vary and the values it takes, parsed from {@code PARAM=VALUES} such as
 * {@code depth=1..10}, {@code activation=tanh,relu,sin} or {@code weights=uniform:geom:0.5..1:6}.
 *
 * @param field  the swept field
 * @param spec   the text it was parsed from, kept so a grid can record how it was made
 * @param values the values, in order
 */
public record GridAxis(Field<?> field, String spec, List<FieldValue> values) {

    public GridAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new BadInputException(field.gridName() + ": no values given");
        }
    }

    public static GridAxis parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("a sweep looks like PARAM=VALUES, e.g. depth=1..10; got '" + text + "'");
        }
        Field<?> field = RecipeFields.varied(text.substring(0, eq));
        return new GridAxis(field, text.trim(), VaryValues.parse(field, text.substring(eq + 1).trim()));
    }

    public int size() {
        return values.size();
    }

    public String label(int i) {
        return values.get(i).label();
    }

    /** Sets value {@code i} on the builder. */
    public Recipe.Builder apply(Recipe.Builder b, int i) {
        return field.vary(b, values.get(i));
    }
}
