package dev.nnpaint.cli;

import dev.nnpaint.cli.MarkdownDocs.Command;
import dev.nnpaint.cli.MarkdownDocs.Link;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reading of Markdown pages that {@link DocsExamplesTest} relies on, on small pages written here. */
class MarkdownDocsTest {

    @Test
    void shellLinesSplitLikeShDoes() {
        assertThat(MarkdownDocs.shellCommands("./nnpaint render -o art.png     # paint one"))
                .containsExactly(List.of("./nnpaint", "render", "-o", "art.png"));
        assertThat(MarkdownDocs.shellCommands("a --x 'two words' \"say \\\"hi\\\"\" back\\ slash a#b"))
                .containsExactly(List.of("a", "--x", "two words", "say \"hi\"", "back slash", "a#b"));
        assertThat(MarkdownDocs.shellCommands("cd x && nnpaint serve; nnpaint bench | tee out || true"))
                .containsExactly(List.of("cd", "x"), List.of("nnpaint", "serve"), List.of("nnpaint", "bench"),
                        List.of("tee", "out"), List.of("true"));
        assertThat(MarkdownDocs.shellCommands("   # only a comment")).isEmpty();
        assertThatThrownBy(() -> MarkdownDocs.shellCommands("nnpaint render --seed '4")).hasMessageContaining("unclosed");
    }

    @Test
    void commandsComeFromShellBlocksWithContinuationsJoinedAndTheirFirstLine() {
        List<String> page = List.of(
                "# Title",
                "```text",
                "nnpaint render [options]",
                "```",
                "",
                "```sh",
                "nnpaint grid --rows seed=1..3 \\",
                "    --size 120 -o sheet.png",
                "NNPAINT_JAVA_OPTS=-Xmx2g ./nnpaint render",
                "mvn -B verify",
                "```",
                "```console",
                "$ nnpaint grid --rows temperature=1..3",
                "```");
        List<Command> commands = MarkdownDocs.commands("page.md", page, Set.of("nnpaint", "./nnpaint"));
        assertThat(commands).containsExactly(
                new Command("page.md", 7, List.of("nnpaint", "grid", "--rows", "seed=1..3", "--size", "120", "-o",
                        "sheet.png")),
                new Command("page.md", 9, List.of("./nnpaint", "render")));
    }

    @Test
    void linksAreReadFromProseButNotFromCode() {
        List<String> page = List.of(
                "See [the manual](docs/README.md) and ![a picture](images/a.png \"title\").",
                "`[not a link](nowhere.md)` and [![badge](b.svg)](https://example.org/x)",
                "```sh",
                "echo [no](link.md)",
                "```",
                "[ref]: formats.md#recipes",
                "<img src=\"images/b.png\" alt=\"b\">");
        assertThat(MarkdownDocs.links("p.md", page)).containsExactly(
                new Link("p.md", 1, "docs/README.md"),
                new Link("p.md", 1, "images/a.png"),
                new Link("p.md", 2, "https://example.org/x"),
                new Link("p.md", 6, "formats.md#recipes"),
                new Link("p.md", 7, "images/b.png"));
    }

    @Test
    void anchorsAreGithubsHeadingSlugs() {
        List<String> page = List.of(
                "# nnpaint",
                "## How the viewer is vendored",
                "## Zoom: pan and zoom posters, or any painting live",
                "### `nnpaint train`, `nnpaint predict`",
                "## Speed",
                "## Speed",
                "```sh",
                "# a comment, not a heading",
                "```");
        assertThat(MarkdownDocs.anchors(page)).containsExactly("nnpaint", "how-the-viewer-is-vendored",
                "zoom-pan-and-zoom-posters-or-any-painting-live", "nnpaint-train-nnpaint-predict", "speed", "speed-1");
    }

    @Test
    void markedExamplesAreTheCodeBetweenTheMarkersWithoutItsIndentation() {
        String source = String.join("\n",
                "class T {",
                "    void a() {",
                "        // --- README example start",
                "        int x = 1;",
                "            // indented more",
                "        // --- README example end",
                "        // --- README other example start",
                "        int y = 2;",
                "        // --- README other example end",
                "    }",
                "}");
        assertThat(DocsExamplesTest.markedExamples(source))
                .containsExactly("int x = 1;\n    // indented more", "int y = 2;");
    }
}
