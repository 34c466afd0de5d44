package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Backprop;
import dev.nnpaint.kernel.Backprops;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.HashGrid;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fits a coordinate network to an image: mean squared error over every channel of the batch's pixels, one
 * {@link #step()} an update. The forward pass is the engine's {@link Kernel#dense} after the model's encoding, the
 * backward pass {@link Backprop}, the update {@link Optimizer} (extended with per-array learning-rate scales). A
 * fixed encoding's frozen layer gets no update and no gradient, and nothing is backpropagated below the first
 * trainable layer; a hash grid's tables are trained by scattering the gradient of its outputs into them.
 *
 * <p>Why not {@link Trainer}: it learns a table of samples with one target each, epoch by epoch, evaluating the
 * whole set after every epoch. Fitting has a colour (several targets) per pixel, draws random batches by step, and
 * scores PSNR when asked. The machinery is the same: kernels, optimizer, and the determinism scheme.
 *
 * <p>Determinism: a step's pixels are cut into blocks of at most {@link Trainer#MAX_BLOCK}, a number fixed by the
 * batch alone; each block's gradient lands in its own slot and the slots are added in block order. The grid's
 * gradient is scattered level by level (one task a level, whichever thread runs it), each level taking the blocks
 * in order; the layers' slots are added range by range ({@link #UPDATE_RANGE}). The update is element-wise: the task
 * that completes a level's or a range's gradient updates those parameters. So the model after any number of steps
 * is the same, bit for bit, for any number of threads.
 */
public final class FitTrainer implements AutoCloseable {

    /**
     * Elements of a layer's array one task sums over the blocks and updates, and of a level's table updated at a
     * time: the four arrays' ranges (parameters, gradient, two moments; 1 MB) stay in a core's cache meanwhile.
     */
    static final int UPDATE_RANGE = 1 << 16;

    private final FitData data;
    private final FitSettings settings;
    private final Kernel kernel;
    private final Backprop backprop;
    private final int lanes;
    private final Model initial;
    private final Layer[] layers;
    private final int firstTrainable;
    private final HashGrid grid;
    private final HashGrid.Levels gridLevels;
    private final Optimizer.State state;
    private final float[][] params;
    private final float[][] grads;
    private final boolean[] decayed;
    private final float[] baseScales;
    private final float[] scales;
    private final int[] weightArray;
    private final int[] biasArray;
    private final int gridArray;
    private final boolean[] storePre;
    private final int channels;
    private final int batch;
    private final boolean fullBatch;
    private final Block[] blocks;
    private final ThreadLocal<Workspace> workspaces;
    private final ExecutorService pool;
    /** The layers' arrays cut into ranges of one array each: array, first element, end; fixed by the shapes. */
    private final int[] rangeArray;
    private final int[] rangeFrom;
    private final int[] rangeTo;
    /** Whether the grid's gradient arrays hold zeros (the last update cleared them as it went). */
    private boolean gridGradientClear = true;
    private long steps;
    private double lastLoss = Double.NaN;

    public FitTrainer(Model model, FitData data, FitSettings settings) {
        if (model.inputCount() != 2) {
            throw new BadInputException("a fitted network takes x and y, not " + model.inputNames());
        }
        FitModels.refuseFeatures(model.encoding());
        if (model.outputCount() != data.channels()) {
            throw new BadInputException("the network paints " + model.outputCount() + " channels but the image has "
                    + data.channels());
        }
        this.data = data;
        this.settings = settings;
        this.initial = model;
        this.kernel = settings.scalar() ? Kernels.scalar() : Kernels.fastest();
        this.backprop = settings.scalar() ? Backprops.scalar() : Backprops.matching(kernel);
        this.lanes = lcm(kernel.lanes(), backprop.lanes());
        this.channels = data.channels();
        this.firstTrainable = model.frozenLayers();
        this.grid = model.grid() == null ? null : model.grid().copy();
        this.gridLevels = grid == null ? null : grid.levels();

        int count = model.layers().size();
        layers = new Layer[count];
        weightArray = new int[count];
        biasArray = new int[count];
        List<float[]> arrays = new ArrayList<>();
        List<Float> scaleList = new ArrayList<>();
        List<Boolean> decay = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Layer l = model.layers().get(k);
            if (k < firstTrainable) {
                layers[k] = l;
                weightArray[k] = -1;
                biasArray[k] = -1;
                continue;
            }
            float[] w = l.weights().clone();
            float[] b = l.bias() == null ? null : l.bias().clone();
            layers[k] = new Layer(l.inputs(), l.outputs(), w, b, l.activations());
            // SIREN's sine layers carry omega0 in their weights: omega0 times the rate moves W as SIREN moves it
            float scale = 1f;
            if (settings.sirenOmega() > 0) {
                // the output layer maps SIREN's [-1, 1] to colours: half its weights, half its rate
                scale = k == count - 1 ? 0.5f
                        : l.uniformActivation() == Activation.SIN ? (float) settings.sirenOmega() : 1f;
            }
            weightArray[k] = arrays.size();
            arrays.add(w);
            decay.add(true);
            scaleList.add(scale);
            biasArray[k] = b == null ? -1 : arrays.size();
            if (b != null) {
                arrays.add(b);
                decay.add(false);
                scaleList.add(scale);
            }
        }
        gridArray = arrays.size();
        if (grid != null) {
            for (float[] t : grid.tables()) {
                arrays.add(t);
                decay.add(false);
                scaleList.add(1f);
            }
        }
        params = arrays.toArray(new float[0][]);
        grads = new float[params.length][];
        for (int a = 0; a < params.length; a++) {
            grads[a] = new float[params[a].length];
        }
        decayed = new boolean[params.length];
        baseScales = new float[params.length];
        for (int a = 0; a < params.length; a++) {
            decayed[a] = decay.get(a);
            baseScales[a] = scaleList.get(a);
        }
        scales = baseScales.clone();
        storePre = new boolean[count];
        for (int k = 0; k < count; k++) {
            storePre[k] = k == count - 1;
            for (Activation a : layers[k].activations()) {
                storePre[k] |= backprop.needsPreActivation(a);
            }
        }
        state = settings.optimizer().start(params);
        int rangeCount = 0;
        for (int a = 0; a < gridArray; a++) {
            rangeCount += Math.max(1, (params[a].length + UPDATE_RANGE - 1) / UPDATE_RANGE);
        }
        rangeArray = new int[rangeCount];
        rangeFrom = new int[rangeCount];
        rangeTo = new int[rangeCount];
        int at = 0;
        for (int a = 0; a < gridArray; a++) {
            int from = 0;
            do {
                rangeArray[at] = a;
                rangeFrom[at] = from;
                rangeTo[at] = Math.min(params[a].length, from + UPDATE_RANGE);
                from = rangeTo[at++];
            } while (from < params[a].length);
        }

        int trainCount = data.train().length;
        batch = settings.batch() == 0 ? trainCount : Math.min(settings.batch(), trainCount);
        fullBatch = batch == trainCount;
        int blockCount = (batch + Trainer.MAX_BLOCK - 1) / Trainer.MAX_BLOCK;
        int per = (batch + blockCount - 1) / blockCount;
        int size = padded(per);
        blocks = new Block[blockCount];
        int gridOut = grid == null ? 0 : grid.outputs();
        for (int b = 0; b < blockCount; b++) {
            int valid = Math.max(0, Math.min(per, batch - b * per));
            blocks[b] = new Block(size, valid, channels, gridOut, grads);
        }
        if (fullBatch) {
            load(0);
        }
        workspaces = ThreadLocal.withInitial(() -> new Workspace(size));
        int helpers = settings.threads() - 1;
        pool = helpers <= 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
            Thread t = new Thread(r, "nnpaint-fit");
            t.setDaemon(true);
            return t;
        });
    }

    /** Updates done so far. */
    public long steps() {
        return steps;
    }

    /** Pixels a step. */
    public int batchSize() {
        return batch;
    }

    /** The mean squared error (over pixels and channels) of the last step's batch, before its update. */
    public double lastLoss() {
        return lastLoss;
    }

    /** {@code "vector"} or {@code "scalar"}. */
    public String path() {
        return backprop.name();
    }

    /** One update on a batch of pixels. */
    public void step() {
        if (!fullBatch) {
            load(steps + 1);
        }
        float schedule = (float) settings.scheduleAt(steps + 1);
        for (int a = 0; a < scales.length; a++) {
            scales[a] = baseScales[a] * schedule;
        }
        computeGradients(true);
        steps++;
    }

    /**
     * The gradient of the loss on the next step's batch (the training pixels with the full batch) at the current
     * parameters, without updating: per trainable array (layers' weights and biases from the first trainable
     * layer on, then the grid's tables level by level). The arrays are the trainer's own; for tests.
     */
    float[][] gradientsForTest() {
        if (!fullBatch) {
            load(steps + 1);
        }
        computeGradients(false);
        return grads;
    }

    /** The mean squared error of the batch of the last gradient computed; for tests. */
    double currentLossForTest() {
        double loss = 0;
        for (Block b : blocks) {
            loss += b.loss;
        }
        return loss / ((double) batch * channels);
    }

    /** The trainable arrays themselves, in the order of {@link #gradientsForTest}; for tests. */
    float[][] parametersForTest() {
        return params;
    }

    /**
     * The gradients of the next batch; with {@code update}, each array is updated by the optimizer in the task
     * that completes its gradient, while that is still in cache (nothing is updated when the loss diverged).
     */
    private void computeGradients(boolean update) {
        run(blocks.length, this::blockGradient);
        double loss = 0;
        for (Block b : blocks) {
            loss += b.loss;
        }
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException((int) Math.min(Integer.MAX_VALUE, steps + 1), loss,
                    settings.optimizer().learningRate());
        }
        lastLoss = loss / ((double) batch * channels);
        // One task a grid level (its entries' sums pixel by pixel, the blocks in order) and one a range of a dense
        // array (the blocks' slots added in block order), each followed by the update of what it summed: the
        // update is element-wise, so no task waits for another and the bits do not depend on the threads. The
        // finest levels go first: they are hashed, miss the cache most and take longest, so the threads end
        // together.
        int levels = grid == null ? 0 : grid.spec().levels();
        boolean clear = gridGradientClear;
        gridGradientClear = false;
        if (update) {
            state.advance();
        }
        run(levels + rangeArray.length, t -> {
            if (t < levels) {
                int level = levels - 1 - t;
                int a = gridArray + level;
                float[] g = grads[a];
                if (!clear) {
                    Arrays.fill(g, 0f);
                }
                for (Block b : blocks) {
                    grid.accumulate(gridLevels, level, b.x, b.dEnc, b.n, b.valid, g);
                }
                if (update) {
                    // range by range, so that each range's gradient is still in cache when it is cleared for the
                    // next step's sums
                    for (int from = 0; from < g.length; from += UPDATE_RANGE) {
                        state.updateRange(a, params[a], g, decayed[a], scales[a], from,
                                Math.min(g.length, from + UPDATE_RANGE), true);
                    }
                }
            } else {
                int r = t - levels;
                int a = rangeArray[r];
                float[] g = grads[a];
                int from = rangeFrom[r];
                int to = rangeTo[r];
                System.arraycopy(blocks[0].grads[a], from, g, from, to - from);
                for (int b = 1; b < blocks.length; b++) {
                    float[] part = blocks[b].grads[a];
                    for (int i = from; i < to; i++) {
                        g[i] += part[i];
                    }
                }
                if (update) {
                    state.updateRange(a, params[a], g, decayed[a], scales[a], from, to, false);
                }
            }
        });
        gridGradientClear = update;
    }

    /** The model with the current parameters (copied). */
    public Model model() {
        List<Layer> copy = new ArrayList<>();
        for (int k = 0; k < layers.length; k++) {
            Layer l = layers[k];
            copy.add(k < firstTrainable ? l : new Layer(l.inputs(), l.outputs(), l.weights().clone(),
                    l.bias() == null ? null : l.bias().clone(), l.activations()));
        }
        return new Model(initial.inputNames(), copy, initial.encoding(), grid == null ? null : grid.copy());
    }

    /**
     * The current network's colours of every pixel, {@code out[p * channels + c]} (not clamped), computed on the
     * trainer's kernel and threads.
     */
    public float[] predict() {
        Model now = new Model(initial.inputNames(), List.of(layers), initial.encoding(), grid);
        int n = data.pixels();
        float[] out = new float[n * channels];
        int chunk = Trainer.MAX_BLOCK;
        int chunks = (n + chunk - 1) / chunk;
        dev.nnpaint.kernel.Evaluator evaluator = new dev.nnpaint.kernel.Evaluator(now, kernel);
        ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> new float[][] {
            new float[2 * padded(chunk)], new float[channels * padded(chunk)]});
        ThreadLocal<dev.nnpaint.kernel.Evaluator.Scratch> scratch =
                ThreadLocal.withInitial(() -> evaluator.newScratch(padded(chunk)));
        run(chunks, c -> {
            int from = c * chunk;
            int count = Math.min(chunk, n - from);
            int size = padded(count);
            float[][] buf = buffers.get();
            float[] in = buf[0];
            float[] res = buf[1];
            for (int p = 0; p < size; p++) {
                int pixel = from + p;
                in[p] = p < count ? data.coords()[2 * pixel] : 0f;
                in[size + p] = p < count ? data.coords()[2 * pixel + 1] : 0f;
            }
            evaluator.forward(in, res, size, scratch.get());
            for (int p = 0; p < count; p++) {
                for (int ch = 0; ch < channels; ch++) {
                    out[(from + p) * channels + ch] = res[ch * size + p];
                }
            }
        });
        return out;
    }

    /** PSNR in dB of colours clamped to [0, 1] against the targets over the given pixels (peak 1). */
    public static double psnr(float[] predicted, FitData data, int[] pixels) {
        int c = data.channels();
        double sum = 0;
        for (int p : pixels) {
            for (int ch = 0; ch < c; ch++) {
                double v = Math.max(0, Math.min(1, predicted[p * c + ch]));
                double d = v - data.targets()[p * c + ch];
                sum += d * d;
            }
        }
        double mse = sum / ((double) pixels.length * c);
        return mse == 0 ? 100 : -10 * Math.log10(mse);
    }

    /** Ends the helper threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // ---- one block ----

    private void blockGradient(int index) {
        Block block = blocks[index];
        Workspace ws = workspaces.get();
        int n = block.n;
        int last = layers.length - 1;
        float[] in = block.x;
        if (grid != null) {
            grid.encode(gridLevels, block.x, ws.enc, n);
            in = ws.enc;
        }
        for (int k = 0; k <= last; k++) {
            kernel.dense(layers[k], in, ws.out[k], storePre[k] ? ws.pre[k] : null, n);
            in = ws.out[k];
        }
        // d(mean squared error)/d(pre-activation) of the output layer, zero on the padding
        Layer top = layers[last];
        float[] out = ws.out[last];
        float[] pre = ws.pre[last];
        float[] delta = ws.deltaA;
        double loss = 0;
        float scale = (float) (2.0 / ((double) batch * channels));
        for (int c = 0; c < channels; c++) {
            Activation act = top.activations()[c];
            for (int p = 0; p < n; p++) {
                int at = c * n + p;
                if (p < block.valid) {
                    float d = out[at] - block.t[at];
                    loss += (double) d * d;
                    delta[at] = scale * d * derivative(act, pre[at], out[at]);
                } else {
                    delta[at] = 0f;
                }
            }
        }
        block.loss = loss;
        float[] other = ws.deltaB;
        for (int k = last; k >= firstTrainable; k--) {
            Layer layer = layers[k];
            float[] below = k == 0 ? (grid != null ? ws.enc : block.x) : ws.out[k - 1];
            backprop.parameterGradients(delta, below, layer.outputs(), layer.inputs(), n, block.grads[weightArray[k]],
                    biasArray[k] < 0 ? null : block.grads[biasArray[k]]);
            if (k > firstTrainable) {
                backprop.inputGradient(layer, delta, layers[k - 1].activations(), ws.pre[k - 1], ws.out[k - 1],
                        other, n);
                float[] swap = delta;
                delta = other;
                other = swap;
            } else if (k == 0 && grid != null) {
                // the grid's outputs are linear in its tables: the chain ends with W^T delta
                backprop.inputGradient(layer, delta, ws.identity, ws.enc, ws.enc, block.dEnc, n);
            }
        }
    }

    private static float derivative(Activation act, float pre, float out) {
        switch (act) {
            case IDENTITY: return 1f;
            case SIGMOID: return out * (1 - out);
            default: return (float) act.derivative(pre);
        }
    }

    /** Loads the pixels of step {@code step} into the blocks (step 0: the training pixels in order). */
    private void load(long step) {
        int[] train = data.train();
        KeyedRandom random = new KeyedRandom(settings.seed());
        int per = blocks[0].valid;
        for (int b = 0; b < blocks.length; b++) {
            Block block = blocks[b];
            int n = block.n;
            for (int p = 0; p < n; p++) {
                int pixel = -1;
                if (p < block.valid) {
                    int k = b * per + p;
                    pixel = step == 0 ? train[k]
                            : train[(int) Long.remainderUnsigned(random.bits(KeyedRandom.PIXELS, step, k, 0),
                            train.length)];
                }
                block.x[p] = pixel < 0 ? 0f : data.coords()[2 * pixel];
                block.x[n + p] = pixel < 0 ? 0f : data.coords()[2 * pixel + 1];
                for (int c = 0; c < channels; c++) {
                    block.t[c * n + p] = pixel < 0 ? 0f : data.targets()[pixel * channels + c];
                }
            }
        }
    }

    // ---- threads ----

    private interface IndexTask {
        void run(int index);
    }

    /** Runs tasks 0 .. count-1 on the caller and the pool; each writes only its own results. */
    private void run(int count, IndexTask task) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i);
                }
            } catch (RuntimeException | Error e) {
                next.set(count);
                throw e;
            }
        };
        int helpers = pool == null ? 0 : Math.min(settings.threads() - 1, count - 1);
        List<Future<?>> futures = new ArrayList<>();
        for (int h = 0; h < helpers; h++) {
            futures.add(pool.submit(worker));
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                } catch (InterruptedException e) {
                    // a helper writes this trainer's buffers: it must end before the caller goes on
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

    // ---- buffers ----

    /** A block of a step's pixels: coordinates, targets (feature-major) and its own gradient slot. */
    private final class Block {
        final int n;
        final int valid;
        final float[] x;
        final float[] t;
        final float[] dEnc;
        final float[][] grads;
        double loss;

        Block(int n, int valid, int channels, int gridOutputs, float[][] shapes) {
            this.n = n;
            this.valid = valid;
            x = new float[2 * n];
            t = new float[channels * n];
            dEnc = new float[gridOutputs * n];
            // the grid's tables are summed level by level from dEnc, never per block
            grads = new float[shapes.length][];
            for (int a = 0; a < shapes.length; a++) {
                grads[a] = a < gridArray ? new float[shapes[a].length] : null;
            }
        }
    }

    /** One thread's activations, sized for the largest block. */
    private final class Workspace {
        final float[][] out = new float[layers.length][];
        final float[][] pre = new float[layers.length][];
        final float[] enc;
        final float[] deltaA;
        final float[] deltaB;
        final Activation[] identity;

        Workspace(int capacity) {
            int width = 0;
            for (int k = 0; k < layers.length; k++) {
                out[k] = new float[layers[k].outputs() * capacity];
                pre[k] = storePre[k] ? new float[layers[k].outputs() * capacity] : null;
                width = Math.max(width, layers[k].outputs());
            }
            int encoded = grid == null ? 0 : grid.outputs();
            enc = new float[encoded * capacity];
            identity = new Activation[encoded];
            Arrays.fill(identity, Activation.IDENTITY);
            deltaA = new float[width * capacity];
            deltaB = new float[width * capacity];
        }
    }

    private int padded(int n) {
        return (n + lanes - 1) / lanes * lanes;
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
