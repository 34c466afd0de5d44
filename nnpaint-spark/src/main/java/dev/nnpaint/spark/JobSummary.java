package dev.nnpaint.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code _nnpaint_summary.json}, the last file a job writes into its output folder: what it did, the line the
 * command prints and its exit code. Under {@code spark-submit --deploy-mode cluster} the driver's terminal is a
 * worker's log file; this is where the outcome can be read instead.
 *
 * @param counts what the job counted (tiles painted and kept, frames, images...), in a stable order
 */
public record JobSummary(String command, int exitCode, String line, Map<String, Object> counts) {

    public static final String FILE = "_nnpaint_summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public JobSummary {
        counts = new LinkedHashMap<>(counts);
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "nnpaint.spark-summary/1");
        root.put("command", command);
        root.put("exitCode", exitCode);
        root.put("summary", line);
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
