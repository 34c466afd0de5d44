package dev.nnpaint.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class JobProgressTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void start() {
        spark = Sparks.start("local[2]", "nnpaint progress test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void reportsTheTasksOfTheWatchedJobsUpToAllDone() {
        List<long[]> reports = new CopyOnWriteArrayList<>();
        List<Integer> items = IntStream.range(0, 12).boxed().toList();
        spark.parallelize(items, 3).count(); // not watched: its tasks are not counted
        try (JobProgress progress = JobProgress.watch(spark, (done, total) -> reports.add(new long[] {done, total}))) {
            long sum = spark.parallelize(items, 6).map(i -> (long) i).reduce(Long::sum);
            assertThat(sum).isEqualTo(66);
        }
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1)).containsExactly(6, 6);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
        }
    }
}
