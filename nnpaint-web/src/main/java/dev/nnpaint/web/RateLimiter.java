package dev.nnpaint.web;

/**
 * A token bucket: {@code burst} requests at once, then {@code perSecond} on average. The clock is passed in so
 * that tests can drive it.
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    RateLimiter(double perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * perSecond);
        lastNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
