package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.PosterOperation;
import dev.nnpaint.ops.Progress;
import dev.nnpaint.ops.options.PosterOptions;
import dev.nnpaint.spark.JobSummary;
import dev.nnpaint.spark.NonAtomicFileSystem;
import dev.nnpaint.spark.OutputFolder;
import dev.nnpaint.spark.Outputs;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to nnpaint-spark: one line and exit code 2, found before Spark starts; a job that fails: one line and
 * exit code 3; options of the single-machine command that change the files, passed on to the job.
 */
class SparkMainTest {

    @TempDir
    Path dir;

    record Result(int code, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = SparkMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, err.toString());
    }

    private static void assertOneLine(Result r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("nnpaint-spark: ").contains(fragments);
    }

    @Test
    void posterSizeThatDoesNotFitTheTilesIsOneLineAndExitCodeTwo() {
        Result r = run("poster", "--size", "500", "--tiles", "128", "-o", dir.resolve("p").toString());
        assertOneLine(r, "does not fit tiles of 128", "512");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    @Test
    void posterIntoAFileIsOneLineAndExitCodeTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertOneLine(run("poster", "--size", "256", "--tiles", "128", "-o", file.toString()), "not a folder");
    }

    /** A folder that cannot be created (its parent is a file): unlike permission bits, this holds for root too. */
    @Test
    void posterIntoAnUnwritableFolderIsOneLineAndExitCodeTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Result r = run("poster", "--size", "256", "--tiles", "128", "-o", file.resolve("p").toString());
        assertOneLine(r, "cannot create the poster folder");
    }

    @Test
    void animationToAGifIsOneLineSuggestingAFolder() {
        Result r = run("animate", "--vary", "gain=1..2", "--frames", "4", "-o", dir.resolve("a.gif").toString());
        assertOneLine(r, "folder of numbered PNG frames", "ffmpeg");
    }

    @Test
    void sweepOfAMissingListIsOneLineAndExitCodeTwo() {
        assertOneLine(run("sweep", dir.resolve("none.csv").toString(), "-o", dir.resolve("s").toString()),
                "no such file");
    }

    @Test
    void zeroPartitionsIsOneLineAndExitCodeTwo() {
        assertOneLine(run("poster", "--partitions", "0", "--size", "256", "--tiles", "128", "-o",
                dir.resolve("p").toString()), "--partitions");
    }

    /** Once such a URI made a local folder named 'nofs:' and exit code 0. */
    @Test
    void outputOnAFileSystemWithoutConnectorIsOneLineAndExitCodeTwo() {
        assertOneLine(run("poster", "-q", "--size", "256", "--tiles", "128", "-o", "nofs://somewhere/p"),
                "no Hadoop file system for 'nofs:'");
        assertThat(Path.of("nofs:")).doesNotExist();
    }

    @Test
    void malformedMasterIsOneLineAndExitCodeTwo() {
        assertOneLine(run("poster", "--master", "nowhere", "-q", "--size", "256", "--tiles", "128", "-o",
                dir.resolve("p").toString()), "Master URL");
    }

    /** A job that fails after Spark started: one line, exit code 3, and the same outcome in the summary file. */
    @Test
    void failedJobIsOneLineExitCodeThreeAndAFailedSummaryWithoutTheDescriptor() throws Exception {
        NonAtomicFileSystem fs = (NonAtomicFileSystem) FileSystem.get(URI.create("nonatomic:///"), new Configuration());
        Path out = dir.resolve("p");
        fs.failWhileRenaming("poster.dzi", 1);
        try {
            Result r = run("poster", "--master", "local[2]", "-q", "--size", "256", "--tiles", "128", "-o",
                    "nonatomic://" + out);
            assertThat(r.code()).as(r.err()).isEqualTo(3);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("nnpaint-spark: the poster job failed: ")
                    .contains("injected failure", "12 of 12 tiles are written", "run the same command again");
        } finally {
            fs.clearFailures();
        }
        assertThat(out.resolve("poster.dzi")).as("a half-copied descriptor is removed").doesNotExist();
        assertThat(Files.readString(out.resolve(JobSummary.FILE)))
                .contains("\"status\" : \"failed\"", "\"exitCode\" : 3", "\"tilesWritten\" : 12");

        Result again = run("poster", "--master", "local[2]", "-q", "--size", "256", "--tiles", "128", "-o",
                "nonatomic://" + out);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(out.resolve("poster.dzi")).exists();
        assertThat(Files.readString(out.resolve(JobSummary.FILE))).contains("\"status\" : \"completed\"");
    }

    @Test
    void posterOfSixteenBitTilesIsByteIdenticalToTheSingleMachineCommand() throws Exception {
        String[] options = {"--size", "256", "--tiles", "128", "--depth", "16", "--seed", "5"};
        Path spark = dir.resolve("spark");
        List<String> args = new ArrayList<>(List.of("poster", "--master", "local[2]", "-q", "-o", spark.toString()));
        args.addAll(List.of(options));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();

        PosterOptions one = new PosterOptions();
        new CommandLine(one).parseArgs(with(options, "-o", dir.resolve("one").toString()));
        PosterOperation.run(one.request(), Progress.NONE);
        Outputs.assertSameFiles(OutputFolder.of(spark.toString(), new Configuration()), dir.resolve("one"));
        assertThat(Files.readAllBytes(spark.resolve("poster_files/8/1_1.png"))[24]).isEqualTo((byte) 16);
    }

    private static String[] with(String[] options, String... more) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
