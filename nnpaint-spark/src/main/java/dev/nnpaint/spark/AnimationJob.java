package dev.nnpaint.spark;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.anim.AnimationFormat;
import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.anim.AnimationSettings;
import dev.nnpaint.ops.anim.AnimationWriter;
import dev.nnpaint.ops.anim.PngFolderEncoder;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * An animation as a Spark job, one frame per item: tasks render frames and write them as the numbered PNGs of
 * {@code nnpaint animate -o DIR/} into a hidden folder next to the target, which the driver renames into place
 * once every frame is there (the folder appears whole or not at all, as on one machine). GIF and MP4 need the
 * frames in order in one process, so they are made from the folder afterwards (for example with ffmpeg).
 */
public final class AnimationJob {

    /** What a run did. */
    public record Summary(int frames, long pixels, int tasks, double seconds) {
    }

    private AnimationJob() {
    }

    /** Fails, before anything runs, unless {@code target} names a folder that may receive the frames. */
    public static void checkTarget(String target, Recipe base) {
        AnimationFormat format = AnimationFormat.of(target);
        if (format != AnimationFormat.PNG_FOLDER) {
            throw new BadInputException("the Spark animate job writes a folder of numbered PNG frames, not '" + target
                    + "': give a folder (ending in /) and make a GIF or MP4 from it afterwards, e.g. with ffmpeg");
        }
        AnimationWriter.check(target, base.width(), base.height(), AnimationSettings.of(24));
    }

    public static Summary run(JavaSparkContext spark, String target, AnimationPlan plan, String kernel,
                              int partitions, TaskFault fault) {
        long start = System.nanoTime();
        Kernels.byName(kernel);
        Recipe base = plan.base();
        checkTarget(target, base);
        Path absolute = Path.of(target).toAbsolutePath();
        Path pending = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        FramePlan shipped = FramePlan.of(plan);
        int frames = plan.frames();
        List<Integer> indexes = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            indexes.add(i);
        }
        List<List<Integer>> groups = TaskFiles.deal(indexes, partitions);
        boolean done = false;
        try {
            Files.createDirectory(pending);
            String pendingPath = pending.toString();
            long pixels = spark.parallelize(groups, groups.size())
                    .map(group -> paint(pendingPath, shipped, kernel, group, fault))
                    .reduce(Long::sum);
            try (Stream<Path> written = Files.list(pending)) {
                long count = written.count();
                if (count != frames) {
                    throw new IllegalStateException(count + " files for " + frames + " frames in " + pending);
                }
            }
            if (Files.isDirectory(absolute)) {
                deleteTree(absolute); // only frames of an earlier animation (checked above)
            }
            Files.move(pending, absolute);
            done = true;
            return new Summary(frames, pixels, groups.size(), (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new BadInputException("cannot write frames into '" + target + "': " + AtomicOutput.reason(e));
        } finally {
            if (!done) {
                deleteTree(pending);
            }
        }
    }

    /** One task: renders its frames and writes each as the single-machine command would. */
    private static long paint(String folder, FramePlan shipped, String kernelName, List<Integer> frames,
                              TaskFault fault) throws IOException {
        AnimationPlan plan = shipped.plan();
        Kernel kernel = Kernels.byName(kernelName);
        Recipe base = plan.base();
        long pixels = 0;
        for (int k = 0; k < frames.size(); k++) {
            int i = frames.get(k);
            byte[] png = PngFolderEncoder.png(base.width(), base.height(), plan.render(i, kernel),
                    AnimateOperation.frameText(plan, i));
            TaskFiles.write(Path.of(folder, PngFolderEncoder.fileName(i, plan.frames())), png, fault, k);
            pixels += (long) base.width() * base.height();
        }
        return pixels;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
