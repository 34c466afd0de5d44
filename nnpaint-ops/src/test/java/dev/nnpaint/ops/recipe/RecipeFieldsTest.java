package dev.nnpaint.ops.recipe;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.options.RecipeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The field table: every field complete, and the options, the recipe file and the docs made from it. */
class RecipeFieldsTest {

    static List<Field<?>> fields() {
        return RecipeFields.ALL;
    }

    /** A recipe where every field differs from its default, so a field read or written wrongly shows. */
    static final Recipe RICH = Recipe.builder().seed(7).inputs(List.of("x", "y", "bias")).latent(2,
                    new double[] {0.25, -1.5}).hidden(12, 12, 12)
            .activations(List.of(dev.nnpaint.net.ActivationSpec.parse("sin"))).outputActivation(
                    dev.nnpaint.net.Activation.TANH).weights(dev.nnpaint.net.Init.uniform(0.75))
            .biases(dev.nnpaint.net.Init.parse("const:0.1")).gain(1.5).size(40, 24).extent(0.25).center(0.5, -0.25)
            .rotateDegrees(30).antialias(dev.nnpaint.paint.Antialias.AUTO).tile(true).color("palette:viridis")
            .build();

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void everyFieldRoundTripsItsTextAndHasHelp(Field<?> f) {
        assertThat(f.help()).as(f.name()).isNotBlank().endsWith(".");
        assertThat(f.group()).isNotNull();
        roundTrips(f, RICH);
        roundTrips(f, Recipe.defaults());
    }

    private static <T> void roundTrips(Field<T> f, Recipe r) {
        T value = f.get(r);
        if (value == null) {
            return;
        }
        String text = f.format(value);
        T back = f.parse(text);
        assertThat(f.format(back)).as(f.name() + " " + text).isEqualTo(text);
        // Setting the value read back gives the recipe's value again.
        assertThat(f.formatOf(f.set(r.toBuilder(), back).build())).as(f.name()).isEqualTo(text);
    }

    @Test
    void defaultsAreTheRecipeDefaults() {
        Recipe d = Recipe.defaults();
        assertThat(RecipeFields.SEED.defaultValue()).isEqualTo(d.seed());
        assertThat(RecipeFields.LAYERS.defaultValue()).isEqualTo(d.hidden().length);
        assertThat(RecipeFields.NEURONS.defaultValue()).isEqualTo(d.hidden()[0]);
        assertThat(RecipeFields.COLOR.defaultValue()).isEqualTo(d.color());
        assertThat(RecipeFields.SIZE.defaultText()).isEqualTo(Integer.toString(d.width()));
        assertThat(RecipeFields.Z.defaultValue()).isNull();
        // Setting every default on a builder changes nothing.
        Recipe.Builder b = RICH.toBuilder();
        for (Field<?> f : RecipeFields.inFile()) {
            setDefault(b, f);
        }
        assertThat(b.zDim(0).build()).isEqualTo(d);
    }

    private static <T> void setDefault(Recipe.Builder b, Field<T> f) {
        f.setFromFile(b, f.defaultValue());
    }

