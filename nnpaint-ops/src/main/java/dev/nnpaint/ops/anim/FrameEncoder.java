package dev.nnpaint.ops.anim;

import java.io.IOException;

/**
 * One output format's half of writing an animation. {@link #encode} is the expensive, independent part
 * (quantising, compressing) and runs on worker threads, several frames at once; {@link #append} stores the
 * encoded frames strictly in order on one thread; {@link #finish} completes the output.
 */
interface FrameEncoder {

    /** Encodes frame {@code index} from {@code width * height * 3} bytes of RGB, row 0 first. Thread-safe. */
    byte[] encode(int index, byte[] rgb) throws IOException;

    /** Stores an encoded frame; called for frames 0, 1, 2, ... in order. */
    void append(int index, byte[] encoded) throws IOException;

    /** Completes the output after the last frame. */
    void finish() throws IOException;
}
