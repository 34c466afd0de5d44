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

    /** @param columns the file's columns that feed the model's inputs in order, or null for those named alike */
    public record Request(Path model, Path data, List<String> columns, Path output) {

        public Request {
            columns = columns == null ? null : List.copyOf(columns);
        }
    }

    public record Result(Path output, int rows, int outputs) {
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
        return new Result(output, rows, k);
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
