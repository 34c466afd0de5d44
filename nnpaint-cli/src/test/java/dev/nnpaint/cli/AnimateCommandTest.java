package dev.nnpaint.cli;

import dev.nnpaint.ops.anim.FrameSchedule;
import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.format.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class AnimateCommandTest {

    @TempDir
    Path dir;

    private Result animate(String... args) {
        List<String> all = new ArrayList<>(List.of("animate", "--quiet", "--size", "24x16", "--layers", "3",
                "--neurons", "8", "--threads", "2"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static int gifFrames(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.read(0).getWidth()).isEqualTo(24);
            return reader.getNumImages(true);
        }
    }

    private static AnimateCommand parse(String... args) {
        AnimateCommand command = new AnimateCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void framesIsTheNumberOfFramesInTheFile() throws Exception {
        Path gif = dir.resolve("gain.gif");
        Result r = animate("--vary", "gain=0.5..2", "--frames", "6", "-o", gif.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(gifFrames(gif)).isEqualTo(6);
    }

    @Test
    void zWalkAndCrossSectionWriteGifsAndFolders() throws Exception {
        Path walk = dir.resolve("walk.gif");
        assertThat(animate("--z-walk", "--frames", "5", "-o", walk.toString()).code()).isZero();
        assertThat(gifFrames(walk)).isEqualTo(5);

        Path folder = dir.resolve("section");
        Result r = animate("--cross-section", "7", "--frames", "3", "-o", folder + "/");
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame-0001.png", "frame-0002.png", "frame-0003.png");
        }
        // each frame carries what painted it: render --from repaints it
        Path frame = folder.resolve("frame-0002.png");
        assertThat(ImageMetadata.read(frame).model()).isNotNull();
        Path again = dir.resolve("again.png");
        assertThat(run("render", "--quiet", "--from", frame.toString(), "-o", again.toString()).code()).isZero();
        assertThat(ImageIO.read(again.toFile()).getRGB(5, 5)).isEqualTo(ImageIO.read(frame.toFile()).getRGB(5, 5));
    }

    @Test
    void theLoopModeDefaultsToPingpongForVariedFieldsAndLoopForClosedPaths() {
        assertThat(parse("--vary", "gain=1..2").plan().schedule().loop()).isEqualTo(FrameSchedule.LoopMode.PINGPONG);
        assertThat(parse("--z-walk").plan().schedule().loop()).isEqualTo(FrameSchedule.LoopMode.LOOP);
        assertThat(parse("--z-walk", "--loop", "once", "--ease", "sine").plan().schedule())
                .isEqualTo(new FrameSchedule(48, FrameSchedule.LoopMode.ONCE, FrameSchedule.Easing.SINE));
        assertThat(parse("--z-walk").plan().base().zDim()).isEqualTo(3);
        assertThat(parse("--z-walk", "--z-dim", "5").plan().base().zDim()).isEqualTo(5);
        assertThat(parse("--cross-section", "7").plan().base().inputFeatures())
                .containsExactly("x", "y", "z0", "z1", "z2", "z3", "z4");
        assertThat(parse("--vary", "gain=1..2").plan().base().width()).isEqualTo(AnimateCommand.DEFAULT_SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--vary gain=1..2 --frames 0          | --frames must be at least 1, got 0",
            "--vary gain=1..2 --frames -3         | --frames must be at least 1, got -3",
            "--vary gain=1..2 --fps 0             | --fps must be a positive number, got 0",
            "--vary gain=1..2 --fps -2.5          | --fps must be a positive number, got -2.5",
            "--vary gain=1..2 --fps 60            | --fps 50 or less for .gif",
            "--vary gain=1..2 --loop sideways     | unknown loop mode 'sideways'; valid: once, loop, pingpong",
            "--vary gain=1..2 --ease cubic        | unknown easing 'cubic'; valid: linear, sine",
            "--vary gain=1..2 --dither blue       | unknown dithering 'blue'",
            "--vary activation=tanh..relu         | cannot animate activation",
            "--vary depth=1..10                   | cannot animate depth",
            "--vary colour=1..2                   | cannot animate color",
            "--vary bogus=1..2                    | unknown recipe field 'bogus'",
            "--vary gain=1                        | needs a range FROM..TO",
            "--vary gain=2..2                     | --vary gain=2..2 is an empty range",
            "--vary rotate=a..90                  | rotate: 'a' is not a number",
            "--vary center=0,0..x,1               | center: 'x' is not a number",
            "--vary zoom=0..2                     | zoom",
            "--frames 4                           | nothing moves",
            "--z-walk --cross-section 7           | either --z-walk or --cross-section",
            "--cross-section 2                    | at least 3 input dimensions",
            "--cross-section 5 --z-dim 2          | leave out --inputs, --z and --z-dim",
            "--z-walk --vary z=0,0..1,1           | --vary z moves the latent vector",
    })
    void badValuesGetOneLineAndExitCode2(String args, String message) throws Exception {
        List<String> all = new ArrayList<>(List.of(args.trim().split("\\s+")));
        all.addAll(List.of("-o", dir.resolve("a.gif").toString()));
        Result r = animate(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: ").contains(message.trim()).hasLineCount(1)
                .doesNotContain("Exception");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("files left behind").isEmpty();
        }
    }

    @Test
    void unsupportedExtensionsAreRefused() {
        Result r = animate("--vary", "gain=1..2", "-o", dir.resolve("a.webm").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write an animation as '.webm'").hasLineCount(1);
    }

    @Test
    void mp4WithoutFfmpegNamesTheAlternatives() {
        boolean hasFfmpeg = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "ffmpeg")));
        org.junit.jupiter.api.Assumptions.assumeFalse(hasFfmpeg, "ffmpeg is installed here");
        Result r = animate("--vary", "gain=1..2", "-o", dir.resolve("a.mp4").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nnpaint: writing .mp4 needs ffmpeg, which is not on the PATH: install it, "
                + "or write a .gif or a folder of numbered PNGs (-o frames/) instead" + System.lineSeparator());
    }

    @Test
    void aFolderNamedLikeAGifIsRefusedRatherThanFilledWithFrames() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("d.gif"));
        Result r = animate("--z-walk", "--frames", "2", "-o", folder.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is a folder; name a .gif file, or end the name with /").hasLineCount(1);
        try (java.util.stream.Stream<Path> in = Files.list(folder)) {
            assertThat(in).isEmpty();
        }
    }

    @Test
    void anMp4WithOddSidesIsRefusedWithTheReason() {
        Result r = run("animate", "--quiet", "--z-walk", "--frames", "2", "--size", "33x17", "-o",
                dir.resolve("a.mp4").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("an MP4 needs an even width and height").contains("got 33x17: try 34x18")
                .hasLineCount(1);
    }

    @Test
    void aRerunRemovesTheFramesFolderAKilledRunLeft() throws Exception {
        Path stale = Files.createDirectory(dir.resolve(".frames.tmp-1f2e3d"));
        Files.write(stale.resolve("frame-0001.png"), new byte[10]);
        Path other = Files.createDirectory(dir.resolve(".other.tmp-1f2e3d"));
        Result r = animate("--z-walk", "--frames", "2", "-o", dir.resolve("frames").toString() + "/");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(other).exists();
        try (java.util.stream.Stream<Path> frames = Files.list(dir.resolve("frames"))) {
            assertThat(frames.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame-0001.png", "frame-0002.png");
        }
    }
}
