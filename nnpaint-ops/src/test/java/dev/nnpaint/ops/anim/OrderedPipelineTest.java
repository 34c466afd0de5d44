package dev.nnpaint.ops.anim;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderedPipelineTest {

    @Test
    void itemsArriveInOrderWithABoundedNumberInFlight() throws IOException {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        List<Integer> taken = new ArrayList<>();
        CountDownLatch[] madeItem = new CountDownLatch[50];
        Arrays.setAll(madeItem, i -> new CountDownLatch(1));
        OrderedPipeline.run(50, 3, 4, i -> {
            // every 7th item waits until the next one is made, so order has to be restored; the deadline only
            // keeps a broken pipeline from hanging the test
            if (i % 7 == 0 && i + 1 < 50) {
                madeItem[i + 1].await(20, TimeUnit.SECONDS);
            }
            madeItem[i].countDown();
            made.incrementAndGet();
            return i * i;
        }, (i, item) -> {
            maxAhead.accumulateAndGet(made.get() - taken.size(), Math::max);
            assertThat(item).isEqualTo(i * i);
            taken.add(i);
        });
        assertThat(taken).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(taken.get(i)).isEqualTo(i);
        }
        assertThat(maxAhead.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void theFirstFailureStopsTheRunAndKeepsItsType() {
        List<Integer> taken = new ArrayList<>();
        assertThatThrownBy(() -> OrderedPipeline.run(20, 2, 3, i -> {
            if (i == 5) {
                throw new IllegalArgumentException("frame 5 is broken");
            }
            return i;
        }, (i, item) -> taken.add(i))).isInstanceOf(IllegalArgumentException.class).hasMessage("frame 5 is broken");
        assertThat(taken).containsExactly(0, 1, 2, 3, 4);
        assertThatThrownBy(() -> OrderedPipeline.run(3, 2, 3, i -> i, (i, item) -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
    }
}
