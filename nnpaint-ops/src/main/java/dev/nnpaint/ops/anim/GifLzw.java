package dev.nnpaint.ops.anim;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * GIF's variable-length LZW compression of 8-bit palette indices, the way every GIF decoder expects it: codes
 * start at 9 bits after a clear code, grow to 12, and the table is cleared when it is full. Codes are packed
 * least significant bit first and the stream is cut into sub-blocks of at most 255 bytes.
 */
final class GifLzw {

    static final int MIN_CODE_SIZE = 8;
    private static final int CLEAR = 1 << MIN_CODE_SIZE;
    private static final int END = CLEAR + 1;
    private static final int FIRST_FREE = CLEAR + 2;
    private static final int MAX_CODES = 1 << 12;

    private GifLzw() {
    }

    /** The image data of a frame: the minimum code size byte, the sub-blocks, and the zero-length terminator. */
    static byte[] encode(byte[] indices) {
        BitPacker out = new BitPacker();
        // child[prefix * 256 + symbol] is the code of prefix + symbol, or 0 when it is not in the table yet.
        short[] child = new short[MAX_CODES * 256];
        int codeSize = MIN_CODE_SIZE + 1;
        int next = FIRST_FREE;
        out.write(CLEAR, codeSize);
        if (indices.length == 0) {
            out.write(END, codeSize);
            return out.finish();
        }
        int prefix = indices[0] & 0xff;
        for (int i = 1; i < indices.length; i++) {
            int symbol = indices[i] & 0xff;
            int code = child[prefix * 256 + symbol];
            if (code != 0) {
                prefix = code;
                continue;
            }
            out.write(prefix, codeSize);
            if (next < MAX_CODES) {
                child[prefix * 256 + symbol] = (short) next++;
                // The decoder adds its entry one code later, so it widens when it has seen next - 1 entries.
                if (next > (1 << codeSize) && codeSize < 12) {
                    codeSize++;
                }
            } else {
                out.write(CLEAR, codeSize);
                Arrays.fill(child, (short) 0);
                next = FIRST_FREE;
                codeSize = MIN_CODE_SIZE + 1;
            }
            prefix = symbol;
        }
        out.write(prefix, codeSize);
        out.write(END, codeSize);
        return out.finish();
    }

    /** Packs codes LSB-first and cuts the bytes into sub-blocks. */
    private static final class BitPacker {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final byte[] block = new byte[255];
        private int blockSize;
        private long bits;
        private int bitCount;

        BitPacker() {
            bytes.write(MIN_CODE_SIZE);
        }

        void write(int code, int size) {
            bits |= (long) code << bitCount;
            bitCount += size;
            while (bitCount >= 8) {
                put((int) (bits & 0xff));
                bits >>>= 8;
                bitCount -= 8;
            }
        }

        private void put(int b) {
            block[blockSize++] = (byte) b;
            if (blockSize == block.length) {
                flushBlock();
            }
        }

        private void flushBlock() {
            if (blockSize > 0) {
                bytes.write(blockSize);
                bytes.write(block, 0, blockSize);
                blockSize = 0;
            }
        }

        byte[] finish() {
            if (bitCount > 0) {
                put((int) (bits & 0xff));
                bits = 0;
                bitCount = 0;
            }
            flushBlock();
            bytes.write(0);
            return bytes.toByteArray();
        }
    }
}
