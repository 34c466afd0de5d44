package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.kernel.Backprop;
import dev.nnpaint.kernel.Backprops;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Trains a model by backpropagation on the engine's kernels: the forward pass is {@link Kernel#dense} (storing
 * pre-activations), the backward pass {@link Backprop}, the update {@link Optimizer}. All buffers are made
 * once; an epoch allocates nothing.
 *
 * <p>Each update's batch is cut into blocks of at most {@link #MAX_BLOCK} samples, a number fixed by the batch
 * size alone. Threads take blocks; each block's gradient lands in its own slot and the slots are added in block
 * order, so the result is the same, bit for bit, for any number of threads.
 *
 * <p>The history's row {@code e} is the model after {@code e} epochs on the whole training and test sets. With
 * full-batch gradient descent the forward pass of epoch {@code e + 1} is that evaluation, so it costs nothing.
 */
public final class Trainer {

    /** Largest block of samples one thread works on at a time: its activations stay in the L2 cache. */
    public static final int MAX_BLOCK = 512;

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
    private final int lanes;
    private final int batch;

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

    // Tasks of one dispatch and their results, one slot per task.
    private final Block[] taskBlock;
    private final boolean[] taskBackward;
    private final float[] taskScale;
    private final double[] taskLoss;
    private final int[] taskCorrect;
    private final float[][][] slotGrads;
    private int taskCount;

    private final Workspace mainWorkspace;

