package dev.nnpaint.ops.recipe;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.vary.FieldValue;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One recipe field as every front-end sees it: its names (in JSON, on the command line, in grids and
 * animations), its group, type, range and help, how its text becomes a typed value and back, how the value is
 * read from and set on a recipe, and whether a grid or an animation can vary it. The entries are in
 * {@link RecipeFields}; options, the recipe file, grid axes, recipe lists, the page and the docs read them there.
 *
 * @param <T> the typed value
 */
public final class Field<T> {

    /** Which part of a recipe a field belongs to. */
    public enum Group { NETWORK, VIEW, COLOR;
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How an animation moves a field: by a constant difference or by a constant ratio. */
    public enum Animate { LINEAR, GEOMETRIC;
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String name;
    private final String json;
    private final String option;
    private final String paramLabel;
    private final Group group;
    private final ValueType<T> type;
    private final Double min;
    private final boolean minExclusive;
    private final Double max;
    private final List<String> choices;
    private final String help;
    private final Function<Recipe, T> get;
    private final BiConsumer<Recipe.Builder, T> set;
    private final VaryKind grid;
    private final String gridName;
    private final List<String> aliases;
    private final Animate animate;
    private final Integer gridMin;
    private final BiConsumer<Recipe.Builder, T> varySet;
    private final BiConsumer<Recipe.Builder, T> fileSet;
    private final boolean omittedAtDefault;

    Field(Spec<T> s) {
        name = Objects.requireNonNull(s.name);
        json = s.json;
        option = s.option;
        paramLabel = s.paramLabel;
        group = Objects.requireNonNull(s.group);
        type = Objects.requireNonNull(s.type);
        min = s.min;
        minExclusive = s.minExclusive;
        max = s.max;
        choices = List.copyOf(s.choices);
        help = Objects.requireNonNull(s.help);
        get = Objects.requireNonNull(s.get);
        set = Objects.requireNonNull(s.set);
        grid = s.grid;
        gridName = s.gridName != null ? s.gridName : name;
        aliases = List.copyOf(s.aliases);
        animate = s.animate;
        gridMin = s.gridMin;
        varySet = s.varySet != null ? s.varySet : s.set;
        fileSet = s.fileSet != null ? s.fileSet : s.set;
        omittedAtDefault = s.omittedAtDefault;
    }

    /** The field's name, as the page and the docs call it. */
    public String name() { return name; }
    /** The key in a recipe file, or null for a field that the file holds in another form (layers, zoom, size). */
    public String json() { return json; }
    /** The command-line option, or null for a field given through another (width and height: --size). */
    public String option() { return option; }
    public String paramLabel() { return paramLabel; }
    public Group group() { return group; }
    public ValueType<T> type() { return type; }
    /** The smallest value (of a number, or of each number of a list), or null. */
    public Double min() { return min; }
    /** Whether the smallest value is excluded (an extent must be more than 0). */
    public boolean minExclusive() { return minExclusive; }
    public Double max() { return max; }
    /** The values of an enumeration (or of each entry of a list of them); empty for other fields. */
    public List<String> choices() { return choices; }
    public String help() { return help; }
    /** The grid's kind of values, or null when grids cannot vary the field. */
    public VaryKind grid() { return grid; }
    /** The name grids and animations use ({@code depth} for layers). */
    public String gridName() { return gridName; }
    /** Other names grids and animations accept. */
    public List<String> aliases() { return aliases; }
    /** How an animation moves the field, or null when it cannot. */
    public Animate animate() { return animate; }

    /** A smaller bound for grid values than for the field (a z-dim of 0 paints no latent vector), or null. */
    public Integer gridMin() { return gridMin; }

    /**
     * Whether the recipe file leaves the field out while it has its default: fields added after the file's first
     * version, so that older recipes, share links and images keep their bytes.
     */
    public boolean omittedAtDefault() { return omittedAtDefault; }

    /** Whether the option is a flag: given alone it means true. */
    public boolean flag() { return type.id().equals("boolean"); }

    /** Whether the recipe file writes the field's value in {@code r}. */
    public boolean writtenIn(Recipe r) {
        T v = get(r);
        return v != null && !(omittedAtDefault && sameValue(v, defaultValue()));
    }

    private boolean sameValue(T a, T b) {
        return b != null && format(a).equals(format(b));
    }

    /** The field's value in a recipe. */
    public T get(Recipe r) {
        return get.apply(r);
    }

    /** The default: the value in {@link Recipe#defaults()}, where the defaults live. */
    public T defaultValue() {
        return get(Recipe.defaults());
    }

    /** The default as text, or null for none (a latent vector drawn from the seed). */
    public String defaultText() {
        T v = defaultValue();
        return v == null ? null : format(v);
    }

