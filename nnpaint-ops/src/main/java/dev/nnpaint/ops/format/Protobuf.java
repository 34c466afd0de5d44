package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The protocol buffers wire format, as much as ONNX files need: varints, 32- and 64-bit fixed values and
 * length-delimited fields. Hand-written (about 200 lines) rather than protobuf-java (about 1.7 MB and generated
 * classes for ONNX's schema), since nnpaint reads and writes only a handful of ONNX messages.
 */
final class Protobuf {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private Protobuf() {
    }

    /** Reads the fields of one message in order: {@code next()} then the value by its wire type. */
    static final class Reader {
        private final byte[] data;
        private final String source;
        private int pos;
        private final int end;
        private int tag;

        Reader(byte[] data, String source) {
            this(data, 0, data.length, source);
        }

        private Reader(byte[] data, int from, int end, String source) {
            this.data = data;
            this.pos = from;
            this.end = end;
            this.source = source;
        }

        /** Moves to the next field; false at the end of the message. */
        boolean next() {
            if (pos >= end) {
                return false;
            }
            long t = varint();
            if (t >>> 3 == 0 || t >>> 32 != 0) {
                throw broken("a field number of 0");
            }
            tag = (int) t;
            return true;
        }

        int field() {
            return tag >>> 3;
        }

        int wireType() {
            return tag & 7;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw broken("a number cut short");
                }
                byte b = data[pos++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw broken("a number longer than 10 bytes");
        }

        int fixed32() {
            need(4);
            int v = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            pos += 4;
            return v;
        }

        long fixed64() {
            need(8);
            long v = ByteBuffer.wrap(data, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            pos += 8;
            return v;
        }

        /** The bytes of a length-delimited field. */
        byte[] bytes() {
            int length = length();
            byte[] b = new byte[length];
            System.arraycopy(data, pos, b, 0, length);
            pos += length;
            return b;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** A reader over the embedded message of a length-delimited field. */
        Reader message() {
            int length = length();
            Reader r = new Reader(data, pos, pos + length, source);
            pos += length;
            return r;
        }

        /** A repeated varint field, packed (one length-delimited run) or not (this one value). */
        long[] varints() {
            if (wireType() == VARINT) {
                return new long[] {varint()};
            }
            Reader packed = message();
            long[] values = new long[8];
            int n = 0;
            while (packed.pos < packed.end) {
                if (n == values.length) {
                    values = java.util.Arrays.copyOf(values, n * 2);
                }
                values[n++] = packed.varint();
            }
            return java.util.Arrays.copyOf(values, n);
        }

        /** A repeated float field, packed or not. */
        float[] floats() {
            if (wireType() == FIXED32) {
                return new float[] {Float.intBitsToFloat(fixed32())};
            }
            int length = length();
            if (length % 4 != 0) {
                throw broken("packed floats whose length is not a multiple of 4");
            }
            float[] values = new float[length / 4];
            ByteBuffer.wrap(data, pos, length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            pos += length;
            return values;
        }

        /** A repeated double field, packed or not. */
        double[] doubles() {
            if (wireType() == FIXED64) {
                return new double[] {Double.longBitsToDouble(fixed64())};
            }
            int length = length();
            if (length % 8 != 0) {
                throw broken("packed doubles whose length is not a multiple of 8");
            }
            double[] values = new double[length / 8];
            ByteBuffer.wrap(data, pos, length).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
            pos += length;
            return values;
        }

        /** Skips the current field's value. */
        void skip() {
            switch (wireType()) {
                case VARINT -> varint();
                case FIXED64 -> {
                    need(8);
                    pos += 8;
                }
                case LENGTH -> {
                    int length = length(); // read first: "pos += length()" would add to the pos before the length
                    pos += length;
                }
                case FIXED32 -> {
                    need(4);
                    pos += 4;
                }
                default -> throw broken("wire type " + wireType() + " (groups are not used by ONNX)");
            }
        }

        private int length() {
            long length = varint();
            if (length < 0 || length > end - pos) {
                throw broken("a field longer than the rest of the file");
            }
            return (int) length;
        }

        private void need(int bytes) {
            if (end - pos < bytes) {
                throw broken("a value cut short");
            }
        }

        BadInputException broken(String what) {
            return new BadInputException(source + ": not a readable ONNX file (" + what + " at byte " + pos + ")");
        }
    }

    /** Builds one message; embedded messages are built by their own writer and added with {@link #message}. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer varint(int field, long value) {
            tag(field, VARINT);
            rawVarint(value);
            return this;
        }

        Writer fixed32(int field, float value) {
            tag(field, FIXED32);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
            return this;
        }

        Writer bytes(int field, byte[] value) {
            tag(field, LENGTH);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Writer message(int field, Writer message) {
            return bytes(field, message.toByteArray());
        }

        /** A packed repeated varint field. */
        Writer packedVarints(int field, long[] values) {
            Writer packed = new Writer();
            for (long v : values) {
                packed.rawVarint(v);
            }
            return bytes(field, packed.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint((long) field << 3 | wireType);
        }

        private void rawVarint(long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }

    /** Little-endian float32 bytes, as ONNX's raw_data holds them. */
    static byte[] rawFloats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static float[] fromRawFloats(byte[] raw, String source) {
        if (raw.length % 4 != 0) {
            throw new BadInputException(source + ": a float tensor's raw data is not a multiple of 4 bytes");
        }
        float[] values = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
