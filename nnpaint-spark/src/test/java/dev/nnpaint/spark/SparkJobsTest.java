package dev.nnpaint.spark;

import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepList;
import dev.nnpaint.ops.sweep.SweepResult;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.Execution;
import dev.nnpaint.ops.PosterOperation;
import dev.nnpaint.ops.Progress;
import dev.nnpaint.ops.RenderOperation;
import dev.nnpaint.ops.SweepOperation;
import dev.nnpaint.ops.options.AnimateOptions;
import dev.nnpaint.ops.options.PosterOptions;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterRenderer;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Renderer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jobs on an embedded Spark with two task threads, writing to the local file system (the subclass runs the
 * same tests on HDFS). The master is local[2,2]: in local mode Spark tries a failed task again only when the
 * master names a number of attempts (here two), which the retry tests need.
 */
class SparkJobsTest {

    static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = Sparks.start("local[2,2]", "nnpaint tests");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final String KERNEL = Kernels.fastest().name();

    /** What {@code nnpaint poster OPTIONS -o OUT} writes, by the same operation on one machine. */
    static Path singleMachinePoster(Path out, String... options) {
        PosterOperation.run(posterOptions(with(options, "-o", out.toString())).request(), Progress.NONE);
        return out;
    }

    static PosterOptions posterOptions(String... args) {
        PosterOptions parsed = new PosterOptions();
        new CommandLine(parsed).parseArgs(args);
        return parsed;
    }

    /** What {@code nnpaint animate OPTIONS -o OUT/} writes. */
    static Path singleMachineAnimation(Path out, String... options) {
        AnimateOperation.run(animateOptions(with(options, "-o", out + "/")).request(), Progress.NONE);
        return out;
    }

    /** What {@code nnpaint sweep LIST -o OUT} writes; its exit code. */
    static int singleMachineSweep(Path list, Path out) {
        SweepOperation.Result r = SweepOperation.run(new SweepOperation.Request(SweepOperation.entries(list, 0, 0),
                out, new Execution(Kernels.fastest(), 2, false)), Progress.NONE, failed -> { });
        return SweepOperation.exitCode(r.results());
    }

    private static String[] with(String[] options, String... more) {
        String[] all = java.util.Arrays.copyOf(options, options.length + more.length);
        System.arraycopy(more, 0, all, options.length, more.length);
        return all;
    }

    /** The output folder {@code name} on the file system under test (here a local folder). */
    OutputFolder folder(String name) {
        return OutputFolder.of(dir.resolve(name).toString(), new Configuration());
    }

    private static PosterSpec smallPoster() {
        Recipe r = Recipe.builder().seed(7).size(512, 512).build();
        return PosterSpec.of(r, null, 128, 1);
    }

    private static Path singleMachinePoster(Path out, PosterSpec spec) {
        PosterRenderer.render(PosterFolder.prepare(out, spec), new PosterTiles(spec, Kernels.fastest()), 2,
                Renderer.Progress.NONE);
        return out;
    }

