package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
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

class FitGridOperationTest {

    @TempDir
    Path dir;

    private Path crop() throws IOException {
        Path p = dir.resolve("astronaut-64.png");
        try (InputStream in = FitGridOperationTest.class.getResourceAsStream("/images/astronaut-64.png")) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    private static FitOperation.Request base(Path image, String encoding, int[] hidden, int steps, boolean holdout,
                                             Double lr) {
        return new FitOperation.Request(image, null, encoding, 0, hidden, null, null, steps, null, 0, lr, false, 1,
                holdout, null, 10, new Execution(Kernels.fastest(), 2, false));
    }

    @Test
    void eachCellIsTheFitPngOfTheFitCommandWithTheSameSettings() throws IOException {
        Path image = crop();
        Path sheet = dir.resolve("sheet.png");
        FitGridOperation.Result r = FitGridOperation.run(new FitGridOperation.Request(
                base(image, "hash:4:2:10:4:64", new int[] {16}, 8, false, null), "seed=1,2",
                "encoding=hash:4:2:10:4:64,gauss:16:1", 0, 0, 4, sheet), Progress.NONE);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.columns()).isEqualTo(2);
        assertThat(r.cellWidth()).isEqualTo(64);
        BufferedImage page = ImageIO.read(sheet.toFile());
        assertThat(page.getWidth()).isEqualTo(r.sheetWidth());
        String[] encodings = {"hash:4:2:10:4:64", "gauss:16:1"};
        for (FitGridOperation.Cell c : r.cells()) {
            Path out = dir.resolve("fit-" + c.row() + "-" + c.column());
            FitOperation.Result single = FitOperation.run(base(image, encodings[c.column()], new int[] {16}, 8, false,
                    null).withSeed(c.row() + 1).withEncoding(encodings[c.column()]).withOut(out), Progress.NONE);
            assertThat(c.psnr()).isEqualTo(single.psnr());
            assertThat(c.encoding()).isEqualTo(encodings[c.column()]);
            BufferedImage fit = ImageIO.read(out.resolve("fit.png").toFile());
            int differing = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    if ((page.getRGB(c.x() + x, c.y() + y) & 0xFFFFFF) != (fit.getRGB(x, y) & 0xFFFFFF)) {
                        differing++;
                    }
                }
            }
            assertThat(differing).as("pixels of cell %d,%d unlike fit.png", c.row(), c.column()).isZero();
        }
        // the cells differ: another seed or encoding is another fit
        assertThat(r.cells().get(0).psnr()).isNotEqualTo(r.cells().get(1).psnr());
        assertThat(r.cells().get(0).psnr()).isNotEqualTo(r.cells().get(2).psnr());
    }

    @Test
    void sigmaUnderfitsWhenSmallAndPaintsNoiseBetweenTheTrainingPixelsWhenLarge() throws IOException {
        // Tancik et al.'s sweep: the same Gaussian draws scaled by sigma, trained on the even pixels
        FitGridOperation.Result r = FitGridOperation.run(new FitGridOperation.Request(
                base(crop(), "gauss:64:10", new int[] {64, 64}, 150, true, 1e-2), null, "sigma=1,10,100", 0, 0, 4,
                dir.resolve("sigma.png")), Progress.NONE);
        List<FitGridOperation.Cell> c = r.cells();
        assertThat(c).extracting(FitGridOperation.Cell::encoding)
                .containsExactly("gauss:64:1", "gauss:64:10", "gauss:64:100");
        // sigma 1 cannot follow the training pixels that larger scales fit
        assertThat(c.get(0).trainPsnr()).isLessThan(c.get(1).trainPsnr());
        assertThat(c.get(0).trainPsnr()).isLessThan(c.get(2).trainPsnr());
        // sigma 100 fits the training pixels and paints noise between them: the worst on held-out pixels
        assertThat(c.get(2).testPsnr()).isLessThan(c.get(0).testPsnr());
        assertThat(c.get(2).testPsnr()).isLessThan(c.get(1).testPsnr());
        assertThat(c.get(2).trainPsnr() - c.get(2).testPsnr()).isGreaterThan(10);
    }

    @Test
    void axesVaryPartsOfTheBaseEncodingAndTheNetwork() {
        FitOperation.Request q = base(Path.of("x.png"), "gauss:256:10", null, 10, false, null);
        assertThat(FitGridAxis.parse("sigma=geom:1..100:3").values()).containsExactly("1", "10", "100");
        assertThat(FitGridAxis.parse("sigma=1,10").apply(q, 1, 64).encoding()).isEqualTo("gauss:256:10");
        assertThat(FitGridAxis.parse("features=16").apply(q, 0, 64).encoding()).isEqualTo("gauss:16:10");
        assertThat(FitGridAxis.parse("levels=3").apply(q.withEncoding("hash"), 0, 64).encoding())
                .isEqualTo("hash:3:2:19:16:64");
        assertThat(FitGridAxis.parse("levels=5").apply(q.withEncoding("pe:8"), 0, 64).encoding()).isEqualTo("pe:5");
        // depth keeps the default width of the encoding's network, width keeps its depth
        assertThat(FitGridAxis.parse("depth=2").apply(q, 0, 64).hidden()).containsExactly(256, 256);
        assertThat(FitGridAxis.parse("width=32").apply(q.withEncoding("hash"), 0, 64).hidden())
                .containsExactly(32, 32);
        assertThat(FitGridAxis.parse("hidden=64,64;256x3").apply(q, 1, 64).hidden()).containsExactly(256, 256, 256);
        assertThat(FitGridAxis.parse("batch=all,1024").apply(q, 1, 64).batch()).isEqualTo(1024);
        assertThat(FitGridAxis.parse("siren=0,30").apply(q, 1, 64).sirenOmega()).isEqualTo(30);
        assertThat(FitGridAxis.parse("lr=0.001").apply(q, 0, 64).learningRate()).isEqualTo(1e-3);
    }

    @Test
    void badAxesAreRefusedBeforeAnyFit() throws IOException {
        Path image = crop();
        FitOperation.Request hash = base(image, "hash", null, 10, false, null);
        assertThatThrownBy(() -> FitGridOperation.run(new FitGridOperation.Request(hash, null, "sigma=1,10", 0, 0, 4,
                dir.resolve("a.png")), Progress.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("gauss");
        assertThatThrownBy(() -> FitGridAxis.parse("colour=rgb")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot vary 'colour'");
        assertThatThrownBy(() -> FitGridAxis.parse("encoding=none,gauss:12")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gauss:12");
        assertThatThrownBy(() -> FitGridAxis.parse("steps=0,10")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> FitGridOperation.run(new FitGridOperation.Request(hash, null, null, 0, 0, 4,
                dir.resolve("b.png")), Progress.NONE)).isInstanceOf(BadInputException.class);
        assertThat(dir.resolve("a.png")).doesNotExist();
    }
}
