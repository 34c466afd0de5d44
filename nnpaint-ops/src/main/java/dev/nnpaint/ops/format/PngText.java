package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a PNG's size and text entries ({@code tEXt}, {@code zTXt}, {@code iTXt}) without decoding any pixels:
 * it walks the chunks up to the first {@code IDAT} (image data) and checks the CRC of every chunk it reads.
 * Text placed after the image data is not seen; nnpaint writes its own before. A damaged or non-PNG file is a
 * {@link BadInputException} naming the file and what is wrong.
 */
public final class PngText {

    /** Decompressed text larger than this is refused, so a tiny file cannot expand into gigabytes. */
    static final int MAX_TEXT_BYTES = 64 << 20;

    private PngText() {
    }

    /** The text entries in file order; if a keyword appears twice the later value wins. */
    public static Map<String, String> read(Path png) {
        try (InputStream in = open(png)) {
            return readText(in, png.toString());
        } catch (IOException e) {
            throw cannotRead(png, e);
        }
    }

    /** The text entries of a PNG held in memory; {@code source} names it in error messages. */
    public static Map<String, String> read(byte[] png, String source) {
        try {
            return readText(new ByteArrayInputStream(png), source);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory; truncation is reported as bad input
        }
    }

    /** {@code {width, height}} from the IHDR chunk. */
    public static int[] size(Path png) {
        try (InputStream in = open(png)) {
            Chunks chunks = new Chunks(new DataInputStream(in), png.toString());
            return chunks.header();
        } catch (IOException e) {
            throw cannotRead(png, e);
        }
    }

    private static InputStream open(Path png) throws IOException {
        if (Files.isDirectory(png)) {
            throw new BadInputException("cannot read '" + png + "': it is a folder");
        }
        return new BufferedInputStream(Files.newInputStream(png), 1 << 16);
    }

    private static BadInputException cannotRead(Path png, IOException e) {
        return new BadInputException("cannot read '" + png + "': " + AtomicOutput.reason(e), e);
    }

    private static Map<String, String> readText(InputStream in, String source) throws IOException {
        Chunks chunks = new Chunks(new DataInputStream(in), source);
        chunks.header();
        Map<String, String> text = new LinkedHashMap<>();
        while (true) {
            String type = chunks.nextType();
            if (type.equals("IDAT") || type.equals("IEND")) {
                return text;
            }
            byte[] data = chunks.data();
            switch (type) {
                case "tEXt" -> putText(text, source, type, data, false);
                case "zTXt" -> putText(text, source, type, data, true);
                case "iTXt" -> putInternationalText(text, source, data);
                // the embedded model's binary chunk, handed on as base64 like the writer takes it
                case ImageMetadata.MODEL_CHUNK -> text.put(type, java.util.Base64.getEncoder().encodeToString(data));
                default -> { }
            }
        }
    }

    /** tEXt: keyword, NUL, Latin-1 text. zTXt: keyword, NUL, method 0, zlib-compressed Latin-1 text. */
    private static void putText(Map<String, String> text, String source, String type, byte[] data,
                                boolean compressed) {
        int nul = indexOf(data, 0, (byte) 0);
        if (nul <= 0) {
            throw malformed(source, type, "no keyword");
        }
        String keyword = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
        byte[] body;
        if (compressed) {
            if (nul + 1 >= data.length || data[nul + 1] != 0) {
                throw malformed(source, type, "unknown compression method");
            }
            body = inflate(data, nul + 2, source, type);
        } else {
            body = Arrays.copyOfRange(data, nul + 1, data.length);
        }
        text.put(keyword, new String(body, StandardCharsets.ISO_8859_1));
    }

