package dev.nnpaint.cli;

import dev.nnpaint.cli.RenderCommandTest.Result;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.PngText;
import dev.nnpaint.ops.sheet.ContactSheet;
import dev.nnpaint.ops.sheet.SheetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.nnpaint.cli.RenderCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code nnpaint grid}: the sheet's cells are the renders of their recipes, it repaints from itself, and bad input is one line. */
class GridCommandTest {

    @TempDir
    Path dir;

    private Result grid(String... args) {
        List<String> all = new ArrayList<>(List.of("grid", "--quiet", "--threads", "2"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private static BufferedImage read(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        return image;
    }

    @Test
    void everyCellIsTheRenderOfItsRecipe() throws Exception {
        Path sheet = dir.resolve("sheet.png");
        Result r = grid("--rows", "depth=1..3", "--cols", "seed=4,9", "--layers", "3", "--neurons", "8",
                "--size", "20x16", "--gap", "3", "-o", sheet.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ContactSheet layout = new ContactSheet(20, 16, 3, "depth", List.of("1", "2", "3"), "seed", List.of("4", "9"));
        BufferedImage image = read(sheet);
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
        String[] seeds = {"4", "9"};
        for (int depth = 1; depth <= 3; depth++) {
            for (int j = 0; j < 2; j++) {
                Path cell = dir.resolve("cell-" + depth + "-" + j + ".png");
                Result single = run("render", "--quiet", "--layers", String.valueOf(depth), "--neurons", "8",
                        "--seed", seeds[j], "--size", "20x16", "-o", cell.toString());
                assertThat(single.code()).as(single.err()).isZero();
                BufferedImage expected = read(cell);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 20; x++) {
                        assertThat(image.getRGB(layout.cellX(j) + x, layout.cellY(depth - 1) + y))
                                .as("depth %d seed %s pixel %d,%d", depth, seeds[j], x, y)
                                .isEqualTo(expected.getRGB(x, y));
                    }
                }
            }
        }
        // the gap between cells is page white
        assertThat(image.getRGB(layout.cellX(1) - 1, layout.cellY(0) + 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void sheetCarriesItsGridAndRepaintsFromIt() throws Exception {
        Path sheet = dir.resolve("sheet.png");
        assertThat(grid("--rows", "activation=tanh,sin", "--cols", "gain=geom:0.5..2:3", "--layers", "2",
                "--seed", "11", "--size", "24", "-o", sheet.toString()).code()).isZero();
        String meta = PngText.read(sheet).get(ImageMetadata.KEY);
        assertThat(meta).contains("\"format\":\"" + SheetMetadata.FORMAT + "\"")
                .contains("\"rows\":\"activation=tanh,sin\"").contains("\"columns\":\"gain=geom:0.5..2:3\"")
                .contains("\"cell_width\":24").contains("\"seed\":11");

        Path again = dir.resolve("again.png");
        Result r = grid("--from", sheet.toString(), "-o", again.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(sheet));

        Path bigger = dir.resolve("bigger.png");
        assertThat(grid("--from", sheet.toString(), "--size", "64", "--cols", "none", "-o", bigger.toString()).code())
                .isZero();
        BufferedImage b = read(bigger);
        BufferedImage s = read(sheet);
        assertThat(b.getHeight()).isGreaterThan(s.getHeight());
        assertThat(b.getWidth()).isLessThan(s.getWidth());
        assertThat(PngText.read(bigger).get(ImageMetadata.KEY)).doesNotContain("columns").contains("\"seed\":11");
    }

    @Test
    void singleImagesStartAGridAndSheetsAreNotSingleImages() throws Exception {
        Path art = dir.resolve("art.png");
        assertThat(run("render", "--quiet", "--seed", "5", "--layers", "2", "--size", "16", "-o", art.toString())
                .code()).isZero();
        Path sheet = dir.resolve("sheet.png");
        assertThat(grid("--from", art.toString(), "--rows", "zoom=1,4", "-o", sheet.toString()).code()).isZero();
        assertThat(PngText.read(sheet).get(ImageMetadata.KEY)).contains("\"seed\":5").contains("\"cell_width\":192");
        Result render = run("render", "--quiet", "--from", sheet.toString(), "-o", dir.resolve("x.png").toString());
        assertThat(render.code()).isEqualTo(2);
        assertThat(render.err()).hasLineCount(1).contains("is a grid sheet of 2x1 cells: pick one with --cell ROW,COL");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void renderPaintsOneCellOfASheetAtTheCellSizeOrLarger() throws Exception {
        Path sheet = dir.resolve("sheet.png");
        assertThat(grid("--rows", "depth=1..3", "--cols", "gain=0.5,2", "--layers", "3", "--neurons", "8",
                "--seed", "6", "--size", "20x16", "--gap", "2", "-o", sheet.toString()).code()).isZero();
        ContactSheet layout = new ContactSheet(20, 16, 2, "depth", List.of("1", "2", "3"), "gain", List.of("0.5", "2"));
        BufferedImage page = read(sheet);

        Path cell = dir.resolve("cell.png");
        Result r = run("render", "--quiet", "--from", sheet.toString(), "--cell", "3,2", "-o", cell.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage c = read(cell);
        assertThat(List.of(c.getWidth(), c.getHeight())).containsExactly(20, 16);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 20; x++) {
                assertThat(c.getRGB(x, y)).as("pixel %d,%d", x, y)
                        .isEqualTo(page.getRGB(layout.cellX(1) + x, layout.cellY(2) + y));
            }
        }

        // Larger, the cell is the same painting as the recipe written out by hand.
        Path large = dir.resolve("large.png");
        Path direct = dir.resolve("direct.png");
        assertThat(run("render", "--quiet", "--from", sheet.toString(), "--cell", "2, 1", "--size", "48",
                "-o", large.toString()).code()).isZero();
        assertThat(run("render", "--quiet", "--layers", "2", "--neurons", "8", "--seed", "6", "--gain", "0.5",
                "--size", "48", "-o", direct.toString()).code()).isZero();
        assertThat(Files.readAllBytes(large)).isEqualTo(Files.readAllBytes(direct));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "--cell 4,1    | --cell 4,1: the sheet has 3 rows, counted from 1",
            "--cell 1,3    | --cell 1,3: the sheet has 2 columns, counted from 1",
            "--cell 0,1    | the sheet has 3 rows, counted from 1",
            "--cell 2      | --cell takes ROW,COL, e.g. --cell 2,3; got '2'",
            "--cell a,b    | --cell takes ROW,COL",
            "--cell 1,2,3  | --cell takes ROW,COL",
            "''            | is a grid sheet of 3x2 cells: pick one with --cell ROW,COL",
    })
    void renderRefusesCellsTheSheetDoesNotHave(String args, String message) throws Exception {
        Path sheet = dir.resolve("sheet.png");
        assertThat(grid("--rows", "seed=1..3", "--cols", "gain=1,2", "--size", "8", "-o", sheet.toString()).code())
                .isZero();
        List<String> all = new ArrayList<>(List.of("render", "--quiet", "--from", sheet.toString()));
        if (!args.isBlank()) {
            all.addAll(List.of(args.trim().split("\\s+")));
        }
        all.addAll(List.of("-o", dir.resolve("cell.png").toString()));
        Result r = run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: ").contains(message).hasLineCount(1);
        assertThat(dir.resolve("cell.png")).doesNotExist();
    }

    @Test
    void cellNeedsASheet() throws Exception {
        Path art = dir.resolve("art.png");
        assertThat(run("render", "--quiet", "--size", "8", "-o", art.toString()).code()).isZero();
        Result single = run("render", "--quiet", "--from", art.toString(), "--cell", "1,1",
                "-o", dir.resolve("x.png").toString());
        assertThat(single.code()).isEqualTo(2);
        assertThat(single.err()).hasLineCount(1).contains("--cell picks a cell of a grid sheet, and '")
                .contains("art.png' is a single image");
        Result none = run("render", "--quiet", "--cell", "1,1", "-o", dir.resolve("x.png").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).hasLineCount(1).contains("--cell picks a cell of the grid sheet given with --from");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void grayCellsMakeAGraySheet() throws Exception {
        Path sheet = dir.resolve("gray.png");
        assertThat(grid("--rows", "seed=1,2", "--color", "gray", "--size", "16", "-o", sheet.toString()).code())
                .isZero();
        assertThat(read(sheet).getColorModel().getNumColorComponents()).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "--rows temperature=1..3        | unknown recipe field 'temperature'; valid: seed, inputs, z-dim, z, hidden, depth (or layers)",
            "--rows depth=5..1:1            | depth: '5..1:1' is an empty range",
            "--rows depth=5..1              | depth: '5..1' is an empty range: ranges count up; write 5..1:-1",
            "--rows depth=1..10:0           | depth: the step of '1..10:0' must not be 0",
            "--rows zoom=0,1                | zoom must be positive, got 0",
            "--rows hidden=16;0,4           | hidden must be at least 1, got 0",
            "--rows center=1                | center takes two numbers X,Y per value, got 1",
            "--rows gain=1..2:0             | the step of '1..2:0' must not be 0",
            "--rows seed=a,b                | seed: 'a' is not a number",
            "--rows depth                   | a sweep looks like PARAM=VALUES",
            "--size 16                      | give the rows to sweep, e.g. --rows depth=1..8",
            "--rows seed=1,2 --cols seed=3  | rows and columns both sweep seed",
            "--rows seed=1,2 --gap -1       | --gap must not be negative, got -1",
            "--rows activation=tanh,nope    | unknown activation 'nope'",
            "--rows seed=1..100000          | more than 10000 values",
            "--rows seed=1..400 --cols gain=1..400 | megapixels: use a smaller --size or fewer values",
    })
    void refusesBadInputWithOneLineAndNoFile(String args, String message) throws Exception {
        List<String> all = new ArrayList<>(List.of(args.trim().split("\\s+")));
        all.addAll(List.of("-o", dir.resolve("sheet.png").toString()));
        Result r = grid(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("nnpaint: ").contains(message).hasLineCount(1).doesNotContain("Exception");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("files left behind").isEmpty();
        }
    }

    @Test
    void refusesFilesItCannotStartFrom() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not a png");
        Result r = grid("--from", text.toString(), "-o", dir.resolve("sheet.png").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("notes.png");
        Result config = grid("--from", text.toString(), "--config", "x.json", "--rows", "seed=1",
                "-o", dir.resolve("sheet.png").toString());
        assertThat(config.err()).contains("give either --config or --from, not both");
        assertThat(dir.resolve("sheet.png")).doesNotExist();
    }

    private Path stripes() throws Exception {
        BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRGB(x, y, ((x / 3) % 2) * 0xC08040 + y * 0x000008);
            }
        }
        Path p = dir.resolve("stripes.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void aGridOfFitsPaintsOneFitACellAtTheImagesSizeOrAtSize() throws Exception {
        Path image = stripes();
        Path sheet = dir.resolve("fits.png");
        Result r = grid("--fit", image.toString(), "--encoding", "gauss:8:1", "--hidden", "8", "--steps", "3",
                "--rows", "steps=2,3", "--cols", "sigma=1,4", "--gap", "2", "-o", sheet.toString());
        assertThat(r.code()).as(r.err()).isZero();
        ContactSheet layout = new ContactSheet(24, 16, 2, "steps", List.of("2", "3"), "sigma", List.of("1", "4"));
        BufferedImage page = read(sheet);
        assertThat(page.getWidth()).isEqualTo(layout.width());
        assertThat(page.getHeight()).isEqualTo(layout.height());
        Path bigger = dir.resolve("bigger.png");
        Result large = grid("--fit", image.toString(), "--hidden", "8", "--steps", "2", "--cols",
                "encoding=none,pe:2", "--size", "48x32", "-o", bigger.toString());
        assertThat(large.code()).as(large.err()).isZero();
        ContactSheet one = new ContactSheet(48, 32, DEFAULT_GAP_FOR_TEST, "image", List.of("stripes.png"), "encoding",
                List.of("none", "pe:2"));
        assertThat(read(bigger).getWidth()).isEqualTo(one.width());
    }

    private static final int DEFAULT_GAP_FOR_TEST = GridCommand.DEFAULT_GAP;

    @Test
    void aGridOfFitsRefusesRecipeOptionsItCannotUseAndFitOptionsNeedFit() throws Exception {
        Path image = stripes();
        Result colour = grid("--fit", image.toString(), "--cols", "steps=1,2", "--color", "hsv", "-o",
                dir.resolve("a.png").toString());
        assertThat(colour.code()).isEqualTo(2);
        assertThat(colour.err()).contains("--color does not apply to a grid of fits");
        Result alone = grid("--rows", "seed=1,2", "--encoding", "gauss:8:1", "-o", dir.resolve("b.png").toString());
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("go with --fit IMAGE");
        Result sigma = grid("--fit", image.toString(), "--cols", "sigma=1,2", "-o", dir.resolve("c.png").toString());
        assertThat(sigma.code()).isEqualTo(2);
        assertThat(sigma.err()).contains("sigma changes a gauss encoding");
        assertThat(dir.resolve("a.png")).doesNotExist();
        assertThat(dir.resolve("c.png")).doesNotExist();
    }
}
