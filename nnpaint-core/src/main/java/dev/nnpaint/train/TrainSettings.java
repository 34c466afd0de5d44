package dev.nnpaint.train;

import dev.nnpaint.BadInputException;

/**
 * How to train, apart from the network and the data.
 *
 * @param loss      the loss, or null to choose it from the data ({@link Loss#choose})
 * @param optimizer update rule and learning rate, with the regularisation rates ({@link #l2()}, {@link #l1()})
 * @param epochs    passes over the training set
 * @param batchSize samples per update; 0 means the full training set (gradient descent)
 * @param seed      key of the mini-batch shuffles
 * @param threads   worker threads; results do not depend on it
 * @param scalar    use the scalar reference kernels instead of the vector ones
 */
public record TrainSettings(Loss loss, Optimizer optimizer, int epochs, int batchSize, long seed, int threads,
                            boolean scalar) {

    public TrainSettings {
        if (epochs < 0) {
            throw new BadInputException("epochs must not be negative, got " + epochs);
        }
        if (batchSize < 0) {
            throw new BadInputException("batch size must be positive, got " + batchSize);
        }
        if (threads <= 0) {
            throw new BadInputException("threads must be positive, got " + threads);
        }
    }

    /** Full-batch gradient descent, learning rate 0.01, 1000 epochs, loss chosen from the data, all cores. */
    public static TrainSettings defaults() {
        return new TrainSettings(null, Optimizer.gd(0.01), 1000, 0, 1,
                Runtime.getRuntime().availableProcessors(), false);
    }

    public TrainSettings withLoss(Loss v) {
        return new TrainSettings(v, optimizer, epochs, batchSize, seed, threads, scalar);
    }

    public TrainSettings withOptimizer(Optimizer v) {
        return new TrainSettings(loss, v, epochs, batchSize, seed, threads, scalar);
    }

    public TrainSettings withEpochs(int v) {
        return new TrainSettings(loss, optimizer, v, batchSize, seed, threads, scalar);
    }

    public TrainSettings withBatchSize(int v) {
        return new TrainSettings(loss, optimizer, epochs, v, seed, threads, scalar);
    }

    public TrainSettings withSeed(long v) {
        return new TrainSettings(loss, optimizer, epochs, batchSize, v, threads, scalar);
    }

    public TrainSettings withThreads(int v) {
        return new TrainSettings(loss, optimizer, epochs, batchSize, seed, v, scalar);
    }

    /** The L2 rate: {@code l2 * w} added to each weight's gradient ({@link Optimizer#weightDecay()}). */
    public double l2() {
        return optimizer.weightDecay();
    }

    /** The L1 rate: {@code l1 * sign(w)} added to each weight's gradient ({@link Optimizer#l1()}). */
    public double l1() {
        return optimizer.l1();
    }

    public TrainSettings withL2(double v) {
        return withOptimizer(optimizer.withWeightDecay(v));
    }

    public TrainSettings withL1(double v) {
        return withOptimizer(optimizer.withL1(v));
    }

    public TrainSettings withScalar(boolean v) {
        return new TrainSettings(loss, optimizer, epochs, batchSize, seed, threads, v);
    }
}
