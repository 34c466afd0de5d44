package dev.nnpaint.spark;

import dev.nnpaint.BadInputException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A job that ended without its output (tasks that failed too often, lost executors, a file system that failed):
 * its message is the one line the command prints, and {@link #record} has written the same into the output
 * folder's {@link JobSummary} so that the outcome can be read where the driver's terminal cannot. Whatever was
 * finished is kept: the same command resumes.
 */
public final class JobFailedException extends RuntimeException {

    /** The exit code of a failed job (2 is bad input, 1 a sweep with broken entries). */
    public static final int EXIT_CODE = 3;

    private static final long serialVersionUID = 1L;

    /** How much of a job's output was there when it failed: {@code done} of {@code total} {@code what}. */
    public record Finished(long done, long total, String what) {
    }

    private JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Writes the summary of a failed job into {@code folder} (best effort: the file system may be what failed) and
     * returns the exception to throw. Bad input and an already recorded failure are returned as they are.
     *
     * @param finished counts the output that is there, read from the folder
     */
    static RuntimeException record(String command, OutputFolder folder, Exception cause,
                                   Supplier<Finished> finished) {
        if (cause instanceof BadInputException || cause instanceof JobFailedException) {
            return (RuntimeException) cause;
        }
        String reason = oneLine(cause);
        Map<String, Object> counts = new LinkedHashMap<>();
        String done = "";
        try {
            Finished f = finished.get();
            counts.put(f.what() + "Written", f.done());
            counts.put(f.what(), f.total());
            done = "; " + f.done() + " of " + f.total() + " " + f.what() + " are written";
        } catch (RuntimeException e) {
            done = "; what is written could not be counted (" + oneLine(e) + ")";
        }
        String line = "the " + command + " job failed: " + reason + done
                + ": run the same command again to finish it";
        try {
            new JobSummary(command, false, EXIT_CODE, line, reason, counts).writeTo(folder);
        } catch (RuntimeException e) {
            line += " (" + JobSummary.FILE + " could not be written: " + oneLine(e) + ")";
        }
        return new JobFailedException(line, cause);
    }

    /** The first line of the message (Spark's add the driver's stack trace below), or the exception's type. */
    static String oneLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        return first.startsWith("Job aborted due to stage failure: ")
                ? first.substring("Job aborted due to stage failure: ".length()) : first;
    }
}
