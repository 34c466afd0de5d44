package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.anim.TrainingAnimation;
import dev.nnpaint.ops.format.ArchitectureJson;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.OnnxModel;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.plot.Chart;
import dev.nnpaint.ops.plot.TrainingPlots;
import dev.nnpaint.data.CsvData;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.Standardizer;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.Architecture;
import dev.nnpaint.train.History;
import dev.nnpaint.train.Loss;
import dev.nnpaint.train.Optimizer;
import dev.nnpaint.train.TrainSettings;
import dev.nnpaint.train.Trainer;
import dev.nnpaint.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Trains a network by backpropagation and writes the model, its history and its pictures into a folder. */
public final class TrainOperation {

    private TrainOperation() {
    }

    /**
     * What to train on and how; the fields are the options of {@code nnpaint train}.
     *
     * @param data         a built-in set's name or a CSV file
     * @param noise        the built-in set's noise, or null for its own
     * @param testData     a separate test set, or null to split {@code testSplit} off the data
     * @param layers       layer sizes such as {@code 2-16-16-1}, or null (see {@code arch})
     * @param arch         layers as the plain-NumPy article writes them, or null
     * @param features     input features the first layer reads instead of (x, y), such as {@code x2,y2}
     *                     ({@link Encoding.Features}), or null for the data's own columns
     * @param outputActivation null for {@link TrainedModels#defaultOutputActivation(Dataset)}
     * @param l2           L2 rate (weight decay): {@code l2 * w} added to each weight's gradient
     * @param l1           L1 rate: {@code l1 * sign(w)} added to each weight's gradient
     * @param batch        the mini-batch, or null for the optimiser's default
     * @param animate      also record the decision boundary into this file or folder, or null
     * @param animateEvery epochs between frames, or null for about {@link TrainingAnimation#DEFAULT_FRAMES}
     */
    public record Request(String data, String label, int samples, Double noise, int classes, long dataSeed,
                          double testSplit, Path testData, boolean standardize, String layers, Path arch,
                          String features, String activation, String outputActivation, String weights,
                          String biases, long seed, String optimizer, double learningRate, double momentum,
                          double l2, double l1, int epochs,
                          Integer batch, String loss, Path out, String animate, Integer animateEvery,
                          double animateFps, Execution run) {
    }

    /**
     * What training did, for the summary line.
     *
     * @param animationFrames the frames of the recorded animation, or 0 without one
     */
    public record Result(Model model, History history, String sizes, String loss, String optimizer, int trainSize,
                         boolean classification, boolean tested, int epochs, double seconds, double epochsPerSecond,
                         String kernels, Path out, String animation, int animationFrames, int animationEvery) {

        /** True when training was asked to stop early: the results are those of the last finished epoch. */
        public boolean stopped() {
            return history.epochs() < epochs;
        }
    }

    /** Bytes of the history a row (an epoch): four doubles. */
    static final long HISTORY_BYTES_PER_EPOCH = 4 * Double.BYTES;
    /**
     * Flops of one training sample in one epoch, as multiples of its forward pass: the forward pass, the backward
     * pass (about twice the forward) and the evaluation of the epoch's loss.
     */
    static final int TRAIN_PASSES_PER_SAMPLE = 4;

    /** Thrown from the epoch listener to leave the training loop between epochs. */
    private static final class StopTraining extends RuntimeException {
        StopTraining() {
            super(null, null, false, false);
        }
    }

    /** As {@link #run(Request, Progress, Progress, BooleanSupplier)}, never stopped early. */
    public static Result run(Request q, Progress training, Progress animating) {
        return run(q, training, animating, () -> false);
    }

