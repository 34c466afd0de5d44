package dev.nnpaint.cli;

import dev.nnpaint.kernel.Kernels;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The top-level command: its help lists whole sentences, and --verbose says which kernel runs and why. */
class MainTest {

    private static String[] outAndErr(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.execute(args);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void everyCommandInTheHelpListEndsItsSentence() {
        String help = outAndErr("--help")[0];
        String list = help.substring(help.indexOf("Commands:") + "Commands:".length());
        // a description runs from a line naming a command through its indented continuation lines
        List<String> entries = new ArrayList<>();
        for (String line : list.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                entries.add(line.trim());
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
            }
        }
        assertThat(entries).hasSize(15); // 14 commands and help
        assertThat(entries).allSatisfy(e -> assertThat(e).endsWith("."));
        assertThat(entries).contains("poster    Paint a deep-zoom poster.", "bench     Measure the speed of the engine.",
                "fit       Train a coordinate network (x, y -> colour) to paint an image, through an input encoding.");
    }

    @Test
    void firstSentenceStopsAtAFullStopOrColonThatEndsAClause() {
        assertThat(Main.firstSentence("Paint a deep-zoom poster: a Deep Zoom (DZI) pyramid of PNG tiles in which"))
                .isEqualTo("Paint a deep-zoom poster.");
        assertThat(Main.firstSentence("Run a model (nnpaint.model/1) on the rows.  Then more."))
                .isEqualTo("Run a model (nnpaint.model/1) on the rows.");
        assertThat(Main.firstSentence("No full stop at all")).isEqualTo("No full stop at all");
    }

    @Test
    void onlyTheNamedCommandIsBuiltAndNoneForTheVersion() {
        assertThat(Main.commandLine("render", "-o", "a.png").getSubcommands()).containsOnlyKeys("render");
        assertThat(Main.commandLine("--verbose", "grid", "--help").getSubcommands()).containsOnlyKeys("grid");
        assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("--verbose", "-V").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("--help").getSubcommands()).hasSize(15);
        assertThat(Main.commandLine("--version", "render").getSubcommands()).hasSize(15);
        assertThat(Main.commandLine("nonsense").getSubcommands()).hasSize(15);
    }

    @Test
    void theKernelWarmsUpOnlyForPaintingCommandsOnTheDefaultKernel() {
        assertThat(Main.warmsUp("render", "-o", "art.png")).isTrue();
        assertThat(Main.warmsUp("--verbose", "grid", "--rows", "seed=1..3")).isTrue();
        assertThat(Main.warmsUp("poster", "--kernel", "vector", "-o", "p")).isTrue();
        assertThat(Main.warmsUp("train", "--epochs", "10")).isFalse();
        assertThat(Main.warmsUp("render", "--help")).isFalse();
        assertThat(Main.warmsUp("render", "--kernel", "scalar")).isFalse();
        assertThat(Main.warmsUp("render", "--kernel=scalar")).isFalse();
        assertThat(Main.warmsUp("--version")).isFalse();
        assertThat(Main.warmsUp()).isFalse();
    }

    @Test
    void theVersionNamesTheBuildAndTheKernel() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine("--version");
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString().split("\\R")).hasSize(2).satisfies(lines -> {
            assertThat(lines[0]).startsWith("nnpaint ");
            assertThat(lines[1]).isEqualTo("kernel: " + Kernels.fastest().name() + " (" + Kernels.choice().reason() + ")");
        });
    }

    @Test
    void verboseSaysWhichKernelRunsAndWhyBeforeOrAfterTheCommand() {
        String expected = "nnpaint: kernel: " + Kernels.fastest().name() + " (" + Kernels.choice().reason() + ")";
        assertThat(outAndErr("--verbose", "stats", "--critical")[1]).startsWith(expected);
        assertThat(outAndErr("stats", "--verbose", "--critical")[1]).startsWith(expected);
        assertThat(outAndErr("stats", "--critical")[1]).doesNotContain("kernel:");
    }
}
