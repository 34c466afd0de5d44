package dev.nnpaint.spark;

import dev.nnpaint.BadInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.UUID;

/**
 * The Spark context a command runs its job in: a new one it stops when done, or the one already running in this
 * JVM (a test's, or a notebook's), which it leaves running.
 */
public final class RunningSpark implements AutoCloseable {

    /** Marks the configuration of a context this class started, to tell it from one that was running. */
    private static final String STARTED_BY = "spark.nnpaint.startedBy";

    private final JavaSparkContext context;
    private final boolean owned;

    private RunningSpark(JavaSparkContext context, boolean owned) {
        this.context = context;
        this.owned = owned;
    }

    public static RunningSpark start(String master, String appName) {
        String mark = UUID.randomUUID().toString();
        SparkConf conf = Sparks.conf(master, appName).set(STARTED_BY, mark);
        SparkContext context;
        try {
            context = SparkContext.getOrCreate(conf);
        } catch (Exception e) { // Scala code throws SparkException, a checked exception, undeclared
            // Spark says "Could not parse Master URL" for a malformed --master; anything else is not the user's.
            if (String.valueOf(e.getMessage()).contains("Master URL")) {
                throw new BadInputException("cannot start Spark: " + e.getMessage());
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start Spark", e);
        }
        return new RunningSpark(JavaSparkContext.fromSparkContext(context),
                mark.equals(context.getConf().get(STARTED_BY, "")));
    }

    public JavaSparkContext context() {
        return context;
    }

    @Override
    public void close() {
        if (owned) {
            context.stop();
        }
    }
}
