package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.format.PrintSize;
import picocli.CommandLine.Option;

/**
 * How an image is stored and printed (a picocli mixin): bits a channel, the resolution, and a print size that
 * sets the image's pixels. These are output settings rather than recipe fields, because they do not change the
 * picture.
 */
public final class OutputOptions {

    @Option(names = "--depth", paramLabel = "BITS", defaultValue = "8",
            description = "Bits a channel: 8, or 16 for printing and editing (PNG and TIFF).")
    public int depth = 8;

    @Option(names = "--dpi", paramLabel = "D",
            description = "Print resolution in dots an inch, stored in the PNG (pHYs) or TIFF.")
    public Double dpi;

    @Option(names = "--print", paramLabel = "SIZE",
            description = "Paint for a print: 42x59.4cm@300, A2@300, A4, letter@600, 11x17in@300 (sets the size in "
                    + "pixels and the dpi; 300 dpi unless given).")
    public String print;

    /**
     * The output format; with --print, also sets the recipe's size in pixels, refusing a --size that disagrees.
     *
     * @param sizeGiven the width and height given with --size, or null
     */
    public OutputFormat apply(Recipe.Builder recipe, SizeConverter.Size sizeGiven) {
        double givenDpi = dpi == null ? 0 : dpi;
        if (dpi != null && !(dpi > 0)) {
            throw new BadInputException("--dpi must be a positive number, got " + dpi);
        }
        if (print == null) {
            return new OutputFormat(depth, givenDpi);
        }
        PrintSize size = PrintSize.parse(print);
        double resolution = size.resolution(givenDpi);
        int w = size.widthPixels(resolution);
        int h = size.heightPixels(resolution);
        if (sizeGiven != null && (sizeGiven.width() != w || sizeGiven.height() != h)) {
            throw new BadInputException("--print " + print.trim() + " is " + w + "x" + h + " pixels but --size says "
                    + sizeGiven.width() + "x" + sizeGiven.height() + "; give one of them");
        }
        recipe.size(w, h);
        return new OutputFormat(depth, resolution);
    }
}
