package dev.nnpaint.cli;

import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.Execution;
import dev.nnpaint.ops.FitOperation;
import dev.nnpaint.ops.Progress;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PngText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fitted network (an encoding in front of its layers) painted with {@code render --model} carries the whole model,
 * encoding and hash tables included, in its PNG's npMd chunk or, when large, in a sidecar; {@code render --from}
 * paints the identical pixels from it.
 */
class FitModelImageTest {

    private static final Path IMAGE = MarkdownDocs.projectRoot()
            .resolve("nnpaint-ops/src/test/resources/images/astronaut-64.png");

    @TempDir
    Path dir;

    private Path fit(String encoding, int[] hidden, int steps) {
        Path out = dir.resolve("fit-" + encoding.replace(':', '-'));
        FitOperation.run(new FitOperation.Request(IMAGE, out, encoding, 0, hidden, null, null, steps, null, 0, null,
                false, 1, false, null, 10, new Execution(Kernels.fastest(), 2, false)), Progress.NONE);
        return out.resolve("model.json");
    }

    private static void render(String... args) {
        List<String> all = new ArrayList<>(List.of("render", "--quiet", "--threads", "2"));
        all.addAll(List.of(args));
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
    }

    private static int[] pixels(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }

    private static List<Path> sidecars(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".npmodel")).toList();
        }
    }

    /** Paints the model into a folder of its own, repaints from the PNG, and returns where the model went. */
    private String paintAndRepaint(Path model, String name) throws Exception {
        Path folder = Files.createDirectory(dir.resolve(name));
        Path a = folder.resolve("a.png");
        Path b = folder.resolve("b.png");
        render("--model", model.toString(), "--size", "48", "-o", a.toString());
        render("--from", a.toString(), "-o", b.toString());
        assertThat(pixels(b)).as(name).isEqualTo(pixels(a));
        String text = PngText.read(a).get(ImageMetadata.KEY);
        assertThat(PngText.read(b).get(ImageMetadata.KEY)).isEqualTo(text);
        // the image gives back the very model the fit wrote
        assertThat(ImageMetadata.read(a).model().model()).as(name).isEqualTo(ModelJson.read(model).model());
        return text;
    }

    @Test
    void gaussianFeaturesAndASmallHashGridTravelInTheNpMdChunk() throws Exception {
        for (String encoding : List.of("gauss:16:10", "hash:4:2:10:4:64")) {
            String text = paintAndRepaint(fit(encoding, new int[] {16}, 3), encoding.substring(0, 4));
            assertThat(text).as(encoding).contains("\"model_chunk\":\"npMd\"").doesNotContain("model_sidecar");
            assertThat(sidecars(dir.resolve(encoding.substring(0, 4)))).isEmpty();
        }
    }

    @Test
    void savingAHashGridAsOnnxIsRefusedInOneLineBeforeAnyFileIsWritten() throws Exception {
        Path model = fit("hash:4:2:10:4:64", new int[] {16}, 1);
        Path folder = Files.createDirectory(dir.resolve("onnx"));
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("render", "--quiet", "--model", model.toString(), "--size", "16",
                "--save-config", folder.resolve("view.json").toString(),
                "--save-model", folder.resolve("m.onnx").toString(), "-o", folder.resolve("a.png").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("nnpaint: cannot write the hash-grid encoding hash:4:2:10:4:64 as ONNX: "
                + "its trainable tables and their lookup have no ONNX form in nnpaint; save the model as .json instead"
                + System.lineSeparator());
        assertThat(folder.resolve("view.json")).doesNotExist();
        assertThat(folder.resolve("m.onnx")).doesNotExist();
        assertThat(folder.resolve("a.png")).doesNotExist();
    }

    @Test
    void aLargeHashGridTravelsInASidecarBesideTheImage() throws Exception {
        // two levels of 2^19 entries of 2 features: 8 MB of float32, above the 4 MB that embed
        String text = paintAndRepaint(fit("hash:2:2:19:1024:2048", new int[] {8}, 2), "large");
        assertThat(text).contains("\"model_sidecar\":\"model-").doesNotContain("model_chunk");
        List<Path> sidecars = sidecars(dir.resolve("large"));
        assertThat(sidecars).hasSize(1); // a.png and b.png share it: the same model, the same name
        assertThat(text).contains(sidecars.get(0).getFileName().toString());
    }
}
