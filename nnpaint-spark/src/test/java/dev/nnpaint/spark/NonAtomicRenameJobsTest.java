package dev.nnpaint.spark;

import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.sweep.SweepList;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs' tests again on a file system whose rename is a copy and then a delete, visible half-way, and whose
 * files are visible while they are being written ({@link NonAtomicFileSystem}, registered as {@code fs.nonatomic.impl}),
 * as the object stores without atomic rename behave; plus renames that fail half-way through a copy. What they
 * show: the output is still that of the single-machine commands, no temporary file is left once the completion
 * marker is there, and the marker is renamed into place only after every other file is whole.
 */
class NonAtomicRenameJobsTest extends SparkJobsTest {

    private static final String KERNEL = Kernels.fastest().name();

    @Override
    OutputFolder folder(String name) {
        Configuration conf = new Configuration();
        conf.set("fs." + NonAtomicFileSystem.SCHEME + ".impl", NonAtomicFileSystem.class.getName());
        return OutputFolder.of(NonAtomicFileSystem.SCHEME + "://" + dir.resolve(name), conf);
    }

    private static NonAtomicFileSystem fs(OutputFolder folder) {
        return (NonAtomicFileSystem) folder.fs();
    }

    /**
     * The folder's files when its marker began to be copied into place: all the others but the summary (written
     * after it), none of them temporary.
     */
    private static void assertMarkerCameLast(OutputFolder out, String marker) throws IOException {
        List<NonAtomicFileSystem.AtMarker> seen = fs(out).atMarkers(out.path(""));
        assertThat(seen).extracting(m -> m.marker().getName()).containsExactly(marker);
        TreeSet<String> before = new TreeSet<>(seen.get(0).files());
        before.removeIf(name -> name.startsWith("." + marker + ".tmp-")); // the marker itself, being renamed
        TreeSet<String> after = new TreeSet<>(Outputs.files(out).keySet());
        after.remove(marker);
        after.remove(JobSummary.FILE);
        assertThat(before).isEqualTo(after);
        assertThat(before).noneMatch(name -> name.contains(".tmp-"));
    }

    @Test
    void renameShowsAHalfCopiedFileAndAFileIsVisibleWhileItIsWritten() throws IOException {
        OutputFolder out = folder("fs");
        NonAtomicFileSystem fs = fs(out);
        assertThat(out.atomicRename()).isFalse();
        assertThat(out.directWrite()).isFalse();
        byte[] bytes = new byte[1000];
        Arrays.fill(bytes, (byte) 7);
        try (FSDataOutputStream stream = fs.create(out.path("a"))) {
            stream.write(bytes, 0, 400);
            stream.hflush();
            assertThat(fs.getFileStatus(out.path("a")).getLen()).isEqualTo(400);
            stream.write(bytes, 400, 600);
        }
        assertThat(fs.rename(out.path("a"), out.path("b"))).isTrue();

        assertThat(fs.halfCopied(out.path(""))).containsExactly(
                new NonAtomicFileSystem.HalfCopied(out.path("b"), 500, 1000));
        assertThat(out.readBytes("b")).isEqualTo(bytes);
        assertThat(out.exists("a")).isFalse();
    }

    @Test
    void posterTaskWhoseRenameFailsHalfWayIsRetriedAndTheMarkerComesLast() throws IOException {
        OutputFolder out = folder("spark");
        fs(out).failWhileRenaming("1_1.png", 1); // the first such tile of whichever level comes first
        PosterSpec spec = PosterSpec.of(Recipe.builder().seed(7).size(512, 512).build(), null, 128, 1);

        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, 4, TaskFault.NONE);

        assertThat(fs(out).injectedFailures(out.path(""))).hasSize(1);
        assertThat(fs(out).halfCopied(out.path(""))).hasSizeGreaterThanOrEqualTo(s.tilesPainted());
        assertThat(Outputs.temporaries(out)).isZero();
        Outputs.assertSameFiles(out, singleMachinePoster(dir.resolve("one"), "--seed", "7", "--size", "512",
                "--tiles", "128"));
        assertMarkerCameLast(out, PosterFolder.DESCRIPTOR);
    }

    /** What an executor killed half-way through copying a tile leaves: the short tile and its whole temporary. */
    @Test
    void posterRerunRemovesATileThatARenameLeftHalfCopied() throws IOException {
        OutputFolder out = folder("spark");
        PosterSpec spec = PosterSpec.of(Recipe.builder().seed(7).size(512, 512).build(), null, 128, 1);
        PosterJob.run(spark, out, spec, KERNEL, 4, TaskFault.NONE);
        out.delete(PosterFolder.DESCRIPTOR, false);
        String tile = PosterFolder.TILES + "/9/2_3.png";
        byte[] whole = out.readBytes(tile);
        out.fs().delete(out.path(tile), false);
        writeRaw(out, PosterFolder.TILES + "/9/.2_3.png.tmp-dead", whole);
        writeRaw(out, tile, Arrays.copyOf(whole, whole.length / 2));

        PosterJob.Summary s = PosterJob.run(spark, out, spec, KERNEL, null, TaskFault.NONE);

        assertThat(s.tilesPainted()).isEqualTo(1);
        assertThat(out.readBytes(tile)).isEqualTo(whole);
        assertThat(Outputs.temporaries(out)).isZero();
    }

    private static void writeRaw(OutputFolder out, String relative, byte[] bytes) throws IOException {
        try (FSDataOutputStream stream = out.fs().create(out.path(relative), true)) {
            stream.write(bytes);
        }
    }

    @Test
    void animationFrameWhoseRenameFailsHalfWayIsRetriedAndTheMarkerComesLast() throws IOException {
        OutputFolder out = folder("spark");
        fs(out).failWhileRenaming("frame-0003.png", 1);
        String[] animation = {"--seed", "3", "--size", "64", "--layers", "4", "--vary", "zoom=1..3", "--z-walk",
                "--frames", "6"};

        AnimationJob.run(spark, out, animateOptions(animation).plan(), KERNEL, 2, TaskFault.NONE);

        assertThat(fs(out).injectedFailures(out.path(""))).hasSize(1);
        assertThat(Outputs.temporaries(out)).isZero();
        Outputs.assertSameFiles(out, singleMachineAnimation(dir.resolve("one"), animation));
        assertMarkerCameLast(out, AnimationJob.COMPLETE);
    }

    @Test
    void sweepImageWhoseRenameFailsHalfWayIsRetriedAndTheMarkerComesLast() throws IOException {
        OutputFolder out = folder("sweep");
        fs(out).failWhileRenaming("b.png", 1);
        java.nio.file.Path list = Files.writeString(dir.resolve("list.csv"),
                "name,seed,layers,size\na,1,3,32\nb,2,3,32\nc,3,3,32\n");

        SweepJob.run(spark, out, SweepList.read(list), KERNEL, 2, TaskFault.NONE);

        assertThat(fs(out).injectedFailures(out.path(""))).hasSize(1);
        assertThat(Outputs.temporaries(out)).isZero();
        assertThat(singleMachineSweep(list, dir.resolve("one"))).isZero();
        Outputs.assertSameFiles(out, dir.resolve("one"));
        assertMarkerCameLast(out, "index.html");
        Map<String, byte[]> files = Outputs.files(out);
        assertThat(files).containsKey(SweepJob.RECIPES);
    }
}
