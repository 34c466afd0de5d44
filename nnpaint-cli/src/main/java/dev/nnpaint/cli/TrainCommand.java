package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.anim.TrainingAnimation;
import dev.nnpaint.ops.format.ArchitectureJson;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.plot.Chart;
import dev.nnpaint.ops.plot.TrainingPlots;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.Standardizer;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.Architecture;
import dev.nnpaint.train.History;
import dev.nnpaint.train.Loss;
import dev.nnpaint.train.Optimizer;
import dev.nnpaint.train.TrainSettings;
import dev.nnpaint.train.Trainer;
import dev.nnpaint.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code nnpaint train}: backpropagation on a data set, with the model, history and pictures written to a folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network from scratch by backpropagation and write model.json, history.csv,",
                "boundary.png (for two features) and curves.png to the --out folder.",
                "Example: nnpaint train --data data/moons_train.csv --test-data data/moons_test.csv --label label",
                "  --layers 2-25-50-50-25-1 --activation relu --weights normal:0.1 --biases normal:0.1",
                "  --lr 0.01 --epochs 10000 --out moons"})
final class TrainCommand implements Runnable {

    @Option(names = "--data", paramLabel = "SET|FILE.csv",
            description = "A built-in set (moons, circles, xor, gauss, spiral, plane, hill) or a CSV file "
                    + "(default: ${DEFAULT-VALUE}).")
    String data = "moons";

    @Option(names = "--label", paramLabel = "COLUMN", description = "The CSV column to predict; "
            + "the other numeric columns are the features (default: label).")
    String label = "label";

    @Option(names = "--samples", paramLabel = "N", description = "Samples of a built-in set (default: ${DEFAULT-VALUE}).")
    int samples = 1000;

    @Option(names = "--noise", paramLabel = "X", description = "Noise of a built-in set (default: the set's own).")
    Double noise;

    @Option(names = "--classes", paramLabel = "K", description = "Classes (arms) of the spiral (default: 2).")
    int classes = 2;

    @Option(names = "--data-seed", paramLabel = "N", description = "Seed of a built-in set and of the "
            + "train/test split (default: ${DEFAULT-VALUE}).")
    long dataSeed = 1;

    @Option(names = "--test-split", paramLabel = "F", description = "Fraction held out for testing when there is "
            + "no --test-data (default: ${DEFAULT-VALUE}).")
    double testSplit = 0.1;

    @Option(names = "--test-data", paramLabel = "FILE.csv", description = "A separate test set (same columns).")
    Path testData;

    @Option(names = "--standardize", description = "Scale features to mean 0 and deviation 1 (fitted on the "
            + "training set and folded into the saved model).")
    boolean standardize;

    @Option(names = "--layers", paramLabel = "SIZES", description = "Layer sizes from input to output, e.g. "
            + "2-25-50-50-25-1 (default: FEATURES-16-16-OUTPUTS).")
    String layers;

    @Option(names = "--arch", paramLabel = "FILE.json", description = "Layers as the plain-NumPy article writes "
            + "them: [{\"input_dim\": 2, \"output_dim\": 25, \"activation\": \"relu\"}, ...].")
    Path arch;