    /**
     * Trains and writes the results; {@code training} hears of epochs (with the loss), {@code animation} of the
     * recorded frames being written. {@code stop} is asked after each epoch: once it says true, training ends and
     * the model and history of that epoch are written (without the animation).
     */
    public static Result run(Request q, Progress training, Progress animating, BooleanSupplier stop) {
        checkSettings(q);
        Dataset[] sets = loadData(q);
        Dataset train = sets[0];
        Dataset test = sets[1];
        Standardizer standardizer = q.standardize() ? Standardizer.fit(train) : null;
        Dataset trainInput = standardizer == null ? train : standardizer.apply(train);
        Dataset testInput = standardizer == null || test == null ? test : standardizer.apply(test);

        Encoding encoding = features(q, train);
        Architecture architecture = architecture(q, train, encoding);
        Model initial = architecture.build(modelInputs(train), encoding, q.seed(), Init.parse(q.weights()),
                Init.parse(q.biases()));
        if (!(q.l1() >= 0) || !Double.isFinite(q.l1())) {
            throw new BadInputException("--l1 must be a number >= 0, got " + q.l1());
        }
        if (!(q.l2() >= 0) || !Double.isFinite(q.l2())) {
            throw new BadInputException("--l2 must be a number >= 0, got " + q.l2());
        }
        Optimizer opt = Optimizer.of(Optimizer.Kind.parse(q.optimizer()), q.learningRate())
                .withMomentum(q.momentum()).withWeightDecay(q.l2()).withL1(q.l1());
        Execution run = q.run();
        TrainSettings settings = new TrainSettings(Loss.parse(q.loss()), opt, q.epochs(),
                q.batch() == null ? 0 : q.batch(), q.seed(), run.threads(), "scalar".equals(run.kernel().name()));
        checkCost(q, initial, train, test, architecture);
        Trainer trainer = new Trainer(initial, trainInput, testInput, settings);

        AtomicOutput.checkOutputFolder(q.out());
        TrainingAnimation animation = animation(q, train);
        long[] lastShown = {System.nanoTime()};
        History[] seen = {null};
        long started = System.nanoTime();
        TrainingResult result;
        try {
            result = trainer.run(h -> {
                if (animation != null) {
                    animation.epochDone(h, trainer::model);
                }
                // progress bars redraw ten times a second at most: format the loss only as often, not every epoch
                long now = System.nanoTime();
                if (now - lastShown[0] >= 100_000_000L || h.epochs() == q.epochs()) {
                    lastShown[0] = now;
                    training.update(h.epochs(), q.epochs(), String.format(Locale.ROOT, "loss %.4f",
                            h.last().trainLoss()));
                }
                seen[0] = h;
                // The listener hears of an epoch when the parameters are those its history row describes (before the
                // next update), so leaving here keeps a model and a history that agree.
                if (h.epochs() < q.epochs() && stop.getAsBoolean()) {
                    throw new StopTraining();
                }
            });
        } catch (StopTraining e) {
            result = new TrainingResult(trainer.model(), seen[0], trainer.loss(),
                    (System.nanoTime() - started) / 1e9);
        }
        boolean stopped = result.history().epochs() < q.epochs();
        Model model = standardizer == null ? result.model() : standardizer.foldInto(result.model());
        String sizes = architecture.sizes() + (encoding instanceof Encoding.Features f
                ? " on features " + String.join(",", f.names()) : "");
        AtomicOutput.createOutputFolder(q.out());
        writeResults(q.out(), model, result.history(), train, test, sizes);
        if (animation != null && !stopped) {
            animation.write(m -> standardizer == null ? m : standardizer.foldInto(m), train, test, run.threads(),
                    animating::update);
        }
        return new Result(model, result.history(), sizes, result.loss().id(),
                opt.toString(), train.size(), train.isClassification(), test != null, q.epochs(), result.seconds(),
                result.history().epochs() / Math.max(result.seconds(), 1e-9), String.valueOf(trainer.path()), q.out(),
                stopped ? null : q.animate(), animation == null || stopped ? 0 : animation.frames(),
                animation == null || stopped ? 0 : animation.every());
    }

    /** The checks that need no data. */
    private static void checkSettings(Request q) {
        if (q.epochs() < 0) {
            throw new BadInputException("--epochs must not be negative, got " + q.epochs());
        }
        if (q.batch() != null && q.batch() < 1) {
            throw new BadInputException("--batch must be at least 1, got " + q.batch()
                    + " (leave it out for the optimizer's default: the full batch for gd, 32 for the others)");
        }
        checkHistoryMemory(q.epochs(), Runtime.getRuntime().maxMemory());
    }

