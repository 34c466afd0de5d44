package dev.nnpaint.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.anim.AnimationFormat;
import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.anim.PngFolderEncoder;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An animation as a Spark job, frames as items: tasks render frames and write them as the numbered PNGs of
 * {@code nnpaint animate -o DIR/}. Where rename is atomic they go into a hidden folder beside the target,
 * {@code .NAME.pending}, renamed into place once every frame is there (the folder appears whole or not at all, as
 * on one machine). Elsewhere (object stores, any file system whose rename copies) a folder could be seen
 * half-moved, so the frames go into the target itself and {@code _SUCCESS}, written last, says the animation is
 * complete. The folder of unfinished frames records which animation it holds, so a run that was stopped is
 * resumed by running the same command again: the finished frames are kept and the rest painted. GIF and MP4 need
 * the frames in order in one process, so they are made from the folder afterwards (for example with ffmpeg).
 */
public final class AnimationJob {

    /** Frames per task at most: a frame is a whole picture, worth a task of its own or nearly. */
    public static final int FRAMES_PER_TASK = 4;
    /** Which animation a pending folder holds (the plan, as shipped to the executors), removed at the end. */
    static final String PLAN = "_nnpaint_animation.json";
    /** The completion marker where frames are written into the target itself (Hadoop's name for it). */
    public static final String COMPLETE = "_SUCCESS";

    private static final Pattern FRAME = Pattern.compile("frame-[0-9]+\\.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did. */
    public record Summary(int frames, int framesKept, long pixels, int tasks, double seconds) {
    }

    private AnimationJob() {
    }

    /** Fails, before anything runs, unless {@code target} names a folder that may receive the frames. */
    public static void checkTarget(String target, OutputFolder folder) {
        if (AnimationFormat.of(target) != AnimationFormat.PNG_FOLDER) {
            throw new BadInputException("the Spark animate job writes a folder of numbered PNG frames, not '" + target
                    + "': give a folder (ending in /) and make a GIF or MP4 from it afterwards, e.g. with ffmpeg");
        }
        if (folder.exists("") && !folder.isFolder("")) {
            throw new BadInputException("cannot write frames into '" + target + "': it is a file");
        }
        for (String name : folder.entries("")) {
            if (!FRAME.matcher(name).matches() && !name.equals(JobSummary.FILE) && !name.equals(PLAN)
                    && !name.equals(COMPLETE) && !OutputFolder.isTemporary(name)) {
                throw new BadInputException("cannot write frames into '" + target + "': it holds '" + name
                        + "', which is not a frame; give a new or empty folder");
            }
        }
    }

    /**
     * The folder the frames are written to until all are there: {@code .NAME.pending} beside the target where a
     * folder can be renamed into place atomically, else the target itself. A failed job's summary is there too.
     */
    public static OutputFolder workFolder(OutputFolder target) {
        return target.atomicRename() ? target.sibling("." + target.name() + ".pending") : target;
    }

    /**
     * Paints the frames of {@code plan} that an earlier run of the same animation did not finish. A job that fails
     * leaves no complete-looking target but a summary saying so in {@link #workFolder}, and throws
     * {@link JobFailedException}; the frames it finished are kept for the next run.
     *
     * @param partitions the number of tasks, or null for the default for the frames that remain
     */
    public static Summary run(JavaSparkContext spark, OutputFolder target, AnimationPlan plan, String kernel,
                              Integer partitions, TaskFault fault) {
        long start = System.nanoTime();
        Kernels.byName(kernel);
        checkTarget(target.uri() + "/", target);
        OutputFolder pending = workFolder(target);
        if (pending == target) {
            // The marker first: from here on the folder is not a complete animation.
            pending.delete(COMPLETE, false);
        }
        try {
            return paintMissing(spark, target, pending, plan, kernel, partitions, fault, start);
        } catch (Exception e) { // Spark's SparkException is checked, and thrown undeclared
            throw JobFailedException.record("animate", pending, e, () -> new JobFailedException.Finished(
                    frameCount(pending.files(""), plan.frames()), plan.frames(), "frames"));
        }
    }

    private static Summary paintMissing(JavaSparkContext spark, OutputFolder target, OutputFolder pending,
                                        AnimationPlan plan, String kernel, Integer partitions, TaskFault fault,
                                        long start) {
        FramePlan shipped = FramePlan.of(plan);
        String identity = identity(shipped);
        removeOrphans(target);
        if (!identity.equals(pending.readString(PLAN))) {
            // Another animation's frames, or a finished one's: nothing to resume.
            if (pending != target) {
                pending.delete("", true);
            } else {
                for (String name : pending.entries("")) {
                    pending.delete(name, false);
                }
            }
        }
        pending.mkdirs("", "the frames' folder");
        pending.delete(JobSummary.FILE, false); // an earlier run's outcome, not this one's
        pending.removeTemporaries("");
        pending.writeString(PLAN, identity);

        int frames = plan.frames();
        Set<String> present = pending.files("");
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            if (!present.contains(PngFolderEncoder.fileName(i, frames))) {
                todo.add(i);
            }
        }
        long pixels = 0;
        int tasks = 0;
        if (!todo.isEmpty()) {
            List<List<Integer>> groups = TaskFiles.deal(todo, Sparks.tasks(spark, partitions, todo.size(),
                    FRAMES_PER_TASK));
            tasks = groups.size();
            pixels = spark.parallelize(groups, groups.size())
                    .map(group -> paint(pending, shipped, kernel, group, fault))
                    .reduce(Long::sum);
        }
        // Only whole frames count: a failed or abandoned attempt can have left a temporary file, which goes first.
        pending.removeTemporaries("");
        int count = frameCount(pending.files(""), frames);
        if (count != frames) {
            throw new IllegalStateException(count + " of " + frames + " frames are in " + pending
                    + " after the job");
        }
        pending.delete(PLAN, false);
        if (pending != target) {
            if (target.exists("")) {
                target.delete("", true); // only frames of an earlier animation (checked above)
            }
            pending.moveTo(target);
        } else {
            target.writeString(COMPLETE, "");
        }
        return new Summary(frames, frames - todo.size(), pixels, tasks, (System.nanoTime() - start) / 1e9);
    }

