package dev.nnpaint.ops.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Images streamed through PngWriter decode, with the JDK's standard PNG reader, to exactly the pixels written;
 * the file's structure (chunk order, CRCs, one zlib stream with a valid Adler-32) is checked on its own too.
 */
class PngWriterTest {

    @TempDir
    Path dir;

    /** One chunk of a PNG file. */
    record Chunk(String type, byte[] data) {
    }

    @ParameterizedTest(name = "{0} {1}x{2}, bands of {3} rows, {4} threads, level {5}, block {6} bytes")
    @CsvSource({
            "RGB,  1,    1,   1, 1, 4, 1048576",
            "RGB,  97,   61,  7, 2, 4, 4096",
            "RGB,  640,  3,   1, 3, 6, 1000",
            "RGB,  300,  200, 200, 1, 9, 1048576",
            "RGB,  333,  129, 16, 2, 1, 9999",
            "RGB,  1,    500, 33, 2, 4, 64",
            "RGB,  1021, 37,  5, 4, 0, 20000",
            "GRAY, 1,    1,   1, 1, 4, 1048576",
            "GRAY, 97,   61,  7, 2, 4, 300",
            "GRAY, 1021, 43,  10, 3, 6, 5000",
            "GRAY, 3,    257, 256, 2, 4, 16"})
    void streamedRowsDecodeToThePixelsWritten(PngWriter.ColorType type, int width, int height, int band,
                                              int threads, int level, int block) throws Exception {
        int channels = type.channels();
        byte[] pixels = picture(width, height, channels, width * 31L + height);
        Map<String, String> text = Map.of("nnpaint", "{\"x\": \"\u00e9\u4e2d\"}");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PngWriter png = new PngWriter(file, width, height, type, text, threads, level, block)) {
            for (int row = 0; row < height; row += band) {
                png.writeRows(pixels, row * width * channels, Math.min(band, height - row));
            }
            assertThat(png.rowsWritten()).isEqualTo(height);
        }
        byte[] bytes = file.toByteArray();

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        assertThat(decoded.getRaster().getNumBands()).isEqualTo(channels);
        assertThat(samples(decoded)).isEqualTo(pixels);

