package dev.nnpaint.ops.figures;

import dev.nnpaint.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a figure's arguments: recipe names into paths in the gallery's {@value #RECIPES} folder, sizes into
 * pixels scaled by {@code scale}. {@link FigureRequests} reads the expanded values into an operation's request;
 * the same expansion gives the command shown in the gallery, with paths relative to the gallery folder, so it can
 * be pasted there.
 */
public final class FigureArguments {

    /** The gallery's folder of recipe and model files. */
    public static final String RECIPES = "recipes";
    /** Sizes never shrink below this, so that a quick run still has something to look at. */
    static final int MIN_PIXELS = 16;

    private static final Pattern SIZE = Pattern.compile("\\{size:(\\d+)(?:x(\\d+))?}");

    private FigureArguments() {
    }

    /**
     * The command line of the figure, starting with the subcommand, with absolute paths under {@code dir} (a test
     * parses it with the command line, to keep the command shown in the gallery honest).
     */
    public static List<String> forRun(FigureSpec figure, Path dir, double scale) {
        Path base = dir.toAbsolutePath();
        List<String> out = new ArrayList<>();
        out.add(figure.command());
        for (String arg : figure.args()) {
            out.add(expand(arg, figure, base.resolve(RECIPES).toString() + "/", scale));
        }
        out.add("-o");
        out.add(base.resolve(figure.output()).toString());
        return out;
    }

    /** The command a reader runs inside the gallery folder to make the figure again. */
    public static String forDisplay(FigureSpec figure, double scale) {
        StringBuilder text = new StringBuilder("nnpaint ").append(figure.command());
        for (String arg : figure.args()) {
            text.append(' ').append(shellQuote(expand(arg, figure, RECIPES + "/", scale)));
        }
        return text.append(" -o ").append(shellQuote(figure.output())).toString();
    }

    /** The recipe files (kept with the figures) that the figure reads, in order of first use. */
    public static Set<String> recipesUsed(FigureSpec figure) {
        Set<String> names = new LinkedHashSet<>();
        if (figure.model() != null) {
            names.add(figure.model().recipe());
        }
        for (String arg : figure.args()) {
            if (arg.startsWith("@")) {
                names.add(arg.substring(1));
            }
        }
        return names;
    }

    static String expand(String arg, FigureSpec figure, String recipes, double scale) {
        if (arg.startsWith("@")) {
            return recipes + arg.substring(1);
        }
        if (arg.equals("{model}")) {
            if (figure.model() == null) {
                throw new BadInputException("figure '" + figure.id() + "' uses {model} but builds no model");
            }
            return recipes + figure.model().file();
        }
        Matcher m = SIZE.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = Integer.toString(scaled(Integer.parseInt(m.group(1)), scale));
            String size = m.group(2) == null ? w : w + "x" + scaled(Integer.parseInt(m.group(2)), scale);
            m.appendReplacement(out, size);
        }
        m.appendTail(out);
        return out.toString();
    }

    static int scaled(int pixels, double scale) {
        return Math.max(MIN_PIXELS, (int) Math.round(pixels * scale));
    }

    /** Quotes an argument for a POSIX shell when it holds anything beyond plain characters. */
    static String shellQuote(String arg) {
        if (arg.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
