package dev.nnpaint.cli;

import dev.nnpaint.cli.MarkdownDocs.Command;
import dev.nnpaint.cli.MarkdownDocs.Link;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in README.md and docs/*.md stay true: every {@code nnpaint} command in a shell block parses with the
 * real command line, every relative link and image points at a file (and heading) that exists, so does every
 * repository path written in code, and README's Java examples are the code that {@code ReadmeExampleTest} compiles
 * and runs.
 */
class DocsExamplesTest {

    private static final Path ROOT = MarkdownDocs.projectRoot();
    private static final Set<String> NNPAINT = Set.of("nnpaint", "./nnpaint");

    @Test
    void everyNnpaintCommandInTheDocsParses() {
        List<Command> commands = new ArrayList<>();
        for (Path page : MarkdownDocs.pages(ROOT)) {
            commands.addAll(MarkdownDocs.commands(page.toString(), MarkdownDocs.lines(ROOT.resolve(page)), NNPAINT));
        }
        commands.addAll(galleryRecipes());
        List<String> failures = new ArrayList<>();
        // picocli resets every option before each parse, so one command line serves them all
        CommandLine nnpaint = Main.commandLine();
        for (Command c : commands) {
            List<String> args = c.words().subList(1, c.words().size());
            try {
                // parsing converts every value too (sizes, ranges, initialisations), but runs nothing
                nnpaint.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                failures.add(c.where() + ": " + String.join(" ", c.words()) + "\n    " + e.getMessage());
            }
        }
        // the pages hold several dozen: finding few means the reading broke, not that the docs got shorter
        assertThat(commands).as("nnpaint commands found in the docs").hasSizeGreaterThan(40);
        assertThat(failures).as("commands in the docs that nnpaint does not accept").isEmpty();
    }

