package dev.nnpaint.web;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The session registry: what the server keeps per open page (browser tab). Each page names itself with a
 * random id it makes when it loads; tabs never share state, and a page that stops asking for a while is
 * forgotten. The paint view keeps the number of its newest render here, so that an older render still running
 * for the same page stops; the breed and train views keep their sessions here too.
 */
final class Pages {

    /** A page unheard of for this long is forgotten (its long-running work then stops). */
    static final long IDLE_NANOS = 10L * 60 * 1_000_000_000L;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{6,64}");

    private final Limits limits;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    Pages(Limits limits) {
        this.limits = limits;
    }

    /** One open page. */
    static final class Page {
        final String id;
        final RateLimiter rate;
        /** The sequence number of the newest preview request; older ones are superseded. */
        final AtomicLong newestRender = new AtomicLong(Long.MIN_VALUE);
        /** Counts the page's stats requests; a queued report that is not the newest is skipped. */
        final AtomicLong newestStats = new AtomicLong();
        /** The model the paint view shows in place of the recipe's network, if the page opened one. */
        final ModelSlot model = new ModelSlot();
        volatile long lastSeenNanos;

        Page(String id, Limits limits, long now) {
            this.id = id;
            this.rate = new RateLimiter(limits.requestsPerSecond(), limits.burst(), now);
            this.lastSeenNanos = now;
        }

        /** Records {@code seq} as the newest render unless a newer one is known; true if it is the newest. */
        boolean claimRender(long seq) {
            return newestRender.accumulateAndGet(seq, Math::max) == seq;
        }

        boolean superseded(long seq) {
            return newestRender.get() > seq;
        }
    }

    /**
     * The page with this id (created on first sight), charged one request. Requests without a page id (a
     * script, a bare link) share one page per remote address.
     */
    Page visit(String pageId, String remoteAddress, long now) {
        String id = pageId;
        if (id == null || id.isEmpty()) {
            id = "address-" + remoteAddress;
        } else if (!ID.matcher(id).matches()) {
            throw new dev.nnpaint.BadInputException("page: expected 6 to 64 letters, digits, '-' or '_'");
        }
        if (pages.size() >= limits.maxPages() && !pages.containsKey(id)) {
            forgetIdle(now);
            if (pages.size() >= limits.maxPages()) {
                throw HttpProblem.tooMany("too many pages are open at once; close some tabs and retry");
            }
        }
        Page page = pages.computeIfAbsent(id, k -> new Page(k, limits, now));
        page.lastSeenNanos = now;
        if (!page.rate.tryAcquire(now)) {
            throw HttpProblem.tooMany("too many requests from this page; slow down");
        }
        return page;
    }

    int size() {
        return pages.size();
    }

    void forgetIdle(long now) {
        for (Iterator<Page> it = pages.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastSeenNanos > IDLE_NANOS) {
                it.remove();
            }
        }
    }
}
