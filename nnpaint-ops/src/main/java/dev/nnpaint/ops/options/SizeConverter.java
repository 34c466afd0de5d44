package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.recipe.RecipeFields;
import picocli.CommandLine;

/** Reads {@code 1024} (square) or {@code 1920x1080} as an image size, as the recipe's --size does. */
public final class SizeConverter implements CommandLine.ITypeConverter<SizeConverter.Size> {

    /** An image size in pixels. */
    public record Size(int width, int height) {
    }

    @Override
    public Size convert(String value) {
        try {
            int[] s = RecipeFields.SIZE.parse(value, "size");
            return new Size(s[0], s[1]);
        } catch (BadInputException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
