package dev.nnpaint.data;

import dev.nnpaint.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads data sets from CSV files: a header row of column names, then one sample per line. One column is the
 * target (the label); the others are numeric features. Every problem is reported with the file and line number.
 * Fields are separated by commas and may be wrapped in double quotes; blank lines are skipped.
 */
public final class CsvData {

    /** Labels with at most this many distinct integer values are read as classes (when the kind is AUTO). */
    public static final int MAX_AUTO_CLASSES = 50;

    /** How to read the target column. */
    public enum Target {
        /** Classes when the labels are text or a few distinct integers; a real value otherwise. */
        AUTO,
        /** Always classes (text or numbers). */
        CLASSES,
        /** Always a real-valued target (regression). */
        REAL
    }

    private CsvData() {
    }

    /** The header and rows of a CSV file, each row with its line number. */
    public record Table(String source, List<String> header, List<Row> rows) {

        public record Row(int line, String[] cells) {
        }

        /** Index of a column by name, or -1. */
        public int column(String name) {
            return header.indexOf(name);
        }

        /** Index of a column that must exist. */
        public int requireColumn(String name) {
            int c = column(name);
            if (c < 0) {
                throw new BadInputException(source + ": no column '" + name + "'; the header has "
                        + String.join(", ", header));
            }
            return c;
        }

