package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;

import java.util.Locale;

/**
 * A recipe field moving continuously from one value to another in an animation, parsed from
 * {@code PARAM=FROM..TO}: {@code gain=0.5..2}, {@code rotate=0..360}, {@code center=0,0..1,1},
 * {@code z=-1,0..1,0}, {@code weights=uniform:0.5..1}. Extent and zoom move geometrically (a steady zoom
 * speed), everything else linearly; a {@code lin:} or {@code geom:} prefix before FROM chooses explicitly.
 *
 * @param field     the varied field
 * @param spec      the text it was parsed from
 * @param from      the value at t = 0
 * @param to        the value at t = 1
 * @param geometric whether values between move by a constant ratio rather than a constant difference
 * @param initKind  for weights and biases, the initialisation whose number moves; otherwise null
 */
public record Vary(Field<?> field, String spec, double[] from, double[] to, boolean geometric, Init.Kind initKind) {

    public Vary {
        from = from.clone();
        to = to.clone();
    }

    public static Vary parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("--vary looks like PARAM=FROM..TO, e.g. zoom=1..10; got '" + text + "'");
        }
        Field<?> field = RecipeFields.varied(text.substring(0, eq));
        String id = field.gridName();
        if (field.animate() == null) {
            throw new BadInputException("cannot animate " + id + ": it does not change continuously; "
                    + "animate one of " + RecipeFields.animatedNames() + " (or show "
                    + id + " values side by side with 'nnpaint grid --rows " + id + "=...')");
        }
        String body = text.substring(eq + 1).trim();
        Init.Kind initKind = null;
        if (field == RecipeFields.WEIGHTS || field == RecipeFields.BIASES) {
            int colon = body.indexOf(':');
            if (colon < 0) {
                throw new BadInputException("--vary " + id + " needs an initialisation with a number, as in "
                        + id + "=uniform:0.5..1");
            }
            initKind = VaryValues.initOf(body.substring(0, colon).trim(), 1).kind();
            body = body.substring(colon + 1).trim();
        }
        boolean geometric = field.animate() == Field.Animate.GEOMETRIC;
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.startsWith("lin:") || lower.startsWith("geom:")) {
            geometric = lower.startsWith("geom:");
            body = body.substring(body.indexOf(':') + 1);
        }
        if (body.contains(":")) {
            throw new BadInputException("--vary " + id + ": '" + body + "' takes no step or count, only "
                    + "FROM..TO (the number of frames sets the steps)");
        }
        int dots = body.indexOf("..");
        if (dots < 0) {
            throw new BadInputException("--vary " + id + ": '" + text.substring(eq + 1).trim()
                    + "' needs a range FROM..TO");
        }
        double[] from = NumberLists.parseVector(id, body.substring(0, dots));
        double[] to = NumberLists.parseVector(id, body.substring(dots + 2));
        int expected = field == RecipeFields.CENTER ? 2 : field == RecipeFields.Z ? -1 : 1;
        if (from.length != to.length || (expected > 0 && from.length != expected)) {
            throw new BadInputException("--vary " + id + ": FROM and TO must each be "
                    + (expected == 2 ? "a pair X,Y" : expected == 1 ? "one number" : "vectors of the same length")
                    + ", got '" + body + "'");
        }
        for (int k = 0; k < from.length; k++) {
            if (geometric && !(from[k] * to[k] > 0)) {
                throw new BadInputException("--vary " + id + ": a geometric range needs ends of the same "
                        + "sign, not zero; got '" + body + "'");
            }
        }
        if (field.minExclusive() && field.min() == 0 && !(from[0] > 0 && to[0] > 0)) {
            throw new BadInputException("--vary " + id + ": both ends must be positive, got '" + body + "'");
        }
        if (initKind != null) {
            // Both ends must be valid initialisations (a negative scale is refused here, not mid-animation).
            new Init(initKind, from[0]);
            new Init(initKind, to[0]);
        }
        return new Vary(field, text.trim(), from, to, geometric, initKind);
    }

    /** The value at {@code t} in [0, 1]. */
    public double[] valueAt(double t) {
        double[] v = new double[from.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = t == 0 ? from[k] : t == 1 ? to[k]
                    : geometric ? from[k] * Math.pow(to[k] / from[k], t) : from[k] + (to[k] - from[k]) * t;
        }
        return v;
    }

    /** Sets the value at {@code t} on the builder. */
    public Recipe.Builder apply(Recipe.Builder b, double t) {
        double[] v = valueAt(t);
        if (initKind != null) {
            Init init = new Init(initKind, v[0]);
            return field == RecipeFields.WEIGHTS ? b.weights(init) : b.biases(init);
        }
        return field.vary(b, FieldValue.ofNumbers(NumberLists.formatVector(v), v));
    }
}
