package dev.nnpaint.cli;

import dev.nnpaint.ops.Progress;
import dev.nnpaint.ops.TrainOperation;
import dev.nnpaint.ops.anim.TrainingAnimation;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.train.History;
import dev.nnpaint.train.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    @Option(names = "--features", paramLabel = "IDS", description = "Input features the first layer reads instead "
            + "of x and y, as in TensorFlow Playground: any of x, y, x2, y2, xy, sinx, siny, comma-separated "
            + "(sinx is sin(5x)); the layer sizes then start with their count, e.g. --features x2,y2 --layers 2-1.")
    String features;

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

    @Option(names = "--l2", paramLabel = "RATE", description = "L2 regularisation (weight decay): RATE * w added to "
            + "each weight's gradient, not the biases' (default: ${DEFAULT-VALUE}).")
    double l2 = 0;

    @Option(names = "--l1", paramLabel = "RATE", description = "L1 regularisation: RATE * sign(w) added to each "
            + "weight's gradient, not the biases'; drives unneeded weights to zero (default: ${DEFAULT-VALUE}).")
    double l1 = 0;

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

    /** How long Ctrl-C waits for the epoch in progress to end and the results to be written. */
    static final long STOP_WAIT_SECONDS = 60;

    @Override
    public void run() {
        TrainOperation.Request request = new TrainOperation.Request(data, label, samples, noise, classes, dataSeed,
                testSplit, testData, standardize, layers, arch, features, activation, outputActivation, weights,
                biases, seed, optimizer, learningRate, momentum, l2, l1, epochs, batch, loss, out, animate, animateEvery, animateFps,
                run.execution());
        TrainOperation.Result result;
        // Ctrl-C asks training to stop after the epoch it is in; the hook then waits (a while) for the results of
        // the last finished epoch to be written before the JVM goes.
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch written = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            interrupted.set(true);
            try {
                written.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            try (ProgressBar bar = ProgressBar.start("train", run.quiet());
                 LaterBar animating = new LaterBar("animate", run.quiet(), bar)) {
                result = TrainOperation.run(request, bar, animating, interrupted::get);
            }
            if (result.stopped()) {
                // said even with --quiet: the person should know the run is not the one asked for
                System.err.printf(Locale.ROOT, "stopped after epoch %d of %d: kept the model and history of "
                        + "epoch %d in %s%s%n", result.history().epochs(), result.epochs(), result.history().epochs(),
                        result.out(), result.animation() == null && animate != null ? " (no animation)" : "");
            }
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running and has just been released
            }
        }
        if (run.quiet()) {
            return;
        }
        if (result.animation() != null) {
            System.err.printf("wrote %s (%d frames, one every %d epochs)%n", result.animation(),
                    result.animationFrames(), result.animationEvery());
        }
        History.Row last = result.history().last();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "trained %s (%s, %s) on %d samples: train loss %.4f", result.sizes(), result.loss(),
                result.optimizer(), result.trainSize(), last.trainLoss()));
        if (result.classification()) {
            line.append(String.format(Locale.ROOT, " acc %.1f%%", 100 * last.trainAccuracy()));
        }
        if (result.tested()) {
            line.append(String.format(Locale.ROOT, ", test loss %.4f", last.testLoss()));
            if (result.classification()) {
                line.append(String.format(Locale.ROOT, " acc %.1f%%", 100 * last.testAccuracy()));
            }
        }
        line.append(String.format(Locale.ROOT, "; %d epochs in %.2f s (%.0f epochs/s, %s kernels) -> %s",
                result.history().epochs(), result.seconds(), result.epochsPerSecond(), result.kernels(), result.out()));
        System.err.println(line);
    }

    /** A second bar that starts when its stage does, closing the one before it first. */
    private static final class LaterBar implements Progress, AutoCloseable {
        private final String label;
        private final boolean quiet;
        private final ProgressBar before;
        private ProgressBar bar;

        LaterBar(String label, boolean quiet, ProgressBar before) {
            this.label = label;
            this.quiet = quiet;
            this.before = before;
        }

        @Override
        public void update(long done, long total) {
            if (bar == null) {
                before.close();
                bar = ProgressBar.start(label, quiet);
            }
            bar.update(done, total);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
