package dev.nnpaint.ops.sheet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.PngText;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.vary.Grid;
import dev.nnpaint.ops.vary.GridAxis;
import dev.nnpaint.net.Recipe;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a contact sheet says about itself, in the same iTXt entry as single images ({@value ImageMetadata#KEY}):
 * <pre>{"format": "nnpaint.grid/1", "rows": "depth=1..8", "columns": "seed=1..4", "cell_width": 192,
 *  "cell_height": 192, "gap": 6, "recipe": {...the base recipe...}}</pre>
 * {@code columns} is absent for a one-column sheet. The sweeps are kept as typed, so reading them back parses
 * the same values.
 */
public final class SheetMetadata {

    public static final String FORMAT = "nnpaint.grid/1";

    private SheetMetadata() {
    }

    /**
     * How a sheet (or a single nnpaint image, as a starting point) was made. For a single image only
     * {@code recipe} is set and the other fields are null.
     */
    public record Stored(Recipe.Builder recipe, String rows, String columns, Integer cellWidth, Integer cellHeight,
                         Integer gap) {

        /** The stored grid as it was painted (only for a sheet: {@code rows} must be set). */
        public Grid grid() {
            int w = cellWidth != null ? cellWidth : recipe.build().width();
            int h = cellHeight != null ? cellHeight : recipe.build().height();
            return new Grid(recipe.build(), GridAxis.parse(rows), columns == null ? null : GridAxis.parse(columns), w, h);
        }
    }

    /** The text chunks of a sheet of {@code grid} with {@code gap} pixels between cells. */
    public static Map<String, String> describe(Grid grid, int gap) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("rows", grid.rows().spec());
        if (grid.columns() != null) {
            doc.put("columns", grid.columns().spec());
        }
        doc.put("cell_width", grid.cellWidth());
        doc.put("cell_height", grid.cellHeight());
        doc.put("gap", gap);
        doc.set("recipe", RecipeJson.toTree(grid.base()));
        return Map.of(ImageMetadata.KEY, doc.toString());
    }

    /** Whether {@code png} is a contact sheet (false also for files without nnpaint metadata). */
    public static boolean isSheet(Path png) {
        return PngText.read(png).get(ImageMetadata.KEY) != null && document(png).path("format").asText("").equals(FORMAT);
    }

    private static JsonNode document(Path png) {
        String text = PngText.read(png).get(ImageMetadata.KEY);
        if (text == null) {
            throw new BadInputException("'" + png + "' carries no nnpaint recipe (it was not written by nnpaint)");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException("'" + png + "': the nnpaint metadata is not valid JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new BadInputException("'" + png + "': the nnpaint metadata is not a JSON object");
        }
        return doc;
    }

    /** Reads a sheet's grid, or the recipe of a single image that nnpaint wrote. */
    public static Stored read(Path png) {
        JsonNode doc = document(png);
        if (!doc.path("format").asText("").equals(FORMAT)) {
            ImageMetadata.Source single = ImageMetadata.read(png);
            if (single.model() != null) {
                throw new BadInputException("'" + png + "' was painted from a model file; a grid sweeps the fields "
                        + "of a random network's recipe");
            }
            return new Stored(single.recipe(), null, null, null, null, null);
        }
        String source = png + " (grid)";
        if (!doc.path("rows").isTextual() || !doc.path("recipe").isObject()) {
            throw new BadInputException("'" + source + "': the grid metadata needs 'rows' and 'recipe'");
        }
        Recipe.Builder recipe = RecipeJson.builderFromJson(doc.get("recipe").toString(), png + " (grid recipe)");
        return new Stored(recipe, doc.get("rows").asText(), doc.has("columns") ? doc.get("columns").asText() : null,
                whole(doc, "cell_width", source), whole(doc, "cell_height", source), whole(doc, "gap", source));
    }

    /**
     * Where {@code nnpaint render --from} starts: for a sheet, the recipe of the cell {@code cell} names
     * ({@code ROW,COL} counted from 1,1 at the top left, or just {@code ROW} on a one-column sheet), painted at
     * the sheet's cell size; for a single image, its own recipe (and {@code cell} must be null).
     */
    public static ImageMetadata.Source source(Path png, String cell) {
        if (!isSheet(png)) {
            if (cell != null) {
                throw new BadInputException("--cell picks a cell of a grid sheet, and '" + png + "' is a single image");
            }
            return ImageMetadata.read(png);
        }
        Grid grid = read(png).grid();
        if (cell == null) {
            throw new BadInputException("'" + png + "' is a grid sheet of " + grid.rowCount() + "x"
                    + grid.columnCount() + " cells: pick one with --cell ROW,COL (1,1 is the top left), or repaint "
                    + "the sheet with 'nnpaint grid --from'");
        }
        int[] rc = parseCell(cell, grid);
        return new ImageMetadata.Source(grid.recipe(rc[0], rc[1]).toBuilder(), null, null);
    }

    /** {@code ROW,COL} (or {@code ROW} when there is one column), 1-based, as 0-based indices into the grid. */
    static int[] parseCell(String cell, Grid grid) {
        String[] parts = cell.trim().split("\\s*,\\s*", -1);
        if (parts.length > 2 || (parts.length == 1 && grid.columnCount() > 1)) {
            throw new BadInputException("--cell takes ROW,COL, e.g. --cell 2,3; got '" + cell + "'");
        }
        int row = cellIndex(parts[0], grid.rowCount(), "row", cell);
        int column = parts.length == 2 ? cellIndex(parts[1], grid.columnCount(), "column", cell) : 0;
        return new int[] {row, column};
    }

    private static int cellIndex(String text, int count, String what, String cell) {
        int i;
        try {
            i = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--cell takes ROW,COL, e.g. --cell 2,3; got '" + cell + "'");
        }
        if (i < 1 || i > count) {
            throw new BadInputException("--cell " + cell + ": the sheet has " + count + " " + what
                    + (count == 1 ? "" : "s") + ", counted from 1");
        }
        return i - 1;
    }

    private static Integer whole(JsonNode doc, String field, String source) {
        JsonNode v = doc.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isInt() || v.asInt() < 0) {
            throw new BadInputException("'" + source + "': '" + field + "' must be a whole number, got " + v);
        }
        return v.asInt();
    }
}
