package dev.nnpaint.spark.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to nnpaint-spark: one line and exit code 2, found before Spark starts. */
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
}
