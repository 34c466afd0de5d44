package dev.nnpaint.ops.anim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.Execution;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A motion of the explorer's paint view (its motion panel, and the {@code motion} of a share link) as an
 * {@code animate} request, so that the server's GIF or MP4 shows what the page plays. The page plays one period
 * of {@code seconds}; at {@code fps} frames a second the animation has {@code round(seconds * fps)} frames, and
 * frame i shows the page's picture at time {@code i * seconds / frames}.
 *
 * <ul>
 *   <li>{@code field}: gain, weight-scale, bias-scale, zoom, rotate, center-x, center-y, zK (component K of the
 *       latent vector, from 0), or walk;</li>
 *   <li>{@code from}, {@code to}: the field's values at the ends (zoom moves geometrically, the rest linearly);
 *       a walk has none;</li>
 *   <li>{@code easing}: smooth ((1 - cos(pi s)) / 2, the animation's {@code sine}) or linear;</li>
 *   <li>{@code repeat}: ping-pong (there and back in a period) or loop (there, then a jump back);</li>
 *   <li>a {@code walk} takes z round the circle z cos(2 pi t) + z' sin(2 pi t), z' the recipe's z shifted by one
 *       component, once a period at a steady speed (easing and repeat do not apply to it).</li>
 * </ul>
 *
 * @param field   the field that moves, or {@code walk}
 * @param from    the value at the start (NaN for a walk)
 * @param to      the value at the far end (NaN for a walk)
 * @param seconds one period of the motion
 * @param easing  {@code smooth} or {@code linear}
 * @param repeat  {@code ping-pong} or {@code loop}
 */
public record LiveMotion(String field, double from, double to, double seconds, String easing, String repeat) {

    /** The fields a motion moves besides the latent components and the walk. */
    public static final List<String> FIELDS = List.of("gain", "weight-scale", "bias-scale", "zoom", "rotate",
            "center-x", "center-y");
    /** The longest period the page offers a recording of. */
    public static final double MAX_SECONDS = 600;

    public LiveMotion {
        if (field == null || !(FIELDS.contains(field) || field.equals("walk") || field.matches("z(0|[1-9][0-9]?)"))) {
            throw new BadInputException("motion: field must be one of " + String.join(", ", FIELDS)
                    + ", z0, z1, ... or walk; got '" + field + "'");
        }
        if (!(seconds >= 0.5 && seconds <= MAX_SECONDS)) {
            throw new BadInputException("motion: seconds must be between 0.5 and " + (int) MAX_SECONDS + ", got "
                    + seconds);
        }
        if (!easing.equals("smooth") && !easing.equals("linear")) {
            throw new BadInputException("motion: easing must be smooth or linear, got '" + easing + "'");
        }
        if (!repeat.equals("ping-pong") && !repeat.equals("loop")) {
            throw new BadInputException("motion: repeat must be ping-pong or loop, got '" + repeat + "'");
        }
        if (!field.equals("walk") && !(Double.isFinite(from) && Double.isFinite(to))) {
            throw new BadInputException("motion: " + field + " needs finite numbers from and to");
        }
    }

    /** Reads the motion's JSON as the page writes it: {@code {"field": "gain", "from": 0.5, "to": 2, ...}}. */
    public static LiveMotion fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new BadInputException("motion: expected an object such as {\"field\": \"gain\", \"from\": 0.5, "
                    + "\"to\": 2, \"seconds\": 6}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of("field", "from", "to", "seconds", "easing", "repeat").contains(name)) {
                throw new BadInputException("motion: unknown field '" + name
                        + "'; known: field, from, to, seconds, easing, repeat");
            }
        }
        String field = text(node, "field", null);
        boolean walk = "walk".equals(field);
        return new LiveMotion(field, walk ? Double.NaN : number(node, "from"), walk ? Double.NaN : number(node, "to"),
                node.has("seconds") ? number(node, "seconds") : 6, text(node, "easing", "smooth"),
                text(node, "repeat", "ping-pong"));
    }

    private static String text(JsonNode node, String name, String fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new BadInputException("motion: '" + name + "' is missing");
            }
            return fallback;
        }
        if (!v.isTextual()) {
            throw new BadInputException("motion: '" + name + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isNumber()) {
            throw new BadInputException("motion: '" + name + "' must be a number, got " + (v == null ? "nothing" : v));
        }
        return v.asDouble();
    }

    /** Frames of one period at {@code fps} frames a second (at least 2). */
    public int frames(double fps) {
        return (int) Math.max(2, Math.round(seconds * fps));
    }

    /** The page's time, in seconds, of frame {@code i} of {@code frames}. */
    public double timeOf(int i, int frames) {
        return i * seconds / frames;
    }

    /**
     * The {@code animate} request that paints this motion of {@code recipe} into {@code output} at {@code fps}:
     * the field as a {@code --vary} of the field table, ping-pong as {@code pingpong}, smooth as {@code sine}, a
     * walk as {@code --z-walk} round the page's circle.
     */
    public AnimateOperation.Request request(Recipe recipe, String output, double fps, String dither, Execution run) {
        List<String> varies = new ArrayList<>();
        boolean walk = field.equals("walk");
        if (walk) {
            if (recipe.zDim() == 0) {
                throw new BadInputException("motion: a latent walk needs a latent vector (z-dim above 0)");
            }
        } else {
            varies.add(vary(recipe));
        }
        return new AnimateOperation.Request(output, recipe.toBuilder(), varies, walk, null, frames(fps), fps,
                walk ? "loop" : repeat.equals("ping-pong") ? "pingpong" : "loop",
                walk || easing.equals("linear") ? "linear" : "sine", dither, run, walk);
    }

    /** The field's motion as {@code --vary} text, every number exact. */
    String vary(Recipe recipe) {
        String a = num(from);
        String b = num(to);
        switch (field) {
            case "gain":
                return "gain=" + a + ".." + b;
            case "weight-scale":
                return "weights=" + scalable(recipe.weights(), "weight") + ":" + a + ".." + b;
            case "bias-scale":
                return "biases=" + scalable(recipe.biases(), "bias") + ":" + a + ".." + b;
            case "zoom":
                return "zoom=" + a + ".." + b;
            case "rotate":
                return "rotate=" + a + ".." + b;
            case "center-x":
                return "center=" + a + "," + num(recipe.centerY()) + ".." + b + "," + num(recipe.centerY());
            case "center-y":
                return "center=" + num(recipe.centerX()) + "," + a + ".." + num(recipe.centerX()) + "," + b;
            default: {
                int k = Integer.parseInt(field.substring(1));
                double[] z = recipe.latent();
                if (k >= z.length) {
                    throw new BadInputException("motion: " + field + " is not a component of the latent vector, "
                            + "which has " + z.length);
                }
                StringBuilder start = new StringBuilder();
                StringBuilder end = new StringBuilder();
                for (int c = 0; c < z.length; c++) {
                    start.append(c == 0 ? "" : ",").append(c == k ? a : num(z[c]));
                    end.append(c == 0 ? "" : ",").append(c == k ? b : num(z[c]));
                }
                return "z=" + start + ".." + end;
            }
        }
    }

    private static String scalable(Init init, String what) {
        return switch (init.kind()) {
            case NORMAL, UNIFORM, SCALED_NORMAL, CONST -> init.kind().id();
            default -> throw new BadInputException("motion: the " + what + " initialisation " + init
                    + " has no scale to move");
        };
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
