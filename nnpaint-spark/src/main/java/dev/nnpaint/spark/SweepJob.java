package dev.nnpaint.spark;

import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepFolder;
import dev.nnpaint.ops.sweep.SweepResult;
import dev.nnpaint.kernel.Kernels;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recipe sweep as a Spark job, one entry per item: tasks paint entries into the folder (each image the one
 * {@code nnpaint render} paints of its recipe, written atomically), the driver collects what happened to each and
 * writes the index. A broken entry is reported in its result and the others still paint.
 */
public final class SweepJob {

    private SweepJob() {
    }

    /** Paints {@code entries} into {@code dir} and writes its index; the results come back in entry order. */
    public static List<SweepResult> run(JavaSparkContext spark, Path dir, List<SweepEntry> entries, String kernel,
                                        int partitions) {
        Kernels.byName(kernel);
        SweepFolder folder = SweepFolder.prepare(dir);
        List<SweepResult> results = new ArrayList<>(entries.size());
        if (!entries.isEmpty()) {
            List<List<SweepEntry>> groups = TaskFiles.deal(entries, partitions);
            String folderPath = dir.toAbsolutePath().toString();
            for (List<SweepResult> part : spark.parallelize(groups, groups.size())
                    .map(group -> paint(folderPath, kernel, group)).collect()) {
                results.addAll(part);
            }
        }
        results.sort((a, b) -> Integer.compare(a.entry().index(), b.entry().index()));
        folder.writeIndex(results);
        return results;
    }

    /** One task: its entries, one after another, each on this task's one thread. */
    private static List<SweepResult> paint(String dir, String kernel, List<SweepEntry> entries) {
        SweepFolder folder = SweepFolder.existing(Path.of(dir));
        List<SweepResult> results = new ArrayList<>(entries.size());
        for (SweepEntry e : entries) {
            results.add(folder.render(e, Kernels.byName(kernel), 1));
        }
        return results;
    }
}
