package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.plot.Chart;
import dev.nnpaint.ops.plot.TrainingPlots;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The decision boundary of a training run as an animation. While training, the model is copied every K epochs
 * (its parameters are small next to a frame, and at most {@link #MAX_FRAMES} are kept); after training the
 * frames are drawn from the copies in parallel and written like any animation. Training itself is not slowed by
 * drawing.
 *
 * <pre>{@code
 * TrainingAnimation anim = TrainingAnimation.of("boundary.gif", epochs, null, 12);
 * trainer.run(h -> anim.epochDone(h, trainer::model));
 * anim.write(m -> m, train, test, threads, bar::update);
 * }</pre>
 */
public final class TrainingAnimation {

    /** Frames kept by default, spread evenly over the epochs. */
    public static final int DEFAULT_FRAMES = 60;
    /** More frames than this make files nobody watches through; the snapshots stay small. */
    public static final int MAX_FRAMES = 500;
    /** A frame is the boundary chart at this size: 640x600 scaled to keep its text readable. */
    static final int WIDTH = 400;
    static final int HEIGHT = 375;
    /** The last frame is held this long before the animation starts again. */
    static final double HOLD_SECONDS = 1.5;

    private final String target;
    private final int every;
    private final int epochs;
    private final AnimationSettings settings;
    private final List<Snapshot> snapshots = new ArrayList<>();

    /** The model after {@code epoch} epochs and its row of the history. */
    private record Snapshot(int epoch, Model model, History.Row row) {
    }

    private TrainingAnimation(String target, int every, int epochs, AnimationSettings settings) {
        this.target = target;
        this.every = every;
        this.epochs = epochs;
        this.settings = settings;
    }

    /**
     * Checks everything before training starts: the output can be written in its format, the interval is
     * positive and the frame count bounded.
     *
     * @param every epochs between frames, or null for about {@link #DEFAULT_FRAMES} frames over the run
     */
    public static TrainingAnimation of(String target, int epochs, Integer every, double fps) {
        if (every != null && every < 1) {
            throw new BadInputException("--animate-every must be at least 1 epoch, got " + every);
        }
        int k = every != null ? every : defaultEvery(epochs);
        int frames = frameEpochs(epochs, k).size();
        if (frames > MAX_FRAMES) {
            throw new BadInputException("--animate-every " + k + " over " + epochs + " epochs makes " + frames
                    + " frames; at most " + MAX_FRAMES + ": take a frame every " + defaultEvery(epochs)
                    + " epochs or more");
        }
        AnimationSettings settings = new AnimationSettings(fps, true, Dither.ORDERED, "nnpaint train --animate");
        AnimationWriter.check(target, WIDTH, HEIGHT, settings);
        return new TrainingAnimation(target, k, epochs, settings);
    }

    /** The interval that gives about {@link #DEFAULT_FRAMES} frames, the first and last epoch included. */
    static int defaultEvery(int epochs) {
        return Math.max(1, (int) Math.ceil(epochs / (DEFAULT_FRAMES - 1.0)));
    }

    /** The epochs that become frames: 0, k, 2k, ... and the last. */
    static List<Integer> frameEpochs(int epochs, int every) {
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < epochs; e += every) {
            out.add(e);
        }
        out.add(epochs);
        return out;
    }

    public int every() {
        return every;
    }

    /** Frames in the file: one per kept epoch, then the last held for {@link #HOLD_SECONDS}. */
    public int frames() {
        return snapshots.size() + holdFrames();
    }

    private int holdFrames() {
        return (int) Math.round(HOLD_SECONDS * settings.fps());
    }

    /** Keeps a copy of the model when the history's last row is a frame's epoch. Call after every epoch. */
    public void epochDone(History history, Supplier<Model> model) {
        int epoch = history.epochs();
        if (epoch % every == 0 || epoch == epochs) {
            snapshots.add(new Snapshot(epoch, model.get(), history.last()));
        }
    }

    /**
     * Draws and writes the frames.
     *
     * @param toDataSpace turns a kept model into one that takes the data's own features (folds in
     *                    standardisation); identity otherwise
     */
    public void write(UnaryOperator<Model> toDataSpace, Dataset train, Dataset test, int threads,
                      AnimationWriter.Progress progress) {
        if (snapshots.isEmpty()) {
            throw new IllegalStateException("no epoch was recorded");
        }
        int last = snapshots.size() - 1;
        AnimationWriter.write(target, WIDTH, HEIGHT, settings, frames(), threads,
                i -> frame(snapshots.get(Math.min(i, last)), toDataSpace, train, test), progress);
    }

    private static byte[] frame(Snapshot s, UnaryOperator<Model> toDataSpace, Dataset train, Dataset test) {
        History.Row row = s.row();
        String title = title(s.epoch(), row, train.isClassification(), test != null);
        Chart chart = TrainingPlots.boundary(toDataSpace.apply(s.model()), train, test, title, WIDTH, HEIGHT);
        return Chart.rgbBytes(chart.render());
    }

    /** Short enough for the frame's width: the epoch and how well the model does then. */
    static String title(int epoch, History.Row row, boolean classification, boolean hasTest) {
        String title = String.format(Locale.ROOT, "epoch %d", epoch);
        if (classification) {
            title += String.format(Locale.ROOT, ": train %.1f%%", 100 * row.trainAccuracy())
                    + (hasTest ? String.format(Locale.ROOT, ", test %.1f%%", 100 * row.testAccuracy()) : "");
        } else {
            title += String.format(Locale.ROOT, ": loss %.4g", row.trainLoss());
        }
        return title;
    }
}
