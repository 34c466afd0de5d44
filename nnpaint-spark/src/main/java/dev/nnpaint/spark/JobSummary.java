package dev.nnpaint.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code _nnpaint_summary.json}, the last file a job writes: what it did, the line the command prints and its exit
 * code, whether it completed or failed (then with the reason and what was finished). Under
 * {@code spark-submit --deploy-mode cluster} the driver's terminal is a worker's log file; this is where the
 * outcome can be read instead. It is never a completion marker: a failed job writes one too.
 *
 * @param completed whether the job's output is complete (its marker was written)
 * @param reason    why a failed job failed, in one line; null when it completed
 * @param counts    what the job counted (tiles painted and kept, frames, images...), in a stable order
 */
public record JobSummary(String command, boolean completed, int exitCode, String line, String reason,
                         Map<String, Object> counts) {

    public static final String FILE = "_nnpaint_summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JobSummary {
        counts = new LinkedHashMap<>(counts);
    }

    /** The summary of a job that completed. */
    public static JobSummary completed(String command, int exitCode, String line, Map<String, Object> counts) {
        return new JobSummary(command, true, exitCode, line, null, counts);
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "nnpaint.spark-summary/1");
        root.put("command", command);
        root.put("status", completed ? "completed" : "failed");
        root.put("exitCode", exitCode);
        root.put("summary", line);
        if (reason != null) {
            root.put("reason", reason);
        }
        root.putAll(counts);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new AssertionError(e); // plain values
        }
    }

    void writeTo(OutputFolder folder) {
        folder.writeString(FILE, json());
    }
}
