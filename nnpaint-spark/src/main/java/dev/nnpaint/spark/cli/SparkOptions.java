package dev.nnpaint.spark.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.Sparks;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;

/** Where a job runs (a picocli mixin). */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = {"Spark master: local[*] (embedded, every core), local[N], local[N,F] (F attempts per task)",
                    "or spark://HOST:7077 (default: the one spark-submit gives, else local[*])."})
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = {"Tasks to deal the work into (default: 4 per task slot, and more for big jobs:",
                    "at most 32 tiles, 4 frames or 1 recipe a task)."})
    Integer partitions;

    /** Checks the options; commands call it before any other work. */
    public void check() {
        if (partitions != null && partitions < 1) {
            throw new BadInputException("--partitions must be at least 1, got " + partitions);
        }
    }

    public RunningSpark start(String appName) {
        check();
        return RunningSpark.start(master, appName);
    }

    /** The number of tasks for {@code items} pieces of work, {@code itemsPerTask} at most by default. */
    public int partitions(JavaSparkContext spark, long items, int itemsPerTask) {
        return partitions != null ? partitions : Sparks.defaultPartitions(spark, items, itemsPerTask);
    }
}
