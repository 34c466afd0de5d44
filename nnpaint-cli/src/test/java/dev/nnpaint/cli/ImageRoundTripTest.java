package dev.nnpaint.cli;

import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.PngText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files nnpaint writes, used the way people use them: a PNG repainted from its own metadata, a saved
 * recipe or model repainted, each giving the identical pixels.
 */
class ImageRoundTripTest {

    @TempDir
    Path dir;

    private void render(String... args) {
        List<String> all = new ArrayList<>(List.of("render", "--quiet", "--threads", "2"));
        all.addAll(List.of(args));
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    /** The decoded samples, whatever the colour type. */
    private static int[] pixels(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    @Test
    void fromRepaintsIdenticalPixelsAndAnotherSizeMatchesARenderAtThatSize() throws Exception {
        render("-o", file("a.png").toString(), "--size", "72x40", "--seed", "11", "--activation",
                "mix:tanh,sin,gaussian", "--color", "hsl", "--rotate", "30", "--zoom", "2", "--inputs", "x,y,r,z,bias",
                "--z-dim", "2", "--save-config", file("a.json").toString());
        render("--from", file("a.png").toString(), "-o", file("again.png").toString());
        assertThat(pixels(file("again.png"))).isEqualTo(pixels(file("a.png")));

        render("--from", file("a.png").toString(), "-o", file("big.png").toString(), "--size", "144x80");
        render("--config", file("a.json").toString(), "-o", file("direct.png").toString(), "--size", "144x80");
        assertThat(ImageIO.read(file("big.png").toFile()).getWidth()).isEqualTo(144);
        assertThat(pixels(file("big.png"))).isEqualTo(pixels(file("direct.png")));
    }

    @Test
    void aGrayPaintingIsAGrayPngAndRepaintsIdentically() throws Exception {
        render("-o", file("g.png").toString(), "--size", "50", "--color", "gray", "--seed", "4");
        BufferedImage image = ImageIO.read(file("g.png").toFile());
        assertThat(image.getRaster().getNumBands()).isEqualTo(1);
        render("--from", file("g.png").toString(), "-o", file("g2.png").toString());
        assertThat(pixels(file("g2.png"))).isEqualTo(pixels(file("g.png")));
        render("--color", "palette:gray", "--seed", "4", "--size", "50", "-o", file("p.png").toString());
        assertThat(ImageIO.read(file("p.png").toFile()).getRaster().getNumBands()).isEqualTo(3);
    }

    @Test
    void aSavedModelPaintsTheRecipesPixels() throws Exception {
        render("-o", file("recipe.png").toString(), "--size", "48", "--seed", "5", "--hidden", "12,9,6",
                "--activations", "tanh,mix:sin,abs,gaussian", "--weights", "he-normal", "--biases", "uniform:0.5",
                "--color", "hsv", "--save-model", file("m.json").toString());
        render("--model", file("m.json").toString(), "-o", file("model.png").toString(), "--size", "48");
        assertThat(pixels(file("model.png"))).isEqualTo(pixels(file("recipe.png")));
        // and the image of the model carries it, so it repaints too
        render("--from", file("model.png").toString(), "-o", file("again.png").toString());
        assertThat(pixels(file("again.png"))).isEqualTo(pixels(file("recipe.png")));
    }

    @Test
    void aLargeModelTravelsInsideItsImageAndRepaintsIdentically() throws Exception {
        render("-o", file("wide.png").toString(), "--size", "24", "--hidden", "480,480", "--save-model",
                file("wide.json").toString());
        render("--model", file("wide.json").toString(), "-o", file("model.png").toString(), "--size", "24");
        String text = PngText.read(file("model.png")).get(ImageMetadata.KEY);
        assertThat(text).contains("\"model_chunk\":\"npMd\"").doesNotContain("model_file");
        assertThat(text.length()).isLessThan(1000); // 231,000 weights, and the text chunk stays small
        java.nio.file.Files.delete(file("wide.json")); // the image alone repaints
        render("--from", file("model.png").toString(), "-o", file("again.png").toString());
        assertThat(pixels(file("again.png"))).isEqualTo(pixels(file("wide.png")));
    }
}