        /** The number in a cell, or an error naming the line and the column. */
        public float number(Row row, int column) {
            String cell = row.cells[column];
            try {
                float v = Float.parseFloat(cell);
                if (Float.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadInputException(source + " line " + row.line + ": column '" + header.get(column)
                    + "' needs a number, got '" + cell + "'");
        }
    }

    /** Reads the rows of a file; checks that it has a header, at least one row and no ragged rows. */
    public static Table table(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return table(file.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read " + file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException("cannot read " + file + ": it is not UTF-8 text (a binary file?)", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Table table(String source, Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> header = null;
        List<Table.Row> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (header == null) {
                header = List.of(cells);
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c].isEmpty()) {
                        throw new BadInputException(source + " line " + lineNumber + ": column " + (c + 1)
                                + " of the header has no name");
                    }
                    if (header.indexOf(cells[c]) != c) {
                        throw new BadInputException(source + " line " + lineNumber + ": column '" + cells[c]
                                + "' appears twice in the header");
                    }
                }
                continue;
            }
            if (cells.length != header.size()) {
                throw new BadInputException(source + " line " + lineNumber + ": " + cells.length
                        + " fields, but the header has " + header.size());
            }
            rows.add(new Table.Row(lineNumber, cells));
        }
        if (header == null) {
            throw new BadInputException(source + ": the file is empty; expected a header row and samples");
        }
        if (rows.isEmpty()) {
            throw new BadInputException(source + ": the file has a header but no samples");
        }
        return new Table(source, header, rows);
    }

    private static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells.toArray(new String[0]);
    }

    /** A data set whose target is the column {@code label} and whose features are all the other columns. */
    public static Dataset read(Path file, String label, Target target) {
        return fromTable(table(file), label, target);
    }

    /** {@link #read} on rows already read (from a resource, say). */
    public static Dataset fromTable(Table table, String label, Target target) {
        int labelColumn = table.requireColumn(label);
        List<String> features = new ArrayList<>(table.header());
        features.remove(labelColumn);
        if (features.isEmpty()) {
            throw new BadInputException(table.source() + ": the only column is the label '" + label
                    + "'; at least one feature column is needed");
        }
        List<String> classes = classNames(table, labelColumn, target);
        return build(table, features, labelColumn, classes);
    }

    /**
     * A data set with the same features and classes as {@code like}: a test file for a training file.
     * Columns are matched by name; a label the training set never had is an error.
     */
    public static Dataset readLike(Path file, Dataset like) {
        Table table = table(file);
        int labelColumn = table.requireColumn(like.targetName());
        for (String f : like.featureNames()) {
            table.requireColumn(f);
        }
        return build(table, like.featureNames(), labelColumn, like.classNames());
    }

    /**
     * Feature values only, for prediction: the columns named {@code names} (in that order) when the header has
     * them all; otherwise, when the file has exactly {@code names.size()} columns, those in file order.
     * Sample-major, like {@link Dataset#features()}.
     */
    public static float[] readFeatures(Path file, List<String> names) {
        Table table = table(file);
        int[] columns = new int[names.size()];
        boolean byName = names.stream().allMatch(n -> table.column(n) >= 0);
        if (!byName && table.header().size() != names.size()) {
            List<String> missing = names.stream().filter(n -> table.column(n) < 0).toList();
            throw new BadInputException(file + ": the model reads " + String.join(", ", names) + " but the file has no "
                    + "column " + String.join(", ", missing) + " (header: " + String.join(", ", table.header())
                    + "); name the columns to use with --columns");
        }
        for (int j = 0; j < names.size(); j++) {
            columns[j] = byName ? table.column(names.get(j)) : j;
        }
        return numbers(table, columns);
    }

    /** The values of the named columns (each must exist), sample-major in the order given. */
    public static float[] readColumns(Path file, List<String> names) {
        Table table = table(file);
        return numbers(table, names.stream().mapToInt(table::requireColumn).toArray());
    }

    private static float[] numbers(Table table, int[] columns) {
        int d = columns.length;
        float[] values = new float[table.rows().size() * d];
        for (int i = 0; i < table.rows().size(); i++) {
            Table.Row row = table.rows().get(i);
            for (int j = 0; j < d; j++) {
                values[i * d + j] = table.number(row, columns[j]);
            }
        }
        return values;
    }

    private static Dataset build(Table table, List<String> features, int labelColumn, List<String> classes) {
        int n = table.rows().size();
        int d = features.size();
        int[] columns = features.stream().mapToInt(table::requireColumn).toArray();
        float[] x = new float[n * d];
        float[] y = new float[n];
        Map<String, Integer> classIndex = new TreeMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        for (int i = 0; i < n; i++) {
            Table.Row row = table.rows().get(i);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = table.number(row, columns[j]);
            }
            if (classes.isEmpty()) {
                y[i] = table.number(row, labelColumn);
            } else {
                Integer c = classIndex.get(classKey(row.cells()[labelColumn]));
                if (c == null) {
                    throw new BadInputException(table.source() + " line " + row.line() + ": label '"
                            + row.cells()[labelColumn] + "' is not one of the training classes "
                            + String.join(", ", classes));
                }
                y[i] = c;
            }
        }
        return new Dataset(features, table.header().get(labelColumn), x, y, classes);
    }

    /** Class names in index order, or an empty list for a real-valued target. */
    private static List<String> classNames(Table table, int labelColumn, Target target) {
        boolean numeric = true;
        boolean integral = true;
        TreeSet<Double> numbers = new TreeSet<>();
        TreeSet<String> texts = new TreeSet<>();
        for (Table.Row row : table.rows()) {
            String cell = row.cells()[labelColumn];
            if (cell.isEmpty()) {
                throw new BadInputException(table.source() + " line " + row.line() + ": the label '"
                        + table.header().get(labelColumn) + "' is empty");
            }
            texts.add(cell);
            if (numeric) {
                try {
                    double v = Double.parseDouble(cell);
                    numeric = Double.isFinite(v);
                    integral &= v == Math.rint(v);
                    numbers.add(v);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
            if (!numeric && target == Target.REAL) {
                table.number(row, labelColumn); // throws with the line number
            }
        }
        boolean classes = switch (target) {
            case CLASSES -> true;
            case REAL -> false;
            case AUTO -> !numeric || (integral && numbers.size() <= MAX_AUTO_CLASSES);
        };
        if (!classes) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (numeric) {
            // Numeric labels sort by value (so 0/1 stay class 0/1 and 2 comes before 10), named canonically.
            for (double v : numbers) {
                names.add(classKey(Double.toString(v)));
            }
        } else {
            names.addAll(texts);
        }
        if (names.size() < 2) {
            throw new BadInputException(table.source() + ": the label '" + table.header().get(labelColumn)
                    + "' has only one class (" + names.get(0) + ") in " + table.rows().size()
                    + " rows; a classifier needs at least two");
        }
        return names;
    }

    /** The name of a class: numbers in canonical form ("1.0" and "1" are the same class), text as it is. */
    private static String classKey(String cell) {
        try {
            double v = Double.parseDouble(cell);
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        } catch (NumberFormatException e) {
            return cell;
        }
    }
}
