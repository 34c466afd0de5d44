package dev.nnpaint.spark;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf$;
import org.apache.spark.SparkContext;

import java.net.URISyntaxException;
import java.net.URL;

/**
 * The command's logging under spark-submit: Spark starts with its own profile (every INFO line, some 170 for one
 * poster), so the command switches to the quiet one in its jar, where only warnings and errors show beside the
 * progress bar and the summary. A configuration chosen with {@code -Dlog4j2.configurationFile}, or the
 * environment variable {@code NNPAINT_SPARK_LOG=spark}, is left as it is.
 */
public final class QuietLogging {

    static final String CONFIGURATION = "log4j2-quiet.properties";

    private QuietLogging() {
    }

    public static void apply() {
        if (System.getProperty("log4j2.configurationFile") != null
                || "spark".equals(System.getenv("NNPAINT_SPARK_LOG"))) {
            return;
        }
        URL quiet = QuietLogging.class.getResource(CONFIGURATION);
        try {
            if (quiet != null && hasLog4jCore()) {
                // spark-submit sets Spark's logging up before it calls the command, then marks it to be set up
                // again, with Spark's default profile, at Spark's next message. Set up now, silently, it stays as
                // configured below.
                SparkConf$.MODULE$.initializeLogIfNecessary(false, true);
                // spark-submit loads the job jar in a class loader of its own, and log4j keeps a logging context
                // for each class loader: Spark logs through the one of Spark's loader, which is the one to change.
                LoggerContext spark = (LoggerContext) LogManager.getContext(SparkContext.class.getClassLoader(),
                        false);
                spark.setConfigLocation(quiet.toURI());
                Configurator.reconfigure(quiet.toURI());
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spark's distributions bring log4j-core; a class path without it keeps whatever logging it has. */
    private static boolean hasLog4jCore() {
        try {
            Class.forName("org.apache.logging.log4j.core.config.Configurator", false,
                    QuietLogging.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
