package dev.nnpaint.spark;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.ops.poster.TileKey;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deep-zoom poster as a Spark job, in the layout of {@code nnpaint poster} ({@link PosterFolder}) on any Hadoop
 * file system: the driver prepares the folder (so a run resumes where an earlier one stopped: finished tiles are
 * kept, the temporary files of killed tasks removed), deals the missing tiles out to tasks, and once every tile is
 * there and no temporary file is left writes the descriptor, then the summary. The files are those of
 * {@code nnpaint poster}, byte for byte.
 */
public final class PosterJob {

    /** Tiles are quick (a few ms each): batches of them keep the per-task cost of Spark small. */
    public static final int TILES_PER_TASK = 32;

    /**
     * What a run did.
     *
     * @param executorWait the seconds spent waiting for executors to register before dealing the tiles
     * @param timing       how long the tasks took on each executor, for the cost of warming a new JVM
     */
    public record Summary(int tilesPainted, int tilesKept, long pixels, int tasks, double seconds,
                          double executorWait, TaskTimes timing) {
    }

    private PosterJob() {
    }

    /**
     * Makes {@code folder} ready for the poster: creates it and its level folders, or checks that it holds this
     * very poster; writes {@code poster.json}; removes what killed tasks left. Fails with a BadInputException,
     * before any painting, when the folder cannot be used.
     */
    public static void prepare(OutputFolder folder, PosterSpec spec, OutputFormat format) {
        if (folder.exists("") && !folder.isFolder("")) {
            throw new BadInputException("cannot write the poster to '" + folder + "': it is a file, not a folder");
        }
        String existing = folder.readString(PosterFolder.MANIFEST);
        if (existing != null) {
            if (!spec.sameAs(existing, folder + "/" + PosterFolder.MANIFEST, format)) {
                throw new BadInputException("'" + folder + "' holds another poster (its " + PosterFolder.MANIFEST
                        + " has another recipe, model, tile layout, depth or dpi); choose a new folder, or remove that "
                        + "one first");
            }
        } else if (!folder.entries("").isEmpty()) {
            throw new BadInputException("'" + folder + "' is not empty and holds no poster; choose a new or empty "
                    + "folder");
        }
        folder.mkdirs("", "the poster folder");
        if (existing == null) {
            writeOrExplain(folder, PosterFolder.MANIFEST, spec.manifest(format));
        }
        DziLayout layout = spec.layout();
        for (int level = 0; level <= layout.maxLevel(); level++) {
            folder.mkdirs(levelDir(level), "the poster's tiles folder");
            folder.removeTemporaries(levelDir(level));
        }
    }

    /** Paints the 8-bit tiles {@code folder} lacks and writes the descriptor (see the full form). */
    public static Summary run(JavaSparkContext spark, OutputFolder folder, PosterSpec spec, String kernel,
                              Integer partitions, TaskFault fault) {
        return run(spark, folder, spec, OutputFormat.DEFAULT, kernel, partitions, fault);
    }

    /**
     * Paints the tiles {@code folder} lacks and writes the descriptor. A job that fails (tasks failing too often,
     * the file system) writes no descriptor but a summary saying so, and throws {@link JobFailedException}; the
     * tiles it finished are kept for the next run.
     *
     * @param format     the tiles' depth (8 or 16 bits a channel), as {@code nnpaint poster --depth} writes them
     * @param kernel     the kernel's name ({@link Kernels#byName}), looked up again on each executor
     * @param partitions the number of tasks, or null for the default for the tiles that remain
     */
    public static Summary run(JavaSparkContext spark, OutputFolder folder, PosterSpec spec, OutputFormat format,
                              String kernel, Integer partitions, TaskFault fault) {
        long start = System.nanoTime();
        Kernels.byName(kernel); // an unknown name fails here, not in every task
        prepare(folder, spec, format);
        DziLayout layout = spec.layout();
        try {
            folder.delete(JobSummary.FILE, false); // an earlier run's outcome, not this one's
            return paintMissing(spark, folder, spec, format, kernel, partitions, fault, start);
        } catch (Exception e) { // Spark's SparkException is checked, and thrown undeclared
            throw JobFailedException.record("poster", folder, e, () -> new JobFailedException.Finished(
                    layout.tileCount() - missing(folder, layout).size(), layout.tileCount(), "tiles"));
        }
    }

