package dev.nnpaint.ops.poster;

import java.io.Serializable;

/** One tile of a deep-zoom pyramid: its level and its column and row there, counted from the top left. */
public record TileKey(int level, int column, int row) implements Serializable {

    /** Its file within the pyramid's {@code _files} folder: {@code LEVEL/COLUMN_ROW.png}. */
    public String relativePath() {
        return level + "/" + column + "_" + row + ".png";
    }
}
