package dev.nnpaint.spark;

import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.sweep.SweepEntry;
import dev.nnpaint.ops.sweep.SweepList;
import dev.nnpaint.ops.sweep.SweepResult;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.Execution;
import dev.nnpaint.ops.Progress;
import dev.nnpaint.ops.RenderOperation;
import dev.nnpaint.ops.options.AnimateOptions;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterRenderer;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Renderer;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs on an embedded Spark with two task threads. The master is local[2,2]: in local mode Spark tries a
 * failed task again only when the master names a number of attempts (here two), which the retry tests need.
 */
class SparkJobsTest {

    private static JavaSparkContext spark;

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

    @Test
    void posterIsByteIdenticalToTheSingleMachinePoster() throws IOException {
        PosterSpec spec = smallPoster();
        PosterJob.Summary s = PosterJob.run(spark, dir.resolve("spark"), spec, KERNEL, 4, TaskFault.NONE);

        assertThat(s.tilesPainted()).isEqualTo(28); // levels 0..9 of a 512 x 512 poster in tiles of 128
        assertThat(s.tasks()).isEqualTo(4);
        Outputs.assertSameFiles(dir.resolve("spark"), singleMachinePoster(dir.resolve("one"), spec));
        assertThat(Files.isRegularFile(dir.resolve("spark").resolve(PosterFolder.DESCRIPTOR))).isTrue();
    }

    @Test
    void posterTaskThatFailsOnceIsRetriedAndTheOutputIsStillExact() throws IOException {
        PosterSpec spec = smallPoster();
        Path mark = dir.resolve("failed.txt");
        PosterJob.Summary s = PosterJob.run(spark, dir.resolve("spark"), spec, KERNEL, 4, failOnce(mark));

        assertThat(mark).exists();
        assertThat(s.tilesPainted()).isEqualTo(28);
        Outputs.assertSameFiles(dir.resolve("spark"), singleMachinePoster(dir.resolve("one"), spec));
        assertThat(Outputs.temporaries(dir.resolve("spark"))).isZero();
    }

    @Test
    void posterResumesWithTheMissingTilesOnly() throws IOException {
        PosterSpec spec = smallPoster();
        Path out = dir.resolve("spark");
        PosterJob.run(spark, out, spec, KERNEL, 4, TaskFault.NONE);
        Files.delete(out.resolve(PosterFolder.DESCRIPTOR));
        Files.delete(out.resolve("poster_files/9/2_3.png"));

        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, 4, TaskFault.NONE);

        assertThat(s.tilesPainted()).isEqualTo(1);
        assertThat(s.tilesKept()).isEqualTo(27);
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), spec));
    }

    private static final String[] ANIMATION = {"--seed", "3", "--size", "64", "--layers", "4", "--vary",
            "zoom=1..3", "--z-walk", "--frames", "6"};

    private static AnimateOptions animateOptions(String... args) {
        AnimateOptions options = new AnimateOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private AnimationPlan animationPlan(String... args) {
        return animateOptions(args).plan();
    }

    /** The frames {@code nnpaint animate -o DIR/} writes: the same operation on one machine. */
    private Path singleMachineAnimation(Path out) {
        String[] args = new String[ANIMATION.length + 2];
        System.arraycopy(ANIMATION, 0, args, 0, ANIMATION.length);
        args[ANIMATION.length] = "-o";
        args[ANIMATION.length + 1] = out + "/";
        AnimateOperation.run(animateOptions(args).request(), Progress.NONE);
        return out;
    }

    /** The PNG {@code nnpaint render} writes of a recipe. */
    private static void render(Recipe recipe, Path output) {
        RenderOperation.run(new RenderOperation.Request(recipe, null, null, output, null, null,
                new Execution(Kernels.fastest(), 2, false)), Progress.NONE);
    }

    @Test
    void animationFramesAreByteIdenticalToTheAnimateCommandsFolder() throws IOException {
        AnimationJob.Summary s = AnimationJob.run(spark, dir.resolve("spark") + "/", animationPlan(ANIMATION),
                KERNEL, 3, TaskFault.NONE);

        assertThat(s.frames()).isEqualTo(6);
        assertThat(Outputs.files(dir.resolve("spark")).keySet()).containsExactly("frame-0001.png",
                "frame-0002.png", "frame-0003.png", "frame-0004.png", "frame-0005.png", "frame-0006.png");
        Outputs.assertSameFiles(dir.resolve("spark"), singleMachineAnimation(dir.resolve("one")));
    }

    @Test
    void animationTaskThatFailsOnceIsRetriedAndTheFolderIsStillExact() throws IOException {
        Path mark = dir.resolve("failed.txt");
        AnimationJob.run(spark, dir.resolve("spark") + "/", animationPlan(ANIMATION), KERNEL, 2, failOnce(mark));

        assertThat(mark).exists();
        Outputs.assertSameFiles(dir.resolve("spark"), singleMachineAnimation(dir.resolve("one")));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("spark", "one",
                    "failed.txt");
        }
    }

    @Test
    void sweepPaintsTheGoodEntriesAsRenderDoesAndReportsTheBrokenOne() throws IOException {
        Path list = dir.resolve("list.csv");
        Files.writeString(list, "name,seed,layers,size\nfirst,1,3,48\nbroken,2,lots,48\nthird,3,5,40x32\n");
        List<SweepEntry> entries = SweepList.read(list);

        List<SweepResult> results = SweepJob.run(spark, dir.resolve("sweep"), entries, KERNEL, 3);

        assertThat(results).extracting(r -> r.entry().name()).containsExactly("first", "broken", "third");
        assertThat(results).extracting(SweepResult::written).containsExactly(true, false, true);
        assertThat(results.get(1).problem()).contains("lots");
        render(Recipe.builder().seed(1).layers(3, 16).size(48, 48).build(), dir.resolve("first.png"));
        render(Recipe.builder().seed(3).layers(5, 16).size(40, 32).build(), dir.resolve("third.png"));
        assertThat(Files.readAllBytes(dir.resolve("sweep/first.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("first.png")));
        assertThat(Files.readAllBytes(dir.resolve("sweep/third.png")))
                .isEqualTo(Files.readAllBytes(dir.resolve("third.png")));
        assertThat(dir.resolve("sweep/broken.png")).doesNotExist();
        assertThat(Files.readString(dir.resolve("sweep/index.html"))).contains("first.png", "third.png", "lots");
    }
}
