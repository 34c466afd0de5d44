package dev.nnpaint.web;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Asks for a value until it meets a condition, for state the server changes on its own threads (a training
 * session's epochs). The deadline is generous and only ends a test that would otherwise hang; the answer is the
 * first value that meets the condition, or the last one asked when the deadline passed.
 */
final class Poll {

    /** Between two questions: short, so the test follows the server closely. */
    private static final long BETWEEN_NANOS = 20_000_000L;

    private Poll() {
    }

    static <T> T until(Duration deadline, Callable<T> ask, Predicate<T> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T value = ask.call();
        while (!condition.test(value) && System.nanoTime() < end) {
            LockSupport.parkNanos(BETWEEN_NANOS);
            value = ask.call();
        }
        return value;
    }
}
