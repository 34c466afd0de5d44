package dev.nnpaint.ops.poster;

import dev.nnpaint.BadInputException;
import dev.nnpaint.paint.Region;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The tile pyramid of a Deep Zoom image (DZI): level {@code maxLevel()} is the full-size image, each level below
 * halves it (rounding up) down to one pixel at level 0, and every level is cut into square tiles of
 * {@code tileSize} pixels (the last column and row may be narrower), each grown by {@code overlap} pixels on the
 * sides that have a neighbour. In nnpaint every level is painted by the network at its own resolution.
 *
 * <p>The poster's sides must be multiples of the tile size, so that the full-size level has whole tiles.
 */
public record DziLayout(int width, int height, int tileSize, int overlap) implements Serializable {

    public static final int MIN_TILE = 16;
    public static final int MAX_TILE = 4096;
    public static final int MAX_OVERLAP = 8;
    /** 2^20 pixels a side: a million tiles of 1024 at the top level is as far as a folder of files goes well. */
    public static final int MAX_SIDE = 1 << 20;

    public DziLayout {
        if (tileSize < MIN_TILE || tileSize > MAX_TILE) {
            throw new BadInputException("tiles must be " + MIN_TILE + " to " + MAX_TILE + " pixels, got " + tileSize);
        }
        if (overlap < 0 || overlap > MAX_OVERLAP) {
            throw new BadInputException("tile overlap must be 0 to " + MAX_OVERLAP + " pixels, got " + overlap);
        }
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new BadInputException("a poster's sides must be 1 to " + MAX_SIDE + " pixels, got " + width + "x"
                    + height);
        }
        if (width % tileSize != 0 || height % tileSize != 0) {
            throw new BadInputException("a " + width + "x" + height + " poster does not fit tiles of " + tileSize
                    + " pixels: its sides must be multiples of " + tileSize + " (such as " + fit(width, tileSize)
                    + (width == height ? "" : "x" + fit(height, tileSize)) + ")");
        }
    }

    /** The multiple of {@code tile} nearest to {@code side} (at least one tile). */
    private static int fit(int side, int tile) {
        return Math.max(tile, Math.round(side / (float) tile) * tile);
    }

    /** The level of the full-size image: ceil(log2(max(width, height))). */
    public int maxLevel() {
        int side = Math.max(width, height);
        return side == 1 ? 0 : 32 - Integer.numberOfLeadingZeros(side - 1);
    }

    public int levelWidth(int level) {
        return scaled(width, level);
    }

    public int levelHeight(int level) {
        return scaled(height, level);
    }

    private int scaled(int side, int level) {
        if (level < 0 || level > maxLevel()) {
            throw new IllegalArgumentException("level " + level + " is not in 0.." + maxLevel());
        }
        int shift = maxLevel() - level;
        return (int) ((side + (1L << shift) - 1) >> shift);
    }

    public int columns(int level) {
        return (levelWidth(level) + tileSize - 1) / tileSize;
    }

    public int rows(int level) {
        return (levelHeight(level) + tileSize - 1) / tileSize;
    }

    /** Every tile, the coarsest level first and each level row by row. */
    public List<TileKey> tiles() {
        List<TileKey> tiles = new ArrayList<>();
        for (int level = 0; level <= maxLevel(); level++) {
            for (int row = 0; row < rows(level); row++) {
                for (int column = 0; column < columns(level); column++) {
                    tiles.add(new TileKey(level, column, row));
                }
            }
        }
        return tiles;
    }

    public long tileCount() {
        long n = 0;
        for (int level = 0; level <= maxLevel(); level++) {
            n += (long) columns(level) * rows(level);
        }
        return n;
    }

    /** The pixels of a tile within its level's image, overlap included. */
    public Region region(TileKey tile) {
        int level = tile.level();
        if (tile.column() < 0 || tile.column() >= columns(level) || tile.row() < 0 || tile.row() >= rows(level)) {
            throw new IllegalArgumentException(tile + " is not a tile of level " + level);
        }
        int x0 = Math.max(0, tile.column() * tileSize - overlap);
        int y0 = Math.max(0, tile.row() * tileSize - overlap);
        int x1 = (int) Math.min(levelWidth(level), (tile.column() + 1L) * tileSize + overlap);
        int y1 = (int) Math.min(levelHeight(level), (tile.row() + 1L) * tileSize + overlap);
        return new Region(x0, y0, x1 - x0, y1 - y0);
    }

    /** The pixels rendered for the whole pyramid, overlaps included. */
    public long pixels() {
        long n = 0;
        for (TileKey t : tiles()) {
            n += region(t).pixels();
        }
        return n;
    }

    /** The {@code .dzi} descriptor. */
    public String descriptor() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" Format=\"png\" Overlap=\"" + overlap
                + "\" TileSize=\"" + tileSize + "\">\n"
                + "  <Size Width=\"" + width + "\" Height=\"" + height + "\"/>\n"
                + "</Image>\n";
    }
}