    @Test
    void everyRelativeLinkAndImageInTheDocsPointsToAnExistingFile() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path page : MarkdownDocs.pages(ROOT)) {
            for (Link link : MarkdownDocs.links(page.toString(), MarkdownDocs.lines(ROOT.resolve(page)))) {
                String target = link.target();
                if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: ... are not files of the project
                }
                checked++;
                int hash = target.indexOf('#');
                String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path file = (path.isEmpty() ? ROOT.resolve(page) : ROOT.resolve(page).getParent().resolve(path))
                        .normalize();
                if (!file.startsWith(ROOT) || !Files.exists(file)) {
                    failures.add(link.where() + ": " + target + " (no such file)");
                } else if (anchor != null && file.toString().endsWith(".md")
                        && !MarkdownDocs.anchors(MarkdownDocs.lines(file)).contains(anchor)) {
                    failures.add(link.where() + ": " + target + " (" + ROOT.relativize(file) + " has no heading #"
                            + anchor + ")");
                }
            }
        }
        assertThat(checked).as("relative links found in the docs").isGreaterThan(50);
        assertThat(failures).as("links in the docs that lead nowhere").isEmpty();
    }

    @Test
    void everyMavenCommandInTheDocsNamesModulesAndTestsThatExist() throws IOException {
        List<Command> commands = new ArrayList<>();
        for (Path page : MarkdownDocs.pages(ROOT)) {
            commands.addAll(MarkdownDocs.commands(page.toString(), MarkdownDocs.lines(ROOT.resolve(page)), Set.of("mvn")));
        }
        Set<String> testClasses = new HashSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                            .forEach(n -> testClasses.add(n.substring(0, n.length() - ".java".length())));
                }
            }
        }
        List<String> failures = new ArrayList<>();
        for (Command c : commands) {
            List<String> words = c.words();
            for (int i = 1; i < words.size(); i++) {
                String w = words.get(i);
                if ((w.equals("-pl") || w.equals("--projects")) && i + 1 < words.size()) {
                    for (String module : words.get(i + 1).split(",")) {
                        if (!Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml"))) {
                            failures.add(c.where() + ": no module " + module);
                        }
                    }
                } else if (w.startsWith("-Dtest=")) {
                    for (String pattern : w.substring("-Dtest=".length()).split(",")) {
                        String glob = pattern.replaceAll("#.*", "");
                        String regex = Pattern.quote(glob).replace("*", "\\E.*\\Q");
                        if (testClasses.stream().noneMatch(t -> t.matches(regex))) {
                            failures.add(c.where() + ": no test class matches " + glob);
                        }
                    }
                }
            }
        }
        assertThat(commands).as("mvn commands found in the docs").hasSizeGreaterThan(3);
        assertThat(failures).as("mvn commands in the docs that name what is not there").isEmpty();
    }

    @Test
    void everyRepositoryPathNamedInTheDocsExists() throws IOException {
        // a code span such as `nnpaint-ops/src/main/resources/figures/manifest.json` or `examples/sweep.csv`:
        // one that starts with a top-level folder of the repository or a module's name (a module that was renamed
        // is the likeliest way for a path to go stale); build outputs and patterns are left out
        Set<String> folders;
        try (Stream<Path> top = Files.list(ROOT)) {
            folders = top.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals("target")).collect(Collectors.toSet());
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path page : MarkdownDocs.pages(ROOT)) {
            for (Link span : MarkdownDocs.codeSpans(page.toString(), MarkdownDocs.lines(ROOT.resolve(page)))) {
                String text = span.target();
                int slash = text.indexOf('/');
                if (slash < 0 || !(folders.contains(text.substring(0, slash)) || text.matches("nnpaint-[a-z]+/.*"))
                        || !text.matches("[\\w./-]+")
                        || text.contains("/target/")) {
                    continue;
                }
                checked++;
                if (!Files.exists(ROOT.resolve(text))) {
                    failures.add(span.where() + ": " + text);
                }
            }
        }
        assertThat(checked).as("repository paths named in the docs").isGreaterThan(5);
        assertThat(failures).as("paths in the docs that do not exist").isEmpty();
    }

    @Test
    void readmeJavaExamplesAreTheCodeThatReadmeExampleTestRuns() {
        List<String> readme = MarkdownDocs.blocks("README.md", MarkdownDocs.lines(ROOT.resolve("README.md"))).stream()
                .filter(b -> b.language().equals("java"))
                .map(b -> String.join("\n", b.lines()))
                .toList();
        Path test = ROOT.resolve("nnpaint-core/src/test/java/dev/nnpaint/ReadmeExampleTest.java");
        List<String> tested = markedExamples(String.join("\n", MarkdownDocs.lines(test)));
        assertThat(tested).as("examples marked in " + ROOT.relativize(test)).hasSize(2);
        assertThat(readme).as("README's java blocks, against the marked code of " + ROOT.relativize(test))
                .containsExactlyElementsOf(tested);
    }

    /**
     * README's gallery writes each picture's recipe as the options of {@code nnpaint render} in a table cell
     * ({@code `--seed 21 --color hsv ...`}): they are read as the render commands they stand for.
     */
    static List<Command> galleryRecipes() {
        List<String> lines = MarkdownDocs.lines(ROOT.resolve("README.md"));
        List<Command> commands = new ArrayList<>();
        Matcher span = Pattern.compile("`(--[^`]+)`").matcher("");
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("|")) {
                continue;
            }
            span.reset(lines.get(i));
            while (span.find()) {
                List<String> words = new ArrayList<>(List.of("nnpaint", "render"));
                words.addAll(MarkdownDocs.shellCommands(span.group(1)).get(0));
                commands.add(new Command("README.md", i + 1, words));
            }
        }
        return commands;
    }

    /** The code between {@code // --- README ... start} and {@code // --- README ... end}, less its indentation. */
    static List<String> markedExamples(String source) {
        Matcher m = Pattern.compile("(?m)^[ \\t]*// --- README (.*)start\\n(.*?)\\n[ \\t]*// --- README \\1end$",
                Pattern.DOTALL).matcher(source);
        List<String> examples = new ArrayList<>();
        while (m.find()) {
            examples.add(m.group(2).stripIndent().stripTrailing());
        }
        return examples;
    }
}