    private static Summary paintMissing(JavaSparkContext spark, OutputFolder folder, PosterSpec spec,
                                        OutputFormat format, String kernel, Integer partitions, TaskFault fault,
                                        long start) {
        DziLayout layout = spec.layout();
        List<TileKey> todo = missing(folder, layout);
        int kept = Math.toIntExact(layout.tileCount() - todo.size());
        long pixels = 0;
        int tasks = 0;
        long waitStart = System.nanoTime();
        TaskTimes timing = TaskTimes.of(List.of());
        double executorWait = 0;
        if (!todo.isEmpty()) {
            int count = Sparks.tasks(spark, partitions, todo.size(), TILES_PER_TASK);
            executorWait = (System.nanoTime() - waitStart) / 1e9;
            List<List<TileKey>> groups = TaskFiles.deal(todo, count);
            tasks = groups.size();
            int depth = format.depth(); // OutputFormat is not serializable: its fields are
            double dpi = format.dpi();
            timing = TaskTimes.of(spark.parallelize(groups, groups.size())
                    .map(tiles -> TaskTimes.Task.time(() -> paint(folder, spec, new OutputFormat(depth, dpi), kernel,
                            tiles, fault)))
                    .collect());
            pixels = timing.pixels();
        }
        // A task attempt that failed, or that Spark gave up on, can have left a temporary tile: the descriptor says
        // the poster is complete, so it comes only after they are gone and every tile is there.
        for (int level = 0; level <= layout.maxLevel(); level++) {
            folder.removeTemporaries(levelDir(level));
        }
        List<TileKey> stillMissing = missing(folder, layout);
        if (!stillMissing.isEmpty()) {
            throw new IllegalStateException(stillMissing.size() + " tiles are missing after the job, the first "
                    + stillMissing.get(0));
        }
        folder.writeString(PosterFolder.DESCRIPTOR, layout.descriptor());
        return new Summary(todo.size(), kept, pixels, tasks, (System.nanoTime() - start) / 1e9, executorWait,
                timing);
    }

    /** The summary line of the command, and the summary file written after the descriptor. */
    public static String finish(OutputFolder folder, PosterSpec spec, Summary s) {
        DziLayout layout = spec.layout();
        String line = String.format("wrote %s/%s (%dx%d, %d levels, %d tiles painted%s in %d tasks, %.1f Mpixel/s, "
                        + "%.1f s)", folder, PosterFolder.DESCRIPTOR, layout.width(), layout.height(),
                layout.maxLevel() + 1, s.tilesPainted(), s.tilesKept() > 0 ? ", " + s.tilesKept() + " kept" : "",
                s.tasks(), s.pixels() / 1e6 / Math.max(s.seconds(), 1e-9), s.seconds());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("tilesPainted", s.tilesPainted());
        counts.put("tilesKept", s.tilesKept());
        counts.put("tasks", s.tasks());
        counts.put("pixels", s.pixels());
        counts.put("seconds", s.seconds());
        counts.put("executorWaitSeconds", s.executorWait());
        counts.put("executors", s.timing().executors());
        counts.put("steadyMpixelPerSecondPerTask", s.timing().steadyRate() / 1e6);
        counts.put("warmUpSeconds", s.timing().warmUpSeconds());
        JobSummary.completed("poster", 0, line, counts).writeTo(folder);
        return line;
    }

    /** The tiles not yet written whole, in the layout's order (coarsest level first). */
    static List<TileKey> missing(OutputFolder folder, DziLayout layout) {
        List<TileKey> missing = new ArrayList<>();
        int level = -1;
        Set<String> present = Set.of();
        for (TileKey t : layout.tiles()) {
            if (t.level() != level) {
                level = t.level();
                present = folder.files(levelDir(level));
            }
            if (!present.contains(t.column() + "_" + t.row() + ".png")) {
                missing.add(t);
            }
        }
        return missing;
    }

    private static String levelDir(int level) {
        return PosterFolder.TILES + "/" + level;
    }

    private static void writeOrExplain(OutputFolder folder, String name, String text) {
        try {
            folder.writeString(name, text);
        } catch (RuntimeException e) {
            throw new BadInputException("cannot write '" + folder + "/" + name + "': " + e.getMessage());
        }
    }

    /** One task: paints and writes its tiles, skipping those an earlier attempt already wrote whole. */
    private static long paint(OutputFolder folder, PosterSpec spec, OutputFormat format, String kernel,
                              List<TileKey> tiles, TaskFault fault) {
        PosterTiles painter = new PosterTiles(spec, Kernels.byName(kernel), format);
        DziLayout layout = painter.layout();
        long pixels = 0;
        for (int i = 0; i < tiles.size(); i++) {
            TileKey t = tiles.get(i);
            String file = PosterFolder.TILES + "/" + t.relativePath();
            if (!folder.exists(file)) {
                TaskFiles.write(folder, file, painter.png(t), fault, i);
            }
            pixels += layout.region(t).pixels();
        }
        return pixels;
    }
}
