package dev.nnpaint.spark;

import org.apache.spark.SparkEnv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * How long a job's tasks took, executor by executor, to tell the cost of a fresh executor's JIT warm-up from the
 * painting itself: a new JVM runs its first task slower than the later ones. Tasks are dealt round-robin and
 * hold about the same number of pixels, so the median rate of the tasks that were not an executor's first is the
 * steady rate, and what each first task took beyond its pixels at that rate is its executor's warm-up.
 */
public record TaskTimes(List<Task> tasks) implements Serializable {

    /** One task: the executor it ran on, in which order there, its pixels and its nanoseconds. */
    public record Task(String executor, long started, long pixels, long nanos) implements Serializable {

        /** Runs a task's body, which returns its pixels, and times it. */
        static Task time(Callable<Long> body) throws Exception {
            long started = System.currentTimeMillis();
            long start = System.nanoTime();
            long pixels = body.call();
            SparkEnv env = SparkEnv.get();
            return new Task(env == null ? "driver" : env.executorId(), started, pixels, System.nanoTime() - start);
        }

        double rate() {
            return pixels / Math.max(nanos / 1e9, 1e-9);
        }
    }

    public TaskTimes {
        tasks = List.copyOf(tasks);
    }

    static TaskTimes of(List<Task> tasks) {
        return new TaskTimes(tasks);
    }

    public long pixels() {
        return tasks.stream().mapToLong(Task::pixels).sum();
    }

    public int executors() {
        return byExecutor().size();
    }

    private Map<String, List<Task>> byExecutor() {
        Map<String, List<Task>> by = new LinkedHashMap<>();
        for (Task t : tasks) {
            by.computeIfAbsent(t.executor(), e -> new ArrayList<>()).add(t);
        }
        by.values().forEach(list -> list.sort(Comparator.comparingLong(Task::started)));
        return by;
    }

    /** Pixels a second of one task once its executor is warm (the median of the tasks that were not first). */
    public double steadyRate() {
        List<Double> rates = new ArrayList<>();
        for (List<Task> list : byExecutor().values()) {
            for (int i = 1; i < list.size(); i++) {
                rates.add(list.get(i).rate());
            }
        }
        if (rates.isEmpty()) {
            return 0;
        }
        rates.sort(Double::compare);
        return rates.get(rates.size() / 2);
    }

    /** The seconds the executors' first tasks took beyond what the same pixels take warm, added up. */
    public double warmUpSeconds() {
        double steady = steadyRate();
        if (steady <= 0) {
            return 0;
        }
        double extra = 0;
        for (List<Task> list : byExecutor().values()) {
            Task first = list.get(0);
            extra += Math.max(0, first.nanos() / 1e9 - first.pixels() / steady);
        }
        return extra;
    }
}
