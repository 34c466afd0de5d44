package dev.nnpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SweepCommandTest {

    @TempDir
    Path dir;

    private static RenderCommandTest.Result run(String... args) {
        return RenderCommandTest.run(args);
    }

    @Test
    void paintsEachFineEntryByteIdenticalToRenderAndReportsTheBrokenOne() throws Exception {
        Path list = Files.writeString(dir.resolve("list.csv"), """
                name,seed,layers,neurons,activation,color,size
                calm,3,4,12,tanh,rgb,32
                wrong,4,,,nonsense,,32
                "sharp",5,,,"mix:sin,gaussian",hsv,32x24
                """);
        Path out = dir.resolve("out");

        RenderCommandTest.Result sweep = run("sweep", list.toString(), "-o", out.toString(), "--quiet");

        assertThat(sweep.code()).isEqualTo(SweepCommand.SOME_BROKEN);
        assertThat(sweep.err()).contains("entry 2 (wrong): line 3: ").contains("nonsense")
                .contains("1 of 3 entries broken");
        assertThat(run("render", "--quiet", "-o", dir.resolve("calm.png").toString(), "--seed", "3", "--layers", "4",
                "--neurons", "12", "--activation", "tanh", "--color", "rgb", "--size", "32").code()).isZero();
        assertThat(run("render", "--quiet", "-o", dir.resolve("sharp.png").toString(), "--seed", "5",
                "--activation", "mix:sin,gaussian", "--color", "hsv", "--size", "32x24").code()).isZero();
        assertThat(Files.readAllBytes(out.resolve("calm.png"))).isEqualTo(Files.readAllBytes(dir.resolve("calm.png")));
        assertThat(Files.readAllBytes(out.resolve("sharp.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("sharp.png")));
        assertThat(out.resolve("wrong.png")).doesNotExist();
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("src=\"calm.png\"", "src=\"sharp.png\"", "entry 2 (wrong)", "nonsense");
    }

    @Test
    void allFineExitsZeroAndSizeOverridesEveryEntry() throws Exception {
        Path list = Files.writeString(dir.resolve("list.json"), "[{\"seed\": 1}, {\"seed\": 2, \"width\": 900}]");
        Path out = dir.resolve("thumbs");
        RenderCommandTest.Result r = run("sweep", list.toString(), "-o", out.toString(), "--size", "20x10", "-q");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(ImageIO.read(out.resolve("entry-002.png").toFile()).getWidth()).isEqualTo(20);
        assertThat(ImageIO.read(out.resolve("entry-001.png").toFile()).getHeight()).isEqualTo(10);
    }

    @Test
    void anUnwritableFolderIsOneLineAndExitCodeTwo() throws Exception {
        Path list = Files.writeString(dir.resolve("list.csv"), "seed\n1\n");
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file");
        RenderCommandTest.Result r = run("sweep", list.toString(), "-o", blocker.resolve("out").toString(), "-q");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).startsWith("nnpaint: cannot create folder").hasLineCount(1);
    }

    @Test
    void anUnusableListIsOneLineAndExitCodeTwoWithNothingWritten() throws Exception {
        Path list = Files.writeString(dir.resolve("list.csv"), "seed,colour\n1,rgb\n");
        Path out = dir.resolve("out");
        RenderCommandTest.Result r = run("sweep", list.toString(), "-o", out.toString(), "-q");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("unknown column 'colour'").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aTruncatedListSaysWhereWithoutTheParsersInternals() throws Exception {
        Path list = dir.resolve("t.json");
        Files.writeString(list, "[{\"seed\": 1}, {\"seed\"");
        RenderCommandTest.Result r = run("sweep", list.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: " + list + ": invalid JSON at line 1, column 22")
                .doesNotContain("Source").doesNotContain("marker").hasLineCount(1);
    }
}
