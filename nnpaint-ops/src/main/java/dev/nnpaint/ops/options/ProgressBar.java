package dev.nnpaint.ops.options;

import dev.nnpaint.ops.Progress;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long work. It draws only when stderr is a terminal, the user did not ask for
 * {@code --quiet}, and the work has already taken a second (short runs stay silent); it redraws at most ten
 * times a second.
 */
public final class ProgressBar implements Progress, AutoCloseable {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final PrintStream out;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(String label, PrintStream out, boolean enabled) {
        this.label = label;
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar labelled {@code label} that draws on a terminal unless {@code quiet}. */
    public static ProgressBar start(String label, boolean quiet) {
        return new ProgressBar(label, System.err, !quiet && System.console() != null);
    }

    @Override
    public void update(long done, long total) {
        update(done, total, "");
    }

    /** Reports progress; {@code extra} (e.g. the current loss) is shown after the bar. */
    @Override
    public void update(long done, long total, String extra) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (now - startNanos < SHOW_AFTER_NANOS || (!finished && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (now - startNanos) / 1e9;
        double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : Double.NaN;
        StringBuilder line = new StringBuilder("\r").append(label).append(" [");
        line.append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
        line.append(String.format("%3d%%  %s elapsed", Math.round(fraction * 100), seconds(elapsed)));
        if (!finished && Double.isFinite(eta)) {
            line.append(", ").append(seconds(eta)).append(" left");
        }
        if (!extra.isEmpty()) {
            line.append("  ").append(extra);
        }
        out.print(line.append("\u001b[K"));
        out.flush();
        drawn = true;
    }

    private static String seconds(double s) {
        return s < 60 ? String.format("%.1fs", s) : String.format("%dm%02ds", (long) s / 60, (long) s % 60);
    }

    /** Ends the bar's line if one was drawn. */
    @Override
    public void close() {
        if (drawn) {
            drawn = false; // closing twice ends the line once
            out.println();
            out.flush();
        }
    }
}
