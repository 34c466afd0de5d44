package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.figures.FigureArguments;
import dev.nnpaint.ops.figures.FigureSpec;
import dev.nnpaint.ops.figures.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code nnpaint figures}: every listed figure is a valid command, a subset makes a gallery of real files. */
class FiguresCommandTest {

    @TempDir
    Path dir;

    @Test
    void theManifestListsEveryFigureOfTheIssue() {
        Manifest manifest = Manifest.load();
        Set<String> ids = manifest.figures().stream().map(FigureSpec::id).collect(Collectors.toSet());
        assertThat(ids).contains("chopra-grey-goo", "chopra-uniform-100-raw", "chopra-uniform-100", "chopra-mondrian",
                "chopra-uniform-3", "chopra-normal-0-layers", "chopra-normal-1-layer", "chopra-normal-8-layers",
                "chopra-normal-16-layers", "chopra-8x32", "chopra-8x128", "chopra-halving", "neylon-one-layer",
                "neylon-two-layer", "neylon-depth", "neylon-adding-layers", "neylon-27-layers", "neylon-40-layers",
                "neylon-tanh-relu", "neylon-widths", "neylon-400-zoom", "neylon-zoom", "neylon-weight-scale",
                "neylon-weight-scale-animation", "neylon-heightmap", "neylon-scurves", "neylon-7d");
        assertThat(manifest.articles()).hasSize(2);
    }

    @Test
    void everyFigureCommandParsesAndItsRecipesExist() {
        for (FigureSpec figure : Manifest.load().figures()) {
            List<String> args = FigureArguments.forRun(figure, dir, 1);
            // parseArgs checks options, types and arity without running the command
            CommandLine cl = Main.commandLine();
            CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
            assertThat(parsed.subcommand()).as(figure.id()).isNotNull();
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(figure.command());
            for (String recipe : FigureArguments.recipesUsed(figure)) {
                assertThat(Manifest.resourceText("recipes/" + recipe)).as(figure.id() + " " + recipe).isNotBlank();
            }
            assertThat(FigureArguments.forDisplay(figure, 1)).startsWith("nnpaint " + figure.command())
                    .endsWith("-o " + figure.output()).doesNotContain(dir.toString());
        }
    }

    @Test
    void aSubsetWritesAGalleryThatLinksExistingImages() throws Exception {
        Result r = run("figures", "--out", dir.toString(), "--only",
                "chopra-grey-goo,neylon-two-layer,neylon-heightmap", "--scale", "0.25", "--threads", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("[ 1/3] chopra-grey-goo").contains("made 3 of 3 figures in");
        String html = Files.readString(dir.resolve("index.html"));
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        List<String> images = new ArrayList<>();
        while (img.find()) {
            images.add(img.group(1));
        }
        assertThat(images).containsExactly("chopra-grey-goo.png", "neylon-heightmap.png", "neylon-two-layer.png");
        for (String image : images) {
            assertThat(dir.resolve(image)).isRegularFile();
        }
        assertThat(html).contains("nnpaint render --model recipes/chopra-grey-goo.model.json "
                + "--config recipes/chopra-grey-goo.json --size 64 -o chopra-grey-goo.png");
        assertThat(dir.resolve("recipes/chopra-grey-goo.json")).isRegularFile();
        assertThat(dir.resolve("recipes/sigmoid-neuron.model.json")).isRegularFile();
    }

    @Test
    void anUnknownFigureIsOneLineAndExitCode2() {
        Result r = run("figures", "--out", dir.toString(), "--only", "chopra-grey-goo,no-such-figure");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "nnpaint: unknown figure 'no-such-figure'; 'nnpaint figures --list' shows them all");
        assertThat(dir.resolve("index.html")).doesNotExist();
    }

    @Test
    void badValuesAreRefused() {
        assertThat(run("figures", "--out", dir.toString(), "--scale", "0").code()).isEqualTo(2);
        assertThat(run("figures").err()).contains("--out DIR");
    }

    @Test
    void anOutputFolderThatCannotBeMadeIsOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        Result r = run("figures", "--only", "chopra-grey-goo", "--out", "/proc/figs");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nnpaint: cannot create the folder '/proc/figs': '/proc' takes no new folders"
                + System.lineSeparator());
    }

    @Test
    void onlyWithoutAnyIdIsRefusedRatherThanMakingEveryFigure() {
        Result r = run("figures", "--only", ",", "--out", dir.resolve("figs").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: --only needs figure ids").hasLineCount(1);
        assertThat(dir.resolve("figs")).doesNotExist();
    }

    @Test
    void helpGivesTheTimeItReallyTakes() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.execute("figures", "--help");
        assertThat(out.toString()).contains("(about 20 seconds on two cores)").doesNotContain("minutes");
    }
}
