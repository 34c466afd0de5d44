package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.kernel.Backprop;
import dev.nnpaint.kernel.Backprops;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains a model by backpropagation on the engine's kernels: the forward pass is {@link Kernel#dense} (storing
 * pre-activations), the backward pass {@link Backprop}, the update {@link Optimizer}. All buffers are made once.
 *
 * <p>The caller advances training one epoch at a time with {@link #step()} and owns the loop:
 * <pre>{@code
 * try (Trainer trainer = new Trainer(initial, train, test, settings)) {
 *     while (!trainer.isFinished()) {
 *         trainer.step();                       // one epoch, then one more row of trainer.history()
 *     }
 *     TrainingResult result = trainer.result();
 * }
 * }</pre>
 * Pausing is not stepping: between steps the trainer runs nothing. {@link #run(Listener)} is that loop with a
 * callback after every row. A trainer is used by one thread at a time.
 *
 * <p>Each update's batch is cut into blocks of at most {@link #MAX_BLOCK} samples, a number fixed by the batch
 * size alone. The blocks of a step are shared between the calling thread and {@code settings.threads() - 1}
 * threads of a pool the trainer owns; each block's results land in its own slot and the slots are added in block
 * order, so the history and the weights are the same, bit for bit, for any number of threads.
 *
 * <p>The history's row {@code e} is the model after {@code e} epochs on the whole training and test sets. With
 * full-batch gradient descent the forward pass that computes the next update's gradient is that evaluation, so
 * it costs nothing.
 */
public final class Trainer implements AutoCloseable {

    /** Largest block of samples one thread works on at a time: its activations stay in the L2 cache. */
    public static final int MAX_BLOCK = 512;

    /** Idle pool threads end after this long, so a trainer nobody closes does not keep them forever. */
    private static final long IDLE_SECONDS = 10;

    /** Told after each row of the history (each epoch), on the training thread. */
    @FunctionalInterface
    public interface Listener {
        void epochDone(History history);

        Listener NONE = h -> { };
    }

    private final Kernel kernel;
    private final Backprop backprop;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainSettings settings;
    private final Dataset train;
    private final Dataset test;
    private final List<String> inputNames;
    private final Encoding encoding;
    private final int lanes;
    private final int batch;
    private final boolean fullBatch;

    // The network: layers share the parameter arrays, which the optimizer updates in place.
    private final Layer[] layers;
    private final int[] weightArray;
    private final int[] biasArray;
    private final float[][] params;
    private final boolean[] decayed;
    private final float[][] grads;
    private final boolean[] storePre;
    private final Optimizer.State state;

    // Blocks: one update's batch, the whole training set (for evaluation with mini-batches) and the test set.
    private final Block[] stepBlocks;
    private final Block[] trainBlocks;
    private final Block[] testBlocks;
    private final int[] order;
    private final KeyedRandom shuffle;

    // The dispatches a trainer makes, built once. Task i of any of them writes slot i.
    private final Slot[] slots;
    private final Task[] descentTasks;
    private final Task[] evaluateTasks;
    private final Task[] batchTasks;
    private final Task[] tailTasks;
    private final Task[] gradientTasks;

    private final Workspace mainWorkspace;
    private final History history;
    private int epoch;
    private long nanos;
    private boolean failed;
    private boolean closed;
    // made when a step first needs helpers; dropped when training ends, fails or the trainer is closed
    private Pool pool;

    public Trainer(Model initial, Dataset train, Dataset test, TrainSettings settings) {
        if (initial.inputCount() != train.featureCount()) {
            throw new BadInputException("layer 1 takes " + initial.inputCount() + " inputs but the data has "
                    + train.featureCount() + " features (" + String.join(", ", train.featureNames()) + ")");
        }
        if (test != null && test.featureCount() != train.featureCount()) {
            throw new BadInputException("the test data has " + test.featureCount() + " features but the training data "
                    + train.featureCount());
        }
        this.encoding = initial.encoding();
        if (encoding instanceof Encoding.Features f) {
            // the features are computed once, here: the layers then train on them as on any data
            train = FeatureData.apply(f, train);
            test = test == null ? null : FeatureData.apply(f, test);
        }
        this.settings = settings;
        this.train = train;
        this.test = test;
        this.inputNames = initial.inputNames();
        this.loss = Loss.choose(settings.loss(), initial, train);
        this.optimizer = settings.optimizer();
        this.kernel = settings.scalar() ? Kernels.scalar() : Kernels.fastest();
        this.backprop = settings.scalar() ? Backprops.scalar() : Backprops.matching(kernel);
        this.lanes = lcm(kernel.lanes(), backprop.lanes());
        int requested = settings.batchSize();
        if (optimizer.kind() == Optimizer.Kind.GD && requested > 0 && requested < train.size()) {
            throw new BadInputException("gd trains on the full batch; use --optimizer sgd (or momentum, nesterov, "
                    + "adam) for mini-batches of " + requested);
        }
        if (requested == 0 && optimizer.prefersMiniBatches()) {
            requested = 32;
        }
        this.batch = requested == 0 ? train.size() : Math.min(requested, train.size());
        this.fullBatch = batch == train.size();

        int count = initial.layers().size();
        layers = new Layer[count];
        weightArray = new int[count];
        biasArray = new int[count];
        List<float[]> arrays = new ArrayList<>();
        List<Boolean> decay = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Layer l = initial.layers().get(k);
            float[] w = l.weights().clone();
            float[] b = l.bias() == null ? null : l.bias().clone();
            // The trainer's private copy: kernels read it through this Layer while the optimizer updates it.
            layers[k] = new Layer(l.inputs(), l.outputs(), w, b, l.activations());
            weightArray[k] = arrays.size();
            arrays.add(w);
            decay.add(true);
            biasArray[k] = b == null ? -1 : arrays.size();
            if (b != null) {
                arrays.add(b);
                decay.add(false);
            }
        }
        params = arrays.toArray(new float[0][]);
        decayed = new boolean[params.length];
        for (int i = 0; i < decayed.length; i++) {
            decayed[i] = decay.get(i);
        }
        grads = zerosLike(params);
        storePre = new boolean[count];
        for (int k = 0; k < count; k++) {
            // the output layer's pre-activations feed the loss; hidden ones only when a derivative needs them
            storePre[k] = k == count - 1;
            for (Activation a : layers[k].activations()) {
                storePre[k] |= backprop.needsPreActivation(a);
            }
        }
        state = optimizer.start(params);

        int features = train.featureCount();
        stepBlocks = blocksFor(batch, features);
        if (fullBatch) {
            loadBlocks(stepBlocks, train, null, 0, batch);
        }
        trainBlocks = fullBatch ? stepBlocks : loadedBlocks(train);
        testBlocks = test == null ? new Block[0] : loadedBlocks(test);
        order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle = new KeyedRandom(settings.seed());

        int backwardSlots = Math.max(stepBlocks.length, trainBlocks.length);
        slots = new Slot[backwardSlots + testBlocks.length];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new Slot(s < backwardSlots ? zerosLike(params) : null);
        }
        descentTasks = fullBatch ? tasks(stepBlocks, stepBlocks.length, true, 1f / batch, true) : null;
        evaluateTasks = tasks(trainBlocks, trainBlocks.length, false, 0f, true);
        batchTasks = fullBatch ? null : tasks(stepBlocks, blockCount(batch), true, 1f / batch, false);
        int tail = train.size() % batch;
        tailTasks = fullBatch || tail == 0 ? null : tasks(stepBlocks, blockCount(tail), true, 1f / tail, false);
        gradientTasks = tasks(trainBlocks, trainBlocks.length, true, 1f / train.size(), false);
        mainWorkspace = new Workspace();
        history = new History(settings.epochs());
    }

    /** The loss being minimised (chosen from the data when the settings leave it open). */
    public Loss loss() {
        return loss;
    }

    /** Samples per update. */
    public int batchSize() {
        return batch;
    }

    /** {@code "vector"} or {@code "scalar"}: the kernels in use. */
    public String path() {
        return backprop.name();
    }

    /** Epochs trained so far: 0 before the first {@link #step()}, the settings' epochs once finished. */
    public int epoch() {
        return epoch;
    }

    /**
     * The learning curves so far: rows {@code 0 .. epoch()}, or no row before the first step. This is the
     * trainer's own history, which later steps extend.
     */
    public History history() {
        return history;
    }

    /** Whether the settings' epochs are trained and every row of the history is recorded. */
    public boolean isFinished() {
        return epoch == settings.epochs() && history.rows() > 0;
    }

    /** The model with the current parameters (copied). */
    public Model model() {
        List<Layer> copy = new ArrayList<>();
        for (Layer l : layers) {
            copy.add(new Layer(l.inputs(), l.outputs(), l.weights().clone(),
                    l.bias() == null ? null : l.bias().clone(), l.activations()));
        }
        return new Model(inputNames, copy, encoding instanceof Encoding.Features ? encoding : Encoding.NONE, null);
    }

    /**
     * The gradient of the mean loss over the whole training set at the current parameters, for each layer
     * {@code {dW, dB}} in the parameters' layout (dB null for a layer without bias). Does not update anything.
     */
    public float[][][] gradients() {
        float[][] sum = zerosLike(params);
        boolean hadPool = pool != null;
        try {
            dispatch(gradientTasks);
        } finally {
            if (!hadPool) {
                release();
            }
        }
        reduce(gradientTasks, sum);
        float[][][] out = new float[layers.length][2][];
        for (int k = 0; k < layers.length; k++) {
            out[k][0] = sum[weightArray[k]];
            out[k][1] = biasArray[k] < 0 ? null : sum[biasArray[k]];
        }
        return out;
    }

    /**
     * Sets one weight of the network: row {@code row} (an output unit) and column {@code column} (an input) of
     * layer {@code layer}'s matrix. Training goes on from the new value; the optimiser keeps its state. With the
     * full batch, the pending update's gradient (computed with the last row of the history) is computed again at
     * the new parameters, so that the next step descends from them. The history keeps its rows: they describe the
     * network before the edit.
     *
     * @throws BadInputException    when the position is outside the layer or the value is not finite
     * @throws IllegalStateException when the trainer is closed or has diverged
     */
    public void setWeight(int layer, int row, int column, float value) {
        if (closed || failed) {
            throw new IllegalStateException(closed ? "the trainer is closed" : "training stopped and cannot go on");
        }
        if (layer < 0 || layer >= layers.length) {
            throw new BadInputException("layer: expected 0 to " + (layers.length - 1) + ", got " + layer);
        }
        Layer l = layers[layer];
        if (row < 0 || row >= l.outputs()) {
            throw new BadInputException("row: layer " + layer + " has " + l.outputs() + " units (0 to "
                    + (l.outputs() - 1) + "), got " + row);
        }
        if (column < 0 || column >= l.inputs()) {
            throw new BadInputException("column: layer " + layer + " has " + l.inputs() + " inputs (0 to "
                    + (l.inputs() - 1) + "), got " + column);
        }
        if (!Float.isFinite(value)) {
            throw new BadInputException("a weight must be a finite number, got " + value);
        }
        params[weightArray[layer]][row * l.inputs() + column] = value;
        if (fullBatch && history.rows() > 0 && !isFinished()) {
            // the same blocks and scale as the descent's own pass, so the gradient is the one it would compute
            boolean hadPool = pool != null;
            try {
                dispatch(gradientTasks);
            } finally {
                if (!hadPool) {
                    release();
                }
            }
            reduce(gradientTasks, grads);
        }
    }

    /**
     * Trains one epoch: every update of a pass over the training set (one update with the full batch, one per
     * mini-batch otherwise), then the model is evaluated on the whole training and test sets as the history's
     * next row. The first step also records row 0, the untrained network (with zero epochs that is all it does).
     * The step is over when this returns: no work of it goes on in the background.
     *
     * @throws TrainingDivergedException when a loss stops being finite; the trainer cannot step any more
     * @throws IllegalStateException      when the trainer is finished, has diverged or is closed
     */
    public void step() {
        if (closed) {
            throw new IllegalStateException("the trainer is closed");
        }
        if (failed) {
            throw new IllegalStateException("training stopped at epoch " + (epoch + 1) + " and cannot go on");
        }
        if (isFinished()) {
            throw new IllegalStateException("all " + settings.epochs() + " epochs are trained");
        }
        long start = System.nanoTime();
        try {
            if (history.rows() == 0) {
                begin();
            }
            if (epoch < settings.epochs()) {
                trainEpoch(epoch + 1);
                epoch++;
            }
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        } finally {
            nanos += System.nanoTime() - start;
            if (failed || isFinished()) {
                release();
            }
        }
    }

    /**
     * Steps until the settings' epochs are trained, telling the listener after each row of the history (row 0
     * included), and returns the result. A trainer already stepped part of the way goes on from where it is.
     * The pool threads end when this returns or throws.
     */
    public TrainingResult run(Listener listener) {
        try {
            if (history.rows() == 0) {
                long start = System.nanoTime();
                try {
                    begin();
                } catch (RuntimeException | Error e) {
                    failed = true;
                    throw e;
                } finally {
                    nanos += System.nanoTime() - start;
                }
                listener.epochDone(history);
            }
            while (!isFinished()) {
                step();
                listener.epochDone(history);
            }
            return result();
        } finally {
            release();
        }
    }

    /**
     * The model trained so far with its history, the loss and the time spent stepping (pauses excluded).
     *
     * @throws TrainingDivergedException when a weight is not finite
     * @throws IllegalStateException      before the first step
     */
    public TrainingResult result() {
        if (history.rows() == 0) {
            throw new IllegalStateException("nothing is trained before the first step");
        }
        for (float[] p : params) {
            for (float v : p) {
                if (!Float.isFinite(v)) {
                    throw new TrainingDivergedException(epoch, Double.NaN, optimizer.learningRate());
                }
            }
        }
        return new TrainingResult(model(), history, loss, nanos / 1e9);
    }

    /** Ends the pool threads, waiting for them. The model, history and result stay readable; stepping ends. */
    @Override
    public void close() {
        closed = true;
        release();
    }

    /** Threads the pool has started and which have not ended yet, for tests. */
    List<Thread> poolThreads() {
        return pool == null ? List.of() : pool.liveThreads();
    }

    /**
     * Row 0. With the full batch and epochs to train, the same pass computes the gradient of the first update,
     * which waits in {@code grads} until the next epoch applies it.
     */
    private void begin() {
        boolean descend = fullBatch && settings.epochs() > 0;
        Task[] tasks = descend ? descentTasks : evaluateTasks;
        dispatch(tasks);
        record(0, tasks);
        if (descend) {
            reduce(tasks, grads);
        }
    }

    /** Epoch {@code e}: its updates, then row {@code e}. */
    private void trainEpoch(int e) {
        if (fullBatch) {
            // the gradient at the parameters of row e - 1 was computed with that row
            state.step(params, grads, decayed);
            boolean more = e < settings.epochs();
            Task[] tasks = more ? descentTasks : evaluateTasks;
            dispatch(tasks);
            record(e, tasks);
            if (more) {
                reduce(tasks, grads);
            }
            return;
        }
        Dataset.shuffle(order, shuffle, e);
        for (int from = 0; from < order.length; from += batch) {
            int count = Math.min(batch, order.length - from);
            loadBlocks(stepBlocks, train, order, from, count);
            Task[] tasks = count == batch ? batchTasks : tailTasks;
            dispatch(tasks);
            double sum = sumLoss(tasks, 0, tasks.length);
            if (!Double.isFinite(sum)) {
                throw new TrainingDivergedException(e, sum, optimizer.learningRate());
            }
            reduce(tasks, grads);
            state.step(params, grads, decayed);
        }
        dispatch(evaluateTasks);
        record(e, evaluateTasks);
    }

    /** Adds the tasks' gradient slots into {@code into} in task order: the same sum whichever thread made which. */
    private void reduce(Task[] tasks, float[][] into) {
        int backward = 0;
        while (backward < tasks.length && tasks[backward].backward()) {
            backward++;
        }
        for (int a = 0; a < params.length; a++) {
            float[] g = into[a];
            System.arraycopy(tasks[0].slot().grads[a], 0, g, 0, g.length);
            for (int s = 1; s < backward; s++) {
                float[] part = tasks[s].slot().grads[a];
                for (int i = 0; i < g.length; i++) {
                    g[i] += part[i];
                }
            }
        }
    }

    /** Row {@code row} from a dispatch's training-set tasks, which come first, and its test-set tasks. */
    private void record(int row, Task[] tasks) {
        int trainTasks = tasks.length - testBlocks.length;
        double trainLoss = sumLoss(tasks, 0, trainTasks) / train.size();
        if (!Double.isFinite(trainLoss)) {
            throw new TrainingDivergedException(row, trainLoss, optimizer.learningRate());
        }
        double trainAccuracy = train.isClassification() ? sumCorrect(tasks, 0, trainTasks) / (double) train.size()
                : Double.NaN;
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        if (test != null) {
            testLoss = sumLoss(tasks, trainTasks, tasks.length) / test.size();
            if (!Double.isFinite(testLoss)) {
                throw new TrainingDivergedException(row, testLoss, optimizer.learningRate());
            }
            testAccuracy = train.isClassification()
                    ? sumCorrect(tasks, trainTasks, tasks.length) / (double) test.size() : Double.NaN;
        }
        history.add(trainLoss, trainAccuracy, testLoss, testAccuracy);
    }

    private static double sumLoss(Task[] tasks, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += tasks[t].slot().loss;
        }
        return s;
    }

    private static long sumCorrect(Task[] tasks, int from, int to) {
        long s = 0;
        for (int t = from; t < to; t++) {
            s += tasks[t].slot().correct;
        }
        return s;
    }

    /** Tasks for the first {@code used} blocks, then (when asked) one forward task per test block. */
    private Task[] tasks(Block[] blocks, int used, boolean backward, float scale, boolean withTest) {
        Task[] tasks = new Task[used + (withTest ? testBlocks.length : 0)];
        for (int b = 0; b < used; b++) {
            tasks[b] = new Task(blocks[b], backward, scale, slots[b]);
        }
        for (int b = used; b < tasks.length; b++) {
            tasks[b] = new Task(testBlocks[b - used], false, 0f, slots[b]);
        }
        return tasks;
    }

    /**
     * Processes every task, on the calling thread alone when there is one task or one thread, else with as many
     * pool threads as there are tasks beyond the caller's first.
     */
    private void dispatch(Task[] tasks) {
        int helpers = Math.min(settings.threads() - 1, tasks.length - 1);
        if (helpers <= 0) {
            for (Task t : tasks) {
                process(t, mainWorkspace);
            }
            return;
        }
        if (pool == null) {
            pool = new Pool(settings.threads() - 1);
        }
        pool.run(tasks, helpers);
    }

    /**
     * One block: the forward pass layer by layer, the loss, and (for an update) the backward pass into the
     * task's gradient slot.
     */
    private void process(Task task, Workspace ws) {
        Block block = task.block();
        Slot result = task.slot();
        int n = block.n;
        int last = layers.length - 1;
        float[] in = block.x;
        for (int k = 0; k <= last; k++) {
            kernel.dense(layers[k], in, ws.out[k], storePre[k] ? ws.pre[k] : null, n);
            in = ws.out[k];
        }
        Layer top = layers[last];
        boolean backward = task.backward();
        float[] delta = ws.deltaA;
        result.loss = loss.evaluate(top.activations(), ws.pre[last], ws.out[last], top.outputs(), n, block.valid,
                block.t, task.scale(), backward ? delta : null);
        result.correct = train.isClassification()
                ? loss.correct(ws.pre[last], ws.out[last], top.outputs(), n, block.valid, block.t) : 0;
        if (!backward) {
            return;
        }
        float[][] slot = result.grads;
        float[] other = ws.deltaB;
        for (int k = last; k >= 0; k--) {
            Layer layer = layers[k];
            float[] below = k == 0 ? block.x : ws.out[k - 1];
            backprop.parameterGradients(delta, below, layer.outputs(), layer.inputs(), n, slot[weightArray[k]],
                    biasArray[k] < 0 ? null : slot[biasArray[k]]);
            if (k > 0) {
                backprop.inputGradient(layer, delta, layers[k - 1].activations(), ws.pre[k - 1], ws.out[k - 1],
                        other, n);
                float[] swap = delta;
                delta = other;
                other = swap;
            }
        }
    }

    private void release() {
        if (pool != null) {
            Pool p = pool;
            pool = null;
            p.close();
        }
    }

    // ---- tasks ----

    /** One block's work in a dispatch: its samples, whether to backpropagate, the loss scale, where results go. */
    private record Task(Block block, boolean backward, float scale, Slot slot) {
    }

    /** A task's results: its summed loss, its correct predictions and (for backward tasks) its gradients. */
    private static final class Slot {
        final float[][] grads;
        double loss;
        int correct;

        Slot(float[][] grads) {
            this.grads = grads;
        }
    }

    // ---- blocks of samples ----

    /**
     * A block of samples in the kernels' feature-major layout: feature j of sample p at {@code x[j * n + p]},
     * {@code valid} real samples followed by zero padding up to {@code n}, a multiple of the vector lanes.
     */
    private static final class Block {
        final float[] x;
        final float[] t;
        int n;
        int valid;

        Block(int features, int capacity) {
            x = new float[features * capacity];
            t = new float[capacity];
        }
    }

    /** How a batch of {@code count} samples splits: as few blocks as MAX_BLOCK allows, of near-equal size. */
    private static int blockCount(int count) {
        return (count + MAX_BLOCK - 1) / MAX_BLOCK;
    }

    /** Blocks for batches of up to {@code count} samples: as many as the largest batch needs, each as large. */
    private Block[] blocksFor(int count, int features) {
        Block[] blocks = new Block[blockCount(count)];
        // a smaller batch may use fewer but larger blocks (never beyond MAX_BLOCK or the batch itself)
        int capacity = padded(Math.min(count, MAX_BLOCK));
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new Block(features, capacity);
        }
        return blocks;
    }

    private Block[] loadedBlocks(Dataset data) {
        Block[] blocks = blocksFor(data.size(), data.featureCount());
        loadBlocks(blocks, data, null, 0, data.size());
        return blocks;
    }

    /**
     * Copies samples {@code order[from .. from+count)} (or {@code from ..} without an order) into the first
     * blocks and returns how many it used.
     */
    private int loadBlocks(Block[] blocks, Dataset data, int[] order, int from, int count) {
        int used = blockCount(count);
        int per = (count + used - 1) / used;
        int size = padded(per);
        int d = data.featureCount();
        float[] features = data.features();
        for (int b = 0; b < used; b++) {
            Block block = blocks[b];
            int first = b * per;
            int valid = Math.max(0, Math.min(per, count - first));
            block.n = size;
            block.valid = valid;
            for (int p = 0; p < size; p++) {
                if (p < valid) {
                    int sample = order == null ? from + first + p : order[from + first + p];
                    for (int j = 0; j < d; j++) {
                        block.x[j * size + p] = features[sample * d + j];
                    }
                    block.t[p] = data.target(sample);
                } else {
                    for (int j = 0; j < d; j++) {
                        block.x[j * size + p] = 0f;
                    }
                    block.t[p] = 0f;
                }
            }
        }
        return used;
    }

    private int padded(int n) {
        return (n + lanes - 1) / lanes * lanes;
    }

    private int maxBlockSize() {
        int largest = Math.max(batch, train.size());
        if (test != null) {
            largest = Math.max(largest, test.size());
        }
        return padded(Math.min(largest, MAX_BLOCK));
    }

    /** One thread's activation buffers, sized for the largest block. */
    private final class Workspace {
        final float[][] out = new float[layers.length][];
        final float[][] pre = new float[layers.length][];
        final float[] deltaA;
        final float[] deltaB;

        Workspace() {
            int capacity = maxBlockSize();
            int width = 0;
            for (int k = 0; k < layers.length; k++) {
                out[k] = new float[layers[k].outputs() * capacity];
                pre[k] = storePre[k] ? new float[layers[k].outputs() * capacity] : null;
                width = Math.max(width, layers[k].outputs());
            }
            deltaA = new float[width * capacity];
            deltaB = new float[width * capacity];
        }
    }

    // ---- the pool ----

    /**
     * A fork-join pool of daemon threads that help the calling thread with a dispatch. The caller works too and
     * claims tasks from the same counter, so a helper that wakes late costs little: the caller takes its tasks,
     * and waits only for helpers that have actually started. (Under load a ForkJoinPool hands work over faster
     * than a ThreadPoolExecutor's blocking queue.)
     */
    private final class Pool implements AutoCloseable {
        private final ForkJoinPool executor;
        private final Workspace[] workspaces;
        private final List<Thread> threads = new ArrayList<>();
        private final Helper[] helpers;
        private final Future<?>[] futures;

        Pool(int size) {
            workspaces = new Workspace[size];
            for (int i = 0; i < size; i++) {
                workspaces[i] = new Workspace();
            }
            helpers = new Helper[size];
            futures = new Future<?>[size];
            executor = new ForkJoinPool(size, this::newThread, null, false, size, size, 1, null, IDLE_SECONDS,
                    TimeUnit.SECONDS);
        }

        private ForkJoinWorkerThread newThread(ForkJoinPool owner) {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(owner);
            synchronized (threads) {
                threads.removeIf(old -> !old.isAlive());
                t.setName("nnpaint-train-" + threads.size());
                t.setDaemon(true);
                threads.add(t);
            }
            return t;
        }

        List<Thread> liveThreads() {
            synchronized (threads) {
                return threads.stream().filter(Thread::isAlive).toList();
            }
        }

        /** How long the caller waits on the CPU for a helper's last task before it parks. */
        private static final long SPIN_NANOS = 50_000;

        void run(Task[] tasks, int count) {
            AtomicInteger next = new AtomicInteger();
            for (int h = 0; h < count; h++) {
                // a fresh helper each dispatch: one left over from the last dispatch can never start this one's work
                helpers[h] = new Helper(tasks, next, workspaces[h]);
                futures[h] = executor.submit(helpers[h]);
            }
            Throwable failure = null;
            try {
                work(tasks, next, mainWorkspace);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            boolean interrupted = false;
            for (int h = 0; h < count; h++) {
                // a helper not started yet never will: its tasks are done and it must not run into the next dispatch
                if (helpers[h].started.compareAndSet(false, true)) {
                    continue;
                }
                // an epoch's share of work is often a few hundred microseconds: waiting a moment on the CPU for a
                // helper that is about to finish is cheaper than parking and being woken (tens of microseconds)
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (!futures[h].isDone() && System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                }
                while (true) {
                    try {
                        futures[h].get();
                        break;
                    } catch (ExecutionException e) {
                        failure = failure == null ? e.getCause() : failure;
                        break;
                    } catch (InterruptedException e) {
                        // the helper is writing this trainer's buffers: it must end before the caller goes on
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }

        /** Ends the threads and waits for them, so none outlives a closed trainer. */
        @Override
        public void close() {
            executor.shutdown();
            for (Thread t : liveThreads()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Takes tasks from the shared counter until none is left; on failure, leaves none for the others. */
    private void work(Task[] tasks, AtomicInteger next, Workspace ws) {
        try {
            for (int t = next.getAndIncrement(); t < tasks.length; t = next.getAndIncrement()) {
                process(tasks[t], ws);
            }
        } catch (RuntimeException | Error e) {
            next.set(tasks.length);
            throw e;
        }
    }

    /** A pool thread's share of one dispatch. */
    private final class Helper implements Runnable {
        final AtomicBoolean started = new AtomicBoolean();
        private final Task[] tasks;
        private final AtomicInteger next;
        private final Workspace ws;

        Helper(Task[] tasks, AtomicInteger next, Workspace ws) {
            this.tasks = tasks;
            this.next = next;
            this.ws = ws;
        }

        @Override
        public void run() {
            if (started.compareAndSet(false, true)) {
                work(tasks, next, ws);
            }
        }
    }

    private static float[][] zerosLike(float[][] arrays) {
        float[][] z = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            z[i] = new float[arrays[i].length];
        }
        return z;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