    /**
     * iTXt: keyword, NUL, compression flag, compression method, language tag, NUL, translated keyword, NUL,
     * UTF-8 text (zlib-compressed when the flag is 1).
     */
    private static void putInternationalText(Map<String, String> text, String source, byte[] data) {
        String type = "iTXt";
        int nul = indexOf(data, 0, (byte) 0);
        if (nul <= 0) {
            throw malformed(source, type, "no keyword");
        }
        if (nul + 2 >= data.length) {
            throw malformed(source, type, "it ends after the keyword");
        }
        int flag = data[nul + 1];
        int method = data[nul + 2];
        if (flag != 0 && flag != 1) {
            throw malformed(source, type, "compression flag " + flag);
        }
        if (flag == 1 && method != 0) {
            throw malformed(source, type, "unknown compression method " + method);
        }
        int languageEnd = indexOf(data, nul + 3, (byte) 0);
        int translatedEnd = languageEnd < 0 ? -1 : indexOf(data, languageEnd + 1, (byte) 0);
        if (translatedEnd < 0) {
            throw malformed(source, type, "missing language tag or translated keyword");
        }
        byte[] body = flag == 1 ? inflate(data, translatedEnd + 1, source, type)
                : Arrays.copyOfRange(data, translatedEnd + 1, data.length);
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
            text.put(new String(data, 0, nul, StandardCharsets.ISO_8859_1), value);
        } catch (CharacterCodingException e) {
            throw malformed(source, type, "the text is not UTF-8");
        }
    }

    private static byte[] inflate(byte[] data, int offset, String source, String type) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, offset, data.length - offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 14];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw malformed(source, type, "the compressed text is cut short");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_TEXT_BYTES) {
                    throw malformed(source, type, "the text is larger than " + (MAX_TEXT_BYTES >> 20) + " MB");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw malformed(source, type, "the compressed text is damaged");
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] data, int from, byte value) {
        for (int i = Math.max(0, from); i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static BadInputException malformed(String source, String type, String problem) {
        return new BadInputException(source + ": malformed " + type + " chunk: " + problem);
    }

    /** Walks the chunk list: length, 4-letter type, data, CRC of type and data. */
    private static final class Chunks {
        private final DataInputStream in;
        private final String source;
        private String type;
        private int length;
        private boolean dataRead = true;

        Chunks(DataInputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        /** Checks the signature and reads IHDR, which must come first; returns {width, height}. */
        int[] header() throws IOException {
            byte[] signature = in.readNBytes(PngWriter.SIGNATURE.length);
            if (!Arrays.equals(signature, PngWriter.SIGNATURE)) {
                throw new BadInputException(source + ": not a PNG file");
            }
            String first = nextType();
            if (!first.equals("IHDR") || length != 13) {
                throw new BadInputException(source + ": damaged PNG file: it does not start with a header chunk");
            }
            byte[] d = data();
            int width = ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
            int height = ((d[4] & 0xff) << 24) | ((d[5] & 0xff) << 16) | ((d[6] & 0xff) << 8) | (d[7] & 0xff);
            if (width <= 0 || height <= 0) {
                throw new BadInputException(source + ": damaged PNG file: size " + Integer.toUnsignedString(width)
                        + "x" + Integer.toUnsignedString(height));
            }
            return new int[] {width, height};
        }

        String nextType() throws IOException {
            if (!dataRead) {
                data(); // skipped chunks are still checked
            }
            byte[] head = in.readNBytes(8);
            if (head.length < 8) {
                throw new BadInputException(source + ": damaged PNG file: it ends before the image data");
            }
            length = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            for (int i = 4; i < 8; i++) {
                int c = head[i];
                if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) {
                    throw new BadInputException(source + ": damaged PNG file: invalid chunk type");
                }
            }
            type = new String(head, 4, 4, StandardCharsets.US_ASCII);
            if (length < 0) {
                throw new BadInputException(source + ": damaged PNG file: chunk " + type + " has an invalid length");
            }
            dataRead = false;
            return type;
        }

        /** The current chunk's data, after checking its CRC; reads as it goes, so a false length cannot exhaust memory. */
        byte[] data() throws IOException {
            byte[] data = in.readNBytes(length);
            int crc;
            try {
                if (data.length < length) {
                    throw new EOFException();
                }
                crc = in.readInt();
            } catch (EOFException e) {
                throw new BadInputException(source + ": damaged PNG file: it ends inside the " + type + " chunk");
            }
            CRC32 expected = new CRC32();
            expected.update(type.getBytes(StandardCharsets.US_ASCII));
            expected.update(data);
            if ((int) expected.getValue() != crc) {
                throw new BadInputException(source + ": damaged PNG file: the " + type + " chunk fails its CRC check");
            }
            dataRead = true;
            return data;
        }
    }
}
