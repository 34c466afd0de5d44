package dev.nnpaint.ops.format;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A PNG's chunk list, read as a reader would: each chunk type with the size of its largest chunk. */
public final class PngChunks {

    /** Pillow's PngImagePlugin.MAX_TEXT_CHUNK: a text chunk above this makes Pillow refuse the file. */
    public static final int PILLOW_MAX_TEXT_CHUNK = 1 << 20;

    private PngChunks() {
    }

    public static Map<String, Integer> largest(Path png) throws IOException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(png); DataInputStream in = new DataInputStream(raw)) {
            in.skipNBytes(8);
            while (true) {
                int length = in.readInt();
                String type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
                sizes.merge(type, length, Math::max);
                in.skipNBytes(length + 4L);
                if (type.equals("IEND")) {
                    return sizes;
                }
            }
        }
    }

    /** Asserts that every text chunk of the PNG is well under Pillow's limit (a quarter of it). */
    public static void assertTextChunksReadable(Path png) throws IOException {
        Map<String, Integer> sizes = largest(png);
        for (String type : new String[] {"tEXt", "zTXt", "iTXt"}) {
            assertThat(sizes.getOrDefault(type, 0)).as("%s chunk of %s", type, png)
                    .isLessThan(PILLOW_MAX_TEXT_CHUNK / 4);
        }
    }
}
