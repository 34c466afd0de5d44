package dev.nnpaint.ops.options;

import picocli.CommandLine;

/** Reads {@code 1024} (square) or {@code 1920x1080} as an image size. */
public final class SizeConverter implements CommandLine.ITypeConverter<SizeConverter.Size> {

    /** An image size in pixels. */
    public record Size(int width, int height) {
    }

    @Override
    public Size convert(String value) {
        String[] parts = value.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        if (parts.length > 2) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size like 1024 or 1920x1080");
        }
        try {
            int w = Integer.parseInt(parts[0].trim());
            int h = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : w;
            if (w <= 0 || h <= 0) {
                throw new CommandLine.TypeConversionException("size must be positive, got '" + value + "'");
            }
            return new Size(w, h);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size like 1024 or 1920x1080");
        }
    }
}