    /** Sets a value as the command line and the recipe file do. */
    public Recipe.Builder set(Recipe.Builder b, T value) {
        set.accept(b, value);
        return b;
    }

    /** Sets a value read from a recipe file, where the fields are given together (z_dim beside z). */
    public Recipe.Builder setFromFile(Recipe.Builder b, T value) {
        fileSet.accept(b, value);
        return b;
    }

    /** Sets a value as a grid or an animation does (a depth keeps the network's first layers). */
    public Recipe.Builder vary(Recipe.Builder b, T value) {
        varySet.accept(b, value);
        return b;
    }

    /** Sets one value of a grid axis or an animation. */
    public Recipe.Builder vary(Recipe.Builder b, FieldValue value) {
        return vary(b, type.fromVaried(this, value));
    }

    /** Reads the text of a value, with a message naming the field (by {@code label}) when it is wrong. */
    public T parse(String text) {
        return parse(text, name);
    }

    public T parse(String text, String label) {
        T v;
        try {
            v = type.parse(text.trim());
        } catch (BadInputException e) {
            String m = e.getMessage();
            throw new BadInputException(label + (m.startsWith("must ") ? " " : ": ") + m, e);
        }
        check(v, label);
        return v;
    }

    /** Checks the range of a typed value. */
    public void check(T value, String label) {
        if (value == null) {
            return;
        }
        for (double d : type.numbers(value)) {
            if (!Double.isFinite(d) && (min != null || max != null)) {
                throw new BadInputException(label + " must be " + type.expected() + ", got " + d);
            }
            if (min != null && (minExclusive ? !(d > min) : d < min)) {
                throw new BadInputException(label + " must " + rangeWords() + ", got " + ValueType.formatNumber(d));
            }
            if (max != null && d > max) {
                throw new BadInputException(label + " must be at most " + ValueType.formatNumber(max) + ", got "
                        + ValueType.formatNumber(d));
            }
        }
    }

    /** The lower bound in words, after "must": "be positive", "not be negative", "be at least 1". */
    String rangeWords() {
        if (min == null) {
            return "be a number";
        }
        if (min == 0) {
            return minExclusive ? "be positive" : "not be negative";
        }
        return (minExclusive ? "be more than " : "be at least ") + ValueType.formatNumber(min);
    }

    /** The text of a value; {@link #parse} reads it back. */
    public String format(T value) {
        return type.format(value);
    }

    /** Formats the field's value in {@code r}. */
    public String formatOf(Recipe r) {
        T v = get(r);
        return v == null ? null : format(v);
    }

    /** Whether {@code text} names this field in a grid or an animation. */
    boolean answersTo(String text) {
        return gridName.equals(text) || aliases.contains(text);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The parts of an entry, filled in by {@link RecipeFields}. */
    static final class Spec<T> {
        String name;
        String json;
        String option;
        String paramLabel;
        Group group;
        ValueType<T> type;
        Double min;
        boolean minExclusive;
        Double max;
        List<String> choices = List.of();
        String help;
        Function<Recipe, T> get;
        BiConsumer<Recipe.Builder, T> set;
        VaryKind grid;
        String gridName;
        List<String> aliases = List.of();
        Animate animate;
        Integer gridMin;
        BiConsumer<Recipe.Builder, T> varySet;
        BiConsumer<Recipe.Builder, T> fileSet;
        boolean omittedAtDefault;

        Spec(String name, Group group, ValueType<T> type) {
            this.name = name;
            this.group = group;
            this.type = type;
        }

        Spec<T> json(String key) { json = key; return this; }
        Spec<T> option(String opt, String label) { option = opt; paramLabel = label; return this; }
        Spec<T> min(double v) { min = v; return this; }
        Spec<T> above(double v) { min = v; minExclusive = true; return this; }
        Spec<T> max(double v) { max = v; return this; }
        Spec<T> choices(List<String> v) { choices = v; return this; }
        Spec<T> help(String v) { help = v; return this; }
        Spec<T> get(Function<Recipe, T> v) { get = v; return this; }
        Spec<T> set(BiConsumer<Recipe.Builder, T> v) { set = v; return this; }
        Spec<T> grid(VaryKind kind, String... names) {
            grid = kind;
            if (names.length > 0) {
                gridName = names[0];
                aliases = List.of(names).subList(1, names.length);
            }
            return this;
        }
        Spec<T> animate(Animate v) { animate = v; return this; }
        Spec<T> gridMin(int v) { gridMin = v; return this; }
        Spec<T> vary(BiConsumer<Recipe.Builder, T> v) { varySet = v; return this; }
        Spec<T> fromFile(BiConsumer<Recipe.Builder, T> v) { fileSet = v; return this; }
        Spec<T> omittedAtDefault() { omittedAtDefault = true; return this; }

        Field<T> build() {
            return new Field<>(this);
        }
    }
}
