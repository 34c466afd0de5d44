package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code nnpaint train --animate}: the decision boundary recorded while training. */
class TrainAnimateTest {

    @TempDir
    Path dir;

    private Result train(String... args) {
        List<String> all = new ArrayList<>(List.of("train", "--quiet", "--samples", "200", "--activation", "tanh",
                "--optimizer", "adam", "--lr", "0.05", "--batch", "32", "--threads", "2"));
        all.addAll(List.of(args));
        if (!all.contains("--data")) {
            all.addAll(List.of("--data", "moons", "--layers", "2-8-8-1"));
        }
        return run(all.toArray(String[]::new));
    }

    private static List<BufferedImage> frames(Path gif) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            List<BufferedImage> frames = new ArrayList<>();
            for (int i = 0, n = reader.getNumImages(true); i < n; i++) {
                frames.add(reader.read(i));
            }
            return frames;
        } finally {
            reader.dispose();
        }
    }

    @Test
    void recordsAFrameEveryKEpochsAndHoldsTheLast() throws Exception {
        Path gif = dir.resolve("boundary.gif");
        Result r = train("--epochs", "20", "--animate-every", "5", "--animate-fps", "4", "--out",
                dir.resolve("out").toString(), "--animate", gif.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<BufferedImage> frames = frames(gif);
        // epochs 0, 5, 10, 15, 20, then the last held for 1.5 s at 4 fps: 6 more
        assertThat(frames).hasSize(5 + 6);
        assertThat(frames.get(0).getWidth()).isEqualTo(400);
        assertThat(frames.get(0).getHeight()).isEqualTo(375);
        // the boundary moves while training: the untrained first frame differs from the last in many pixels
        assertThat(differingPixels(frames.get(0), frames.get(4))).isGreaterThan(5_000);
        assertThat(differingPixels(frames.get(4), frames.get(10))).isZero();
        assertThat(dir.resolve("out").resolve("model.json")).exists();
    }

    @Test
    void aFolderTargetGetsNumberedPngs() throws Exception {
        Path folder = dir.resolve("frames");
        Result r = train("--epochs", "4", "--animate-every", "2", "--animate-fps", "2", "--out",
                dir.resolve("out").toString(), "--animate", folder + "/");
        assertThat(r.code()).as(r.err()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            // epochs 0, 2, 4 and 3 held frames
            assertThat(files.count()).isEqualTo(6);
        }
        assertThat(ImageIO.read(folder.resolve("frame-0001.png").toFile()).getWidth()).isEqualTo(400);
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--animate b.gif --animate-every 0            | --animate-every must be at least 1 epoch, got 0",
            "--animate b.gif --animate-every 1 --epochs 1000 | makes 1001 frames; at most 500",
            "--animate b.gif --animate-fps 0              | --fps must be a positive number",
            "--animate b.webm                             | cannot write an animation as '.webm'",
            "--animate b.gif --data three.csv             | --animate draws the decision boundary over two features",
    })
    void badValuesGetOneLineAndNothingIsWritten(String args, String message) throws Exception {
        Files.writeString(dir.resolve("three.csv"), "a,b,c,label\n0,0,0,0\n1,1,1,1\n0,1,0,0\n1,0,1,1\n");
        List<String> all = new ArrayList<>();
        for (String a : args.trim().split(" +")) {
            all.add(a.endsWith(".gif") || a.endsWith(".webm") || a.endsWith(".csv") ? dir.resolve(a).toString() : a);
        }
        if (!all.contains("--epochs")) {
            all.addAll(List.of("--epochs", "10"));
        }
        all.addAll(List.of("--out", dir.resolve("out").toString()));
        Result r = train(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").hasLineCount(1);
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("b.gif")).doesNotExist();
    }
}