    /**
     * The history keeps a row for every epoch: refuses (even with --force, since it could not run) a run whose
     * history alone would take more than half of the memory Java may use.
     */
    static void checkHistoryMemory(long epochs, long maxMemory) {
        long bytes = (epochs + 1) * HISTORY_BYTES_PER_EPOCH;
        if (bytes > maxMemory / 2) {
            throw new BadInputException(String.format(Locale.ROOT, "--epochs %,d keeps a history row for every "
                    + "epoch: %,d MB, more than half the %,d MB Java may use here; train for fewer epochs (or give "
                    + "Java more memory, e.g. NNPAINT_JAVA_OPTS=-Xmx16g)", epochs, bytes >> 20, maxMemory >> 20));
        }
    }

    /**
     * Refuses, unless forced, a run estimated (at a pessimistic speed) to take very long; and softmax outputs on
     * data that has no classes, which would otherwise be trained as plain identity outputs without a word.
     */
    private static void checkCost(Request q, Model initial, Dataset train, Dataset test, Architecture a) {
        if (a.softmax() && !train.isClassification()) {
            throw new BadInputException("--output-activation softmax is for classes (the cross-entropy loss applies "
                    + "it), but the data " + q.data() + " is a regression; leave the option out for identity outputs");
        }
        double seconds = trainingSeconds(q.epochs(), initial.flopsPerSample(), train.size(),
                test == null ? 0 : test.size());
        if (!q.run().force() && seconds > Execution.MAX_SECONDS_WITHOUT_FORCE) {
            throw new BadInputException(String.format(Locale.ROOT, "this training (%,d epochs of %,d samples "
                    + "through %s) could take %,.0f minutes or more; train for fewer epochs, or add --force to run "
                    + "it anyway", q.epochs(), train.size(), a.sizes(), seconds / 60));
        }
    }

    /** Seconds a run takes at {@link Execution#ASSUMED_FLOPS} (a pessimistic speed). */
    static double trainingSeconds(long epochs, long flopsPerSample, long trainSamples, long testSamples) {
        double perEpoch = (double) flopsPerSample * (TRAIN_PASSES_PER_SAMPLE * trainSamples + testSamples);
        return epochs * perEpoch / Execution.ASSUMED_FLOPS;
    }

    /** The recorder of --animate, checked before training; null without it. */
    private static TrainingAnimation animation(Request q, Dataset train) {
        if (q.animate() == null) {
            return null;
        }
        if (train.featureCount() != 2) {
            throw new BadInputException("--animate draws the decision boundary over two features; the data has "
                    + train.featureCount() + " (" + String.join(", ", train.featureNames()) + ")");
        }
        return TrainingAnimation.of(q.animate(), q.epochs(), q.animateEvery(), q.animateFps());
    }

    /** The training set and the test set (null when there is none). */
    private static Dataset[] loadData(Request q) {
        SyntheticData builtIn = SyntheticData.find(q.data());
        Dataset all;
        if (builtIn != null) {
            all = builtIn.generate(q.samples(), q.noise() == null ? builtIn.defaultNoise() : q.noise(), q.dataSeed(), q.classes());
        } else {
            Path file = Path.of(q.data());
            if (!Files.exists(file)) {
                throw new BadInputException("--data '" + q.data() + "' is neither a built-in set ("
                        + SyntheticData.validNames() + ") nor an existing file");
            }
            all = CsvData.read(file, q.label(), CsvData.Target.AUTO);
        }
        if (q.testData() != null) {
            return new Dataset[] {all, CsvData.readLike(q.testData(), all)};
        }
        if (q.testSplit() == 0) {
            return new Dataset[] {all, null};
        }
        Dataset.Split split = all.split(q.testSplit(), q.dataSeed());
        return new Dataset[] {split.train(), split.test()};
    }

