package dev.nnpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class PosterCommandTest {

    @TempDir
    Path dir;

    @Test
    void paintsADeepZoomPosterOfTheRecipe() throws Exception {
        Path out = dir.resolve("poster");
        RenderCommandTest.Result r = run("poster", "-q", "-o", out.toString(), "--size", "512x256", "--tiles", "128",
                "--seed", "4", "--color", "hsl");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("poster.dzi"))).contains("TileSize=\"128\"", "Overlap=\"1\"",
                "Width=\"512\" Height=\"256\"");
        assertThat(out.resolve("poster_files/9/3_1.png")).exists();
        assertThat(out.resolve("poster_files/9/4_0.png")).doesNotExist();
        assertThat(Files.readString(out.resolve("poster.json"))).contains("\"seed\" : 4", "\"color\" : \"hsl\"");
    }

    @Test
    void aModelFilePaintsThePosterAndIsStoredWithIt() throws Exception {
        Path model = dir.resolve("model.json");
        assertThat(run("render", "-q", "-o", dir.resolve("a.png").toString(), "--size", "64", "--hidden", "6,5",
                "--save-model", model.toString()).code()).isZero();
        Path out = dir.resolve("poster");
        RenderCommandTest.Result r = run("poster", "-q", "-o", out.toString(), "--model", model.toString(),
                "--size", "128", "--tiles", "64");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("poster.json"))).contains("\"model\" : {", "nnpaint.model/1");
        assertThat(out.resolve("poster_files/7/1_1.png")).exists();
    }

    @Test
    void runningAgainResumesAndKeepsTheFinishedTiles() throws Exception {
        Path out = dir.resolve("poster");
        String[] args = {"poster", "-o", out.toString(), "--size", "256", "--tiles", "64"};
        assertThat(run(args).code()).isZero();
        Path tile = out.resolve("poster_files/8/2_2.png");
        byte[] bytes = Files.readAllBytes(tile);
        Files.delete(tile);
        Files.delete(out.resolve("poster.dzi"));
        RenderCommandTest.Result again = run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("1 tile painted, 26 kept");
        assertThat(Files.readAllBytes(tile)).isEqualTo(bytes);
        assertThat(out.resolve("poster.dzi")).exists();
    }

    @Test
    void aSizeThatDoesNotFitTheTilesIsOneLineAndExitCodeTwo() {
        Path out = dir.resolve("poster");
        RenderCommandTest.Result r = run("poster", "-o", out.toString(), "--size", "1000", "--tiles", "256");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("does not fit tiles of 256 pixels", "such as 1024");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnwritableFolderIsOneLineAndExitCodeTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "a file");
        RenderCommandTest.Result r = run("poster", "-o", file.resolve("poster").toString(), "--size", "256",
                "--tiles", "64");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("cannot create the poster folder");
    }
}
