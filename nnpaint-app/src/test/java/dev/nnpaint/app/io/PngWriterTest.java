package dev.nnpaint.app.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** Images streamed through PngWriter decode, with a standard reader, to exactly the pixels written. */
class PngWriterTest {

    @ParameterizedTest(name = "{0}x{1}, bands of {2} rows, {3} threads, block {4} bytes")
    @CsvSource({"1, 1, 1, 1, 1048576", "97, 61, 7, 2, 4096", "640, 3, 1, 3, 1000", "300, 200, 200, 1, 1048576",
            "333, 129, 16, 2, 9999"})
    void streamedRowsDecodeToThePixelsWritten(int width, int height, int band, int threads, int block)
            throws Exception {
        byte[] rgb = picture(width, height, width * 31L + height);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PngWriter png = new PngWriter(file, width, height, Map.of("nnpaint", "{\"x\": \"\u00e9\"}"), threads,
                PngWriter.DEFAULT_LEVEL, block)) {
            for (int row = 0; row < height; row += band) {
                png.writeRows(rgb, row * width * 3, Math.min(band, height - row));
            }
        }
        byte[] bytes = file.toByteArray();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int expected = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
                assertThat(decoded.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
        assertChunkCrcsAreValid(bytes);
        assertThat(PngText.read(bytes, "test").get("nnpaint")).isEqualTo("{\"x\": \"\u00e9\"}");
    }

    @Test
    void theBytesDoNotDependOnTheThreadCount() throws Exception {
        byte[] rgb = picture(257, 190, 3);
        byte[] one = encode(rgb, 257, 190, 1);
        assertThat(encode(rgb, 257, 190, 2)).isEqualTo(one);
        assertThat(encode(rgb, 257, 190, 4)).isEqualTo(one);
    }

    private static byte[] encode(byte[] rgb, int width, int height, int threads) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PngWriter png = new PngWriter(file, width, height, Map.of(), threads, PngWriter.DEFAULT_LEVEL, 8192)) {
            png.writeRows(rgb, 0, height);
        }
        return file.toByteArray();
    }

    /** Smooth gradients (as CPPNs paint) with some noise, so every filter type has work to do. */
    private static byte[] picture(int width, int height, long seed) {
        Random r = new Random(seed);
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (x * 255 / Math.max(1, width - 1));
                rgb[i + 1] = (byte) (y * 255 / Math.max(1, height - 1));
                rgb[i + 2] = (byte) (r.nextInt(8) + (x + y) % 200);
            }
        }
        return rgb;
    }

    private static void assertChunkCrcsAreValid(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        int chunks = 0;
        while (b.remaining() > 0) {
            int length = b.getInt();
            byte[] typeAndData = new byte[4 + length];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertThat(b.getInt()).as("CRC of chunk %d", chunks).isEqualTo((int) crc.getValue());
            chunks++;
        }
        assertThat(chunks).isGreaterThanOrEqualTo(4); // IHDR, text, IDAT, IEND
    }
}
