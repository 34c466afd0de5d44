package dev.nnpaint.spark;

import org.apache.spark.TaskContext;

import java.util.ArrayList;
import java.util.List;

/** What every job's tasks share: how work is dealt out and how a task writes a file. */
final class TaskFiles {

    private TaskFiles() {
    }

    /**
     * Writes a file whole or not at all ({@link OutputFolder#write}). A retried task writes the same bytes again,
     * so whichever attempt's copy lands last, the file is right.
     */
    static void write(OutputFolder folder, String relative, byte[] bytes, TaskFault fault, int item) {
        TaskContext task = TaskContext.get();
        int partition = task == null ? -1 : task.partitionId();
        int attempt = task == null ? 0 : task.attemptNumber();
        int half = bytes.length / 2;
        folder.write(relative, out -> {
            out.write(bytes, 0, half);
            fault.whileWriting(partition, attempt, item);
            out.write(bytes, half, bytes.length - half);
        });
    }

    /**
     * Deals {@code items} round-robin into at most {@code groups} lists: neighbouring items (the tiles of one
     * level, frames of similar cost) spread over all tasks, so the tasks take about equally long.
     */
    static <T> List<List<T>> deal(List<T> items, int groups) {
        int n = Math.max(1, Math.min(groups, items.size()));
        List<List<T>> dealt = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            dealt.add(new ArrayList<>(items.size() / n + 1));
        }
        for (int i = 0; i < items.size(); i++) {
            dealt.get(i % n).add(items.get(i));
        }
        return dealt;
    }
}
