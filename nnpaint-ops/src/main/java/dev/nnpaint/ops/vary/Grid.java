package dev.nnpaint.ops.vary;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;

/**
 * A grid of recipes: a base recipe with one field swept down the rows and optionally another across the
 * columns. Cell (row, column) is the base with the row value applied, then the column value, then the cell
 * size; every cell is checked when the grid is made, so a bad combination fails before anything renders.
 *
 * @param base       the recipe every cell starts from
 * @param rows       the field swept down the rows
 * @param columns    the field swept across the columns, or null for a single column
 * @param cellWidth  width of one cell in pixels
 * @param cellHeight height of one cell in pixels
 */
public record Grid(Recipe base, GridAxis rows, GridAxis columns, int cellWidth, int cellHeight) {

    public Grid {
        if (cellWidth <= 0 || cellHeight <= 0) {
            throw new BadInputException("cell size must be positive, got " + cellWidth + "x" + cellHeight);
        }
        if (columns != null && columns.field() == rows.field()) {
            throw new BadInputException("rows and columns both sweep " + rows.field().gridName()
                    + ": sweep two different fields, or give only --rows");
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columnCount(columns); j++) {
                recipe(base, rows, columns, cellWidth, cellHeight, i, j);
            }
        }
    }

    private static int columnCount(GridAxis columns) {
        return columns == null ? 1 : columns.size();
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return columnCount(columns);
    }

    public int cellCount() {
        return rowCount() * columnCount();
    }

    /** The recipe of cell ({@code row}, {@code column}). */
    public Recipe recipe(int row, int column) {
        return recipe(base, rows, columns, cellWidth, cellHeight, row, column);
    }

    private static Recipe recipe(Recipe base, GridAxis rows, GridAxis columns, int w, int h, int row, int column) {
        Recipe.Builder b = rows.apply(base.toBuilder(), row);
        if (columns != null) {
            columns.apply(b, column);
        }
        return b.size(w, h).build();
    }

    /**
     * Floating-point operations of one pixel's forward pass in the cell, computed from the layer sizes so that
     * no weights are drawn just to estimate the cost.
     */
    public long flopsPerPixel(int row, int column) {
        Recipe r = recipe(row, column);
        long flops = 0;
        int fanIn = r.inputFeatures().size();
        for (int h : r.hidden()) {
            flops += 2L * fanIn * h;
            fanIn = h;
        }
        return flops + 2L * fanIn * r.outputCount();
    }
}
