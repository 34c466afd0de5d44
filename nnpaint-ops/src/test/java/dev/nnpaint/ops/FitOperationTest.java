package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.paint.PixelInputs;
import dev.nnpaint.paint.View;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FitOperationTest {

    @TempDir
    Path dir;

    private Path crop() throws IOException {
        Path p = dir.resolve("astronaut-64.png");
        try (InputStream in = FitOperationTest.class.getResourceAsStream("/images/astronaut-64.png")) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    private static FitOperation.Request request(Path image, Path out, String encoding, double omega, int[] hidden,
                                                int steps, boolean holdout, int threads) {
        return new FitOperation.Request(image, out, encoding, omega, hidden, null, null, steps, null, 0,
                omega == 0 && (encoding.startsWith("pe") || encoding.startsWith("gauss") || encoding.equals("none"))
                        ? 1e-2 : null,
                false, 1, holdout, null, 10, new Execution(Kernels.fastest(), threads, false));
    }

    @Test
    void writesTheModelPicturesAndCurveAndTheModelRepaintsThePsnr() throws IOException {
        Path out = dir.resolve("fit");
        FitOperation.Result r = FitOperation.run(request(crop(), out, "hash:4:2:10:4:64", 0, new int[] {16},
                20, false, 2), Progress.NONE);
        for (String f : List.of("model.json", "fit.png", "compare.png", "progress.csv")) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(r.psnr()).isGreaterThan(15);
        assertThat(Files.readAllLines(out.resolve("progress.csv")).get(0))
                .isEqualTo("step,loss,train_psnr,test_psnr,seconds");
        // the file gives back the very model, and painting it on the image's pixels gives the reported PSNR
        Model read = ModelJson.read(out.resolve("model.json")).model();
        assertThat(read).isEqualTo(r.model());
        assertThat(Files.readString(out.resolve("model.json"))).contains("\"format\": \"nnpaint.model/2\"");
        FitOperation.Image image = FitOperation.readImage(crop(), false);
        assertThat(psnrOfPainting(read, image)).isCloseTo(r.psnr(), within(1e-3));
        BufferedImage fit = ImageIO.read(out.resolve("fit.png").toFile());
        assertThat(fit.getWidth()).isEqualTo(64);
    }

    /** Paints the model with the renderer's inputs (the view convention) and scores it against the image. */
    static double psnrOfPainting(Model model, FitOperation.Image image) {
        int w = image.width();
        int h = image.height();
        View view = new View(w, h, 1, 0, 0, 0);
        Evaluator ev = new Evaluator(model, Kernels.scalar());
        int n = w * h;
        float[] in = new float[model.inputCount() * n];
        new PixelInputs(model.inputNames(), new double[0]).fill(view, 0, n, in, n);
        float[] out = new float[model.outputCount() * n];
        ev.forward(in, out, n, ev.newScratch(n));
        int c = image.channels();
        double sum = 0;
        for (int p = 0; p < n; p++) {
            for (int ch = 0; ch < c; ch++) {
                double v = Math.max(0, Math.min(1, out[ch * n + p]));
                double d = v - image.values()[p * c + ch];
                sum += d * d;
            }
        }
        return -10 * Math.log10(sum / (n * (double) c));
    }

    @Test
    void theSameSeedGivesTheSameModelWhateverTheThreadCount() throws IOException {
        Path image = crop();
        for (String encoding : List.of("hash:4:2:8:4:64", "gauss:16:10")) {
            FitOperation.Result one = FitOperation.run(request(image, dir.resolve("one"), encoding, 0,
                    new int[] {16, 16}, 5, false, 1), Progress.NONE);
            FitOperation.Result two = FitOperation.run(request(image, dir.resolve("two"), encoding, 0,
                    new int[] {16, 16}, 5, false, 3), Progress.NONE);
            assertThat(two.model()).as(encoding).isEqualTo(one.model());
            assertThat(Files.readString(dir.resolve("two/model.json")))
                    .isEqualTo(Files.readString(dir.resolve("one/model.json")));
        }
    }

    @Test
    void theFourierFeaturesPapersOrderingHoldsOnHeldOutPixels() throws IOException {
        // none < positional < Gaussian in test PSNR, training on the even pixels (the paper's protocol)
        Path image = crop();
        int[] hidden = {64, 64};
        double none = FitOperation.run(request(image, dir.resolve("none"), "none", 0, hidden, 150, true, 2),
                Progress.NONE).testPsnr();
        double pe = FitOperation.run(request(image, dir.resolve("pe"), "pe:4", 0, hidden, 150, true, 2),
                Progress.NONE).testPsnr();
        double gauss = FitOperation.run(request(image, dir.resolve("gauss"), "gauss:64:1", 0, hidden, 150, true, 2),
                Progress.NONE).testPsnr();
        assertThat(none).isLessThan(pe);
        assertThat(pe).isLessThan(gauss);
    }

    @Test
    void sirenFitsAndItsFileRepaintsIt() throws IOException {
        Path out = dir.resolve("siren");
        FitOperation.Result r = FitOperation.run(request(crop(), out, "none", 30, new int[] {32, 32}, 60, false, 2),
                Progress.NONE);
        // SIREN's lr of 1e-4 is slow on so small a network; the first steps already take it well past the start
        assertThat(r.psnr()).isGreaterThan(12);
        Model read = ModelJson.read(out.resolve("model.json")).model();
        assertThat(read).isEqualTo(r.model());
        assertThat(Files.readString(out.resolve("model.json"))).contains("\"format\": \"nnpaint.model/1\"");
    }

    @Test
    void refusesBadInputInOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        assertThatThrownBy(() -> FitOperation.run(request(text, dir.resolve("a"), "hash", 0, null, 1, false, 1),
                Progress.NONE)).isInstanceOf(BadInputException.class).hasMessageContaining("is not an image");
        assertThatThrownBy(() -> FitOperation.run(request(dir.resolve("missing.png"), dir.resolve("a"), "hash", 0,
                null, 1, false, 1), Progress.NONE)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> FitOperation.run(request(crop(), dir.resolve("a"), "gauss:12", 0, null, 1, false, 1),
                Progress.NONE)).isInstanceOf(BadInputException.class).hasMessageContaining("gauss:12");
        assertThatThrownBy(() -> FitOperation.run(request(crop(), dir.resolve("a"), "fourier", 0, null, 1, false, 1),
                Progress.NONE)).isInstanceOf(BadInputException.class).hasMessageContaining("unknown encoding");
        BufferedImage huge = new BufferedImage(2049, 2049, BufferedImage.TYPE_BYTE_GRAY);
        Path big = dir.resolve("big.png");
        ImageIO.write(huge, "png", big.toFile());
        assertThatThrownBy(() -> FitOperation.run(request(big, dir.resolve("a"), "hash", 0, null, 1, false, 1),
                Progress.NONE)).isInstanceOf(BadInputException.class).hasMessageContaining("--force");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aGreyImageFitsOneOutput() throws IOException {
        BufferedImage grey = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < 24; i++) {
                grey.getRaster().setSample(i, j, 0, (i * 10 + j * 3) % 256);
            }
        }
        Path p = dir.resolve("grey.png");
        ImageIO.write(grey, "png", p.toFile());
        FitOperation.Result r = FitOperation.run(request(p, dir.resolve("g"), "hash:2:2:8:4:24", 0, new int[] {8},
                3, false, 1), Progress.NONE);
        assertThat(r.channels()).isEqualTo(1);
        assertThat(r.model().outputCount()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("g/model.json"))).contains("\"color\": \"gray\"");
    }

    @Test
    void aGreyImageIsReadAsItsStoredLevelsNotBrightenedAsLinearLight() throws IOException {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        Path p = dir.resolve("levels.png");
        ImageIO.write(grey, "png", p.toFile());
        FitOperation.Image image = FitOperation.readImage(p, false);
        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.values()).containsExactly(0f, 128 / 255f, 1f);

        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1000, 65535});
        Path q = dir.resolve("deep.png");
        ImageIO.write(deep, "png", q.toFile());
        assertThat(FitOperation.readImage(q, false).values()).containsExactly((float) (1000 / 65535.0), 1f);
    }
}
