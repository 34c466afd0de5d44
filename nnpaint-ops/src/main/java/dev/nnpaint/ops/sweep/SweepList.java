package dev.nnpaint.ops.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.recipe.RecipeFields;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.net.Recipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A list of recipes to paint, read from a CSV or a JSON file.
 * <ul>
 *   <li>CSV: a header of column names, one recipe per row. The columns are the recipe options of
 *       {@code nnpaint render} without their dashes ({@code seed, layers, neurons, activation, zoom, size, color,
 *       ...}, {@code _} may stand for {@code -}) and take the same values, so a row reads like that command line;
 *       an empty cell keeps the default. A {@code config} cell names a recipe file, relative to the list's folder,
 *       that the row's other cells override. An optional {@code name} column names the images.</li>
 *   <li>JSON: an array of recipe objects with the fields of a recipe file (nnpaint.recipe/1), each with an optional
 *       {@code "name"}; or {@code {"base": {...}, "recipes": [...]}} where each entry overrides the base's
 *       fields.</li>
 * </ul>
 * An entry whose recipe is wrong (a bad value, an unknown field, a name that is not a safe file name or that an
 * earlier entry already took) becomes a broken entry and the others are read as usual. A list that cannot be read
 * as a whole (unreadable, empty, not CSV or JSON, an unknown CSV column, a row with the wrong number of cells, a
 * broken base) is a {@link BadInputException}.
 */
public final class SweepList {