    @Test
    void jsonKeysAreTheTables() throws Exception {
        String json = RecipeJson.toJson(RICH);
        List<String> keys = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(Stream.concat(Stream.of("format"),
                RecipeFields.inFile().stream().map(Field::json)).toList());
    }

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        RecipeOptions recipe = RecipeOptions.withSizeDefault("192");
    }

    @Test
    void optionsAreTheTablesAndTheirHelpShowsTheTablesDefaults() {
        CommandLine cl = new CommandLine(new Probe());
        TreeSet<String> options = cl.getCommandSpec().options().stream().map(o -> o.longestName())
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> expected = RecipeFields.options().stream().map(Field::option)
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add("--config");
        assertThat(options).isEqualTo(expected);
        assertThat(options).contains("--seed", "--layers", "--neurons", "--hidden", "--activation", "--activations",
                "--output-activation", "--weights", "--biases", "--gain", "--inputs", "--z-dim", "--z", "--size",
                "--extent", "--zoom", "--center", "--rotate", "--color", "--config");
        for (Field<?> f : RecipeFields.options()) {
            String description = String.join(" ", cl.getCommandSpec().findOption(f.option()).description());
            assertThat(description).startsWith(f.help());
            String def = f == RecipeFields.SIZE ? "192" : f.defaultText();
            if (def != null) {
                assertThat(description).endsWith("(default: " + def + ")");
            }
        }
    }

    @Test
    void tileIsAFlagAndAntialiasTakesANumberOrAuto() {
        Probe p = new Probe();
        new CommandLine(p).parseArgs("--tile", "--antialias", "3");
        assertThat(p.recipe.toRecipe().tile()).isTrue();
        assertThat(p.recipe.toRecipe().antialias()).isEqualTo(dev.nnpaint.paint.Antialias.grid(3));
        Probe q = new Probe();
        new CommandLine(q).parseArgs("--tile=false");
        assertThat(q.recipe.toRecipe().tile()).isFalse();
        assertThatThrownBy(() -> new CommandLine(new Probe()).parseArgs("--antialias", "17"))
                .hasMessageContaining("antialias must be 1 (off), 2..16 or auto, got 17");
    }

    @Test
    void optionsSetTheirFields() {
        Probe p = new Probe();
        new CommandLine(p).parseArgs("--seed", "7", "--inputs", "x,y,bias", "--z", "0.25,-1.5", "--hidden",
                "12,12,12", "--activation", "sin", "--output-activation", "tanh", "--weights", "uniform:0.75",
                "--biases", "const:0.1", "--gain", "1.5", "--size", "40x24", "--zoom", "4", "--center=0.5,-0.25",
                "--rotate", "30", "--antialias", "auto", "--tile", "--color", "palette:viridis");
        assertThat(p.recipe.toRecipe()).isEqualTo(RICH);
        assertThat(p.recipe.sizeGiven()).isTrue();
        assertThat(p.recipe.given("zoom")).isTrue();
        assertThat(p.recipe.given("extent")).isFalse();
    }

    @Test
    void badOptionValuesNameTheField() {
        CommandLine cl = new CommandLine(new Probe());
        assertThatThrownBy(() -> cl.parseArgs("--gain", "big")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--gain").hasMessageContaining("'big'");
        assertThatThrownBy(() -> RecipeFields.NEURONS.parse("0")).isInstanceOf(BadInputException.class)
                .hasMessage("neurons must be at least 1, got 0");
        assertThatThrownBy(() -> RecipeFields.COLOR.parse("purple")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("color: unknown colour mode 'purple'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void gridFieldsParseByTheirNames(Field<?> f) {
        if (f.grid() == null) {
            assertThat(f.animate()).as("only grid fields animate").isNull();
            return;
        }
        assertThat(RecipeFields.varied(f.gridName())).isSameAs(f);
        for (String alias : f.aliases()) {
            assertThat(RecipeFields.varied(alias)).isSameAs(f);
        }
    }

    @Test
    void namesAreUnique() {
        assertThat(RecipeFields.ALL.stream().map(Field::name).distinct().count()).isEqualTo(RecipeFields.ALL.size());
        assertThat(RecipeFields.ALL.stream().map(Field::option).filter(Objects::nonNull).distinct().count())
                .isEqualTo(RecipeFields.options().size());
    }

    @Test
    void docsTableIsTheTables() throws Exception {
        Path docs = Path.of("..", "docs", "recipe-fields.md");
        if (Boolean.getBoolean("docs.write")) { // mvn test -Dtest=RecipeFieldsTest -Ddocs.write=true
            FieldsMarkdown.main(new String[] {docs.toString()});
        }
        assertThat(Files.readString(docs)).as("docs/recipe-fields.md is made from the field table: run "
                + "RecipeFieldsTest with -Ddocs.write=true and commit the file").isEqualTo(FieldsMarkdown.markdown());
    }
}
