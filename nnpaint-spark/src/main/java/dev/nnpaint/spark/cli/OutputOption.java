package dev.nnpaint.spark.cli;

import dev.nnpaint.spark.OutputFolder;
import dev.nnpaint.spark.RunningSpark;
import dev.nnpaint.spark.Sparks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code -o} folder of a Spark command as a Hadoop file system URI or a local path. The single-machine
 * options parse it as a local path, which would fold {@code hdfs://nn/x} into {@code hdfs:/nn/x}: the text as
 * typed is taken from the parse result instead.
 */
final class OutputOption {

    private OutputOption() {
    }

    static String typed(CommandSpec command, Object parsed) {
        OptionSpec option = command.commandLine().getParseResult().matchedOption("-o");
        if (option != null && !option.stringValues().isEmpty()) {
            return option.stringValues().get(option.stringValues().size() - 1);
        }
        return String.valueOf(parsed);
    }

    /** The folder for checks made before Spark starts (with the spark.hadoop.* settings spark-submit gave). */
    static OutputFolder beforeSpark(String typed) {
        return OutputFolder.of(typed, Sparks.hadoopConf());
    }

    /** The folder for the job, with the running context's Hadoop configuration. */
    static OutputFolder in(RunningSpark running, String typed) {
        return OutputFolder.of(typed, running.context().hadoopConfiguration());
    }
}
