package dev.nnpaint.ops.format;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Streams an 8- or 16-bit RGB or gray PNG in bounded memory, compressing on several threads the way pigz does.
 *
 * <p>Rows arrive top to bottom through {@link #writeRows} (in the image's own layout) or {@link #writeRgbRows}
 * (always RGB, as the renderer makes them), in bands of any size. They are grouped into blocks of
 * about {@code blockBytes} of filtered data; each block is filtered (adaptive per row, as libpng chooses) and
 * deflated on a worker thread with its own {@link Deflater}, primed with the 32 KB of filtered data before it so
 * that cutting the stream costs almost nothing in size. Blocks end with a sync flush (the last one finishes the
 * stream), so written in order they form one valid zlib stream; its Adler-32 is combined from the blocks' own.
 * A handful of blocks is in flight at a time, so memory does not grow with the image. The bytes written do not
 * depend on the number of threads.
 *
 * <p>Every PNG says its colours are sRGB (an {@code sRGB} chunk) and carries a {@code pHYs} chunk: the print
 * resolution when one is given ({@link OutputFormat#dpi()}), otherwise only that pixels are square.
 * Text entries are written as {@code iTXt} chunks (UTF-8, compressed when long) before the image data.
 * {@link #close()} checks that every row arrived and ends the file; it flushes but does not close the
 * underlying stream, which belongs to the caller. An instance is used from one thread.
 */
public final class PngWriter implements Closeable {

    /**
     * With the {@link Deflater#FILTERED} strategy, level 4 deflates three times as fast as zlib's default 6 at
     * 5-7% more bytes on smooth paintings and fewer on noisy ones; at 16384 x 16384 deflate would otherwise take
     * more time than the painting.
     */
    public static final int DEFAULT_LEVEL = 4;
    /** Filtered bytes per compression block. */
    public static final int DEFAULT_BLOCK_BYTES = 1 << 20;
    /** Largest IDAT chunk payload written. */
    static final int IDAT_BYTES = 1 << 20;
    /** Texts longer than this (in UTF-8 bytes) are stored compressed. */
    static final int COMPRESS_TEXT_ABOVE = 1024;

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The deflate window: how far back a match may reach, so how much earlier data primes a block. */
    private static final int WINDOW = 32 * 1024;

    /** The PNG colour types written, at 8 or 16 bits a channel. */
    public enum ColorType {
        RGB(2, 3), GRAY(0, 1);

        final int code;
        final int channels;

        ColorType(int code, int channels) {
            this.code = code;
            this.channels = channels;
        }

        public int channels() {
            return channels;
        }

        /** Gray paintings are written as gray PNGs: a third of the bytes to compress and store. */
        public static ColorType forColorMode(dev.nnpaint.paint.ColorMode mode) {
            return mode.kind() == dev.nnpaint.paint.ColorMode.Kind.GRAY ? GRAY : RGB;
        }
    }

    private final OutputStream out;
    private final int width;
    private final int height;
    private final ColorType colorType;
    private final int depth;
    /** Bytes per pixel, in the image. */
    private final int bpp;
    /** Raw bytes of one row ({@code bpp} per pixel); a filtered row has one more, the filter type. */
    private final int rowBytes;
    private final int rowsPerBlock;
    /** Rows before a block whose filtered bytes cover the 32 KB dictionary; one more row is needed to filter them. */
    private final int dictionaryRows;
    private final byte[] zeroRow;
    private final ExecutorService workers;
    private final List<Block> allBlocks = new ArrayList<>();
    private final ArrayDeque<Block> freeBlocks = new ArrayDeque<>();
    private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
    private final ChunkWriter idat;

    private Block current;
    private int rowsWritten;
    private long adler = 1;
    private boolean failed;
    private boolean closed;

    /** An RGB writer with the default level, block size and one compression thread per processor. */
    public PngWriter(OutputStream out, int width, int height, Map<String, String> text) throws IOException {
        this(out, width, height, ColorType.RGB, text);
    }

    /** A writer with the default level, block size and one compression thread per processor. */
    public PngWriter(OutputStream out, int width, int height, ColorType colorType, Map<String, String> text)
            throws IOException {
        this(out, width, height, colorType, text, Runtime.getRuntime().availableProcessors(), DEFAULT_LEVEL,
                DEFAULT_BLOCK_BYTES);
    }

    /** An RGB writer. */
    public PngWriter(OutputStream out, int width, int height, Map<String, String> text, int threads, int level)
            throws IOException {
        this(out, width, height, ColorType.RGB, text, threads, level, DEFAULT_BLOCK_BYTES);
    }

    /**
     * @param text       entries written as iTXt chunks (keyword to UTF-8 text), or null; the entry
     *                   {@link ImageMetadata#MODEL_CHUNK} is base64 data written as a chunk of that type, and
     *                   {@link ImageMetadata#SIDECAR_ENTRY} is not written (see {@link ImageMetadata#writeSidecar})
     * @param threads    compression threads (at least 1)
     * @param level      deflate level, 0 (store) to 9 (smallest)
     * @param blockBytes filtered bytes per compression block (rounded to whole rows, at least one row)
     */
    public PngWriter(OutputStream out, int width, int height, ColorType colorType, Map<String, String> text,
                     int threads, int level, int blockBytes) throws IOException {
        this(out, width, height, colorType, text, threads, level, blockBytes, OutputFormat.DEFAULT);
    }

    /**
     * As above at {@code format}'s depth (rows then hold two bytes a channel, most significant first) and
     * resolution.
     */
    public PngWriter(OutputStream out, int width, int height, ColorType colorType, Map<String, String> text,
                     int threads, int level, int blockBytes, OutputFormat format) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("PNG size must be positive, got " + width + "x" + height);
        }
        if ((long) width * colorType.channels * format.depth() / 8 + 1 > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("PNG rows of " + width + " pixels are too wide to buffer");
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0..9, got " + level);
        }
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockBytes);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.colorType = colorType;
        this.depth = format.depth();
        this.bpp = colorType.channels * depth / 8;
        this.rowBytes = width * bpp;
        this.rowsPerBlock = (int) Math.min(height, Math.max(1, blockBytes / (rowBytes + 1)));
        this.dictionaryRows = (WINDOW + rowBytes) / (rowBytes + 1);
        this.zeroRow = new byte[rowBytes];
        this.idat = new ChunkWriter(out, "IDAT", IDAT_BYTES);

        // Two blocks per thread keep the workers busy while the caller fills the next one and writes the oldest.
        int blocks = height <= rowsPerBlock ? 1 : 2 * threads + 1;
        for (int i = 0; i < blocks; i++) {
            allBlocks.add(new Block(deflater(level)));
        }
        freeBlocks.addAll(allBlocks);
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "png-deflate-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            out.write(SIGNATURE);
            writeChunk(out, "IHDR", ihdr(width, height, colorType, depth));
            writeChunk(out, "sRGB", new byte[] {0}); // rendering intent: perceptual
            writeChunk(out, "pHYs", phys(format));
            if (text != null) {
                for (Map.Entry<String, String> e : text.entrySet()) {
                    if (e.getKey().equals(ImageMetadata.MODEL_CHUNK)) {
                        // binary data of a chunk of its own, carried base64 in the text map
                        writeChunk(out, ImageMetadata.MODEL_CHUNK, java.util.Base64.getDecoder().decode(e.getValue()));
                    } else if (!e.getKey().equals(ImageMetadata.SIDECAR_ENTRY)) {
                        writeChunk(out, "iTXt", itxt(e.getKey(), e.getValue()));
                    }
                }
            }
            idat.write(zlibHeader(level));
            current = takeFreeBlock();
            current.start(0, 0);
        } catch (IOException | RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    /**
     * A raw deflater with the {@link Deflater#FILTERED} strategy, which suits filtered rows (mostly small numbers)
     * by favouring literals over short matches. A new strategy takes effect only after one call of deflate, which
     * compresses whatever input is pending with the old one; that call is made here, on no input, so that every
     * block is compressed alike.
     */
    private static Deflater deflater(int level) {
        Deflater d = new Deflater(level, true);
        d.setStrategy(Deflater.FILTERED);
        d.deflate(new byte[64]);
        d.reset();
        return d;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int rowsWritten() {
        return rowsWritten;
    }

    public ColorType colorType() {
        return colorType;
    }

    /** Bits a channel. */
    public int depth() {
        return depth;
    }

    /**
     * Appends {@code rowCount} rows in the image's layout ({@code width * channels} samples per row: interleaved
     * RGB, or one per pixel for gray; a sample is one byte, or two at depth 16) from {@code pixels}, starting at {@code offset}. The bytes are
     * copied, so the caller may reuse the array at once.
     */
    public void writeRows(byte[] pixels, int offset, int rowCount) throws IOException {
        append(pixels, offset, rowCount, bpp);
    }

    /**
     * Appends {@code rowCount} rows of interleaved RGB ({@code width * 3} samples per row, as the renderer makes
     * them at the writer's depth), whatever the colour type: a gray image keeps each pixel's first sample, which
     * is its value when red, green and blue are equal.
     */
    public void writeRgbRows(byte[] rgb, int offset, int rowCount) throws IOException {
        append(rgb, offset, rowCount, 3 * depth / 8);
    }

    /** {@code sourceBpp} is the bytes per pixel of {@code source}: {@link #bpp}, or 3 for RGB into gray. */
    private void append(byte[] source, int offset, int rowCount, int sourceBpp) throws IOException {
        if (closed) {
            throw new IllegalStateException("the PNG writer is closed");
        }
        long sourceRowBytes = (long) width * sourceBpp;
        if (rowCount < 0 || offset < 0 || (long) offset + rowCount * sourceRowBytes > source.length) {
            throw new IndexOutOfBoundsException(rowCount + " rows of " + sourceRowBytes + " bytes from offset "
                    + offset + " do not fit in " + source.length + " bytes");
        }
        if (rowsWritten + (long) rowCount > height) {
            throw new IllegalStateException("the image has " + height + " rows; " + rowsWritten
                    + " are written and " + rowCount + " more were given");
        }
        try {
            int done = 0;
            while (done < rowCount) {
                int n = Math.min(rowCount - done, current.endRowCapacity(rowsPerBlock) - current.endRow);
                current.append(source, offset + (int) (done * sourceRowBytes), n, rowBytes, sourceBpp, bpp);
                done += n;
                rowsWritten += n;
                if (current.endRow - current.startRow == rowsPerBlock || rowsWritten == height) {
                    dispatch();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    /** Writes the rest of the image data and the end of the file, and flushes; the stream stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed) {
                return; // the exception that failed the writer is already on its way
            }
            if (rowsWritten != height) {
                throw new IllegalStateException("the image has " + height + " rows but " + rowsWritten
                        + " were written");
            }
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            idat.write(new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});
            idat.flushChunk();
            writeChunk(out, "IEND", new byte[0]);
            out.flush();
        } finally {
            release();
        }
    }

    /** Hands the filled block to a worker and starts the next one with the rows the next block's filter needs. */
    private void dispatch() throws IOException {
        Block full = current;
        full.last = full.endRow == height;
        Block next = null;
        if (!full.last) {
            next = takeFreeBlock();
            int start = full.endRow;
            int context = Math.min(start, dictionaryRows + 1);
            next.start(start - context, start);
            System.arraycopy(full.raw, (start - context - full.firstRow) * rowBytes, next.raw, 0, context * rowBytes);
        }
        inFlight.add(workers.submit(() -> compress(full)));
        current = next;
        // Write whatever is ready, so output keeps pace with input.
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            writeOldest();
        }
    }

    private Block takeFreeBlock() throws IOException {
        while (freeBlocks.isEmpty()) {
            writeOldest();
        }
        Block b = freeBlocks.poll();
        b.ensureCapacity((dictionaryRows + 1 + rowsPerBlock) * rowBytes,
                (dictionaryRows + 1 + rowsPerBlock) * (rowBytes + 1));
        return b;
    }

    /** Waits for the oldest block, writes it and returns it to the free list. */
    private void writeOldest() throws IOException {
        Future<Block> oldest = inFlight.poll();
        Block b;
        try {
            b = oldest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing the PNG");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("PNG compression failed", cause);
        }
        idat.write(b.compressed, 0, b.compressedLength);
        adler = adler32Combine(adler, b.adler, b.filteredLength);
        freeBlocks.add(b);
    }

    /**
     * On a worker: filters the block's rows (and the context rows before them, to rebuild the dictionary),
     * then deflates the block's part.
     */
    private Block compress(Block b) {
        int filteredRowBytes = rowBytes + 1;
        // Row firstRow is only the row above the first filtered one, unless it is the image's first row.
        int filterFrom = b.firstRow == 0 ? 0 : b.firstRow + 1;
        int position = 0;
        for (int row = filterFrom; row < b.endRow; row++) {
            byte[] prior = row == 0 ? zeroRow : b.raw;
            int priorOffset = row == 0 ? 0 : (row - 1 - b.firstRow) * rowBytes;
            PngFilter.filterAdaptive(bpp, b.raw, (row - b.firstRow) * rowBytes, prior, priorOffset, rowBytes,
                    b.filtered, position);
            position += filteredRowBytes;
        }
        int blockStart = (b.startRow - filterFrom) * filteredRowBytes;
        int blockLength = position - blockStart;
        Adler32 checksum = new Adler32();
        checksum.update(b.filtered, blockStart, blockLength);
        b.adler = checksum.getValue();
        b.filteredLength = blockLength;

        Deflater deflater = b.deflater;
        deflater.reset();
        if (blockStart > 0) {
            int dictionary = Math.min(WINDOW, blockStart);
            deflater.setDictionary(b.filtered, blockStart - dictionary, dictionary);
        }
        deflater.setInput(b.filtered, blockStart, blockLength);
        if (b.compressed.length < blockLength / 8 + 64) {
            b.compressed = new byte[blockLength / 8 + 64];
        }
        int n = 0;
        if (b.last) {
            deflater.finish();
            while (!deflater.finished()) {
                if (n == b.compressed.length) {
                    b.compressed = Arrays.copyOf(b.compressed, b.compressed.length * 2);
                }
                n += deflater.deflate(b.compressed, n, b.compressed.length - n);
            }
        } else {
            while (true) {
                n += deflater.deflate(b.compressed, n, b.compressed.length - n, Deflater.SYNC_FLUSH);
                if (n < b.compressed.length && deflater.needsInput()) {
                    break; // a sync flush that consumed all input and did not fill the buffer is complete
                }
                if (n == b.compressed.length) {
                    b.compressed = Arrays.copyOf(b.compressed, b.compressed.length * 2);
                }
            }
        }
        b.compressedLength = n;
        return b;
    }

    private void release() {
        for (Future<Block> f : inFlight) {
            f.cancel(true);
        }
        inFlight.clear();
        workers.shutdownNow();
        try {
            // A worker still inside a Deflater must leave it before the Deflater is ended.
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Block b : allBlocks) {
            b.deflater.end();
        }
        freeBlocks.clear();
        current = null;
    }

    /** Raw image rows in, compressed bytes out; owned by the caller, or by one worker while in flight. */
    private static final class Block {
        final Deflater deflater;
        /** Raw rows {@code firstRow .. endRow-1}, {@code rowBytes} each: context rows, then the block's own. */
        byte[] raw = new byte[0];
        /** Filtered rows (type byte + row): the context rows after the first, then the block's own. */
        byte[] filtered = new byte[0];
        byte[] compressed = new byte[0];
        int firstRow;
        int startRow;
        int endRow;
        boolean last;
        int compressedLength;
        int filteredLength;
        long adler;

        Block(Deflater deflater) {
            this.deflater = deflater;
        }

        void ensureCapacity(int rawBytes, int filteredBytes) {
            if (raw.length < rawBytes) {
                raw = new byte[rawBytes];
            }
            if (filtered.length < filteredBytes) {
                filtered = new byte[filteredBytes];
            }
        }

        /** Starts a block at image row {@code start} whose context rows begin at {@code first}. */
        void start(int first, int start) {
            firstRow = first;
            startRow = start;
            endRow = start;
            last = false;
        }

        int endRowCapacity(int rowsPerBlock) {
            return startRow + rowsPerBlock;
        }

        /** Copies rows in, keeping the first {@code bpp} of each {@code sourceBpp} bytes. */
        void append(byte[] source, int offset, int rows, int rowBytes, int sourceBpp, int bpp) {
            int at = (endRow - firstRow) * rowBytes;
            if (sourceBpp == bpp) {
                System.arraycopy(source, offset, raw, at, rows * rowBytes);
            } else {
                for (int i = 0, n = rows * rowBytes / bpp; i < n; i++) {
                    for (int c = 0; c < bpp; c++) {
                        raw[at + i * bpp + c] = source[offset + i * sourceBpp + c];
                    }
                }
            }
            endRow += rows;
        }
    }

    /**
     * The Adler-32 of two pieces of data joined, from their own checksums and the second piece's length
     * (zlib's adler32_combine).
     */
    static long adler32Combine(long adler1, long adler2, long length2) {
        final long base = 65521;
        long remainder = length2 % base;
        long sum1 = adler1 & 0xffff;
        long sum2 = (remainder * sum1) % base;
        sum1 += (adler2 & 0xffff) + base - 1;
        sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + base - remainder;
        if (sum1 >= base) {
            sum1 -= base;
        }
        if (sum1 >= base) {
            sum1 -= base;
        }
        if (sum2 >= (base << 1)) {
            sum2 -= (base << 1);
        }
        if (sum2 >= base) {
            sum2 -= base;
        }
        return sum1 | (sum2 << 16);
    }

    /** CMF and FLG of a zlib stream with a 32 KB window; FLEVEL records the level, as zlib does. */
    static byte[] zlibHeader(int level) {
        int cmf = 0x78;
        int flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
        int header = (cmf << 8) | (flevel << 6);
        header += 31 - (header % 31);
        return new byte[] {(byte) (header >>> 8), (byte) header};
    }

    static byte[] ihdr(int width, int height, ColorType colorType) {
        return ihdr(width, height, colorType, 8);
    }

    static byte[] ihdr(int width, int height, ColorType colorType, int depth) {
        byte[] d = new byte[13];
        putInt(d, 0, width);
        putInt(d, 4, height);
        d[8] = (byte) depth; // bits per channel
        d[9] = (byte) colorType.code;
        d[10] = 0; // deflate
        d[11] = 0; // adaptive filtering
        d[12] = 0; // no interlace
        return d;
    }

    /** pHYs: pixels a unit in x and y, and the unit (1: the metre; 0: none, the pixels' aspect ratio only). */
    static byte[] phys(OutputFormat format) {
        byte[] d = new byte[9];
        long ppm = format.dpiGiven() ? Math.max(1, Math.min(Integer.MAX_VALUE, format.pixelsPerMetre())) : 1;
        putInt(d, 0, (int) ppm);
        putInt(d, 4, (int) ppm);
        d[8] = (byte) (format.dpiGiven() ? 1 : 0);
        return d;
    }

    /**
     * iTXt: keyword, NUL, compression flag, method, empty language tag, NUL, empty translated keyword, NUL,
     * then the UTF-8 text (zlib-compressed when the flag is 1).
     */
    static byte[] itxt(String keyword, String text) {
        checkKeyword(keyword);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        boolean compress = utf8.length > COMPRESS_TEXT_ABOVE;
        ByteArrayOutputStream data = new ByteArrayOutputStream(utf8.length / (compress ? 3 : 1) + 64);
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        data.write(compress ? 1 : 0);
        data.write(0);
        data.write(0);
        data.write(0);
        if (compress) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            try (DeflaterOutputStream z = new DeflaterOutputStream(data, deflater)) {
                z.write(utf8);
            } catch (IOException e) {
                throw new AssertionError(e); // in memory
            } finally {
                deflater.end();
            }
        } else {
            data.writeBytes(utf8);
        }
        return data.toByteArray();
    }

    /** PNG keywords: 1 to 79 printable Latin-1 characters, no leading, trailing or double spaces. */
    static void checkKeyword(String keyword) {
        boolean ok = !keyword.isEmpty() && keyword.length() <= 79 && !keyword.startsWith(" ")
                && !keyword.endsWith(" ") && !keyword.contains("  ");
        for (int i = 0; ok && i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            ok = (c >= 32 && c <= 126) || (c >= 161 && c <= 255);
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid PNG text keyword '" + keyword + "'");
        }
    }

    static void writeChunk(OutputStream out, String type, byte[] data) throws IOException {
        writeChunk(out, type, data, 0, data.length);
    }

    static void writeChunk(OutputStream out, String type, byte[] data, int offset, int length) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] head = new byte[8];
        putInt(head, 0, length);
        System.arraycopy(typeBytes, 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, offset, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(head);
        out.write(data, offset, length);
        out.write(tail);
    }

    static void putInt(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }

    /** Cuts a byte stream into chunks of one type, each at most {@code capacity} bytes. */
    private static final class ChunkWriter {
        private final OutputStream out;
        private final String type;
        private final byte[] buffer;
        private int size;

        ChunkWriter(OutputStream out, String type, int capacity) {
            this.out = out;
            this.type = type;
            this.buffer = new byte[capacity];
        }

        void write(byte[] data) throws IOException {
            write(data, 0, data.length);
        }

        void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, buffer.length - size);
                System.arraycopy(data, offset, buffer, size, n);
                size += n;
                offset += n;
                length -= n;
                if (size == buffer.length) {
                    flushChunk();
                }
            }
        }

        void flushChunk() throws IOException {
            if (size > 0) {
                writeChunk(out, type, buffer, 0, size);
                size = 0;
            }
        }
    }

    /** Writes a whole in-memory image atomically: {@code rgb} holds {@code width * height * 3} bytes, row 0 first. */
    public static void write(Path target, int width, int height, byte[] rgb, Map<String, String> text) {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + (long) width * height * 3
                    + " bytes, got " + rgb.length);
        }
        ImageMetadata.writeSidecar(target, text);
        AtomicOutput.write(target, out -> {
            try (PngWriter png = new PngWriter(out, width, height, text)) {
                png.writeRows(rgb, 0, height);
            }
        });
    }
}
