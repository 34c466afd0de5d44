package dev.nnpaint.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepFolder;
import dev.nnpaint.ops.sweep.SweepResult;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A recipe sweep as a Spark job, one entry per item, into the folder of {@code nnpaint sweep} on any Hadoop file
 * system: tasks paint entries (each image the one {@code nnpaint render} paints of its recipe, made by the same
 * code in a scratch folder and copied whole), the driver collects what happened to each and writes the index,
 * then the summary. A broken entry is reported in its result and the others still paint.
 *
 * <p>Runs resume: {@code _nnpaint_sweep.json}, written before any painting, records the recipe of every image
 * name, and an image is kept by a later run of a list that gives its name the same recipe.
 */
public final class SweepJob {

    /** Which recipe each image name was painted from. */
    static final String RECIPES = "_nnpaint_sweep.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run did: the results in entry order. */
    public record Summary(List<SweepResult> results, int kept, int tasks, double seconds) {
    }

    private SweepJob() {
    }

    /** Creates the folder or checks it can be used, and removes what killed tasks left; fails before any work. */
    public static void prepare(OutputFolder folder) {
        if (folder.exists("") && !folder.isFolder("")) {
            throw new BadInputException("cannot write to '" + folder + "': it is a file, not a folder");
        }
        folder.mkdirs("", "folder");
        folder.removeTemporaries("");
    }

    /**
     * Paints {@code entries} into {@code folder} (keeping the images of an earlier run) and writes its index. A job
     * that fails writes no index but a summary saying so, and throws {@link JobFailedException}; the images it
     * finished are kept for the next run.
     */
    public static Summary run(JavaSparkContext spark, OutputFolder folder, List<SweepEntry> entries, String kernel,
                              Integer partitions, TaskFault fault) {
        long start = System.nanoTime();
        Kernels.byName(kernel);
        prepare(folder);
        try {
            return paintMissing(spark, folder, entries, kernel, partitions, fault, start);
        } catch (Exception e) { // Spark's SparkException is checked, and thrown undeclared
            throw JobFailedException.record("sweep", folder, e, () -> {
                Set<String> files = folder.files("");
                long good = entries.stream().filter(x -> !x.broken()).count();
                long done = entries.stream().filter(x -> !x.broken() && files.contains(x.name() + ".png")).count();
                return new JobFailedException.Finished(done, good, "images");
            });
        }
    }

    private static Summary paintMissing(JavaSparkContext spark, OutputFolder folder, List<SweepEntry> entries,
                                        String kernel, Integer partitions, TaskFault fault, long start) {
        // The index first: from here on the folder is not a finished sweep.
        folder.delete(SweepFolder.INDEX, false);
        folder.delete(JobSummary.FILE, false);
        Map<String, String> painted = recipes(folder);
        Set<String> files = folder.files("");
        Map<String, String> planned = new TreeMap<>();
        List<SweepResult> results = new ArrayList<>(entries.size());
        List<SweepEntry> todo = new ArrayList<>();
        for (SweepEntry e : entries) {
            String image = e.name() + ".png";
            if (!e.broken() && e.recipeJson().equals(painted.get(e.name())) && files.contains(image)) {
                results.add(new SweepResult(e, null, 0));
            } else {
                if (!e.broken() && files.contains(image)) {
                    folder.delete(image, false); // another recipe's (or nobody knows whose): painted again below
                }
                todo.add(e);
            }
            if (!e.broken()) {
                planned.put(e.name(), e.recipeJson());
            }
        }
        // Names of images painted before that this list does not give are still what the old record says.
        painted.forEach(planned::putIfAbsent);
        folder.writeString(RECIPES, json(planned));
        int tasks = 0;
        if (!todo.isEmpty()) {
            List<List<SweepEntry>> groups = TaskFiles.deal(todo, Sparks.tasks(spark, partitions, todo.size(), 1));
            tasks = groups.size();
            for (List<SweepResult> part : spark.parallelize(groups, groups.size())
                    .map(group -> paint(folder, kernel, group, fault)).collect()) {
                results.addAll(part);
            }
        }
        results.sort(Comparator.comparingInt(r -> r.entry().index()));
        folder.removeTemporaries("");
        Set<String> written = folder.files("");
        for (SweepResult r : results) {
            if (r.written() && !written.contains(r.entry().name() + ".png")) {
                throw new IllegalStateException(r.entry().name() + ".png is missing after the job");
            }
        }
        folder.write(SweepFolder.INDEX, out -> out.write(index(results)));
        return new Summary(results, entries.size() - todo.size(), tasks, (System.nanoTime() - start) / 1e9);
    }

    /** The summary line of the command, and the summary file, written last. */
    public static String finish(OutputFolder folder, Summary s, String kernel, int exitCode) {
        long images = s.results().stream().filter(SweepResult::written).count();
        String line = String.format("wrote %d images%s and %s/%s (%.2f s, %s kernel)", images,
                s.kept() > 0 ? " (" + s.kept() + " kept)" : "", folder, SweepFolder.INDEX, s.seconds(), kernel);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("images", images);
        counts.put("kept", s.kept());
        counts.put("broken", s.results().size() - images);
        counts.put("tasks", s.tasks());
        counts.put("seconds", s.seconds());
        JobSummary.completed("sweep", exitCode, line, counts).writeTo(folder);
        return line;
    }

    private static Map<String, String> recipes(OutputFolder folder) {
        String text = folder.readString(RECIPES);
        if (text == null) {
            return new TreeMap<>();
        }
        try {
            Map<String, Object> root = JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
            Map<String, String> recipes = new TreeMap<>();
            if (root.get("images") instanceof Map<?, ?> images) {
                images.forEach((k, v) -> recipes.put(String.valueOf(k), String.valueOf(v)));
            }
            return recipes;
        } catch (JsonProcessingException e) {
            return new TreeMap<>(); // not ours, or damaged: nothing is kept
        }
    }

    private static String json(Map<String, String> recipes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "nnpaint.spark-sweep/1");
        root.put("images", recipes);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** The index page as {@code nnpaint sweep} writes it (made in a scratch folder by the same code). */
    private static byte[] index(List<SweepResult> results) {
        Path scratch = scratch();
        try {
            SweepFolder local = SweepFolder.existing(scratch);
            local.writeIndex(results);
            return Files.readAllBytes(local.index());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * One task: its entries one after another, each on this task's one thread. Each image is painted by the
     * single-machine code into a scratch folder on the executor, then copied whole into the output folder.
     */
    private static List<SweepResult> paint(OutputFolder folder, String kernel, List<SweepEntry> entries,
                                           TaskFault fault)
            throws IOException {
        Path scratch = scratch();
        try {
            SweepFolder local = SweepFolder.existing(scratch);
            List<SweepResult> results = new ArrayList<>(entries.size());
            for (int k = 0; k < entries.size(); k++) {
                SweepEntry e = entries.get(k);
                SweepResult r = local.render(e, Kernels.byName(kernel), 1);
                if (r.written()) {
                    Path image = local.imageOf(e);
                    TaskFiles.write(folder, image.getFileName().toString(), Files.readAllBytes(image),
                            fault, k);
                    Files.delete(image);
                }
                results.add(r);
            }
            return results;
        } finally {
            deleteTree(scratch);
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("nnpaint-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch folder left in the temporary directory costs nothing
        }
    }
}
