package dev.nnpaint.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import scala.Tuple2;

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

    /**
     * The Hadoop configuration of the file systems, before a context is running: Hadoop's defaults and site
     * files, with the {@code spark.hadoop.*} settings spark-submit passed, as the context will have them.
     */
    public static Configuration hadoopConf() {
        Configuration conf = new Configuration();
        for (Tuple2<String, String> e : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
            conf.set(e._1(), e._2());
        }
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
     * Waits until the executors a job can expect have registered, at most {@code spark.nnpaint.executorWait}
     * (default 120 s; a cluster's executors can take tens of seconds to start), so that the tasks are dealt out
     * for the task slots that are really there. The number expected is {@code spark.nnpaint.executors} if set,
     * else {@code spark.executor.instances} (YARN, Kubernetes), else {@code spark.cores.max} over
     * {@code spark.executor.cores} (standalone), else one. Returns the executors registered.
     */
    public static int awaitExecutors(JavaSparkContext spark) {
        if (spark.sc().isLocal()) {
            return 1;
        }
        SparkConf conf = spark.getConf();
        int expected = expectedExecutors(conf);
        long deadline = System.nanoTime() + conf.getTimeAsMs("spark.nnpaint.executorWait", "120s") * 1_000_000L;
        int registered = registered(spark);
        while (registered < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            registered = registered(spark);
        }
        return registered;
    }

    static int expectedExecutors(SparkConf conf) {
        if (conf.contains("spark.nnpaint.executors")) {
            return conf.getInt("spark.nnpaint.executors", 1);
        }
        if (conf.contains("spark.executor.instances")) {
            return Math.max(1, conf.getInt("spark.executor.instances", 1));
        }
        if (conf.contains("spark.cores.max") && conf.contains("spark.executor.cores")) {
            return Math.max(1, conf.getInt("spark.cores.max", 1) / Math.max(1, conf.getInt("spark.executor.cores", 1)));
        }
        return 1;
    }

    /** The executors registered now (the status tracker counts the driver too). */
    static int registered(JavaSparkContext spark) {
        return Math.max(0, spark.statusTracker().getExecutorInfos().length - 1);
    }

    /**
     * The number of tasks for {@code items} pieces of work: {@code partitions} when given, else
     * {@link #defaultPartitions}, after waiting for the executors ({@link #awaitExecutors}).
     */
    public static int tasks(JavaSparkContext spark, Integer partitions, long items, int itemsPerTask) {
        awaitExecutors(spark);
        return partitions != null ? partitions : defaultPartitions(spark, items, itemsPerTask);
    }

    /**
     * The default number of tasks: four per task slot, so that slow tasks are balanced by quick ones, and more when
     * there are many items, so that no task holds more than {@code itemsPerTask} (a progress bar counts tasks). The
     * task slots are Spark's default parallelism: {@code spark.default.parallelism} when set, else the cores of the
     * executors registered.
     */
    public static int defaultPartitions(JavaSparkContext spark, long items, int itemsPerTask) {
        long byItems = (items + itemsPerTask - 1) / itemsPerTask;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(4L * Math.max(1, spark.defaultParallelism()), byItems));
    }
}
