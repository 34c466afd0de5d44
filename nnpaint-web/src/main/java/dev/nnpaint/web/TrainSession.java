package dev.nnpaint.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.Optimizer;
import dev.nnpaint.train.TrainSettings;
import dev.nnpaint.train.Trainer;
import dev.nnpaint.train.TrainingDivergedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * One training run of a page's train view: a {@link Trainer} and the driver that steps it. While the page plays,
 * the driver steps on the {@link TrainScheduler}'s threads, a slice of time at a turn; pausing means it stops
 * stepping, and a step is one {@link Trainer#step()}. No request thread trains or renders: the driver renders a
 * {@link TrainSnapshot} after its steps, at most every {@link #MIN_SNAPSHOT_NANOS}, and requests answer the latest.
 *
 * <p>A session never changes its settings: new settings are a new session with a new {@link #id}, so that the
 * page can tell the answers of an older session from the current one's.
 */
final class TrainSession implements AutoCloseable {

    /** Epochs one session may run; the history of this many rows is a few megabytes. */
    static final int MAX_EPOCHS = 100_000;
    /** The fastest a session trains, so that a page watching the network learn can follow. */
    static final double MAX_EPOCHS_PER_SECOND = 150;
    /** Stepping time of one turn before the session queues again behind the others. */
    static final long SLICE_NANOS = 25_000_000L;
    /**
     * Snapshots start at most this often while playing (20 a second, the page's fastest poll), and rendering
     * takes at most half of the driver's time: between two renders it steps at least as long as a render takes.
     */
    static final long MIN_SNAPSHOT_NANOS = 50_000_000L;

    /** What the driver does next. */
    private enum Next { EDIT, STEP, WAIT, IDLE, CLOSED }

    /** A weight the page set: layer, row (unit) and column (input) of the layer's matrix, and the value. */
    record WeightEdit(int layer, int row, int column, float value) { }

    final String id;
    final TrainConfig config;
    final TrainData data;
    private final Trainer trainer;
    private final TrainScheduler scheduler;
    private final Kernel kernel;

    private final Object lock = new Object();
    // guarded by lock: what the page asked for and what the driver is doing
    private boolean playing;
    private int steps;
    /** Whether the driver has a turn queued or running; a session is idle when not. */
    private boolean queued;
    private boolean closed;
    private boolean finished;
    private String error;
    private TrainSnapshot snapshot;
    /** Edits asked for and not yet applied; how many were asked for, and how many the snapshot shows. */
    private final List<WeightEdit> edits = new ArrayList<>();
    private long editsAsked;
    private long editsShown;
    /** When and at which epoch play began, for the pace. */
    private long playNanos;
    private int playEpoch;

    // the driver's own (one turn at a time)
    private long version;
    private long lastRenderNanos;
    private long renderNanos;
    private volatile long lastPolledNanos;

    TrainSession(String id, TrainConfig config, TrainScheduler scheduler, Kernel kernel, long now) {
        this.id = id;
        this.config = config;
        this.data = new TrainData(config);
        this.scheduler = scheduler;
        this.kernel = kernel;
        Model initial = config.architecture(data.all.isClassification())
                .build(List.of("x", "y"), config.encoding(), config.seed(), config.weightInit(), config.biasInit());
        Optimizer optimizer = Optimizer.of(config.optimizer(), config.learningRate()).withWeightDecay(config.l2())
                .withL1(config.l1());
        int batch = config.fullBatch() ? 0 : Math.min(config.batch(), data.train.size());
        TrainSettings settings = new TrainSettings(null, optimizer, MAX_EPOCHS, batch, config.seed(),
                scheduler.trainerThreads, false);
        this.trainer = new Trainer(initial, data.train, data.test, settings);
        this.lastPolledNanos = now;
        synchronized (lock) {
            wake(); // the driver renders the first snapshot
        }
    }

    void play() {
        synchronized (lock) {
            if (!finished && !closed && !playing) {
                playing = true;
                playNanos = System.nanoTime();
                playEpoch = snapshot == null ? 0 : snapshot.epoch;
                wake();
            }
        }
    }

    /** Stops stepping after the epoch under way; the snapshot then shows the last epoch trained. */
    void pause() {
        synchronized (lock) {
            playing = false;
        }
    }

    /** One more epoch, then pause. */
    void step() {
        synchronized (lock) {
            playing = false;
            if (!finished && !closed) {
                steps++;
                wake();
            }
        }
    }

    /**
     * Sets one weight of the network, playing or paused: the driver applies it before its next step and renders
     * a snapshot that shows it, and training goes on from the new value. Returns the edit's number, for
     * {@link #awaitEdit}.
     *
     * @throws BadInputException when training has stopped (diverged, or every epoch trained)
     */
    long setWeight(WeightEdit edit) {
        synchronized (lock) {
            if (finished || closed) {
                throw new BadInputException("training has stopped; reset to edit the weights");
            }
            edits.add(edit);
            wake();
            return ++editsAsked;
        }
    }

    /**
     * Waits (up to {@code timeoutNanos}) until the latest snapshot shows edit number {@code edit}; whether it
     * does.
     */
    boolean awaitEdit(long edit, long timeoutNanos) throws InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (editsShown < edit && !closed && !finished) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(left / 1_000_000 + 1);
            }
            return editsShown >= edit;
        }
    }

    /** Queues a turn of the driver unless one is queued or running. Called holding the lock. */
    private void wake() {
        if (!queued) {
            queued = true;
            submit(0);
        }
    }

    private void submit(long delayNanos) {
        try {
            scheduler.submit(this::drive, delayNanos);
        } catch (RejectedExecutionException e) {
            // the server is closing
            synchronized (lock) {
                queued = false;
                closed = true;
            }
        }
    }

    /**
     * One turn: renders the first snapshot if none is yet, then steps while the page plays or asked for steps, for
     * a slice of time, rendering when due; before going idle (or waiting for the pace) it renders the last epoch.
     */
    private void drive() {
        try {
            turn();
        } catch (RuntimeException e) {
            // a failed render: the session stops where it is and says why
            synchronized (lock) {
                error = "training stopped: " + e;
                finished = true;
                playing = false;
                queued = false;
                trainer.close();
            }
        }
    }

    private void turn() {
        // the first snapshot shows with the state after this turn, unless steps come first
        TrainSnapshot first = snapshotNow() == null ? render(trainer.model()) : null;
        long end = System.nanoTime() + SLICE_NANOS;
        long delay;
        while (true) {
            Next next;
            long wait = 0;
            List<WeightEdit> todo = List.of();
            long asked = 0;
            synchronized (lock) {
                if (closed) {
                    next = Next.CLOSED;
                } else if (!edits.isEmpty() && !finished) {
                    todo = List.copyOf(edits);
                    edits.clear();
                    asked = editsAsked;
                    next = Next.EDIT;
                } else if (finished) {
                    next = Next.IDLE;
                } else if (steps > 0) {
                    steps--;
                    next = Next.STEP;
                } else if (playing) {
                    long due = playNanos + (long) ((trainer.epoch() - playEpoch) * 1e9 / MAX_EPOCHS_PER_SECOND);
                    wait = due - System.nanoTime();
                    next = wait > 0 ? Next.WAIT : Next.STEP;
                } else {
                    next = Next.IDLE;
                }
            }
            if (next == Next.EDIT) {
                // the edited network shows at once, also while paused; the first snapshot is superseded
                first = null;
                for (WeightEdit e : todo) {
                    trainer.setWeight(e.layer(), e.row(), e.column(), e.value());
                }
                TrainSnapshot edited = render(trainer.model());
                synchronized (lock) {
                    snapshot = edited;
                    editsShown = asked;
                    lock.notifyAll();
                }
                continue;
            }
            if (next != Next.STEP) {
                delay = next == Next.WAIT ? wait : -1;
                break;
            }
            if (first != null) {
                publish(first);
                first = null;
            }
            stepOnce();
            long now = System.nanoTime();
            if (now - lastRenderNanos >= Math.max(MIN_SNAPSHOT_NANOS - renderNanos, renderNanos)) {
                publish(render(trainer.model()));
            }
            if (System.nanoTime() >= end) {
                delay = 0;
                break;
            }
        }
        // going idle: the page sees the last epoch trained (while playing, renders keep to their pace above)
        boolean stale = first == null && delay < 0 && !isClosed() && snapshotNow().epoch != trainer.epoch();
        TrainSnapshot fresh = stale ? render(trainer.model()) : first;
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
            if (delay < 0 && !work) {
                queued = false;
                return;
            }
            delay = Math.max(delay, 0); // asked for while this turn ended
        }
        submit(delay);
    }

    private void stepOnce() {
        String failure = null;
        try {
            trainer.step();
        } catch (TrainingDivergedException e) {
            failure = "training diverged at epoch " + e.epoch() + "; lower the learning rate and rewind";
        } catch (RuntimeException e) {
            failure = "training failed: " + e.getMessage();
        }
        if (failure != null || trainer.isFinished()) {
            synchronized (lock) {
                error = failure;
                finished = true;
                playing = false;
                steps = 0;
            }
            trainer.close(); // its pool's threads end; the history and the model stay readable
        }
    }

    private TrainSnapshot render(Model model) {
        long t0 = System.nanoTime();
        TrainSnapshot s = TrainSnapshot.render(data, model, trainer.history(), ++version, kernel,
                scheduler);
        long t1 = System.nanoTime();
        renderNanos = t1 - t0;
        lastRenderNanos = t1;
        return s;
    }

    private void publish(TrainSnapshot s) {
        synchronized (lock) {
            snapshot = s;
            lock.notifyAll();
        }
    }

    /**
     * The latest snapshot, waiting (up to {@code timeoutNanos}) for the first, which the driver renders in its
     * turn; null if it did not come.
     */
    TrainSnapshot awaitSnapshot(long timeoutNanos) throws InterruptedException {
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

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private TrainSnapshot snapshotNow() {
        synchronized (lock) {
            return snapshot;
        }
    }

    /**
     * The page's poll: the session's state and the latest snapshot, or only the state when the page already has
     * {@code have}, the latest version.
     */
    byte[] snapshotJson(long have) {
        synchronized (lock) {
            if (snapshot == null) {
                throw new HttpProblem(503, "the training session is still starting; ask again");
            }
            ObjectNode state = Http.JSON.createObjectNode();
            state.put("session", id);
            // running: the driver has work, so the numbers will still change; playing: the page's play button
            state.put("running", queued && !closed);
            state.put("playing", playing);
            state.put("finished", finished);
            if (error != null) {
                state.put("error", error);
            }
            return snapshot.version == have ? snapshot.unchanged(state) : snapshot.json(state);
        }
    }

    /**
     * How the session trains, for the page's maths: the loss, the output activation, the samples of one update
     * (m), the training set's size and the L1 and L2 rates (0 when off).
     */
    ObjectNode training() {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("loss", trainer.loss().id());
        o.put("outputActivation", dev.nnpaint.ops.TrainedModels.defaultOutputActivation(
                data.all.isClassification(), config.outputs()));
        o.put("batch", trainer.batchSize());
        o.put("trainSamples", data.train.size());
        o.put("l1", config.l1());
        o.put("l2", config.l2());
        return o;
    }

    /** The latest snapshot (null before the first): what the page shows, its model and epoch. */
    TrainSnapshot latest() {
        return snapshotNow();
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
