package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The recipe options shared by every command that paints (a picocli mixin). The options are made from the field
 * table ({@link RecipeFields}): names, help and the defaults the help shows come from there, so they cannot drift
 * from the recipe. An option left out keeps the value of {@code --config} (or of an image given with
 * {@code --from}), and failing that the default of {@link Recipe#defaults()}.
 */
@Command(modelTransformer = RecipeOptions.FromTable.class)
public final class RecipeOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the recipe from a JSON file (see README); options given as well override it.")
    public Path config;

    private final Map<Field<?>, Object> given = new LinkedHashMap<>();
    private final String sizeDefault;

    public RecipeOptions() {
        this(null);
    }

    /** @param sizeDefault the image size this command paints when --size is left out, for its help; null: 1024 */
    public RecipeOptions(String sizeDefault) {
        this.sizeDefault = sizeDefault;
    }

    /** Options for a command whose own default size differs from a recipe's (a grid cell, an animation frame). */
    public static RecipeOptions withSizeDefault(String text) {
        return new RecipeOptions(text);
    }

    /** Whether the option of the named field was given ({@code "size"}, {@code "activation"}, ...). */
    public boolean given(String field) {
        return given.keySet().stream().anyMatch(f -> f.name().equals(field));
    }

    /** The typed value given for a field, or null. */
    @SuppressWarnings("unchecked")
    public <T> T value(Field<T> field) {
        return (T) given.get(field);
    }

    public boolean sizeGiven() {
        return given.containsKey(RecipeFields.SIZE);
    }

    /** The size given with --size, or null. */
    public SizeConverter.Size size() {
        int[] s = value(RecipeFields.SIZE);
        return s == null ? null : new SizeConverter.Size(s[0], s[1]);
    }

    public Path configFile() {
        return config;
    }

    /** Sets a field from its text, as if its option had been given; {@code label} names it in messages. */
    public void give(Field<?> field, String text, String label) {
        given.put(field, field.parse(text, label));
    }

    /** Whether any of {@code --inputs}, {@code --z} or {@code --z-dim} was given. */
    public boolean inputsGiven() {
        return given("inputs") || given("z") || given("z-dim");
    }

    /** Whether any of {@code --extent}, {@code --zoom} or {@code --center} was given. */
    public boolean viewGiven() {
        return given("extent") || given("zoom") || given("center");
    }

    /** The recipe from {@code --config} (or the defaults) with every given option applied. */
    public Recipe toRecipe() {
        return applyTo(startingBuilder()).build();
    }

    /** A builder from {@code --config}, or the defaults when there is none. */
    public Recipe.Builder startingBuilder() {
        if (config == null) {
            return Recipe.builder();
        }
        String json;
        try {
            json = Files.readString(config);
        } catch (IOException e) {
            throw new BadInputException("cannot read recipe '" + config + "': " + describe(e));
        }
        return RecipeJson.builderFromJson(json, config.toString());
    }

    /** Applies the options that were given, in the table's order, leaving the others as they are in {@code b}. */
    public Recipe.Builder applyTo(Recipe.Builder b) {
        for (List<Field<?>> group : RecipeFields.EXCLUSIVE) {
            Field<?> first = group.get(0);
            if (given.containsKey(first) && group.stream().skip(1).anyMatch(given::containsKey)) {
                throw new BadInputException("give either " + first.option() + " or " + group.stream().skip(1)
                        .map(Field::option).collect(Collectors.joining("/")) + ", not both");
            }
        }
        double[] z = value(RecipeFields.Z);
        Integer zDim = value(RecipeFields.Z_DIM);
        if (z != null && zDim != null && zDim != z.length) {
            throw new BadInputException("--z has " + z.length + " values but --z-dim is " + zDim);
        }
        for (Field<?> f : RecipeFields.options()) {
            if (given.containsKey(f)) {
                set(b, f, given.get(f));
            }
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Recipe.Builder b, Field<T> f, Object value) {
        f.set(b, (T) value);
    }

    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Adds an option per field of the table to each command that mixes these options in. picocli hands the
     * transformer the command's spec; the values go to the command's own RecipeOptions.
     */
    public static final class FromTable implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            addOptions(spec, spec);
            return spec;
        }

        /** Finds the RecipeOptions among the mixins, also inside mixins of mixins (AnimateOptions, PosterOptions). */
        private static void addOptions(CommandSpec target, CommandSpec spec) {
            for (CommandSpec mixin : spec.mixins().values()) {
                if (mixin.userObject() instanceof RecipeOptions options) {
                    for (Field<?> f : RecipeFields.options()) {
                        if (target.findOption(f.option()) == null) {
                            target.addOption(optionOf(f, options));
                        }
                    }
                } else {
                    addOptions(target, mixin);
                }
            }
        }

        private static OptionSpec optionOf(Field<?> f, RecipeOptions options) {
            String def = f == RecipeFields.SIZE && options.sizeDefault != null ? options.sizeDefault
                    : f.defaultText();
            OptionSpec.Builder b = OptionSpec.builder(f.option());
            if (f.flag()) {
                b.arity("0..1").fallbackValue("true"); // --tile alone means true
            }
            return b
                    .paramLabel(f.paramLabel())
                    .type(Object.class)
                    .description(f.help() + (def == null ? "" : " (default: " + def + ")"))
                    .converters(text -> {
                        try {
                            return f.parse(text, f.option());
                        } catch (BadInputException e) {
                            throw new CommandLine.TypeConversionException(e.getMessage());
                        }
                    })
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) {
                                options.given.put(f, value);
                            }
                            return null;
                        }
                    })
                    .getter(new CommandLine.Model.IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) options.given.get(f);
                        }
                    })
                    .build();
        }
    }
}
