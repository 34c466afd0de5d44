package dev.nnpaint.spark;

import dev.nnpaint.paint.Renderer;
import org.apache.spark.JobExecutionStatus;
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
    /** How long closing waits for the tracker to hear of the last tasks. */
    private static final long SETTLE_NANOS = 2_000_000_000L;

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

    /** Reports the tasks finished so far; true once every watched job has ended and its counts are final. */
    private boolean report() {
        JavaSparkStatusTracker tracker = spark.statusTracker();
        long done = 0;
        long total = 0;
        boolean settled = true;
        for (int job : tracker.getJobIdsForGroup(group)) {
            SparkJobInfo info = tracker.getJobInfo(job);
            if (info == null) {
                continue; // forgotten by the tracker (it keeps a bounded number of jobs)
            }
            long jobDone = 0;
            long jobTotal = 0;
            for (int stageId : info.stageIds()) {
                SparkStageInfo stage = tracker.getStageInfo(stageId);
                if (stage != null) {
                    jobDone += stage.numCompletedTasks();
                    jobTotal += stage.numTasks();
                }
            }
            settled &= info.status() == JobExecutionStatus.FAILED
                    || (info.status() == JobExecutionStatus.SUCCEEDED && jobDone == jobTotal);
            done += jobDone;
            total += jobTotal;
        }
        if (total > 0) {
            sink.update(done, total);
        }
        return settled;
    }

    /** Stops reporting (after a last report, once the counts are final) and untags the thread's later jobs. */
    @Override
    public void close() {
        poller.interrupt();
        try {
            poller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The tracker learns of finished tasks from Spark's event bus, a moment after the action has returned.
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (!report() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        spark.clearJobGroup();
    }
}