    public Trainer(Model initial, Dataset train, Dataset test, TrainSettings settings) {
        if (initial.inputCount() != train.featureCount()) {
            throw new BadInputException("layer 1 takes " + initial.inputCount() + " inputs but the data has "
                    + train.featureCount() + " features (" + String.join(", ", train.featureNames()) + ")");
        }
        if (test != null && test.featureCount() != train.featureCount()) {
            throw new BadInputException("the test data has " + test.featureCount() + " features but the training data "
                    + train.featureCount());
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
        boolean fullBatch = batch == train.size();
        if (fullBatch) {
            loadBlocks(stepBlocks, train, null, 0, batch);
        }
        trainBlocks = fullBatch ? stepBlocks : loadedBlocks(train);
        testBlocks = test == null ? new Block[0] : loadedBlocks(test);
        order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }

        int maxTasks = Math.max(stepBlocks.length, trainBlocks.length) + testBlocks.length;
        taskBlock = new Block[maxTasks];
        taskBackward = new boolean[maxTasks];
        taskScale = new float[maxTasks];
        taskLoss = new double[maxTasks];
        taskCorrect = new int[maxTasks];
        slotGrads = new float[Math.max(stepBlocks.length, trainBlocks.length)][][];
        for (int s = 0; s < slotGrads.length; s++) {
            slotGrads[s] = zerosLike(params);
        }
        mainWorkspace = new Workspace();
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

    /** The model with the current parameters (copied). */
    public Model model() {
        List<Layer> copy = new ArrayList<>();
        for (Layer l : layers) {
            copy.add(new Layer(l.inputs(), l.outputs(), l.weights().clone(),
                    l.bias() == null ? null : l.bias().clone(), l.activations()));
        }
        return new Model(inputNames, copy);
    }

    /**
     * The gradient of the mean loss over the whole training set at the current parameters, for each layer
     * {@code {dW, dB}} in the parameters' layout (dB null for a layer without bias). Does not update anything.
     */
    public float[][][] gradients() {
        taskCount = 0;
        for (Block b : trainBlocks) {
            addTask(b, true, 1f / train.size());
        }
        runTasks(null);
        reduceGradients();
        float[][][] out = new float[layers.length][2][];
        for (int k = 0; k < layers.length; k++) {
            out[k][0] = grads[weightArray[k]].clone();
            out[k][1] = biasArray[k] < 0 ? null : grads[biasArray[k]].clone();
        }
        return out;
    }

    /** Trains for the settings' epochs. */
    public TrainingResult run(Listener listener) {
        int epochs = settings.epochs();
        History history = new History(epochs);
        long start = System.nanoTime();
        try (Crew crew = settings.threads() > 1 ? new Crew(settings.threads() - 1) : null) {
            boolean fullBatch = stepBlocks == trainBlocks;
            if (!fullBatch) {
                evaluate(history, crew, 0);
                listener.epochDone(history);
            }
            KeyedRandom shuffle = new KeyedRandom(settings.seed());
            for (int epoch = 1; epoch <= epochs; epoch++) {
                if (fullBatch) {
                    // forward + backward on the whole set, with the test set evaluated alongside: together they
                    // are row epoch - 1 of the history (the parameters before this update)
                    taskCount = 0;
                    for (Block b : stepBlocks) {
                        addTask(b, true, 1f / batch);
                    }
                    addTestTasks();
                    runTasks(crew);
                    record(history, epoch - 1, stepBlocks.length);
                    listener.epochDone(history);
                    update();
                } else {
                    Dataset.shuffle(order, shuffle, epoch);
                    for (int from = 0; from < order.length; from += batch) {
                        int count = Math.min(batch, order.length - from);
                        int used = loadBlocks(stepBlocks, train, order, from, count);
                        taskCount = 0;
                        for (int b = 0; b < used; b++) {
                            addTask(stepBlocks[b], true, 1f / count);
                        }
                        runTasks(crew);
                        double sum = sumLoss(0, taskCount);
                        if (!Double.isFinite(sum)) {
                            throw new TrainingDivergedException(epoch, sum, optimizer.learningRate());
                        }
                        update();
                    }
                    evaluate(history, crew, epoch);
                    listener.epochDone(history);
                }
            }
            if (fullBatch) {
                evaluate(history, crew, epochs);
                listener.epochDone(history);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (float[] p : params) {
            for (float v : p) {
                if (!Float.isFinite(v)) {
                    throw new TrainingDivergedException(epochs, Double.NaN, optimizer.learningRate());
                }
            }
        }
        return new TrainingResult(model(), history, loss, seconds);
    }

    private void update() {
        reduceGradients();
        state.step(params, grads, decayed);
    }

    /** Adds the per-block gradients in block order: the same sum whichever thread made which block. */
    private void reduceGradients() {
        int slots = 0;
        for (int t = 0; t < taskCount; t++) {
            if (taskBackward[t]) {
                slots++;
            }
        }
        for (int a = 0; a < params.length; a++) {
            float[] g = grads[a];
            System.arraycopy(slotGrads[0][a], 0, g, 0, g.length);
            for (int s = 1; s < slots; s++) {
                float[] part = slotGrads[s][a];
                for (int i = 0; i < g.length; i++) {
                    g[i] += part[i];
                }
            }
        }
    }

    /** Evaluates the whole training set and the test set as row {@code epoch}. */
    private void evaluate(History history, Crew crew, int epoch) {
        taskCount = 0;
        for (Block b : trainBlocks) {
            addTask(b, false, 0f);
        }
        addTestTasks();
        runTasks(crew);
        record(history, epoch, trainBlocks.length);
    }

    private void addTestTasks() {
        for (Block b : testBlocks) {
            addTask(b, false, 0f);
        }
    }

    /** Row {@code epoch} from tasks {@code 0 .. trainTasks-1} (training set) and the rest (test set). */
    private void record(History history, int epoch, int trainTasks) {
        double trainLoss = sumLoss(0, trainTasks) / train.size();
        if (!Double.isFinite(trainLoss)) {
            throw new TrainingDivergedException(epoch, trainLoss, optimizer.learningRate());
        }
        double trainAccuracy = train.isClassification() ? sumCorrect(0, trainTasks) / (double) train.size()
                : Double.NaN;
        double testLoss = Double.NaN;
        double testAccuracy = Double.NaN;
        if (test != null) {
            testLoss = sumLoss(trainTasks, taskCount) / test.size();
            if (!Double.isFinite(testLoss)) {
                throw new TrainingDivergedException(epoch, testLoss, optimizer.learningRate());
            }
            testAccuracy = train.isClassification() ? sumCorrect(trainTasks, taskCount) / (double) test.size()
                    : Double.NaN;
        }
        history.add(trainLoss, trainAccuracy, testLoss, testAccuracy);
    }

    private double sumLoss(int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += taskLoss[t];
        }
        return s;
    }

    private long sumCorrect(int from, int to) {
        long s = 0;
        for (int t = from; t < to; t++) {
            s += taskCorrect[t];
        }
        return s;
    }

    private void addTask(Block block, boolean backward, float scale) {
        taskBlock[taskCount] = block;
        taskBackward[taskCount] = backward;
        taskScale[taskCount] = scale;
        taskCount++;
    }

    private void runTasks(Crew crew) {
        if (crew == null) {
            for (int t = 0; t < taskCount; t++) {
                process(t, mainWorkspace);
            }
        } else {
            crew.run(taskCount);
        }
    }

    /**
     * One block: the forward pass layer by layer, the loss, and (for an update) the backward pass into the
     * block's gradient slot. Task t of a dispatch with backward passes uses slot t (those tasks come first).
     */
    private void process(int task, Workspace ws) {
        Block block = taskBlock[task];
        int n = block.n;
        int last = layers.length - 1;
        float[] in = block.x;
        for (int k = 0; k <= last; k++) {
            kernel.dense(layers[k], in, ws.out[k], storePre[k] ? ws.pre[k] : null, n);
            in = ws.out[k];
        }
        Layer top = layers[last];
        boolean backward = taskBackward[task];
        float[] delta = ws.deltaA;
        taskLoss[task] = loss.evaluate(top.activations(), ws.pre[last], ws.out[last], top.outputs(), n, block.valid,
                block.t, taskScale[task], backward ? delta : null);
        taskCorrect[task] = train.isClassification()
                ? loss.correct(ws.pre[last], ws.out[last], top.outputs(), n, block.valid, block.t) : 0;
        if (!backward) {
            return;
        }
        float[][] slot = slotGrads[task];
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
    private int blockCount(int count) {
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

    /**
     * Worker threads that help the calling thread with the tasks of each dispatch. Workers spin briefly between
     * dispatches (an epoch of a small network takes well under a millisecond), then park.
     */
    private final class Crew implements AutoCloseable {
        private static final int SPINS = 20_000;
        private static final int YIELD_AFTER = 200;

        private final Thread[] workers;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile int generation;
        private volatile boolean closed;
        private volatile Throwable failure;
        private int tasks;

        Crew(int count) {
            workers = new Thread[count];
            for (int i = 0; i < count; i++) {
                Workspace ws = new Workspace();
                workers[i] = new Thread(() -> loop(ws), "nnpaint-train-" + i);
                workers[i].setDaemon(true);
                workers[i].start();
            }
        }

        void run(int taskTotal) {
            tasks = taskTotal;
            done.set(0);
            next.set(0);
            generation++;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            work(mainWorkspace);
            // a worker still busy may be sharing its core with another process: after a short spin, yield
            // the core rather than burn it
            for (int spins = 0; done.get() < taskTotal; spins++) {
                if (spins < YIELD_AFTER) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                if (f instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(f);
            }
        }

        private void work(Workspace ws) {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    process(t, ws);
                } catch (Throwable e) {
                    failure = e;
                }
                done.incrementAndGet();
            }
        }

        private void loop(Workspace ws) {
            int seen = 0;
            while (true) {
                int spins = 0;
                while (generation == seen && !closed) {
                    spins++;
                    if (spins < YIELD_AFTER) {
                        Thread.onSpinWait();
                    } else if (spins < SPINS) {
                        Thread.yield();
                    } else {
                        LockSupport.parkNanos(this, 1_000_000);
                    }
                }
                if (closed) {
                    return;
                }
                seen = generation;
                work(ws);
            }
        }

        @Override
        public void close() {
            closed = true;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
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