    private static int frameCount(Set<String> files, int frames) {
        int count = 0;
        for (int i = 0; i < frames; i++) {
            count += files.contains(PngFolderEncoder.fileName(i, frames)) ? 1 : 0;
        }
        return count;
    }

    /** The summary line of the command, and the summary file: in the finished folder, last. */
    public static String finish(OutputFolder target, Recipe base, Summary s) {
        String line = String.format("wrote %s/ (%d frames of %dx%d%s in %d tasks, %.1f Mpixel/s, %.2f s)", target,
                s.frames(), base.width(), base.height(), s.framesKept() > 0 ? ", " + s.framesKept() + " kept" : "",
                s.tasks(), s.pixels() / 1e6 / Math.max(s.seconds(), 1e-9), s.seconds());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("frames", s.frames());
        counts.put("framesKept", s.framesKept());
        counts.put("tasks", s.tasks());
        counts.put("pixels", s.pixels());
        counts.put("seconds", s.seconds());
        JobSummary.completed("animate", 0, line, counts).writeTo(target);
        return line;
    }

    /** The hidden folders {@code .NAME.tmp-HEX} that earlier versions of this job left when their driver died. */
    private static void removeOrphans(OutputFolder target) {
        OutputFolder parent = target.parent();
        Pattern orphan = Pattern.compile(Pattern.quote("." + target.name() + ".tmp-") + "[0-9a-f]+");
        for (String name : parent.entries("")) {
            if (orphan.matcher(name).matches() && parent.isFolder(name)) {
                parent.delete(name, true);
            }
        }
    }

    static String identity(FramePlan plan) {
        try {
            return JSON.writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One task: renders its frames and writes each as the single-machine command would. */
    private static long paint(OutputFolder folder, FramePlan shipped, String kernelName, List<Integer> frames,
                              TaskFault fault) throws IOException {
        AnimationPlan plan = shipped.plan();
        Kernel kernel = Kernels.byName(kernelName);
        Recipe base = plan.base();
        Set<String> done = new HashSet<>(folder.files(""));
        long pixels = 0;
        for (int k = 0; k < frames.size(); k++) {
            int i = frames.get(k);
            String name = PngFolderEncoder.fileName(i, plan.frames());
            if (!done.contains(name)) { // a retried task keeps what its earlier attempt finished
                byte[] png = PngFolderEncoder.png(base.width(), base.height(), plan.render(i, kernel),
                        AnimateOperation.frameText(plan, i));
                TaskFiles.write(folder, name, png, fault, k);
            }
            pixels += (long) base.width() * base.height();
        }
        return pixels;
    }
}
