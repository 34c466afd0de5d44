package dev.nnpaint.ops.sweep;

import java.io.Serializable;

/**
 * What rendering one entry did: problem is null when its image was written.
 *
 * @param seconds wall-clock time of painting and writing the image (0 for a broken entry)
 */
public record SweepResult(SweepEntry entry, String problem, double seconds) implements Serializable {

    public boolean written() {
        return problem == null;
    }
}
