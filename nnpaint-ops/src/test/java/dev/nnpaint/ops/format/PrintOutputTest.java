package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.options.OutputOptions;
import dev.nnpaint.ops.options.SizeConverter;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** 16-bit PNG and TIFF, the sRGB and pHYs chunks, and print sizes, checked by decoding what was written. */
class PrintOutputTest {

    @TempDir
    Path dir;

    private static final Recipe RECIPE = Recipe.builder().seed(4).layers(4, 12).size(37, 23).build();

    /** The chunks of a PNG file, type to data, in order (IDAT joined). */
    static Map<String, byte[]> chunks(byte[] png) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
        while (b.remaining() >= 12) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            byte[] data = new byte[length];
            b.get(data);
            b.getInt();
            out.merge(new String(type, java.nio.charset.StandardCharsets.US_ASCII), data, (x, y) -> x);
        }
        return out;
    }

    private static Renderer scalar(Painting p) {
        return new Renderer(p, new dev.nnpaint.kernel.Evaluator(p.model(), Kernels.scalar()), 1, 512);
    }

    private Path paint(String name, Recipe r, OutputFormat format) {
        Path file = dir.resolve(name);
        PaintingPng.write(file, PaintingPng.ofRecipe(r), Kernels.scalar(), 2, Renderer.Progress.NONE, format);
        return file;
    }

    @Test
    void aSixteenBitPngDecodesToTheRenderersSixteenBitValues() throws Exception {
        Path file = paint("deep.png", RECIPE, new OutputFormat(16, 300));
        BufferedImage image = ImageIO.read(file.toFile());
        Raster raster = image.getRaster();
        assertThat(raster.getSampleModel().getDataType()).isEqualTo(DataBuffer.TYPE_USHORT);
        assertThat(raster.getSampleModel().getSampleSize(0)).isEqualTo(16);
        Painting p = Painting.of(RECIPE);
        byte[] expected = scalar(p).withDepth(16).renderRgb();
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                for (int c = 0; c < 3; c++) {
                    int k = 2 * (3 * (y * 37 + x) + c);
                    assertThat(raster.getSample(x, y, c)).isEqualTo((expected[k] & 0xff) << 8 | (expected[k + 1] & 0xff));
                }
            }
        }
        Map<String, byte[]> chunks = chunks(Files.readAllBytes(file));
        assertThat(chunks.get("IHDR")[8]).as("bit depth").isEqualTo((byte) 16);
        assertThat(chunks.get("sRGB")).containsExactly(0);
        ByteBuffer phys = ByteBuffer.wrap(chunks.get("pHYs"));
        assertThat(phys.getInt()).isEqualTo(11811); // 300 dpi in pixels a metre
        assertThat(phys.getInt()).isEqualTo(11811);
        assertThat(phys.get()).isEqualTo((byte) 1);
        assertThat(chunks.keySet()).containsSubsequence("IHDR", "sRGB", "pHYs", "iTXt", "IDAT", "IEND");
    }

    @Test
    void everyPngSaysSrgbAndSquarePixelsAndEightBitPixelsStayAsTheyWere() throws Exception {
        Path file = paint("plain.png", RECIPE, OutputFormat.DEFAULT);
        Map<String, byte[]> chunks = chunks(Files.readAllBytes(file));
        assertThat(chunks.get("sRGB")).containsExactly(0);
        assertThat(chunks.get("pHYs")).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0);
        BufferedImage image = ImageIO.read(file.toFile());
        byte[] expected = scalar(Painting.of(RECIPE)).renderRgb();
        assertThat(image.getRGB(5, 7) & 0xffffff).isEqualTo((expected[3 * (7 * 37 + 5)] & 0xff) << 16
                | (expected[3 * (7 * 37 + 5) + 1] & 0xff) << 8 | (expected[3 * (7 * 37 + 5) + 2] & 0xff));
    }

    @Test
    void aGrayImageIsWrittenAsSixteenBitGray() throws Exception {
        Path file = paint("gray.png", RECIPE.toBuilder().color("gray").build(), new OutputFormat(16, 0));
        Map<String, byte[]> chunks = chunks(Files.readAllBytes(file));
        assertThat(chunks.get("IHDR")[8]).isEqualTo((byte) 16);
        assertThat(chunks.get("IHDR")[9]).as("gray").isEqualTo((byte) 0);
        Raster raster = ImageIO.read(file.toFile()).getRaster();
        assertThat(raster.getNumBands()).isEqualTo(1);
        assertThat(raster.getSampleModel().getSampleSize(0)).isEqualTo(16);
    }

    @Test
    void aTiffOpensInImageIoWithSixteenBitSamplesAndItsResolution() throws Exception {
        Path file = paint("print.tif", RECIPE, new OutputFormat(16, 600));
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getFormatName()).isEqualToIgnoringCase("tif");
            BufferedImage image = reader.read(0);
            Raster raster = image.getRaster();
            assertThat(raster.getWidth()).isEqualTo(37);
            assertThat(raster.getSampleModel().getSampleSize(0)).isEqualTo(16);
            byte[] expected = scalar(Painting.of(RECIPE)).withDepth(16).renderRgb();
            assertThat(raster.getSample(3, 2, 1)).isEqualTo((expected[2 * (3 * (2 * 37 + 3) + 1)] & 0xff) << 8
                    | (expected[2 * (3 * (2 * 37 + 3) + 1) + 1] & 0xff));
            TIFFDirectory tiff = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
            long[] x = tiff.getTIFFField(BaselineTIFFTagSet.TAG_X_RESOLUTION).getAsRational(0);
            assertThat((double) x[0] / x[1]).isCloseTo(600, within(1e-9));
            assertThat(tiff.getTIFFField(BaselineTIFFTagSet.TAG_RESOLUTION_UNIT).getAsInt(0))
                    .isEqualTo(BaselineTIFFTagSet.RESOLUTION_UNIT_INCH);
        }
        Path eight = paint("eight.tiff", RECIPE, OutputFormat.DEFAULT);
        assertThat(ImageIO.read(eight.toFile()).getRaster().getSampleModel().getSampleSize(0)).isEqualTo(8);
    }

    @Test
    void printSizesBecomePixels() {
        PrintSize a2 = PrintSize.parse("42x59.4cm@300");
        assertThat(a2.widthPixels(a2.resolution(0))).isEqualTo(4961);
        assertThat(a2.heightPixels(a2.resolution(0))).isEqualTo(7016);
        PrintSize named = PrintSize.parse("A2@300");
        assertThat(named.widthPixels(300)).isEqualTo(4961);
        assertThat(named.heightPixels(300)).isEqualTo(7016);
        PrintSize a4 = PrintSize.parse("A4");
        assertThat(a4.resolution(0)).isEqualTo(300);
        assertThat(a4.widthPixels(300)).isEqualTo(2480);
        assertThat(a4.heightPixels(300)).isEqualTo(3508);
        PrintSize letter = PrintSize.parse("letter@600");
        assertThat(letter.widthPixels(letter.resolution(0))).isEqualTo(5100);
        PrintSize tabloid = PrintSize.parse("11x17in@300");
        assertThat(tabloid.heightPixels(tabloid.resolution(0))).isEqualTo(5100);
        assertThat(PrintSize.parse("210x297mm").widthPixels(300)).isEqualTo(2480);
        assertThatThrownBy(() -> PrintSize.parse("42x59.4")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--print must be WxH followed by cm, mm or in");
        assertThatThrownBy(() -> PrintSize.parse("A4@0")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> PrintSize.parse("A4@300").resolution(150)).isInstanceOf(BadInputException.class)
                .hasMessage("--print says 300 dpi but --dpi says 150; give one");
    }

    @Test
    void printSetsTheSizeAndRefusesADifferentOne() {
        OutputOptions options = new OutputOptions();
        options.print = "A4@150";
        Recipe.Builder b = Recipe.builder();
        OutputFormat format = options.apply(b, null);
        assertThat(format.dpi()).isEqualTo(150);
        assertThat(b.build().width()).isEqualTo(1240);
        assertThat(b.build().height()).isEqualTo(1754);
        assertThat(options.apply(Recipe.builder(), new SizeConverter.Size(1240, 1754)).dpi()).isEqualTo(150);
        assertThatThrownBy(() -> options.apply(Recipe.builder(), new SizeConverter.Size(1024, 1024)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--print A4@150 is 1240x1754 pixels but --size says 1024x1024; give one of them");
        OutputOptions depth = new OutputOptions();
        depth.depth = 12;
        assertThatThrownBy(() -> depth.apply(Recipe.builder(), null)).isInstanceOf(BadInputException.class)
                .hasMessage("--depth must be 8 or 16, got 12");
    }
}