    /** Names become file names: no separators, no leading dot, nothing a shell or a URL would need quoted. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String NAME = "name";
    /** Duplicate keys and trailing text are errors, as in every other nnpaint JSON file. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SweepList() {
    }

    /**
     * Reads a .csv or .json list. A broken entry (unknown field, bad value, bad JSON object) becomes an entry
     * with a problem, never an exception; an unreadable, empty or unparseable file is a BadInputException.
     */
    public static List<SweepEntry> read(Path file) {
        String lower = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            throw new BadInputException("cannot read '" + file + "': it is a folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read '" + file + "': no such file");
        }
        List<Draft> drafts;
        if (lower.endsWith(".csv")) {
            drafts = readCsv(file);
        } else if (lower.endsWith(".json")) {
            drafts = readJson(file);
        } else {
            throw new BadInputException("'" + file + "': a recipe list is a .csv or a .json file");
        }
        return named(drafts);
    }

    /** The entries with every recipe painted at {@code width x height} (thumbnails of a sweep, say). */
    public static List<SweepEntry> withSize(List<SweepEntry> entries, int width, int height) {
        List<SweepEntry> out = new ArrayList<>(entries.size());
        for (SweepEntry e : entries) {
            if (e.broken()) {
                out.add(e);
            } else {
                Recipe r = RecipeJson.fromJson(e.recipeJson(), e.label()).toBuilder().size(width, height).build();
                out.add(new SweepEntry(e.index(), e.name(), RecipeJson.toCompactJson(r), null));
            }
        }
        return out;
    }

    /** The recipe of a fine entry. */
    public static Recipe recipeOf(SweepEntry e) {
        if (e.broken()) {
            throw new IllegalArgumentException(e.label() + " is broken: " + e.problem());
        }
        return RecipeJson.fromJson(e.recipeJson(), e.label());
    }

    /** An entry as read, before names are checked: a name (null for the default) and a recipe or a problem. */
    private record Draft(String name, Recipe recipe, String problem) {
    }

    // ---- CSV ----

    private static final String CONFIG = "config";

    /** Each row is read as the recipe options of {@code nnpaint render}: both come from the field table. */
    private static List<Draft> readCsv(Path file) {
        CsvData.Table table = CsvData.table(file);
        TreeSet<String> columns = new TreeSet<>();
        columns.add(CONFIG);
        RecipeFields.options().forEach(f -> columns.add(f.option().substring(2)));
        List<String> header = new ArrayList<>();
        int nameColumn = -1;
        for (int c = 0; c < table.header().size(); c++) {
            String column = table.header().get(c).toLowerCase(Locale.ROOT).replace('_', '-');
            if (column.equals(NAME)) {
                nameColumn = c;
            } else if (!columns.contains(column)) {
                throw new BadInputException(file + ": unknown column '" + table.header().get(c) + "'; the columns are "
                        + NAME + " and the recipe options of 'nnpaint render': " + String.join(", ", columns));
            }
            header.add(column);
        }
        Path folder = file.toAbsolutePath().getParent();
        List<Draft> drafts = new ArrayList<>();
        for (CsvData.Table.Row row : table.rows()) {
            String name = nameColumn < 0 || row.cells()[nameColumn].isEmpty() ? null : row.cells()[nameColumn];
            try {
                RecipeOptions options = new RecipeOptions();
                for (int c = 0; c < header.size(); c++) {
                    String cell = row.cells()[c];
                    if (c == nameColumn || cell.isEmpty()) {
                        continue;
                    }
                    String column = header.get(c);
                    if (column.equals(CONFIG)) {
                        options.config = folder.resolve(cell);
                    } else {
                        options.give(RecipeFields.byOption(column).orElseThrow(), cell, "column '" + column + "'");
                    }
                }
                drafts.add(new Draft(name, options.toRecipe(), null));
            } catch (BadInputException e) {
                drafts.add(new Draft(name, null, "line " + row.line() + ": " + oneLine(e.getMessage())));
            }
        }
        return drafts;
    }

    // ---- JSON ----

    private static List<Draft> readJson(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw dev.nnpaint.ops.format.JsonSupport.syntaxError(file.toString(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + file + "': " + AtomicOutput.reason(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(file + ": empty; expected an array of recipes");
        }
        ObjectNode base = JSON.createObjectNode();
        JsonNode recipes = root;
        if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("base") && !field.equals("recipes")) {
                    throw new BadInputException(file + ": unknown field '" + field + "'; a recipe list is an array"
                            + " of recipes, or {\"base\": {...}, \"recipes\": [...]}");
                }
            }
            recipes = root.get("recipes");
            if (recipes == null) {
                throw new BadInputException(file + ": no \"recipes\": expected an array of recipes, or "
                        + "{\"base\": {...}, \"recipes\": [...]}");
            }
            JsonNode b = root.get("base");
            if (b != null) {
                if (!b.isObject()) {
                    throw new BadInputException(file + ": base: expected a recipe object");
                }
                base = (ObjectNode) b;
                if (base.has(NAME)) {
                    throw new BadInputException(file + ": base: a name belongs to each recipe, not to the base");
                }
                RecipeJson.fromTree(base, file + ": base"); // a broken base breaks every entry: say it once
            }
        }
        if (!recipes.isArray()) {
            throw new BadInputException(file + ": expected an array of recipes, got " + kind(recipes));
        }
        if (recipes.isEmpty()) {
            throw new BadInputException(file + ": the list holds no recipes");
        }
        List<Draft> drafts = new ArrayList<>();
        for (JsonNode item : recipes) {
            drafts.add(jsonDraft(item, base));
        }
        return drafts;
    }

    private static Draft jsonDraft(JsonNode item, ObjectNode base) {
        if (!item.isObject()) {
            return new Draft(null, null, "expected a recipe object, got " + kind(item));
        }
        ObjectNode fields = base.deepCopy();
        fields.setAll((ObjectNode) item);
        String name = null;
        JsonNode n = fields.remove(NAME);
        if (n != null && !n.isNull()) {
            if (!n.isTextual()) {
                return new Draft(null, null, "name: expected a string, got " + kind(n));
            }
            name = n.asText().isEmpty() ? null : n.asText();
        }
        try {
            return new Draft(name, RecipeJson.fromTree(fields, "recipe"), null);
        } catch (BadInputException e) {
            return new Draft(name, null, oneLine(e.getMessage()));
        }
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    // ---- names ----

    /** Gives unnamed entries {@code entry-001}, ... and breaks entries whose name is unsafe or taken. */
    private static List<SweepEntry> named(List<Draft> drafts) {
        int digits = Math.max(3, String.valueOf(drafts.size()).length());
        Map<String, Integer> taken = new HashMap<>();
        List<SweepEntry> entries = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            int index = i + 1;
            String name = d.name() != null ? d.name() : String.format(Locale.ROOT, "entry-%0" + digits + "d", index);
            String problem = d.problem();
            if (!SAFE_NAME.matcher(name).matches()) {
                problem = "name '" + name + "' is not a safe file name: use letters, digits, '.', '_' and '-',"
                        + " starting with a letter or digit, at most 100";
            } else {
                // Case-insensitively, since Windows and macOS file systems would put both in one file.
                Integer earlier = taken.putIfAbsent(name.toLowerCase(Locale.ROOT), index);
                if (earlier != null) {
                    problem = "name '" + name + "' is already used by entry " + earlier;
                }
            }
            entries.add(problem != null ? new SweepEntry(index, name, null, problem)
                    : new SweepEntry(index, name, RecipeJson.toCompactJson(d.recipe()), null));
        }
        return entries;
    }

    static boolean safeName(String name) {
        return SAFE_NAME.matcher(name).matches();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
