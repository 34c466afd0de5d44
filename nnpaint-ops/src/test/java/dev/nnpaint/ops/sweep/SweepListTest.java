package dev.nnpaint.ops.sweep;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepListTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void csvRowsReadLikeRenderOptionsWithQuotedCommasAndABrokenRowInTheMiddle() throws Exception {
        List<SweepEntry> entries = SweepList.read(file("list.csv", """
                name,seed,layers,neurons,activation,zoom,center,size,color
                first,3,4,24,"mix:tanh,sin",2,"0.5,-0.25",64x32,hsv
                second,oops,,,,,,,
                ,,,,,,,,
                """));
        assertThat(entries).extracting(SweepEntry::index).containsExactly(1, 2, 3);
        assertThat(entries).extracting(SweepEntry::name).containsExactly("first", "second", "entry-003");

        Recipe first = SweepList.recipeOf(entries.get(0));
        assertThat(first.seed()).isEqualTo(3);
        assertThat(first.hidden()).containsExactly(24, 24, 24, 24);
        assertThat(first.activations()).containsExactly(ActivationSpec.parse("mix:tanh,sin"));
        assertThat(first.extent()).isEqualTo(0.5);
        assertThat(first.centerX()).isEqualTo(0.5);
        assertThat(first.centerY()).isEqualTo(-0.25);
        assertThat(first.width()).isEqualTo(64);
        assertThat(first.height()).isEqualTo(32);
        assertThat(first.color()).hasToString("hsv");

        assertThat(entries.get(1).broken()).isTrue();
        assertThat(entries.get(1).problem()).isEqualTo("line 3: column 'seed': expected an integer, got 'oops'");
        // Empty cells keep the defaults: nothing of row 1 carries over into row 3.
        assertThat(SweepList.recipeOf(entries.get(2))).isEqualTo(Recipe.defaults());
    }

    @Test
    void csvColourStopsTakeQuotesLikeAnyCellWithCommas() throws Exception {
        List<SweepEntry> entries = SweepList.read(file("stops.csv", """
                name,color
                stops,"palette:#0B0B3B,#ff8800,#ffffff"
                named,palette:magma
                """));
        assertThat(SweepList.recipeOf(entries.get(0)).color()).hasToString("palette:#0b0b3b,#ff8800,#ffffff");
        assertThat(SweepList.recipeOf(entries.get(1)).color()).hasToString("palette:magma");
        // unquoted, the stops are cells of their own: the row no longer matches the header
        Path unquoted = file("unquoted.csv", "name,color\nstops,palette:#0b0b3b,#ff8800\n");
        assertThatThrownBy(() -> SweepList.read(unquoted)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("line 2: 3 fields, but the header has 2");
    }

    @Test
    void csvValuesStartingWithADashAreValuesAndUnderscoresStandForDashes() throws Exception {
        List<SweepEntry> entries = SweepList.read(file("list.csv", """
                rotate,output_activation,z_dim
                -30,tanh,2
                """));
        Recipe r = SweepList.recipeOf(entries.get(0));
        assertThat(r.rotateDegrees()).isEqualTo(-30);
        assertThat(r.outputActivation().id()).isEqualTo("tanh");
        assertThat(r.zDim()).isEqualTo(2);
    }

    @Test
    void csvConfigCellIsARecipeFileNextToTheListThatTheRowOverrides() throws Exception {
        Files.createDirectories(dir.resolve("lists"));
        RecipeJson.write(dir.resolve("lists/base.json"), Recipe.builder().seed(9).layers(3, 5).build());
        List<SweepEntry> entries = SweepList.read(file("lists/list.csv", "config,seed\nbase.json,\nbase.json,4\n"));
        assertThat(SweepList.recipeOf(entries.get(0)).seed()).isEqualTo(9);
        assertThat(SweepList.recipeOf(entries.get(1)).seed()).isEqualTo(4);
        assertThat(SweepList.recipeOf(entries.get(1)).hidden()).containsExactly(5, 5, 5);
    }

    @Test
    void anUnknownCsvColumnMakesTheListUnusable() throws Exception {
        Path list = file("list.csv", "seed,sed\n1,2\n");
        assertThatThrownBy(() -> SweepList.read(list)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown column 'sed'").hasMessageContaining("activation");
    }

    @Test
    void jsonArrayEntriesWithABrokenOneInTheMiddle() throws Exception {
        List<SweepEntry> entries = SweepList.read(file("list.json", """
                [
                  {"name": "calm", "seed": 2, "hidden": [8, 8], "color": "gray"},
                  {"name": "typo", "sed": 3},
                  42,
                  {"seed": 5, "width": 40, "height": 20}
                ]
                """));
        assertThat(entries).extracting(SweepEntry::name).containsExactly("calm", "typo", "entry-003", "entry-004");
        Recipe calm = SweepList.recipeOf(entries.get(0));
        assertThat(calm.hidden()).containsExactly(8, 8);
        assertThat(calm.color()).hasToString("gray");
        assertThat(entries.get(1).problem()).contains("unknown field 'sed'");
        assertThat(entries.get(2).problem()).isEqualTo("expected a recipe object, got 42");
        Recipe last = SweepList.recipeOf(entries.get(3));
        assertThat(last.seed()).isEqualTo(5);
        assertThat(last.width()).isEqualTo(40);
        assertThat(last.height()).isEqualTo(20);
    }

    @Test
    void jsonEntriesOverrideTheBase() throws Exception {
        List<SweepEntry> entries = SweepList.read(file("list.json", """
                {"base": {"hidden": [12, 12, 12], "color": "hsv", "width": 48, "height": 48},
                 "recipes": [{"seed": 1}, {"seed": 2, "color": "rgb"}]}
                """));
        Recipe a = SweepList.recipeOf(entries.get(0));
        Recipe b = SweepList.recipeOf(entries.get(1));
        assertThat(a.hidden()).containsExactly(12, 12, 12);
        assertThat(a.color()).hasToString("hsv");
        assertThat(b.seed()).isEqualTo(2);
        assertThat(b.color()).hasToString("rgb");
        assertThat(b.hidden()).containsExactly(12, 12, 12);
        assertThat(b.width()).isEqualTo(48);
    }

    @Test
    void unsafeAndDuplicateNamesBreakOnlyTheirEntry() throws Exception {
        List<SweepEntry> entries = SweepList.read(file("list.json", """
                [{"name": "../up"}, {"name": "Same"}, {"name": "same"}, {"name": "entry-005"}, {}]
                """));
        assertThat(entries.get(0).problem()).contains("not a safe file name");
        assertThat(entries.get(1).broken()).isFalse();
        assertThat(entries.get(2).problem()).isEqualTo("name 'same' is already used by entry 2");
        assertThat(entries.get(3).broken()).isFalse();
        // The default name of entry 5 is the name entry 4 took.
        assertThat(entries.get(4).problem()).isEqualTo("name 'entry-005' is already used by entry 4");
    }

    @Test
    void unusableListsAreBadInput() throws Exception {
        Path empty = file("empty.json", "[]");
        Path invalid = file("invalid.json", "[{\"seed\": 1,]");
        Path brokenBase = file("base.json", "{\"base\": {\"seed\": \"x\"}, \"recipes\": [{}]}");
        Path text = file("list.txt", "seed\n1\n");
        Path emptyCsv = file("empty.csv", "");
        assertThatThrownBy(() -> SweepList.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds no recipes");
        assertThatThrownBy(() -> SweepList.read(invalid)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("invalid JSON at line 1");
        assertThatThrownBy(() -> SweepList.read(brokenBase)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("base: seed: expected an integer");
        assertThatThrownBy(() -> SweepList.read(text)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(".csv or a .json");
        assertThatThrownBy(() -> SweepList.read(emptyCsv)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> SweepList.read(dir.resolve("missing.csv"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void withSizeRepaintsEveryFineEntryAtTheGivenSize() throws Exception {
        List<SweepEntry> entries = SweepList.withSize(SweepList.read(file("list.json",
                "[{\"seed\": 4, \"width\": 300}, {\"seed\": \"bad\"}]")), 32, 16);
        Recipe r = SweepList.recipeOf(entries.get(0));
        assertThat(r.seed()).isEqualTo(4);
        assertThat(r.width()).isEqualTo(32);
        assertThat(r.height()).isEqualTo(16);
        assertThat(entries.get(1).broken()).isTrue();
    }
}