    /**
     * The input features of --features, or none: they are computed from the data's two columns as they are, so
     * they do not go with --standardize (whose scaling is folded into a first layer that reads the columns).
     */
    private static Encoding features(Request q, Dataset train) {
        if (q.features() == null || q.features().isBlank()) {
            return Encoding.NONE;
        }
        Encoding.Features f;
        try {
            f = Encoding.Features.parseList(q.features());
        } catch (BadInputException e) {
            throw new BadInputException("--features " + q.features().trim() + ": " + e.getMessage(), e);
        }
        if (train.featureCount() != 2) {
            throw new BadInputException("--features are made from two columns (x, y), but the data has "
                    + train.featureCount() + " (" + String.join(", ", train.featureNames()) + ")");
        }
        if (q.standardize()) {
            throw new BadInputException("--features and --standardize do not go together: the features are computed "
                    + "from x and y as they are; leave out --standardize");
        }
        return f;
    }

    private static Architecture architecture(Request q, Dataset train, Encoding encoding) {
        int inputs = encoding instanceof Encoding.Features f ? f.names().size() : train.featureCount();
        if (q.arch() != null && q.layers() != null) {
            throw new BadInputException("give either --layers or --arch, not both");
        }
        Architecture a;
        if (q.arch() != null) {
            a = ArchitectureJson.read(q.arch());
        } else {
            String sizes = q.layers() != null ? q.layers()
                    : inputs + "-16-16-" + TrainedModels.outputsFor(train);
            a = Architecture.parse(sizes, q.activation(), q.outputActivation() == null
                    ? TrainedModels.defaultOutputActivation(train) : q.outputActivation());
        }
        if (encoding instanceof Encoding.Features f && a.inputs() != inputs) {
            throw new BadInputException("layer 1 takes " + a.inputs() + " input" + (a.inputs() == 1 ? "" : "s")
                    + " but --features " + String.join(",", f.names()) + " makes " + inputs + "; start --layers with "
                    + inputs + ", as in " + inputs + "-8-" + a.outputs());
        }
        if (a.inputs() != inputs) {
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
    public static List<String> modelInputs(Dataset train) {
        switch (train.featureCount()) {
            case 1: return List.of("x");
            case 2: return List.of("x", "y");
            default: return train.featureNames();
        }
    }


    /** @param sizes the network as the summary names it: layer sizes, and the input features it reads */
    private static void writeResults(Path out, Model model, History history, Dataset train, Dataset test,
                                     String sizes) {
        ModelJson.write(out.resolve("model.json"), model, TrainedModels.colorFor(model));
        if (OnnxModel.canWrite(model)) {
            // the same network for ONNX tools; a layer mixing activations per unit has no ONNX form, and is left out
            OnnxModel.write(out.resolve("model.onnx"), model, TrainedModels.colorFor(model));
        }
        AtomicOutput.writeString(out.resolve("history.csv"), historyCsv(history));
        Map<String, String> text = Map.of("nnpaint", "{\"format\":\"nnpaint.train/1\",\"layers\":\"" + sizes + "\"}");
        List<BufferedImage> curves = new ArrayList<>();
        for (Chart c : TrainingPlots.curves(history)) {
            curves.add(c.render());
        }
        BufferedImage both = TrainingPlots.sideBySide(curves);
        PngWriter.write(out.resolve("curves.png"), both.getWidth(), both.getHeight(), Chart.rgbBytes(both), text);
        if (train.featureCount() == 2) {
            History.Row last = history.last();
            String title = String.format(Locale.ROOT, "%s, epoch %d", sizes, history.epochs());
            if (train.isClassification()) {
                title += String.format(Locale.ROOT, ": train %.1f%%", 100 * last.trainAccuracy())
                        + (test == null ? "" : String.format(Locale.ROOT, ", test %.1f%%", 100 * last.testAccuracy()));
            }
            TrainingPlots.boundary(model, train, test, title).writePng(out.resolve("boundary.png"), text);
        }
    }

    /** One row per epoch: epoch, train loss and accuracy, test loss and accuracy (empty when there is none). */
    public static String historyCsv(History history) {
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
