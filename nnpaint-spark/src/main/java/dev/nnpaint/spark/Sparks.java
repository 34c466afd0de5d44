package dev.nnpaint.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Starts the Spark context the jobs run in. */
public final class Sparks {

    /** The master when none is given and spark-submit set none: embedded, one task slot per core. */
    public static final String LOCAL = "local[*]";

    private Sparks() {
    }

    /**
     * The configuration of a context on {@code master}, or when it is null on the master spark-submit gave (its
     * {@code spark.master} property), else {@link #LOCAL}. Executors get the JVM flags of the fast kernels unless
     * the configuration already sets their options; embedded runs start no web UI.
     */
    public static SparkConf conf(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(LOCAL);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.executor.extraJavaOptions", executorJavaOptions());
        return conf;
    }

    /** A new context (tests share one per class: starting one takes seconds). */
    public static JavaSparkContext start(String master, String appName) {
        return new JavaSparkContext(conf(master, appName));
    }

    /** The flags the build wrote into the jar: the ones every nnpaint JVM runs with. */
    public static String executorJavaOptions() {
        Properties p = new Properties();
        try (InputStream in = Sparks.class.getResourceAsStream("executor.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("executor.java.options");
    }

    /**
     * The default number of tasks: four per task slot, so that slow tasks are balanced by quick ones, and more when
     * there are many items, so that no task holds more than {@code itemsPerTask} (a progress bar counts tasks).
     */
    public static int defaultPartitions(JavaSparkContext spark, long items, int itemsPerTask) {
        long byItems = (items + itemsPerTask - 1) / itemsPerTask;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4L * Math.max(1, spark.defaultParallelism()), byItems));
    }
}