    /** Fails attempt 0 of partition 1 while its third item is half-written, leaving a mark that it did. */
    private static TaskFault failOnce(Path mark) {
        String markPath = mark.toString();
        return (partition, attempt, item) -> {
            if (partition == 1 && attempt == 0 && item == 2) {
                try {
                    Files.writeString(Path.of(markPath), "failed once");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("injected failure of the first attempt");
            }
        };
    }

    /**
     * Leaves a half-written temporary file in {@code folder} while the first task writes its first item, as an
     * executor killed mid-write does (its task is then run again elsewhere; this one goes on).
     */
    private static TaskFault strayTemporary(OutputFolder folder, String name) {
        return (partition, attempt, item) -> {
            if (partition == 0 && attempt == 0 && item == 0) {
                folder.writeString(name, "half a file");
            }
        };
    }

    /** Fails every attempt at its third item: with one task the job fails, as when its driver is killed mid-way. */
    private static TaskFault failAtTheThirdItem() {
        return (partition, attempt, item) -> {
            if (item == 2) {
                throw new IllegalStateException("injected failure of every attempt");
            }
        };
    }

    @Test
    void posterIsByteIdenticalToTheSingleMachinePoster() throws IOException {
        PosterSpec spec = smallPoster();
        OutputFolder out = folder("spark");
        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, 4, TaskFault.NONE);

        assertThat(s.tilesPainted()).isEqualTo(28); // levels 0..9 of a 512 x 512 poster in tiles of 128
        assertThat(s.tasks()).isEqualTo(4);
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), spec));
        assertThat(out.exists(PosterFolder.DESCRIPTOR)).isTrue();
    }

    @Test
    void posterTaskThatFailsOnceIsRetriedAndTheOutputIsStillExact() throws IOException {
        PosterSpec spec = smallPoster();
        Path mark = dir.resolve("failed.txt");
        OutputFolder out = folder("spark");
        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, 4, failOnce(mark));

        assertThat(mark).exists();
        assertThat(s.tilesPainted()).isEqualTo(28);
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), spec));
        assertThat(Outputs.temporaries(out)).isZero();
    }

    @Test
    void posterDescriptorComesOnlyAfterTheTemporaryFileOfALostTaskIsRemoved() throws IOException {
        PosterSpec spec = smallPoster();
        OutputFolder out = folder("spark");
        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, 4,
                strayTemporary(out, PosterFolder.TILES + "/7/.1_1.png.tmp-5eed"));

        assertThat(s.tilesPainted()).isEqualTo(28);
        assertThat(Outputs.temporaries(out)).isZero();
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), spec));
    }

    @Test
    void posterResumesWithTheMissingTilesOnlyInTasksForThem() throws IOException {
        PosterSpec spec = smallPoster();
        OutputFolder out = folder("spark");
        PosterJob.run(spark, out, spec, KERNEL, 4, TaskFault.NONE);
        out.delete(PosterFolder.DESCRIPTOR, false);
        out.delete(PosterFolder.TILES + "/9/2_3.png", false);
        out.writeString(PosterFolder.TILES + "/9/.2_3.png.tmp-dead", "half a tile");

        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, null, TaskFault.NONE);

        assertThat(s.tilesPainted()).isEqualTo(1);
        assertThat(s.tilesKept()).isEqualTo(27);
        assertThat(s.tasks()).isEqualTo(1);
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), spec));
    }

    @Test
    void posterSummaryIsWrittenAfterTheDescriptor() throws IOException {
        PosterSpec spec = smallPoster();
        OutputFolder out = folder("spark");
        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, 2, TaskFault.NONE);
        String line = PosterJob.finish(out, spec, s);

        String json = out.readString(JobSummary.FILE);
        assertThat(json).contains("\"exitCode\" : 0", "\"tilesPainted\" : 28", "\"command\" : \"poster\"");
        assertThat(line).contains("28 tiles painted", "poster.dzi");
    }

    private static final String[] ANIMATION = {"--seed", "3", "--size", "64", "--layers", "4", "--vary",
            "zoom=1..3", "--z-walk", "--frames", "6"};

    static AnimateOptions animateOptions(String... args) {
        AnimateOptions options = new AnimateOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private AnimationPlan animationPlan(String... args) {
        return animateOptions(args).plan();
    }

    /** The frames {@code nnpaint animate -o DIR/} writes: the same operation on one machine. */
    private Path singleMachineAnimation(Path out) {
        return singleMachineAnimation(out, ANIMATION);
    }

    /** The folder that holds the frames of an unfinished run: beside {@code out}, or {@code out} itself. */
    private static OutputFolder pending(OutputFolder out) {
        return AnimationJob.workFolder(out);
    }

    /** The PNG {@code nnpaint render} writes of a recipe. */
    private static void render(Recipe recipe, Path output) {
        RenderOperation.run(new RenderOperation.Request(recipe, null, null, output, null, null,
                new Execution(Kernels.fastest(), 2, false)), Progress.NONE);
    }

    @Test
    void animationFramesAreByteIdenticalToTheAnimateCommandsFolder() throws IOException {
        OutputFolder out = folder("spark");
        AnimationJob.Summary s = AnimationJob.run(spark, out, animationPlan(ANIMATION), KERNEL, 3, TaskFault.NONE);

        assertThat(s.frames()).isEqualTo(6);
        Map<String, byte[]> files = Outputs.files(out);
        // Where a folder cannot be renamed into place whole, a marker written last says the frames are complete.
        assertThat(files.containsKey(AnimationJob.COMPLETE)).isEqualTo(!out.atomicRename());
        files.remove(AnimationJob.COMPLETE);
        assertThat(files.keySet()).containsExactly("frame-0001.png",
                "frame-0002.png", "frame-0003.png", "frame-0004.png", "frame-0005.png", "frame-0006.png");
        Outputs.assertSameFiles(out, singleMachineAnimation(dir.resolve("one")));
    }

    @Test
    void animationTaskThatFailsOnceIsRetriedAndTheFolderIsStillExact() throws IOException {
        Path mark = dir.resolve("failed.txt");
        OutputFolder out = folder("spark");
        AnimationJob.run(spark, out, animationPlan(ANIMATION), KERNEL, 2, failOnce(mark));

        assertThat(mark).exists();
        Outputs.assertSameFiles(out, singleMachineAnimation(dir.resolve("one")));
        assertThat(pending(out).exists("") && pending(out) != out).isFalse();
        assertThat(Outputs.temporaries(out)).isZero();
    }

    /** An executor lost while it held a temporary frame once made the job count 7 files for 6 frames and fail. */
    @Test
    void animationCountsOnlyFinishedFramesWhenALostTaskLeftATemporaryFile() throws IOException {
        OutputFolder out = folder("spark");
        AnimationJob.Summary s = AnimationJob.run(spark, out, animationPlan(ANIMATION), KERNEL, 2,
                strayTemporary(pending(out), ".frame-0004.png.tmp-5eed"));

        assertThat(s.frames()).isEqualTo(6);
        assertThat(Outputs.temporaries(out)).isZero();
        Outputs.assertSameFiles(out, singleMachineAnimation(dir.resolve("one")));
    }

    @Test
    void animationThatFailedResumesWithTheMissingFramesAndLeavesNoOrphan() throws IOException {
        OutputFolder out = folder("spark");
        AnimationPlan plan = animationPlan(ANIMATION);
        assertThatThrownBy(() -> AnimationJob.run(spark, out, plan, KERNEL, 1, failAtTheThirdItem()))
                .hasMessageContaining("injected failure");
        OutputFolder pending = pending(out);
        assertThat(pending.files("")).contains("frame-0001.png", "frame-0002.png").doesNotContain("frame-0003.png");
        // Nothing says the animation is complete, and the summary beside the frames says it failed.
        assertThat(out.atomicRename() ? out.exists("") : out.exists(AnimationJob.COMPLETE)).isFalse();
        assertThat(summary(pending)).containsEntry("status", "failed").containsEntry("framesWritten", 2)
                .containsEntry("frames", 6);
        pending.writeString(".frame-0002.png.tmp-dead", "half a frame"); // as a killed executor leaves it
        String orphan = "." + out.name() + ".tmp-0123abcd"; // the random folder of an older version's killed driver
        out.parent().mkdirs(orphan, "a folder");

        AnimationJob.Summary s = AnimationJob.run(spark, out, plan, KERNEL, null, TaskFault.NONE);

        assertThat(s.framesKept()).isEqualTo(2);
        assertThat(s.tasks()).isEqualTo(4); // one for each frame that remains, not one for each of the six
        assertThat(out.exists(JobSummary.FILE)).as("the failed run's summary is gone").isFalse();
        Outputs.assertSameFiles(out, singleMachineAnimation(dir.resolve("one")));
        assertThat(out.parent().entries("")).doesNotContain("." + out.name() + ".pending", orphan);
    }

    @Test
    void animationOfAnotherPlanStartsAfresh() throws IOException {
        OutputFolder out = folder("spark");
        String[] other = ANIMATION.clone();
        other[1] = "4";
        assertThatThrownBy(() -> AnimationJob.run(spark, out, animationPlan(other), KERNEL, 1, failAtTheThirdItem()))
                .hasMessageContaining("injected failure");

        AnimationJob.Summary s = AnimationJob.run(spark, out, animationPlan(ANIMATION), KERNEL, 2, TaskFault.NONE);

        assertThat(s.framesKept()).isZero();
        Outputs.assertSameFiles(out, singleMachineAnimation(dir.resolve("one")));
    }

    private List<SweepEntry> sweepList(String csv) throws IOException {
        Path list = dir.resolve("list.csv");
        Files.writeString(list, csv);
        return SweepList.read(list);
    }

    private static final String SWEEP = "name,seed,layers,size\nfirst,1,3,48\nbroken,2,lots,48\nthird,3,5,40x32\n";

    private byte[] rendered(String name, Recipe recipe) throws IOException {
        Path file = dir.resolve("render-" + name + ".png");
        render(recipe, file);
        return Files.readAllBytes(file);
    }

    private static Recipe recipe(long seed, int layers, int width, int height) {
        return Recipe.builder().seed(seed).layers(layers, 16).size(width, height).build();
    }

    @Test
    void sweepPaintsTheGoodEntriesAsRenderDoesAndReportsTheBrokenOne() throws IOException {
        OutputFolder out = folder("sweep");
        SweepJob.Summary s = SweepJob.run(spark, out, sweepList(SWEEP), KERNEL, 3, TaskFault.NONE);
        List<SweepResult> results = s.results();

        assertThat(results).extracting(r -> r.entry().name()).containsExactly("first", "broken", "third");
        assertThat(results).extracting(SweepResult::written).containsExactly(true, false, true);
        assertThat(results.get(1).problem()).contains("lots");
        assertThat(out.readBytes("first.png")).isEqualTo(rendered("first", recipe(1, 3, 48, 48)));
        assertThat(out.readBytes("third.png")).isEqualTo(rendered("third", recipe(3, 5, 40, 32)));
        assertThat(out.exists("broken.png")).isFalse();
        assertThat(out.readString("index.html")).contains("first.png", "third.png", "lots");
    }

    @Test
    void sweepTaskThatFailsOnceIsRetriedAndTheImagesAreStillExact() throws IOException {
        String csv = "name,seed,layers,size\n" + "a,1,3,32\nb,2,3,32\nc,3,3,32\nd,4,3,32\ne,5,3,32\nf,6,3,32\n";
        Path mark = dir.resolve("failed.txt");
        OutputFolder out = folder("sweep");
        SweepJob.run(spark, out, sweepList(csv), KERNEL, 2, failOnce(mark));

        assertThat(mark).exists();
        assertThat(Outputs.temporaries(out)).isZero();
        assertThat(out.readBytes("f.png")).isEqualTo(rendered("f", recipe(6, 3, 32, 32)));
        assertThat(out.readBytes("c.png")).isEqualTo(rendered("c", recipe(3, 3, 32, 32)));
    }

    @Test
    void sweepResumesKeepingTheImagesWhoseRecipeIsUnchanged() throws IOException {
        OutputFolder out = folder("sweep");
        SweepJob.run(spark, out, sweepList(SWEEP), KERNEL, 3, TaskFault.NONE);
        byte[] index = out.readBytes("index.html");

        SweepJob.Summary again = SweepJob.run(spark, out, sweepList(SWEEP), KERNEL, null, TaskFault.NONE);
        assertThat(again.kept()).isEqualTo(2);
        assertThat(again.tasks()).isEqualTo(1); // only the broken entry, reported again
        assertThat(out.readBytes("index.html")).isEqualTo(index);

        SweepJob.Summary changed = SweepJob.run(spark, out,
                sweepList(SWEEP.replace("third,3,5,40x32", "third,4,5,40x32")), KERNEL, null, TaskFault.NONE);
        assertThat(changed.kept()).isEqualTo(1);
        assertThat(out.readBytes("third.png")).isEqualTo(rendered("third", recipe(4, 5, 40, 32)));
        assertThat(Map.copyOf(Outputs.files(out)).keySet()).contains("first.png", "third.png", "index.html",
                SweepJob.RECIPES);
    }
    /** The summary file a job wrote into {@code folder}, read back. */
    static Map<String, Object> summary(OutputFolder folder) throws IOException {
        String json = folder.readString(JobSummary.FILE);
        assertThat(json).as(JobSummary.FILE + " in " + folder).isNotNull();
        return new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void posterThatFailsWritesAFailedSummaryAndNoDescriptorThenResumes() throws IOException {
        PosterSpec spec = smallPoster();
        OutputFolder out = folder("spark");
        assertThatThrownBy(() -> PosterJob.run(spark, out, spec, KERNEL, 1, failAtTheThirdItem()))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("injected failure of every attempt")
                .hasMessageContaining("2 of 28 tiles are written");

        assertThat(out.exists(PosterFolder.DESCRIPTOR)).isFalse();
        Map<String, Object> failed = summary(out);
        assertThat(failed).containsEntry("command", "poster").containsEntry("status", "failed")
                .containsEntry("exitCode", JobFailedException.EXIT_CODE)
                .containsEntry("tilesWritten", 2).containsEntry("tiles", 28);
        assertThat((String) failed.get("reason")).contains("injected failure of every attempt").doesNotContain("\n");

        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, null, TaskFault.NONE);
        PosterJob.finish(out, spec, s);
        assertThat(s.tilesKept()).isEqualTo(2);
        assertThat(summary(out)).containsEntry("status", "completed").containsEntry("exitCode", 0)
                .doesNotContainKey("reason");
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), spec));
    }

    @Test
    void posterOfSixteenBitAntialiasedTilesIsByteIdenticalToTheSingleMachinePoster() throws IOException {
        String[] options = {"--seed", "7", "--size", "256", "--tiles", "128", "--depth", "16", "--antialias", "2"};
        PosterOptions parsed = posterOptions(with(options, "-o", dir.resolve("unused").toString()));
        OutputFolder out = folder("spark");
        PosterJob.run(spark, out, parsed.spec(), parsed.request().format(), KERNEL, 3, TaskFault.NONE);

        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), options));
        byte[] tile = out.readBytes(PosterFolder.TILES + "/8/0_0.png");
        assertThat(tile[24]).as("the bit depth in the PNG header").isEqualTo((byte) 16);
        Path eightBits = singleMachinePoster(dir.resolve("eight"), "--seed", "7", "--size", "256", "--tiles", "128",
                "--antialias", "2");
        assertThat(Files.readAllBytes(eightBits.resolve(PosterFolder.TILES + "/8/0_0.png"))[24]).isEqualTo((byte) 8);
    }

    @Test
    void sweepThatFailsRemovesTheOldIndexAndWritesAFailedSummary() throws IOException {
        OutputFolder out = folder("sweep");
        SweepJob.run(spark, out, sweepList(SWEEP), KERNEL, 3, TaskFault.NONE);
        assertThat(out.exists("index.html")).isTrue();
        String csv = "name,seed,layers,size\n" + "a,1,3,32\nb,2,3,32\nc,3,3,32\nd,4,3,32\n";

        assertThatThrownBy(() -> SweepJob.run(spark, out, sweepList(csv), KERNEL, 1, failAtTheThirdItem()))
                .isInstanceOf(JobFailedException.class).hasMessageContaining("2 of 4 images are written");

        assertThat(out.exists("index.html")).as("an index of the earlier list").isFalse();
        assertThat(summary(out)).containsEntry("status", "failed").containsEntry("imagesWritten", 2)
                .containsEntry("images", 4);
        SweepJob.Summary again = SweepJob.run(spark, out, sweepList(csv), KERNEL, null, TaskFault.NONE);
        assertThat(again.kept()).isEqualTo(2);
        assertThat(out.readBytes("d.png")).isEqualTo(rendered("d", recipe(4, 3, 32, 32)));
    }
}
