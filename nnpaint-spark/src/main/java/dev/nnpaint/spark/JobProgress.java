package dev.nnpaint.spark;

import dev.nnpaint.paint.Renderer;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

import java.util.UUID;

/**
 * Reports how many tasks of the jobs started from the calling thread have finished, for a progress bar: the
 * jobs are tagged with a job group, and a daemon thread reads Spark's status tracker a few times a second. The
 * granularity is the task (see {@code --partitions}).
 */
public final class JobProgress implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final JavaSparkContext spark;
    private final String group = "nnpaint-" + UUID.randomUUID();
    private final Renderer.Progress sink;
    private final Thread poller;

    private JobProgress(JavaSparkContext spark, Renderer.Progress sink) {
        this.spark = spark;
        this.sink = sink;
        this.poller = new Thread(this::poll, "nnpaint-job-progress");
        this.poller.setDaemon(true);
    }

    /** Tags the jobs this thread starts from now on and reports their tasks to {@code sink} (from another thread). */
    public static JobProgress watch(JavaSparkContext spark, Renderer.Progress sink) {
        JobProgress progress = new JobProgress(spark, sink);
        spark.setJobGroup(progress.group, "nnpaint", false);
        progress.poller.start();
        return progress;
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                report();
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed: the last report is made by close()
        }
    }

    private void report() {
        JavaSparkStatusTracker tracker = spark.statusTracker();
        long done = 0;
        long total = 0;
        for (int job : tracker.getJobIdsForGroup(group)) {
            SparkJobInfo info = tracker.getJobInfo(job);
            if (info == null) {
                continue; // forgotten by the tracker (it keeps a bounded number of jobs)
            }
            for (int stageId : info.stageIds()) {
                SparkStageInfo stage = tracker.getStageInfo(stageId);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                    total += stage.numTasks();
                }
            }
        }
        if (total > 0) {
            sink.update(done, total);
        }
    }

    /** Stops reporting (after one last report) and untags the thread's later jobs. */
    @Override
    public void close() {
        poller.interrupt();
        try {
            poller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
        spark.clearJobGroup();
    }
}
