package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A model's outputs for the rows of a CSV file, written as CSV: the input columns, then output_0, output_1, ... */
public final class PredictOperation {

    private PredictOperation() {
    }

    /**
     * @param columns the file's columns that feed the model's inputs in order, or null for those named alike
     * @param label   the column with the true answers, scored when the file has it (null: never)
     */
    public record Request(Path model, Path data, List<String> columns, Path output, String label) {

        public Request {
            columns = columns == null ? null : List.copyOf(columns);
        }

        public Request(Path model, Path data, List<String> columns, Path output) {
            this(model, data, columns, output, "label");
        }
    }

    /** @param score how the outputs compare with the label column, or null when the file has none */
    public record Result(Path output, int rows, int outputs, Score score) {
    }

    /**
     * The outputs against the label column. A classifier (a sigmoid output: class 1 from 0.5 up; or several
     * outputs: the largest) gets its accuracy and confusion counts; any other model its mean squared error.
     *
     * @param confusion {@code confusion[label][predicted]} counts for a classifier, null otherwise
     * @param meanSquaredError for other models, NaN for a classifier
     */
    public record Score(String label, int rows, int correct, long[][] confusion, double meanSquaredError) {

        public boolean classification() {
            return confusion != null;
        }

        public double accuracy() {
            return rows == 0 ? Double.NaN : (double) correct / rows;
        }

        /** {@code accuracy 95.0% (190 of 200) against 'label'; confusion (label: predicted 0, 1): 0: 98 2, 1: 8 92}. */
        public String describe() {
            if (!classification()) {
                return String.format(java.util.Locale.ROOT, "mean squared error %.6g against '%s' (%d rows)",
                        meanSquaredError, label, rows);
            }
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "accuracy %.1f%% (%d of %d) against '%s'; confusion (rows: label, columns: predicted class):",
                    100 * accuracy(), correct, rows, label));
            for (int t = 0; t < confusion.length; t++) {
                s.append(t == 0 ? " " : ", ").append(t).append(':');
                for (long c : confusion[t]) {
                    s.append(' ').append(c);
                }
            }
            return s.toString();
        }
    }

    public static Result run(Request request) {
        Path output = request.output();
        AtomicOutput.checkWritable(output);
        Model m = ModelJson.read(request.model()).model();
        List<String> names = m.inputNames();
        List<String> columns = request.columns();
        if (columns != null && columns.size() != names.size()) {
            throw new BadInputException("--columns names " + columns.size() + " column"
                    + (columns.size() == 1 ? "" : "s") + " but the model has " + names.size() + " inputs ("
                    + String.join(", ", names) + ")");
        }
        float[] features = columns != null ? CsvData.readColumns(request.data(), columns)
                : CsvData.readFeatures(request.data(), names);
        int d = names.size();
        int rows = features.length / d;
        float[] outputs = predict(m, features, rows);
        int k = m.outputCount();
        StringBuilder csv = new StringBuilder(String.join(",", columns != null ? columns : names));
        for (int c = 0; c < k; c++) {
            csv.append(",output_").append(c);
        }
        csv.append('\n');
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                csv.append(j == 0 ? "" : ",").append(features[r * d + j]);
            }
            for (int c = 0; c < k; c++) {
                csv.append(',').append(outputs[r * k + c]);
            }
            csv.append('\n');
        }
        AtomicOutput.writeString(output, csv.toString());
        Score score = null;
        String label = request.label();
        if (label != null && !label.isEmpty() && CsvData.table(request.data()).column(label) >= 0) {
            score = score(m, outputs, CsvData.readColumns(request.data(), List.of(label)), label);
        }
        return new Result(output, rows, k, score);
    }

    /** Scores {@code outputs} (sample-major) against {@code labels}, as {@link Score} describes. */
    public static Score score(Model model, float[] outputs, float[] labels, String label) {
        int k = model.outputCount();
        int rows = labels.length;
        dev.nnpaint.net.Activation[] last = model.layers().get(model.layers().size() - 1).activations();
        boolean sigmoid = k == 1 && last[0] == dev.nnpaint.net.Activation.SIGMOID;
        if (!sigmoid && k == 1) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                double e = outputs[r] - labels[r];
                sum += e * e;
            }
            return new Score(label, rows, 0, null, rows == 0 ? Double.NaN : sum / rows);
        }
        int classes = sigmoid ? 2 : k;
        long[][] confusion = new long[classes][classes];
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            float y = labels[r];
            int truth = Math.round(y);
            if (truth != y || truth < 0 || truth >= classes) {
                throw new BadInputException("column '" + label + "' holds " + y + " in row " + (r + 1) + "; a "
                        + "classifier's labels are class numbers 0 to " + (classes - 1) + " (use --label to name "
                        + "another column, or --label '' to score nothing)");
            }
            int predicted = sigmoid ? (outputs[r] >= 0.5f ? 1 : 0) : argmax(outputs, r * k, k);
            confusion[truth][predicted]++;
            if (predicted == truth) {
                correct++;
            }
        }
        return new Score(label, rows, correct, confusion, Double.NaN);
    }

    private static int argmax(float[] v, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (v[from + c] > v[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The model's outputs for sample-major features, sample-major: {@code out[r * outputs + c]}. */
    public static float[] predict(Model model, float[] features, int rows) {
        Evaluator evaluator = new Evaluator(model, Kernels.fastest());
        int d = model.inputCount();
        int k = model.outputCount();
        int batch = evaluator.padded(Math.max(1, Math.min(rows, 4096)));
        float[] in = new float[d * batch];
        float[] out = new float[k * batch];
        Evaluator.Scratch scratch = evaluator.newScratch(batch);
        float[] result = new float[rows * k];
        for (int from = 0; from < rows; from += batch) {
            int count = Math.min(batch, rows - from);
            Arrays.fill(in, 0f);
            for (int p = 0; p < count; p++) {
                for (int j = 0; j < d; j++) {
                    in[j * batch + p] = features[(from + p) * d + j];
                }
            }
            evaluator.forward(in, out, batch, scratch);
            for (int p = 0; p < count; p++) {
                for (int c = 0; c < k; c++) {
                    result[(from + p) * k + c] = out[c * batch + p];
                }
            }
        }
        return result;
    }
}
