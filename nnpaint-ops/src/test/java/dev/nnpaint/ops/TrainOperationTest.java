package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Training's guards, and stopping early with the results of the last finished epoch. */
class TrainOperationTest {

    @TempDir
    Path dir;

    private static TrainOperation.Request request(int epochs, String optimizer, Integer batch, Path out) {
        return new TrainOperation.Request("moons", "label", 200, null, 2, 1, 0.1, null, false, "2-8-8-1", null,
                null, "relu", null, "he-normal", "zero", 1, optimizer, 0.01, 0.9, 0, 0, epochs, batch, "auto", out, null,
                null, 12, new Execution(Kernels.scalar(), 2, false));
    }

    @Test
    void aStoppedRunWritesTheSameModelAndHistoryAsARunOfThatManyEpochs() throws Exception {
        for (String optimizer : new String[] {"gd", "sgd"}) {
            Integer batch = optimizer.equals("gd") ? null : 32;
            AtomicInteger asked = new AtomicInteger();
            Path stopped = dir.resolve(optimizer + "-stopped");
            // the stop is asked after every epoch: say yes after the fifth
            TrainOperation.Result r = TrainOperation.run(request(40, optimizer, batch, stopped), Progress.NONE,
                    Progress.NONE, () -> asked.incrementAndGet() > 5);
            assertThat(r.stopped()).isTrue();
            int kept = r.history().epochs();
            assertThat(kept).isEqualTo(5);
            Path whole = dir.resolve(optimizer + "-whole");
            TrainOperation.Result w = TrainOperation.run(request(kept, optimizer, batch, whole), Progress.NONE,
                    Progress.NONE);
            assertThat(w.stopped()).isFalse();
            assertThat(Files.readString(stopped.resolve("model.json")))
                    .isEqualTo(Files.readString(whole.resolve("model.json")));
            assertThat(Files.readString(stopped.resolve("history.csv")))
                    .isEqualTo(Files.readString(whole.resolve("history.csv")))
                    .hasLineCount(kept + 2);
        }
    }

    @Test
    void aHistoryLargerThanHalfTheHeapIsRefusedEvenWithForce() {
        TrainOperation.checkHistoryMemory(999, 64_000);
        assertThatThrownBy(() -> TrainOperation.checkHistoryMemory(1000, 64_000))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--epochs 1,000 keeps a history row for every epoch");
    }

    @Test
    void theTrainingEstimateCountsForwardBackwardAndTestPasses() {
        // 100 epochs x 1000 flops x (4 x 900 train + 100 test) samples at 10 Gflop/s
        assertThat(TrainOperation.trainingSeconds(100, 1000, 900, 100)).isEqualTo(0.037);
    }

    @Test
    void batchZeroIsRefused() {
        assertThatThrownBy(() -> TrainOperation.run(request(5, "sgd", 0, dir.resolve("x")), Progress.NONE,
                Progress.NONE)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--batch must be at least 1, got 0");
    }
}
