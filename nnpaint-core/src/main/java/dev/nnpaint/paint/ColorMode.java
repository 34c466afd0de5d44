package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;

import java.util.Locale;

/**
 * How network outputs become a colour: {@code rgb} (3 outputs), {@code gray} (1), {@code hsv} and {@code hsl}
 * (3 outputs read as those channels, hue in turns) or {@code palette:NAME} or {@code palette:#RRGGBB,#RRGGBB,...}
 * (1 output through a colour map, named or made from colour stops).
 * Outputs are read on [0, 1] (the sigmoid output's range) and clamped; hue wraps around.
 */
public record ColorMode(Kind kind, String palette) {

    public enum Kind { RGB, GRAY, HSV, HSL, PALETTE }

    /** The modes, one per comma (the explorer lists them from here); colour stops are a form of palette. */
    public static final String SYNTAX = "rgb, gray, hsv, hsl, palette:NAME";

    public static ColorMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "rgb": return new ColorMode(Kind.RGB, null);
            case "gray":
            case "grey": return new ColorMode(Kind.GRAY, null);
            case "hsv": return new ColorMode(Kind.HSV, null);
            case "hsl": return new ColorMode(Kind.HSL, null);
            default: break;
        }
        if (t.startsWith("palette:")) {
            String name = t.substring("palette:".length()).trim();
            if (Palette.isStops(name)) {
                return new ColorMode(Kind.PALETTE, Palette.canonical(name)); // fails on a malformed stop
            }
            Palette.named(name); // fails with the list of names
            return new ColorMode(Kind.PALETTE, name);
        }
        throw new BadInputException("unknown colour mode '" + text.trim() + "'; valid: " + SYNTAX
                + " (palettes: " + String.join(", ", Palette.names()) + ") or palette:#RRGGBB,#RRGGBB,...");
    }

    /** How many network outputs the mode reads. */
    public int channels() {
        return kind == Kind.GRAY || kind == Kind.PALETTE ? 1 : 3;
    }

    @Override
    public String toString() {
        return kind == Kind.PALETTE ? "palette:" + palette : kind.name().toLowerCase(Locale.ROOT);
    }
}