        List<Chunk> chunks = chunks(bytes);
        assertThat(inflatedImageData(chunks)).hasSize(height * (width * channels + 1));
        assertThat(PngText.read(bytes, "test")).isEqualTo(text);
        assertThat(standardReaderText(bytes)).isEqualTo(text);
    }

    @Test
    void theChunksComeInTheOrderTheStandardAsks() throws Exception {
        byte[] bytes = encode(picture(200, 300, 3, 1), 200, 300, 2, 4000, Map.of("nnpaint", "{}", "Software", "n"));
        List<String> types = chunks(bytes).stream().map(Chunk::type).toList();
        assertThat(types.get(0)).isEqualTo("IHDR");
        assertThat(types.subList(1, 5)).containsExactly("sRGB", "pHYs", "iTXt", "iTXt");
        assertThat(types.subList(5, types.size() - 1)).isNotEmpty().allMatch("IDAT"::equals);
        assertThat(types.get(types.size() - 1)).isEqualTo("IEND");
        byte[] header = chunks(bytes).get(0).data();
        assertThat(ByteBuffer.wrap(header).getInt(0)).isEqualTo(200);
        assertThat(ByteBuffer.wrap(header).getInt(4)).isEqualTo(300);
        assertThat(header[8]).as("bit depth").isEqualTo((byte) 8);
        assertThat(header[9]).as("colour type RGB").isEqualTo((byte) 2);
    }

    @Test
    void idatChunksAreCutAtTheirLimit() throws Exception {
        // Noise hardly compresses, so 1.2 MB of it needs two IDAT chunks of at most 1 MB.
        int width = 700;
        int height = 600;
        byte[] noise = new byte[width * height * 3];
        new Random(5).nextBytes(noise);
        byte[] bytes = encode(noise, width, height, 2, PngWriter.DEFAULT_BLOCK_BYTES, Map.of());
        List<Chunk> idat = chunks(bytes).stream().filter(c -> c.type().equals("IDAT")).toList();
        assertThat(idat).hasSizeGreaterThan(1);
        assertThat(idat).allMatch(c -> c.data().length <= PngWriter.IDAT_BYTES);
        assertThat(samples(ImageIO.read(new ByteArrayInputStream(bytes)))).isEqualTo(noise);
    }

    @Test
    void theBytesDoNotDependOnTheThreadCountOrTheBands() throws Exception {
        byte[] rgb = picture(257, 190, 3, 3);
        byte[] one = encode(rgb, 257, 190, 1, 8192, Map.of());
        assertThat(encode(rgb, 257, 190, 2, 8192, Map.of())).isEqualTo(one);
        assertThat(encode(rgb, 257, 190, 4, 8192, Map.of())).isEqualTo(one);
        ByteArrayOutputStream rowByRow = new ByteArrayOutputStream();
        try (PngWriter png = new PngWriter(rowByRow, 257, 190, PngWriter.ColorType.RGB, Map.of(), 3,
                PngWriter.DEFAULT_LEVEL, 8192)) {
            for (int row = 0; row < 190; row++) {
                png.writeRows(rgb, row * 257 * 3, 1);
            }
        }
        assertThat(rowByRow.toByteArray()).isEqualTo(one);
    }

    @Test
    void rgbRowsWrittenToAGrayImageKeepTheirValue() throws Exception {
        int width = 45;
        int height = 30;
        byte[] gray = picture(width, height, 1, 8);
        byte[] rgb = new byte[gray.length * 3];
        for (int i = 0; i < gray.length; i++) {
            rgb[3 * i] = gray[i];
            rgb[3 * i + 1] = gray[i];
            rgb[3 * i + 2] = gray[i];
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PngWriter png = new PngWriter(file, width, height, PngWriter.ColorType.GRAY, null, 2, 4, 500)) {
            png.writeRgbRows(rgb, 0, 10);
            png.writeRgbRows(rgb, 10 * width * 3, 20);
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(file.toByteArray()));
        assertThat(decoded.getRaster().getNumBands()).isEqualTo(1);
        assertThat(samples(decoded)).isEqualTo(gray);
    }

    @Test
    void longTextIsCompressedAndReadsBackWithAnyReader() throws Exception {
        StringBuilder json = new StringBuilder("{\"weights\": [");
        for (int i = 0; i < 2000; i++) {
            json.append(i == 0 ? "" : ", ").append(i * 0.001f);
        }
        String text = json.append("], \"note\": \"caf\u00e9\"}").toString();
        byte[] bytes = encode(picture(8, 8, 3, 2), 8, 8, 1, 1 << 20, Map.of("nnpaint", text));
        Chunk itxt = chunks(bytes).stream().filter(c -> c.type().equals("iTXt")).findFirst().orElseThrow();
        assertThat(itxt.data().length).isLessThan(text.length() / 2);
        assertThat(itxt.data()["nnpaint".length() + 1]).as("compression flag").isEqualTo((byte) 1);
        assertThat(PngText.read(bytes, "long.png").get("nnpaint")).isEqualTo(text);
        assertThat(standardReaderText(bytes).get("nnpaint")).isEqualTo(text);
    }

    @Test
    void aWholeImageIsWrittenToAFile() throws Exception {
        Path target = dir.resolve("whole.png");
        byte[] rgb = picture(31, 17, 3, 4);
        PngWriter.write(target, 31, 17, rgb, Map.of("k", "v"));
        assertThat(samples(ImageIO.read(target.toFile()))).isEqualTo(rgb);
        assertThat(PngText.read(target)).containsEntry("k", "v");
        assertThat(PngText.size(target)).containsExactly(31, 17);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("whole.png");
        }
    }

    @Test
    void misuseIsABugNotBadInput() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PngWriter png = new PngWriter(file, 4, 2, Map.of());
        png.writeRows(new byte[12], 0, 1);
        assertThatThrownBy(() -> png.writeRows(new byte[24], 0, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 rows");
        assertThatThrownBy(() -> png.writeRows(new byte[11], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(png::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 were written");
        assertThatThrownBy(() -> new PngWriter(file, 0, 5, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PngWriter(file, 5, 5, Map.of(" bad", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adlerChecksumsCombineAsIfComputedInOnePass() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            byte[] a = new byte[random.nextInt(70000)];
            byte[] b = new byte[random.nextInt(70000)];
            random.nextBytes(a);
            random.nextBytes(b);
            if (trial % 3 == 0) {
                java.util.Arrays.fill(b, (byte) 0xff); // sums near the modulus
            }
            Adler32 whole = new Adler32();
            whole.update(a);
            whole.update(b);
            assertThat(PngWriter.adler32Combine(adler(a), adler(b), b.length)).isEqualTo(whole.getValue());
        }
    }

    private static long adler(byte[] data) {
        Adler32 a = new Adler32();
        a.update(data);
        return a.getValue();
    }

    static byte[] encode(byte[] rgb, int width, int height, int threads, int block, Map<String, String> text)
            throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PngWriter png = new PngWriter(file, width, height, PngWriter.ColorType.RGB, text, threads,
                PngWriter.DEFAULT_LEVEL, block)) {
            png.writeRows(rgb, 0, height);
        }
        return file.toByteArray();
    }

    /** Smooth gradients (as CPPNs paint) with some noise, so every filter type has work to do. */
    static byte[] picture(int width, int height, int channels, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[width * height * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * channels;
                pixels[i] = (byte) (x * 255 / Math.max(1, width - 1) + (y % 7 == 0 ? r.nextInt(40) : 0));
                for (int c = 1; c < channels; c++) {
                    pixels[i + c] = (byte) (c == 1 ? y * 255 / Math.max(1, height - 1) : r.nextInt(8) + (x + y) % 200);
                }
            }
        }
        return pixels;
    }

    /** The decoded samples in the file's layout: interleaved channels, row 0 first. */
    static byte[] samples(BufferedImage image) {
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        byte[] out = new byte[image.getWidth() * image.getHeight() * bands];
        int[] pixel = new int[bands];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                raster.getPixel(x, y, pixel);
                for (int b = 0; b < bands; b++) {
                    out[i++] = (byte) pixel[b];
                }
            }
        }
        return out;
    }

    /** Walks the chunks, checking the signature and each CRC. */
    static List<Chunk> chunks(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        byte[] signature = new byte[8];
        b.get(signature);
        assertThat(signature).isEqualTo(PngWriter.SIGNATURE);
        List<Chunk> chunks = new ArrayList<>();
        while (b.remaining() > 0) {
            int length = b.getInt();
            byte[] typeAndData = new byte[4 + length];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertThat(b.getInt()).as("CRC of chunk %d (%s)", chunks.size(), type).isEqualTo((int) crc.getValue());
            chunks.add(new Chunk(type, java.util.Arrays.copyOfRange(typeAndData, 4, typeAndData.length)));
        }
        assertThat(chunks.get(chunks.size() - 1).type()).isEqualTo("IEND");
        return chunks;
    }

    /**
     * The IDAT chunks joined and inflated as one zlib stream; the Inflater checks the stream's Adler-32 at its
     * end, so a stream that ends exactly, with no bytes left over, has a valid checksum.
     */
    static byte[] inflatedImageData(List<Chunk> chunks) throws Exception {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.stream().filter(c -> c.type().equals("IDAT")).forEach(c -> joined.writeBytes(c.data()));
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(joined.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                assertThat(n > 0 || !inflater.needsInput()).as("the zlib stream ends early").isTrue();
                out.write(buffer, 0, n);
            }
            assertThat(inflater.getRemaining()).as("bytes after the zlib stream").isZero();
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    /** The iTXt entries as the JDK's PNG reader sees them (its native metadata tree). */
    static Map<String, String> standardReaderText(byte[] png) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree(metadata.getNativeMetadataFormatName());
            Map<String, String> text = new LinkedHashMap<>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("iTXt")) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        Map<String, String> attributes = new HashMap<>();
                        for (int i = 0; i < e.getAttributes().getLength(); i++) {
                            Node a = e.getAttributes().item(i);
                            attributes.put(a.getNodeName(), a.getNodeValue());
                        }
                        text.put(attributes.get("keyword"), attributes.get("text"));
                    }
                }
            }
            reader.dispose();
            return text;
        }
    }
}
