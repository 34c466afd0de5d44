package dev.nnpaint.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.FitData;
import dev.nnpaint.train.FitSettings;
import dev.nnpaint.train.FitTrainer;
import dev.nnpaint.train.TrainingDivergedException;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * One fit of a page's fit view: a {@link FitTrainer} on an image and the driver that steps it, as the train view's
 * {@link TrainSession} steps its trainer. While the page plays, the driver steps on the {@link TrainScheduler}'s
 * threads a slice of time at a turn; pausing means it stops stepping, and a step is one {@link FitTrainer#step()}.
 * No request thread trains or renders: after its steps the driver renders a {@link FitSnapshot} (the whole image
 * through the network, and its PSNR), spending at most about half of its time on that, and requests answer the
 * latest. A session never changes its settings: new settings are a new session with a new {@link #id}.
 */
final class FitSession implements AutoCloseable {

    /** Steps one session may run; then it stops, finished. */
    static final int MAX_STEPS = 100_000;
    /** Stepping time of one turn before the session queues again behind the others (at least one step). */
    static final long SLICE_NANOS = 50_000_000L;
    /** Snapshots at most this often while playing; rendering takes at most half of the driver's time. */
    static final long MIN_SNAPSHOT_NANOS = 100_000_000L;
    /** Points of the PSNR curve kept: past twice this many, every other one goes (the first and last stay). */
    static final int CURVE_POINTS = 300;

    private enum Next { STEP, IDLE, CLOSED }

    final String id;
    final FitConfig config;
    /** The image as it came (for a restart), and as fitted. */
    final FitImage source;
    final FitImage image;
    final FitData data;
    /** Trainable parameters and multiply-adds a pixel of the network. */
    final long parameters;
    final long flopsPerPixel;
    private final FitTrainer trainer;
    private final TrainScheduler scheduler;

    private final Object lock = new Object();
    // guarded by lock
    private boolean playing;
    private int steps;
    private boolean queued;
    private boolean closed;
    private boolean finished;
    private String error;
    private FitSnapshot snapshot;

    // the driver's own (one turn at a time)
    private long version;
    private long lastRenderNanos;
    private long renderNanos;
    private long trainNanos;
    private long[] curveSteps = new long[2 * CURVE_POINTS + 1];
    private float[] curveTrain = new float[2 * CURVE_POINTS + 1];
    private float[] curveTest = new float[2 * CURVE_POINTS + 1];
    private int curvePoints;
    private volatile long lastPolledNanos;

    /**
     * @param config  settings with the pixels a step resolved ({@link FitConfig#resolveBatch})
     * @param initial the network before training ({@link FitConfig#initialModel})
     * @param scalar  the scalar reference kernels instead of the vector ones
     */
    FitSession(String id, FitConfig config, FitImage source, FitImage image, Model initial, TrainScheduler scheduler,
               boolean scalar, long now) {
        this.id = id;
        this.config = config;
        this.source = source;
        this.image = image;
        this.scheduler = scheduler;
        this.parameters = FitConfig.parameters(initial);
        this.flopsPerPixel = initial.flopsPerSample();
        this.data = FitData.of(image.width(), image.height(), image.channels(), image.values(), config.holdout());
        int longer = Math.max(image.width(), image.height());
        FitSettings settings = new FitSettings(config.optimizer(longer), config.batch(), config.seed(),
                scheduler.trainerThreads, scalar, config.siren(), false, 0);
        this.trainer = new FitTrainer(initial, data, settings);
        this.lastPolledNanos = now;
        synchronized (lock) {
            wake(); // the driver renders the first snapshot
        }
    }

    /** Pixels a step. */
    int batchSize() {
        return trainer.batchSize();
    }

    void play() {
        synchronized (lock) {
            if (!finished && !closed && !playing) {
                playing = true;
                wake();
            }
        }
    }

    /** Stops stepping after the step under way; the snapshot then shows the last step. */
    void pause() {
        synchronized (lock) {
            playing = false;
        }
    }

    /** One more step, then pause. */
    void step() {
        synchronized (lock) {
            playing = false;
            if (!finished && !closed) {
                steps++;
                wake();
            }
        }
    }

    /** Queues a turn of the driver unless one is queued or running. Called holding the lock. */
    private void wake() {
        if (!queued) {
            queued = true;
            submit();
        }
    }

    private void submit() {
        try {
            scheduler.submit(this::drive, 0);
        } catch (RejectedExecutionException e) {
            // the server is closing
            synchronized (lock) {
                queued = false;
                closed = true;
            }
        }
    }

    private void drive() {
        try {
            turn();
        } catch (RuntimeException e) {
            // a failed render: the session stops where it is and says why
            synchronized (lock) {
                error = "fitting stopped: " + e;
                finished = true;
                playing = false;
                queued = false;
                trainer.close();
            }
        }
    }

    /**
     * One turn: the first snapshot if there is none yet, then steps while the page plays or asked for steps, for a
     * slice of time, rendering when due; before going idle it renders the last step.
     */
    private void turn() {
        // the first snapshot shows with the state after this turn, unless steps come first
        FitSnapshot first = current() == null ? render() : null;
        long end = System.nanoTime() + SLICE_NANOS;
        while (true) {
            Next next;
            synchronized (lock) {
                if (closed) {
                    next = Next.CLOSED;
                } else if (finished) {
                    next = Next.IDLE;
                } else if (steps > 0) {
                    steps--;
                    next = Next.STEP;
                } else {
                    next = playing ? Next.STEP : Next.IDLE;
                }
            }
            if (next != Next.STEP) {
                break;
            }
            if (first != null) {
                publish(first);
                first = null;
            }
            stepOnce();
            long now = System.nanoTime();
            if (now - lastRenderNanos >= Math.max(MIN_SNAPSHOT_NANOS - renderNanos, renderNanos)) {
                publish(render());
            }
            if (System.nanoTime() >= end) {
                break;
            }
        }
        // going idle: the page sees the last step (while there is work, renders keep to their pace above)
        boolean stale = first == null && !hasWork() && current().step != trainer.steps();
        FitSnapshot fresh = stale ? render() : first;
        synchronized (lock) {
            if (fresh != null) {
                snapshot = fresh;
                lock.notifyAll();
            }
            if (closed) {
                queued = false;
                trainer.close(); // here, where nothing steps it
                return;
            }
            boolean work = !finished && (playing || steps > 0);
            if (!work) {
                queued = false;
                return;
            }
        }
        submit();
    }

    private void stepOnce() {
        String failure = null;
        long t0 = System.nanoTime();
        try {
            trainer.step();
        } catch (TrainingDivergedException e) {
            failure = "the fit diverged at step " + e.epoch() + "; lower the learning rate and restart";
        } catch (RuntimeException e) {
            failure = "fitting failed: " + e.getMessage();
        }
        trainNanos += System.nanoTime() - t0;
        if (failure != null || trainer.steps() >= MAX_STEPS) {
            synchronized (lock) {
                error = failure;
                finished = true;
                playing = false;
                steps = 0;
            }
        }
    }

    /** The whole image through the current network, its PSNR, and a point on the curve. */
    private FitSnapshot render() {
        long t0 = System.nanoTime();
        float[] predicted = trainer.predict();
        double train = FitTrainer.psnr(predicted, data, data.train());
        double test = config.holdout() ? FitTrainer.psnr(predicted, data, data.test()) : Double.NaN;
        if (curvePoints == 0 || curveSteps[curvePoints - 1] != trainer.steps()) {
            if (curvePoints == curveSteps.length) {
                thinCurve();
            }
            curveSteps[curvePoints] = trainer.steps();
            curveTrain[curvePoints] = (float) train;
            curveTest[curvePoints] = (float) test;
            curvePoints++;
        }
        double batch = Double.isNaN(trainer.lastLoss()) ? Double.NaN : -10 * Math.log10(trainer.lastLoss());
        byte[] rgb = FitImage.rgb(predicted, image.width() * image.height(), image.channels());
        FitSnapshot s = FitSnapshot.of(trainer.model(), trainer.steps(), ++version, trainNanos / 1e9, train, test,
                batch, curveSteps, curveTrain, curveTest, curvePoints, rgb);
        long t1 = System.nanoTime();
        renderNanos = t1 - t0;
        lastRenderNanos = t1;
        return s;
    }

    /** Keeps the even points and the last one: the curve's resolution halves, its length stays bounded. */
    private void thinCurve() {
        int last = curvePoints - 1;
        int k = 0;
        for (int i = 0; i < last; i += 2) {
            curveSteps[k] = curveSteps[i];
            curveTrain[k] = curveTrain[i];
            curveTest[k] = curveTest[i];
            k++;
        }
        curveSteps[k] = curveSteps[last];
        curveTrain[k] = curveTrain[last];
        curveTest[k] = curveTest[last];
        curvePoints = k + 1;
        Arrays.fill(curveSteps, curvePoints, curveSteps.length, 0);
    }

    private void publish(FitSnapshot s) {
        synchronized (lock) {
            snapshot = s;
            lock.notifyAll();
        }
    }

    private FitSnapshot current() {
        synchronized (lock) {
            return snapshot;
        }
    }

    /** Whether the driver has steps to do: playing, or steps asked for. */
    private boolean hasWork() {
        synchronized (lock) {
            return !closed && !finished && (playing || steps > 0);
        }
    }

    /** The latest snapshot, waiting up to {@code timeoutNanos} for the first; null if it did not come. */
    FitSnapshot awaitSnapshot(long timeoutNanos) throws InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (snapshot == null && !closed && !finished) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                lock.wait(left / 1_000_000 + 1);
            }
            return snapshot;
        }
    }

    /** The page's poll: the state and the latest snapshot, or only the state when the page has {@code have}. */
    byte[] snapshotJson(long have) {
        synchronized (lock) {
            if (snapshot == null) {
                throw new HttpProblem(503, "the fit is still starting; ask again");
            }
            ObjectNode state = Http.JSON.createObjectNode();
            state.put("session", id);
            state.put("running", queued && !closed);
            state.put("playing", playing);
            state.put("finished", finished);
            if (error != null) {
                state.put("error", error);
            }
            return snapshot.version == have ? snapshot.unchanged(state) : snapshot.json(state);
        }
    }

    /** The latest snapshot (null before the first). */
    FitSnapshot latest() {
        return current();
    }

    void touch(long now) {
        lastPolledNanos = now;
    }

    long lastPolledNanos() {
        return lastPolledNanos;
    }

    /** Ends the session: the driver stops at its next check and ends the trainer; an idle one ends it now. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            playing = false;
            if (!queued) {
                trainer.close();
            }
        }
    }
}