    @Option(names = "--activation", paramLabel = "ACT", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation = "relu";

    @Option(names = "--output-activation", paramLabel = "ACT", description = "Output activation: sigmoid, "
            + "softmax, identity, ... (default: sigmoid for 2 classes, softmax for more, identity for regression).")
    String outputActivation;

    @Option(names = "--weights", paramLabel = "INIT", description = "Weight initialisation, as for render "
            + "(default: ${DEFAULT-VALUE}).")
    String weights = "he-normal";

    @Option(names = "--biases", paramLabel = "INIT", description = "Bias initialisation (default: ${DEFAULT-VALUE}).")
    String biases = "zero";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights and the shuffling "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "gd, sgd, momentum, nesterov or adam "
            + "(default: ${DEFAULT-VALUE}).")
    String optimizer = "gd";

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.01;

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum of momentum and nesterov "
            + "(default: ${DEFAULT-VALUE}).")
    double momentum = Optimizer.DEFAULT_MOMENTUM;

    @Option(names = "--l2", paramLabel = "DECAY", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double l2 = 0;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set "
            + "(default: ${DEFAULT-VALUE}).")
    int epochs = 1000;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: the full batch for gd, "
            + "32 for the others).")
    Integer batch;

    @Option(names = "--loss", paramLabel = "NAME", description = "auto, bce, cross-entropy or mse "
            + "(default: ${DEFAULT-VALUE}: chosen from the data and the output layer).")
    String loss = "auto";

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("train-out");

    @Option(names = "--animate", paramLabel = "FILE.gif", description = "Also record the decision boundary as "
            + "training runs: FILE.gif, FILE.mp4 (needs ffmpeg) or a folder for numbered PNGs.")
    String animate;

    @Option(names = "--animate-every", paramLabel = "K", description = "Epochs between frames of --animate "
            + "(default: about " + TrainingAnimation.DEFAULT_FRAMES + " frames over the run).")
    Integer animateEvery;

    @Option(names = "--animate-fps", paramLabel = "F", description = "Frames a second of --animate "
            + "(default: ${DEFAULT-VALUE}).")
    double animateFps = 12;

    @Mixin
    RunOptions run;

    @Override
    public void run() {
        Dataset[] sets = loadData();
        Dataset train = sets[0];
        Dataset test = sets[1];
        Standardizer standardizer = standardize ? Standardizer.fit(train) : null;
        Dataset trainInput = standardizer == null ? train : standardizer.apply(train);
        Dataset testInput = standardizer == null || test == null ? test : standardizer.apply(test);

        Architecture architecture = architecture(train);
        Model initial = architecture.build(modelInputs(train), seed, Init.parse(weights), Init.parse(biases));
        Optimizer opt = Optimizer.of(Optimizer.Kind.parse(optimizer), learningRate)
                .withMomentum(momentum).withWeightDecay(l2);
        TrainSettings settings = new TrainSettings(Loss.parse(loss), opt, epochs, batch == null ? 0 : batch, seed,
                run.threads(), "scalar".equals(run.kernel().name()));
        Trainer trainer = new Trainer(initial, trainInput, testInput, settings);

        checkOutputFolder();
        TrainingAnimation animation = animation(train);
        TrainingResult result;
        try (ProgressBar bar = ProgressBar.start("train", run.quiet())) {
            long[] lastShown = {System.nanoTime()};
            result = trainer.run(h -> {
                if (animation != null) {
                    animation.epochDone(h, trainer::model);
                }
                // the bar redraws ten times a second at most: format the loss only as often, not every epoch
                long now = System.nanoTime();
                if (now - lastShown[0] >= 100_000_000L || h.epochs() == epochs) {
                    lastShown[0] = now;
                    bar.update(h.epochs(), epochs, String.format(Locale.ROOT, "loss %.4f", h.last().trainLoss()));
                }
            });
        }
        Model model = standardizer == null ? result.model() : standardizer.foldInto(result.model());
        createOutputFolder();
        writeResults(model, result.history(), train, test, architecture);
        if (animation != null) {
            try (ProgressBar bar = ProgressBar.start("animate", run.quiet())) {
                animation.write(m -> standardizer == null ? m : standardizer.foldInto(m), train, test,
                        run.threads(), bar::update);
            }
            if (!run.quiet()) {
                System.err.printf("wrote %s (%d frames, one every %d epochs)%n", animate, animation.frames(),
                        animation.every());
            }
        }

        if (!run.quiet()) {
            History.Row last = result.history().last();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "trained %s (%s, %s) on %d samples: train loss %.4f", architecture.sizes(), result.loss().id(),
                    opt, train.size(), last.trainLoss()));
            if (train.isClassification()) {
                line.append(String.format(Locale.ROOT, " acc %.1f%%", 100 * last.trainAccuracy()));
            }
            if (test != null) {
                line.append(String.format(Locale.ROOT, ", test loss %.4f", last.testLoss()));
                if (train.isClassification()) {
                    line.append(String.format(Locale.ROOT, " acc %.1f%%", 100 * last.testAccuracy()));
                }
            }
            line.append(String.format(Locale.ROOT, "; %d epochs in %.2f s (%.0f epochs/s, %s kernels) -> %s",
                    epochs, result.seconds(), result.epochsPerSecond(), trainer.path(), out));
            System.err.println(line);
        }
    }

    /** The recorder of --animate, checked before training; null without it. */
    private TrainingAnimation animation(Dataset train) {
        if (animate == null) {
            return null;
        }
        if (train.featureCount() != 2) {
            throw new BadInputException("--animate draws the decision boundary over two features; the data has "
                    + train.featureCount() + " (" + String.join(", ", train.featureNames()) + ")");
        }
        return TrainingAnimation.of(animate, epochs, animateEvery, animateFps);
    }

    /** The training set and the test set (null when there is none). */
    private Dataset[] loadData() {
        SyntheticData builtIn = SyntheticData.find(data);
        Dataset all;
        if (builtIn != null) {
            all = builtIn.generate(samples, noise == null ? builtIn.defaultNoise() : noise, dataSeed, classes);
        } else {
            Path file = Path.of(data);
            if (!Files.exists(file)) {
                throw new BadInputException("--data '" + data + "' is neither a built-in set ("
                        + SyntheticData.validNames() + ") nor an existing file");
            }
            all = CsvData.read(file, label, CsvData.Target.AUTO);
        }
        if (testData != null) {
            return new Dataset[] {all, CsvData.readLike(testData, all)};
        }
        if (testSplit == 0) {
            return new Dataset[] {all, null};
        }
        Dataset.Split split = all.split(testSplit, dataSeed);
        return new Dataset[] {split.train(), split.test()};
    }

    private Architecture architecture(Dataset train) {
        if (arch != null && layers != null) {
            throw new BadInputException("give either --layers or --arch, not both");
        }
        Architecture a;
        if (arch != null) {
            a = ArchitectureJson.read(arch);
        } else {
            int outputs = train.isClassification() && train.classes() > 2 ? train.classes() : 1;
            String sizes = layers != null ? layers : train.featureCount() + "-16-16-" + outputs;
            a = Architecture.parse(sizes, activation, outputActivation == null ? defaultOutput(train) : outputActivation);
        }
        if (a.inputs() != train.featureCount()) {
            throw new BadInputException("layer 1 takes " + a.inputs() + " inputs but the data has "
                    + train.featureCount() + " features (" + String.join(", ", train.featureNames()) + ")");
        }
        return a;
    }

    /**
     * The saved model's input names: the plane's {@code x} (and {@code y}) for data with one (two) features, in
     * column order, so that {@code nnpaint render --model} paints the trained network over its inputs; the
     * feature names otherwise. ({@code nnpaint predict --columns} maps a file's columns onto them.)
     */
    static List<String> modelInputs(Dataset train) {
        switch (train.featureCount()) {
            case 1: return List.of("x");
            case 2: return List.of("x", "y");
            default: return train.featureNames();
        }
    }

    private static String defaultOutput(Dataset train) {
        if (!train.isClassification()) {
            return "identity";
        }
        return train.classes() > 2 ? "softmax" : "sigmoid";
    }

    /** Fails before training, not after it, when the results could not be written. */
    private void checkOutputFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a file, not a folder");
        }
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw new BadInputException("cannot write to " + out + ": " + (existing == null ? "no such folder"
                    : existing + " is not writable"));
        }
    }

    private void createOutputFolder() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BadInputException("cannot create the output folder " + out + ": " + e.getMessage());
        }
    }

    private void writeResults(Model model, History history, Dataset train, Dataset test, Architecture a) {
        ModelJson.write(out.resolve("model.json"), model, colorFor(model));
        AtomicOutput.writeString(out.resolve("history.csv"), historyCsv(history));
        Map<String, String> text = Map.of("nnpaint", "{\"format\":\"nnpaint.train/1\",\"layers\":\"" + a.sizes() + "\"}");
        List<BufferedImage> curves = new ArrayList<>();
        for (Chart c : TrainingPlots.curves(history)) {
            curves.add(c.render());
        }
        BufferedImage both = TrainingPlots.sideBySide(curves);
        PngWriter.write(out.resolve("curves.png"), both.getWidth(), both.getHeight(), Chart.rgbBytes(both), text);
        if (train.featureCount() == 2) {
            History.Row last = history.last();
            String title = String.format(Locale.ROOT, "%s, epoch %d", a.sizes(), history.epochs());
            if (train.isClassification()) {
                title += String.format(Locale.ROOT, ": train %.1f%%", 100 * last.trainAccuracy())
                        + (test == null ? "" : String.format(Locale.ROOT, ", test %.1f%%", 100 * last.testAccuracy()));
            }
            TrainingPlots.boundary(model, train, test, title).writePng(out.resolve("boundary.png"), text);
        }
    }

    /**
     * How {@code nnpaint render --model} paints the trained network: one output (a probability or a real value)
     * through a colour map, three as rgb; other counts have no default colouring, so none is stored.
     */
    static String colorFor(Model model) {
        switch (model.outputCount()) {
            case 1: return "palette:viridis";
            case 3: return "rgb";
            default: return null;
        }
    }

    /** One row per epoch: epoch, train loss and accuracy, test loss and accuracy (empty when there is none). */
    static String historyCsv(History history) {
        StringBuilder csv = new StringBuilder("epoch,train_loss,train_accuracy,test_loss,test_accuracy\n");
        for (int e = 0; e < history.rows(); e++) {
            History.Row r = history.row(e);
            csv.append(e).append(',').append(number(r.trainLoss())).append(',').append(number(r.trainAccuracy()))
                    .append(',').append(number(r.testLoss())).append(',').append(number(r.testAccuracy()))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
