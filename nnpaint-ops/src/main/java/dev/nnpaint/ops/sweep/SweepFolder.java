package dev.nnpaint.ops.sweep;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.PaintingPng;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The folder a sweep writes: one PNG per entry, {@code DIR/NAME.png}, and {@code DIR/index.html} showing them.
 * Every file appears atomically, so a sweep that is stopped (or a task that is retried) leaves whole images only,
 * and painting an entry twice writes the same bytes.
 */
public final class SweepFolder {

    public static final String INDEX = "index.html";

    private final Path dir;

    private SweepFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the folder (and its parents) or checks that the existing one is writable, and removes temporary
     * files a killed run left behind; a path that is a file or cannot be written is a BadInputException.
     */
    public static SweepFolder prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("cannot write to '" + dir + "': it is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot create folder '" + dir + "': " + AtomicOutput.reason(e), e);
        }
        AtomicOutput.checkWritable(dir.resolve(INDEX));
        removeStaleTemporaries(dir);
        return new SweepFolder(dir);
    }

    /** For workers: the folder the driver prepared, without checks. */
    public static SweepFolder existing(Path dir) {
        return new SweepFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    /** DIR/NAME.png. */
    public Path imageOf(SweepEntry e) {
        if (!SweepList.safeName(e.name())) {
            throw new IllegalArgumentException("not a safe file name: " + e.name());
        }
        return dir.resolve(e.name() + ".png");
    }

    public Path index() {
        return dir.resolve(INDEX);
    }

    /**
     * Renders one entry and writes its PNG atomically, byte-identical to `nnpaint render` of that recipe
     * (same PNG writer, same metadata text, same colour type). Catches BadInputException (and a broken entry)
     * into the result's problem; other exceptions propagate. threads = render threads for this entry.
     */
    public SweepResult render(SweepEntry e, Kernel kernel, int threads) {
        return render(e, kernel, threads, Renderer.Progress.NONE);
    }

    /** As {@link #render(SweepEntry, Kernel, int)}, telling {@code progress} how many of the entry's pixels are done. */
    public SweepResult render(SweepEntry e, Kernel kernel, int threads, Renderer.Progress progress) {
        if (e.broken()) {
            return new SweepResult(e, e.problem(), 0);
        }
        long start = System.nanoTime();
        try {
            Recipe r = SweepList.recipeOf(e);
            // What `nnpaint render` does for a recipe without a model file.
            PaintingPng.write(imageOf(e), PaintingPng.ofRecipe(r), kernel, threads, progress);
        } catch (BadInputException problem) {
            return new SweepResult(e, problem.getMessage().replaceAll("\\s+", " ").trim(), seconds(start));
        }
        return new SweepResult(e, null, seconds(start));
    }

    /**
     * Writes DIR/index.html (atomic): a grid of the images with name and the recipe fields that differ between
     * entries, and the broken entries listed with their problem. Results in entry order.
     */
    public void writeIndex(List<SweepResult> results) {
        List<SweepResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> r.entry().index()));
        AtomicOutput.writeString(index(), SweepIndex.html(ordered));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** AtomicOutput's temporary files are hidden ({@code .NAME.tmp-HEX}); a killed run can leave them. */
    private static void removeStaleTemporaries(Path dir) {
        try {
            AtomicOutput.removeTemporaries(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot clean folder '" + dir + "': " + AtomicOutput.reason(e), e);
        }
    }
}
