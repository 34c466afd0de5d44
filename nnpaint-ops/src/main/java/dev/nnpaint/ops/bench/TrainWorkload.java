package dev.nnpaint.ops.bench;

import dev.nnpaint.data.CsvData;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.Architecture;
import dev.nnpaint.train.Optimizer;
import dev.nnpaint.train.TrainSettings;
import dev.nnpaint.train.Trainer;
import dev.nnpaint.train.TrainingResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The plain-NumPy article's experiment: the 900 training rows of its moons data, a 2-25-50-50-25-1 relu
 * network with a sigmoid output, weights and biases N(0, 0.1^2), full-batch gradient descent at learning rate
 * 0.01 for 10000 epochs. The peers in {@code bench/peers/train_moons_*.py} run the same.
 */
public final class TrainWorkload implements Workload {

    static final int EPOCHS = 10_000;

    private Dataset train;
    private Model initial;
    private TrainSettings settings;
    private TrainingResult last;

    @Override
    public String name() {
        return "train-moons";
    }

    @Override
    public String description() {
        return "2-25-50-50-25-1 relu/sigmoid, 900 moons samples, 10000 full-batch epochs";
    }

    @Override
    public void prepare(int threads) {
        prepare(threads, dev.nnpaint.kernel.Kernels.fastest());
    }

    @Override
    public void prepare(int threads, Kernel kernel) {
        train = readMoons();
        initial = Architecture.parse("2-25-50-50-25-1", "relu", "sigmoid")
                .build(train.featureNames(), 1, Init.normal(0.1), Init.normal(0.1));
        settings = new TrainSettings(null, Optimizer.gd(0.01), EPOCHS, 0, 1, threads,
                "scalar".equals(kernel.name()));
    }

    @Override
    public void run() {
        last = new Trainer(initial, train, null, settings).run(Trainer.Listener.NONE);
    }

    @Override
    public Map<String, String> figures(double bestSeconds) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("epochs_s", String.format(Locale.ROOT, "%.0f", EPOCHS / bestSeconds));
        long flops = 3L * initial.flopsPerSample() * train.size() * EPOCHS; // forward and two backward products
        f.put("gflop_s", String.format(Locale.ROOT, "%.1f", flops / bestSeconds / 1e9));
        f.put("final_loss", String.format(Locale.ROOT, "%.4f", last.history().last().trainLoss()));
        return f;
    }

    private static Dataset readMoons() {
        try (InputStream in = TrainWorkload.class.getResourceAsStream("moons_train.csv")) {
            if (in == null) {
                throw new IllegalStateException("moons_train.csv is missing from the jar");
            }
            CsvData.Table table = CsvData.table("moons_train.csv", new InputStreamReader(in, StandardCharsets.UTF_8));
            return CsvData.fromTable(table, "label", CsvData.Target.AUTO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
