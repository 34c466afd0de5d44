package dev.nnpaint.ops.recipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The docs' table of recipe fields, made from {@link RecipeFields}: {@code docs/recipe-fields.md}. A test fails
 * when the file differs from what this writes; {@code main} (or that test run with {@code -Ddocs.write=true})
 * rewrites it.
 */
public final class FieldsMarkdown {

    private FieldsMarkdown() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Recipe fields\n\n")
                .append("<!-- made from the field table (dev.nnpaint.ops.recipe.RecipeFields) by FieldsMarkdown: "
                        + "edit the table, not this file -->\n\n")
                .append("Every field of a recipe: its key in a recipe file ([formats](formats.md#recipes)), its "
                        + "option on the command line ([render](render.md)), its default, and whether a grid "
                        + "([grid](grid.md)) or an animation ([animate](animate.md)) can vary it. A grid or an "
                        + "animation names a field as in the column *grid*.\n\n")
                .append("| field | group | recipe file | option | type | default | range | grid | animate | what |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Field<?> f : RecipeFields.ALL) {
            String def = f.defaultText();
            md.append("| ").append(f.name())
                    .append(" | ").append(f.group().id())
                    .append(" | ").append(code(f.json()))
                    .append(" | ").append(code(f.option()))
                    .append(" | ").append(f.type().id())
                    .append(" | ").append(def == null ? "drawn from the seed" : code(def))
                    .append(" | ").append(range(f))
                    .append(" | ").append(f.grid() == null ? "" : grid(f))
                    .append(" | ").append(f.animate() == null ? "" : f.animate().id())
                    .append(" | ").append(f.help().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String code(String text) {
        return text == null ? "" : "`" + text + "`";
    }

    private static String range(Field<?> f) {
        if (f.min() == null && f.max() == null) {
            return "";
        }
        String lower = f.min() == null ? "" : (f.minExclusive() ? "> " : "&ge; ") + ValueType.formatNumber(f.min());
        String upper = f.max() == null ? "" : "&le; " + ValueType.formatNumber(f.max());
        return lower.isEmpty() || upper.isEmpty() ? lower + upper : lower + ", " + upper;
    }

    private static String grid(Field<?> f) {
        return f.aliases().isEmpty() ? code(f.gridName())
                : code(f.gridName()) + " (or " + String.join(", ", f.aliases().stream().map(FieldsMarkdown::code)
                .toList()) + ")";
    }

    /** Writes the table to the file given (docs/recipe-fields.md). */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/recipe-fields.md"), markdown());
    }
}
