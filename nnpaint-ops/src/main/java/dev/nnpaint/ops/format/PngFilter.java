package dev.nnpaint.ops.format;

/**
 * The five PNG row filters for 8-bit pixels of {@code bpp} bytes (3 for RGB, 1 for gray), and the adaptive
 * choice between them that libpng makes: the filter whose output has the smallest sum of absolute values, read
 * as signed bytes. Smooth images turn into rows of small differences, which deflate compresses far better than
 * the pixels themselves.
 *
 * <p>For each byte {@code x} of the row: {@code a} is the byte one pixel to the left, {@code b} the byte above
 * and {@code c} the byte above-left (0 outside the image, and the row above the first row is all zeros).
 */
final class PngFilter {

    static final int NONE = 0;
    static final int SUB = 1;
    static final int UP = 2;
    static final int AVERAGE = 3;
    static final int PAETH = 4;

    private PngFilter() {
    }

    /**
     * Writes the filter type byte and the filtered row ({@code 1 + length} bytes) to {@code out}.
     *
     * @param bpp    bytes per pixel
     * @param raw    the row, {@code length} bytes from {@code rawOffset}
     * @param prior  the row above, {@code length} bytes from {@code priorOffset} (zeros for the first row)
     */
    static void filterAdaptive(int bpp, byte[] raw, int rawOffset, byte[] prior, int priorOffset, int length,
                               byte[] out, int outOffset) {
        filter(choose(bpp, raw, rawOffset, prior, priorOffset, length), bpp, raw, rawOffset, prior, priorOffset,
                length, out, outOffset);
    }

    /** The filter with the smallest sum of absolute signed outputs (ties go to the lower type). */
    static int choose(int bpp, byte[] raw, int rawOffset, byte[] prior, int priorOffset, int length) {
        long none = 0;
        long sub = 0;
        long up = 0;
        long average = 0;
        long paeth = 0;
        int head = Math.min(bpp, length);
        for (int i = 0; i < head; i++) {
            int x = raw[rawOffset + i] & 0xff;
            int b = prior[priorOffset + i] & 0xff;
            none += Math.abs((byte) x);
            sub += Math.abs((byte) x);
            up += Math.abs((byte) (x - b));
            average += Math.abs((byte) (x - (b >>> 1)));
            paeth += Math.abs((byte) (x - b)); // with a = c = 0 the predictor is b
        }
        for (int i = bpp; i < length; i++) {
            int x = raw[rawOffset + i] & 0xff;
            int a = raw[rawOffset + i - bpp] & 0xff;
            int b = prior[priorOffset + i] & 0xff;
            int c = prior[priorOffset + i - bpp] & 0xff;
            none += Math.abs((byte) x);
            sub += Math.abs((byte) (x - a));
            up += Math.abs((byte) (x - b));
            average += Math.abs((byte) (x - ((a + b) >>> 1)));
            paeth += Math.abs((byte) (x - paethPredictor(a, b, c)));
        }
        int best = NONE;
        long bestSum = none;
        if (sub < bestSum) {
            best = SUB;
            bestSum = sub;
        }
        if (up < bestSum) {
            best = UP;
            bestSum = up;
        }
        if (average < bestSum) {
            best = AVERAGE;
            bestSum = average;
        }
        if (paeth < bestSum) {
            best = PAETH;
        }
        return best;
    }

    /** Writes the type byte and the row filtered with {@code type}. */
    static void filter(int type, int bpp, byte[] raw, int rawOffset, byte[] prior, int priorOffset, int length,
                       byte[] out, int outOffset) {
        out[outOffset] = (byte) type;
        int o = outOffset + 1;
        int head = Math.min(bpp, length);
        switch (type) {
            case NONE:
                System.arraycopy(raw, rawOffset, out, o, length);
                break;
            case SUB:
                System.arraycopy(raw, rawOffset, out, o, head);
                for (int i = bpp; i < length; i++) {
                    out[o + i] = (byte) (raw[rawOffset + i] - raw[rawOffset + i - bpp]);
                }
                break;
            case UP:
                for (int i = 0; i < length; i++) {
                    out[o + i] = (byte) (raw[rawOffset + i] - prior[priorOffset + i]);
                }
                break;
            case AVERAGE:
                for (int i = 0; i < head; i++) {
                    out[o + i] = (byte) (raw[rawOffset + i] - ((prior[priorOffset + i] & 0xff) >>> 1));
                }
                for (int i = bpp; i < length; i++) {
                    int a = raw[rawOffset + i - bpp] & 0xff;
                    int b = prior[priorOffset + i] & 0xff;
                    out[o + i] = (byte) (raw[rawOffset + i] - ((a + b) >>> 1));
                }
                break;
            case PAETH:
                for (int i = 0; i < head; i++) {
                    out[o + i] = (byte) (raw[rawOffset + i] - prior[priorOffset + i]);
                }
                for (int i = bpp; i < length; i++) {
                    int a = raw[rawOffset + i - bpp] & 0xff;
                    int b = prior[priorOffset + i] & 0xff;
                    int c = prior[priorOffset + i - bpp] & 0xff;
                    out[o + i] = (byte) (raw[rawOffset + i] - paethPredictor(a, b, c));
                }
                break;
            default:
                throw new IllegalArgumentException("PNG filter type " + type);
        }
    }

    /** Of a, b and c, the one closest to a + b - c (ties: a, then b). */
    static int paethPredictor(int a, int b, int c) {
        int pa = Math.abs(b - c);
        int pb = Math.abs(a - c);
        int pc = Math.abs(a + b - c - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }
}
