package dev.nnpaint.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden pins: the SHA-256 of the decoded pixels of a handful of outputs, painted with the scalar kernel (the
 * portable reference; the vector kernel may round differently on other CPUs). Share links, gallery files and
 * recipes people keep all rely on a recipe painting the same picture forever, so a change of pixels must be
 * deliberate: when one of these fails, either the change is a bug, or the pin is updated in the same commit with
 * the reason in its message.
 */
class GoldenPixelsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultRecipePaintsTheSamePixels() throws Exception {
        Path png = run("render", "-o", "default.png");
        assertThat(pixelHash(png, 0)).isEqualTo("56bae89e541c828d373b85056f3ac5de861d875c1df1c93c52b0db433d4e1b08");
    }

    @Test
    void aMixedActivationRecipeInHsvPaintsTheSamePixels() throws Exception {
        Path png = run("render", "--seed", "7", "--activation", "mix:tanh,sin,gaussian,relu", "--layers", "6",
                "--neurons", "24", "--weights", "normal:1.5", "--color", "hsv", "--inputs", "x,y,r,bias",
                "--size", "320x200", "--zoom", "0.7", "--center", "0.3,-0.2", "--rotate", "30", "-o", "mix.png");
        assertThat(pixelHash(png, 0)).isEqualTo("ff4fcbac2cbee489c874cfafd12575fea1b1397e2ca67c2e396237bdea382c7f");
    }

    @Test
    void aModelFileWithAPalettePaintsTheSamePixels() throws Exception {
        run("render", "--seed", "3", "--layers", "3", "--neurons", "12", "--color", "gray", "--z-dim", "2",
                "--size", "32", "--save-model", dir.resolve("model.json").toString(), "-o", "ignored.png");
        Path png = run("render", "--model", dir.resolve("model.json").toString(), "--color", "palette:magma",
                "--size", "256x192", "-o", "model.png");
        assertThat(pixelHash(png, 0)).isEqualTo("f492cb324bd05b2969808a3f656f48fca50992f53cfbffaf4838bdc1f038c033");
    }

    @Test
    void aGridSheetPaintsTheSamePixels() throws Exception {
        Path png = run("grid", "--rows", "depth=1,4", "--cols", "gain=0.5,2", "--size", "64", "-o", "grid.png");
        assertThat(pixelHash(png, 0)).isEqualTo("986f729575468202e4acdf5535ace92419997c2d57453eb7f705d21d54c465f7");
    }

    @Test
    void aGifFramePaintsTheSamePixels() throws Exception {
        Path gif = run("animate", "--vary", "gain=0.5..2", "--frames", "6", "--size", "64", "-o", "gain.gif");
        assertThat(pixelHash(gif, 3)).isEqualTo("218ca58e92cc0893bc733f5ce88461b49d741ddf79a1397438c7fe1cc4fc5cbc");
    }

    private Path run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--quiet", "--kernel", "scalar", "--threads", "2"));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).equals("-o")) {
                all.set(i + 1, dir.resolve(all.get(i + 1)).toString());
            }
        }
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setErr(new PrintWriter(err)).execute(all.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return dir.resolve(all.get(all.indexOf("-o") + 1));
    }

    /** SHA-256 over the width, height and RGB of every pixel of image {@code index} in the file. */
    static String pixelHash(Path file, int index) throws Exception {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            image = reader.read(index);
            reader.dispose();
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer row = ByteBuffer.allocate(4 * image.getWidth());
        sha.update(ByteBuffer.allocate(8).putInt(image.getWidth()).putInt(image.getHeight()).array());
        for (int y = 0; y < image.getHeight(); y++) {
            row.clear();
            for (int x = 0; x < image.getWidth(); x++) {
                row.putInt(image.getRGB(x, y));
            }
            sha.update(row.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
