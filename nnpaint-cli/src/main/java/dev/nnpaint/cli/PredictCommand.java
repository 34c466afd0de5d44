package dev.nnpaint.cli;

import dev.nnpaint.ops.PredictOperation;
import dev.nnpaint.ops.options.RunOptions;
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

    @Option(names = "--label", paramLabel = "COLUMN", description = "The column with the true answers: when the "
            + "file has it, the accuracy and confusion counts (or, for regression, the mean squared error) are "
            + "printed (default: ${DEFAULT-VALUE}; '' for none).")
    String label = "label";

    @Mixin
    RunOptions run;

    @Override
    public void run() {
        PredictOperation.Result r = PredictOperation.run(new PredictOperation.Request(model, data, columns, output,
                label));
        if (!run.quiet()) {
            int k = r.outputs();
            System.err.println("wrote " + r.output() + " (" + r.rows() + " rows, " + k + " output"
                    + (k == 1 ? "" : "s") + ")");
            if (r.score() != null) {
                System.err.println(r.score().describe());
            }
        }
    }
}
