package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.net.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code nnpaint predict}: a model's outputs for the rows of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a model (nnpaint.model/1) on the rows of a CSV file and write its outputs as CSV:",
                "the model's input columns, then output_0, output_1, ... (a sigmoid output is the probability",
                "of class 1; a softmax network's outputs are its logits)."})
final class PredictCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "FILE.json", description = "The model file.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Rows to predict: columns named like the model's inputs (other columns are ignored).")
    Path data;

    @Option(names = "--columns", paramLabel = "A,B,...", split = ",",
            description = "The file's columns that feed the model's inputs, in the model's order (default: the "
                    + "columns named like the inputs; a model trained on two features reads them as x, y).")
    List<String> columns;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv",
            description = "Where to write the predictions (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("predictions.csv");

    @Mixin
    RunOptions run;

    @Override
    public void run() {
        AtomicOutput.checkWritable(output);
        Model m = ModelJson.read(model).model();
        List<String> names = m.inputNames();
        if (columns != null && columns.size() != names.size()) {
            throw new BadInputException("--columns names " + columns.size() + " column"
                    + (columns.size() == 1 ? "" : "s") + " but the model has " + names.size() + " inputs ("
                    + String.join(", ", names) + ")");
        }
        float[] features = columns != null ? CsvData.readColumns(data, columns) : CsvData.readFeatures(data, names);
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
        if (!run.quiet()) {
            System.err.println("wrote " + output + " (" + rows + " rows, " + k + " output" + (k == 1 ? "" : "s") + ")");
        }
    }

    /** The model's outputs for sample-major features, sample-major: {@code out[r * outputs + c]}. */
    static float[] predict(Model model, float[] features, int rows) {
        Evaluator evaluator = new Evaluator(model, dev.nnpaint.kernel.Kernels.fastest());
        int d = model.inputCount();
        int k = model.outputCount();
        int batch = evaluator.padded(Math.max(1, Math.min(rows, 4096)));
        float[] in = new float[d * batch];
        float[] out = new float[k * batch];
        Evaluator.Scratch scratch = evaluator.newScratch(batch);
        float[] result = new float[rows * k];
        for (int from = 0; from < rows; from += batch) {
            int count = Math.min(batch, rows - from);
            java.util.Arrays.fill(in, 0f);
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
