package dev.nnpaint.spark;

import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.ops.poster.TileKey;
import dev.nnpaint.kernel.Kernels;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A deep-zoom poster as a Spark job: the driver prepares the folder (so a run resumes where an earlier one
 * stopped), deals the missing tiles out to tasks, and writes the descriptor once they are all there. Each task
 * paints its tiles with {@link PosterTiles} and writes them atomically into the same folder, which on a cluster
 * must be shared storage mounted at the same path everywhere. The files are those of {@code nnpaint poster}.
 */
public final class PosterJob {

    /** What a run did. */
    public record Summary(int tilesPainted, int tilesKept, long pixels, int tasks, double seconds) {
    }

    private PosterJob() {
    }

    /**
     * Paints the tiles {@code dir} lacks in {@code partitions} tasks (at most one per tile).
     *
     * @param kernel the kernel's name ({@link Kernels#byName}), looked up again on each executor
     */
    public static Summary run(JavaSparkContext spark, Path dir, PosterSpec spec, String kernel, int partitions,
                              TaskFault fault) {
        long start = System.nanoTime();
        Kernels.byName(kernel); // an unknown name fails here, not in every task
        PosterFolder folder = PosterFolder.prepare(dir, spec);
        List<TileKey> todo = folder.missing();
        int kept = Math.toIntExact(folder.layout().tileCount() - todo.size());
        long pixels = 0;
        int tasks = 0;
        if (!todo.isEmpty()) {
            List<List<TileKey>> groups = TaskFiles.deal(todo, partitions);
            tasks = groups.size();
            String folderPath = dir.toAbsolutePath().toString();
            pixels = spark.parallelize(groups, groups.size())
                    .map(tiles -> paint(folderPath, spec, kernel, tiles, fault))
                    .reduce(Long::sum);
        }
        folder.finish();
        return new Summary(todo.size(), kept, pixels, tasks, (System.nanoTime() - start) / 1e9);
    }

    /** One task: paints and writes its tiles, skipping those an earlier attempt already wrote whole. */
    private static long paint(String dir, PosterSpec spec, String kernel, List<TileKey> tiles, TaskFault fault) {
        PosterTiles painter = new PosterTiles(spec, Kernels.byName(kernel));
        PosterFolder folder = PosterFolder.existing(Path.of(dir), spec);
        DziLayout layout = painter.layout();
        long pixels = 0;
        for (int i = 0; i < tiles.size(); i++) {
            TileKey t = tiles.get(i);
            Path file = folder.tile(t);
            if (!Files.exists(file)) {
                TaskFiles.write(file, painter.png(t), fault, i);
            }
            pixels += layout.region(t).pixels();
        }
        return pixels;
    }
}
