package dev.nnpaint.spark;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job jar on a real standalone cluster: a Master and two one-core Workers on 127.0.0.1, started once for all
 * the tests, jobs sent with SparkSubmit as the docs show (in client and in cluster deploy mode), outputs compared
 * byte for byte with the single-machine commands. Runs after the package phase (it needs the job jar):
 * {@code mvn verify -pl nnpaint-spark -am}.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class StandaloneClusterIT {

    private static final Path BUILD = Path.of(System.getProperty("nnpaint.build", "target"));
    private static final Path JOB_JAR = BUILD.resolve("nnpaint-spark-job.jar");

    @TempDir
    static Path dir;

    private static LoopbackCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        assertThat(JOB_JAR).as("the job jar (built by mvn package)").exists();
        cluster = LoopbackCluster.start(dir, BUILD.resolve("jvm.options").toAbsolutePath(), 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The spark-submit line of the docs for {@code args}, with both one-core executors awaited. */
    private static List<String> submit(String... args) {
        return submit(List.of("--conf", "spark.cores.max=2"), args);
    }

    /** The spark-submit line of the docs with {@code options} of spark-submit, for nnpaint-spark {@code args}. */
    private static List<String> submit(List<String> options, String... args) {
        List<String> all = new ArrayList<>(List.of("--class", "dev.nnpaint.spark.cli.SparkMain"));
        all.addAll(options);
        all.addAll(List.of("--conf", "spark.executor.cores=1",
                "--conf", "spark.executor.memory=512m", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.ui.enabled=false", JOB_JAR.toAbsolutePath().toString()));
        all.addAll(List.of(args));
        return all;
    }

    /** Later tests get two Workers again when one was killed: the cluster is started once for all of them. */
    @AfterEach
    void replaceLostWorkers() throws IOException {
        cluster.replaceLostWorkers();
    }

    private static int await(Process p, Path log) throws IOException, InterruptedException {
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            LoopbackCluster.kill(p);
            throw new IllegalStateException("spark-submit did not finish:\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    private static long tiles(Path poster) throws IOException {
        Path files = poster.resolve("poster_files");
        if (!Files.isDirectory(files)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(files)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".png")).count();
        }
    }

    @Test
    void posterSurvivesALostWorkerAndIsByteIdentical() throws Exception {
        Path out = dir.resolve("poster");
        Path log = dir.resolve("submit-poster.log");
        String[] poster = {"--size", "2048", "--tiles", "64"};
        List<String> args = new ArrayList<>(List.of("poster", "-o", out.toString(), "--partitions", "48"));
        args.addAll(List.of(poster));
        Process submit = cluster.submit(log, submit(args.toArray(String[]::new)));

        // Lose a machine mid-job: once tiles are being written, and before the poster is complete.
        long deadline = System.nanoTime() + LoopbackCluster.READY.toNanos();
        while (tiles(out) < 40 && submit.isAlive() && System.nanoTime() < deadline) {
            submit.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertThat(out.resolve("poster.dzi")).as("the job was still running").doesNotExist();
        LoopbackCluster.kill(cluster.workers().get(1));

        assertThat(await(submit, log)).as(Files.readString(log)).isZero();
        Path one = SparkJobsTest.singleMachinePoster(dir.resolve("poster-one"), poster);
        OutputFolder written = OutputFolder.of(out.toString(), new Configuration());
        Outputs.assertSameFiles(written, one);
        assertThat(Outputs.temporaries(written)).isZero();
        assertThat(written.readString(JobSummary.FILE)).contains("\"exitCode\" : 0");
        assertThat(Files.readString(log)).contains("wrote " + out + "/poster.dzi");
    }

    @Test
    void animationAndSweepAreByteIdentical() throws Exception {
        Path frames = dir.resolve("frames");
        String[] animation = {"--seed", "3", "--size", "64", "--vary", "zoom=1..3", "--z-walk", "--frames", "8"};
        List<String> args = new ArrayList<>(List.of("animate", "-o", frames + "/"));
        args.addAll(List.of(animation));
        Path log = dir.resolve("submit-animate.log");
        assertThat(await(cluster.submit(log, submit(args.toArray(String[]::new))), log))
                .as(Files.readString(log)).isZero();

        Path list = Files.writeString(dir.resolve("list.csv"),
                "name,seed,layers,size\nfirst,1,3,48\nbroken,2,lots,48\nthird,3,5,40x32\n");
        Path sweep = dir.resolve("sweep");
        Path sweepLog = dir.resolve("submit-sweep.log");
        int sweepCode = await(cluster.submit(sweepLog, submit("sweep", list.toString(), "-o", sweep.toString())),
                sweepLog);

        SparkJobsTest.singleMachineAnimation(dir.resolve("frames-one"), animation);
        Outputs.assertSameFiles(OutputFolder.of(frames.toString(), new Configuration()), dir.resolve("frames-one"));
        assertThat(dir.resolve(".frames.pending")).doesNotExist();

        assertThat(sweepCode).as(Files.readString(sweepLog)).isEqualTo(1); // one broken entry
        assertThat(SparkJobsTest.singleMachineSweep(list, dir.resolve("sweep-one"))).isEqualTo(1);
        Outputs.assertSameFiles(OutputFolder.of(sweep.toString(), new Configuration()), dir.resolve("sweep-one"));
        assertThat(Files.readString(sweep.resolve(JobSummary.FILE))).contains("\"exitCode\" : 1");
    }

    /**
     * What spark-submit prints for one poster with the quiet logging the job jar chooses by default: the command's
     * summary line and at most a few others (the JVM's note on the Vector API module and Spark's on its default
     * profile, both printed before the command starts; the progress bar draws only on a terminal). Spark's own
     * profile printed some 100 to 170.
     */
    @Test
    void posterPrintsItsSummaryLineAndHardlyAnythingElse() throws Exception {
        Path out = dir.resolve("quiet");
        Path log = dir.resolve("submit-quiet.log");
        int code = await(cluster.submit(log, submit("poster", "-o", out.toString(), "--size", "512", "--tiles",
                "128")), log);

        String printed = Files.readString(log);
        assertThat(code).as(printed).isZero();
        List<String> lines = printed.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(printed).hasSizeLessThanOrEqualTo(QUIET_LINES)
                .anyMatch(line -> line.startsWith("wrote " + out + "/poster.dzi"));
    }

    /** Lines spark-submit may print for a poster: the summary line and at most 4 others (see the test above). */
    private static final int QUIET_LINES = 5;

    /**
     * {@code --deploy-mode cluster}: the driver runs on a Worker (taking its one core, so the job has one executor),
     * spark-submit returns once it is started, and the outcome is read from the output folder: the summary file,
     * and the poster byte-identical to the single-machine one.
     */
    @Test
    void clusterDeployModeLeavesItsOutcomeInTheOutputFolder() throws Exception {
        Path out = dir.resolve("cluster-mode");
        String[] poster = {"--size", "1024", "--tiles", "64", "--seed", "11"};
        List<String> args = new ArrayList<>(List.of("poster", "-o", out.toString()));
        args.addAll(List.of(poster));
        Path log = dir.resolve("submit-cluster-mode.log");
        List<String> options = List.of("--deploy-mode", "cluster", "--driver-memory", "512m",
                "--driver-java-options", Sparks.executorJavaOptions(), "--conf", "spark.cores.max=1",
                "--conf", "spark.nnpaint.executors=1");
        assertThat(await(cluster.submit(log, submit(options, args.toArray(String[]::new))), log))
                .as(Files.readString(log)).isZero();

        Path summary = out.resolve(JobSummary.FILE);
        LoopbackCluster.poll(Duration.ofMinutes(8), () -> Files.exists(summary));
        assertThat(summary).as("the driver's summary; its logs:\n" + driverLogs()).exists();
        assertThat(Files.readString(summary)).contains("\"status\" : \"completed\"", "\"exitCode\" : 0");
        Path one = SparkJobsTest.singleMachinePoster(dir.resolve("cluster-mode-one"), poster);
        OutputFolder written = OutputFolder.of(out.toString(), new Configuration());
        Outputs.assertSameFiles(written, one);
        assertThat(Outputs.temporaries(written)).isZero();
        // The Worker saw the driver end with exit code 0 (and its core is free for the next test).
        assertThat(cluster.awaitWorkerLogLine("exited successfully", "exited with failure"))
                .as(driverLogs()).isEqualTo("exited successfully");
    }

    /** The stderr of the drivers that Workers ran, for a failure's message. */
    private static String driverLogs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            Path work = cluster.workFolder(i);
            if (!Files.isDirectory(work)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : (Iterable<Path>) all.filter(p -> p.getFileName().toString().equals("stderr")
                        && p.getParent().getFileName().toString().startsWith("driver-"))::iterator) {
                    text.append(p).append(":\n").append(Files.readString(p)).append('\n');
                }
            }
        }
        return text.toString();
    }
}
