package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.PngText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnimationWriterTest {

    @TempDir
    Path dir;

    private static final AnimationWriter.FrameSource GRADIENTS = new AnimationWriter.FrameSource() {
        @Override
        public byte[] render(int index) {
            return GifRoundTripTest.gradientFrame(20, 10, index);
        }

        @Override
        public Map<String, String> pngText(int index) {
            return Map.of("nnpaint", "frame " + index);
        }
    };

    private List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFormatFollowsTheName() {
        assertThat(AnimationFormat.of("a/b.GIF")).isEqualTo(AnimationFormat.GIF);
        assertThat(AnimationFormat.of("clip.mp4")).isEqualTo(AnimationFormat.MP4);
        assertThat(AnimationFormat.of("frames/")).isEqualTo(AnimationFormat.PNG_FOLDER);
        assertThat(AnimationFormat.of("frames")).isEqualTo(AnimationFormat.PNG_FOLDER);
        assertThat(AnimationFormat.of("out/v1.2/")).isEqualTo(AnimationFormat.PNG_FOLDER);
        assertThatThrownBy(() -> AnimationFormat.of("clip.webm")).isInstanceOf(BadInputException.class)
                .hasMessage("cannot write an animation as '.webm': name the output *.gif or *.mp4, or give a "
                        + "folder (ending in /) for numbered PNGs");
    }

    @Test
    void aFolderGetsNumberedPngsWithTheirText() throws Exception {
        Path folder = dir.resolve("frames");
        AnimationWriter.write(folder + "/", 20, 10, AnimationSettings.of(10), 3, 2, GRADIENTS,
                AnimationWriter.Progress.NONE);
        assertThat(names(folder)).containsExactly("frame-0001.png", "frame-0002.png", "frame-0003.png");
        BufferedImage second = ImageIO.read(folder.resolve("frame-0002.png").toFile());
        byte[] expected = GifRoundTripTest.gradientFrame(20, 10, 1);
        assertThat(second.getRGB(7, 3) & 0xffffff).isEqualTo((expected[3 * (3 * 20 + 7)] & 0xff) << 16
                | (expected[3 * (3 * 20 + 7) + 1] & 0xff) << 8 | (expected[3 * (3 * 20 + 7) + 2] & 0xff));
        assertThat(PngText.read(folder.resolve("frame-0003.png"))).containsEntry("nnpaint", "frame 2");
        assertThat(names(dir)).containsExactly("frames");

        // written again with fewer frames: the earlier animation is replaced as a whole
        AnimationWriter.write(folder.toString(), 20, 10, AnimationSettings.of(10), 2, 2, GRADIENTS,
                AnimationWriter.Progress.NONE);
        assertThat(names(folder)).containsExactly("frame-0001.png", "frame-0002.png");
        assertThat(PngFolderEncoder.fileName(41, 12345)).isEqualTo("frame-00042.png");
    }

    @Test
    void aFolderWithOtherFilesIsNotTouched() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(folder.resolve("notes.txt"), "keep");
        assertThatThrownBy(() -> AnimationWriter.write(folder.toString(), 20, 10, AnimationSettings.of(10), 2, 1,
                GRADIENTS, AnimationWriter.Progress.NONE)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'notes.txt', which is not a frame");
        assertThat(names(folder)).containsExactly("notes.txt");
    }

    @Test
    void aFailedRenderLeavesNothingBehind() throws Exception {
        AnimationWriter.FrameSource failing = i -> {
            if (i == 4) {
                throw new BadInputException("frame 4 cannot be painted");
            }
            return GifRoundTripTest.gradientFrame(20, 10, i);
        };
        for (String target : new String[] {"anim.gif", "frames/"}) {
            assertThatThrownBy(() -> AnimationWriter.write(dir.resolve(target).toString(), 20, 10,
                    AnimationSettings.of(10), 9, 2, failing, AnimationWriter.Progress.NONE))
                    .isInstanceOf(BadInputException.class).hasMessage("frame 4 cannot be painted");
            assertThat(names(dir)).as("after %s", target).isEmpty();
        }
    }

    @Test
    void gifLimitsAreCheckedBeforeRendering() {
        assertThatThrownBy(() -> AnimationWriter.check(dir.resolve("a.gif").toString(), 10, 10,
                AnimationSettings.of(60))).isInstanceOf(BadInputException.class).hasMessageContaining("--fps 50");
        assertThatThrownBy(() -> AnimationWriter.check(dir.resolve("none/a.gif").toString(), 10, 10,
                AnimationSettings.of(10))).isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new AnimationSettings(0, true, Dither.FS, null))
                .isInstanceOf(BadInputException.class).hasMessage("--fps must be a positive number, got 0.0");
    }

    @Test
    void withoutFfmpegMp4IsRefusedInOneLineNamingTheOtherOutputs() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("bin"));
        assertThatThrownBy(() -> Mp4Encoder.ffmpeg(empty.toString())).isInstanceOf(BadInputException.class)
                .hasMessage("writing .mp4 needs ffmpeg, which is not on the PATH: install it, or write a .gif or a "
                        + "folder of numbered PNGs (-o frames/) instead");
        assertThatThrownBy(() -> Mp4Encoder.ffmpeg(null)).isInstanceOf(BadInputException.class);
    }

    /** A stand-in ffmpeg that stores the raw frames it is sent: the pipe protocol, without a real encoder. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void framesGoToFfmpegAsRawRgbInOrder() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path fake = bin.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\nfor last; do :; done\ncat > \"$last\"\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Mp4Encoder.ffmpeg("/nonexistent" + java.io.File.pathSeparator + bin)).isEqualTo(fake);

        Path video = dir.resolve("out.mp4");
        Mp4Encoder mp4 = Mp4Encoder.start(fake, video, 20, 10, 24);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] frame = GifRoundTripTest.gradientFrame(20, 10, i);
            mp4.append(i, mp4.encode(i, frame));
            expected.write(frame);
        }
        mp4.finish();
        assertThat(Files.readAllBytes(video)).isEqualTo(expected.toByteArray());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFailingFfmpegIsReportedWithItsMessage() throws Exception {
        Path fake = dir.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\ncat > /dev/null\necho 'Unknown encoder libx264' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Mp4Encoder mp4 = Mp4Encoder.start(fake, dir.resolve("out.mp4"), 20, 10, 24);
        mp4.append(0, GifRoundTripTest.gradientFrame(20, 10, 0));
        assertThatThrownBy(mp4::finish).isInstanceOf(java.io.IOException.class)
                .hasMessage("ffmpeg failed with exit code 1: Unknown encoder libx264");
    }
}
