package dev.nnpaint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for work handed to threads, with a task's failure rethrown as the task threw it. */
public final class Futures {

    private Futures() {
    }

    /** Waits for {@code f}; see {@link #unwrap}. */
    public static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Waits for {@code f} at most {@code millis} ms: true when it is done; see {@link #unwrap}. */
    public static boolean joinWithin(Future<?> f, long millis) {
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * The task's own failure: an unchecked exception or error as it was thrown, an {@link IOException} wrapped in
     * an {@link UncheckedIOException}, anything else in an {@link IllegalStateException}.
     */
    public static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException(cause);
    }

    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted", e);
    }
}
