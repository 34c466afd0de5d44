package dev.nnpaint.spark.cli;

import dev.nnpaint.ops.options.CommandLines;
import dev.nnpaint.spark.JobFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnpaint-spark} command: the poster, animation and sweep commands of {@code nnpaint}, with the same
 * options, run as Spark jobs: embedded ({@code --master local[*]}) or under spark-submit on a cluster. Bad input
 * is one line on stderr and exit code 2, as in {@code nnpaint}; a job that failed is one line and exit code 3.
 */
@Command(name = "nnpaint-spark", mixinStandardHelpOptions = true,
        description = "nnpaint's posters, animations and recipe sweeps as Apache Spark jobs.",
        subcommands = {SparkPosterCommand.class, SparkAnimateCommand.class, SparkSweepCommand.class,
                CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {

    /** A cluster is for long work: the estimate that asks for --force allows a day here. */
    static final double MAX_SECONDS_WITHOUT_FORCE = 24 * 3600;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        dev.nnpaint.spark.QuietLogging.apply();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = CommandLines.reportingBadInput(new CommandLine(new SparkMain()), "nnpaint-spark");
        CommandLine.IExecutionExceptionHandler others = cl.getExecutionExceptionHandler();
        // A failed job has said what happened in one line (and in its summary file); Spark logged the details.
        return cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof JobFailedException failed) {
                commandLine.getErr().println("nnpaint-spark: " + failed.getMessage());
                return JobFailedException.EXIT_CODE;
            }
            return others.handleExecutionException(ex, commandLine, parseResult);
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
