package dev.nnpaint.web;

import dev.nnpaint.BadInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session registry: what the server keeps per open page (browser tab). The server gives each page its id when
 * it serves the page ({@link #mint}): a random part and a signature over it, so that an id cannot be made up, and a
 * table of pages cannot be filled by inventing them. A page may name sub-channels of itself ({@code ID-breed}), each
 * with its own state. The table holds at most {@link Limits#maxPages()} pages; the least recently seen one makes
 * room for a new one, so a new tab is never refused. The paint view keeps the number of its newest render here, so
 * that an older render still running for the same page stops; the breed and train views keep their sessions here too.
 */
final class Pages {

    private static final Pattern ID = Pattern.compile("([0-9a-f]{24})([0-9a-f]{16})(-[a-z]{1,16})?");
    private static final HexFormat HEX = HexFormat.of();

    private final Limits limits;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Page> pages = new LinkedHashMap<>(64, 0.75f, true);
    /** The pages holding an opened model, least recently opened first. */
    private final java.util.LinkedHashSet<Page> withModels = new java.util.LinkedHashSet<>();

    /** Pages that may hold an opened model at once: a model may have millions of weights. */
    static final int MAX_MODELS = 8;

    Pages(Limits limits) {
        this.limits = limits;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** One open page. */
    static final class Page {
        final String id;
        final RateLimiter rate;
        /** The number of the newest preview request; older ones are superseded. */
        private long newestRender = Long.MIN_VALUE;
        /** Counts the page's stats requests; a queued report that is not the newest is skipped. */
        final java.util.concurrent.atomic.AtomicLong newestStats = new java.util.concurrent.atomic.AtomicLong();
        /** The model the paint view shows in place of the recipe's network, if the page opened one. */
        final ModelSlot model = new ModelSlot();

        Page(String id, Limits limits, long now) {
            this.id = id;
            this.rate = new RateLimiter(limits.requestsPerSecond(), limits.burst(), now);
        }

        /**
         * Claims the next render of this page: with a sequence number, any not older than the newest seen (a
         * batch of renders may share one); without, a number newer than every one before. Returns the number
         * claimed, or empty when a newer render already came.
         */
        synchronized java.util.OptionalLong claimRender(Long seq) {
            if (seq == null) {
                newestRender = newestRender == Long.MAX_VALUE ? newestRender : newestRender + 1;
                return java.util.OptionalLong.of(newestRender);
            }
            if (seq < newestRender) {
                return java.util.OptionalLong.empty();
            }
            newestRender = seq;
            return java.util.OptionalLong.of(seq);
        }

        synchronized boolean superseded(long claimed) {
            return newestRender > claimed;
        }
    }

    /** A new page id, signed with this server's key. */
    String mint() {
        byte[] nonce = new byte[12];
        synchronized (random) {
            random.nextBytes(nonce);
        }
        String head = HEX.formatHex(nonce);
        return head + signature(head);
    }

    /** Refuses an id this server did not give out (or a sub-channel of one). */
    void check(String pageId) {
        Matcher m = pageId == null ? null : ID.matcher(pageId);
        if (m == null || !m.matches() || !MessageDigest.isEqual(
                signature(m.group(1)).getBytes(StandardCharsets.US_ASCII),
                m.group(2).getBytes(StandardCharsets.US_ASCII))) {
            throw new BadInputException("page: not an id this server gave out (was the server restarted?); "
                    + "reload the page");
        }
    }

    private String signature(String head) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HEX.formatHex(mac.doFinal(head.getBytes(StandardCharsets.US_ASCII)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // every JDK has HmacSHA256
        }
    }

    /**
     * {@link #visit} for a view that keeps one session per page ({@code view}, such as "the fit view"), where the
     * page id is required: a request without one is refused rather than sharing the address's page.
     */
    Page visitRequired(String pageId, String remoteAddress, long now, String view) {
        if (pageId == null || pageId.isEmpty()) {
            throw new BadInputException("parameter 'page' is missing: " + view + " keeps one session per page");
        }
        return visit(pageId, remoteAddress, now);
    }

    /**
     * The page with this id (made on first sight, the least recently seen page making room), charged one request.
     * Requests without a page id (a script, a bare link) share one page per remote address.
     */
    Page visit(String pageId, String remoteAddress, long now) {
        String id;
        if (pageId == null || pageId.isEmpty()) {
            id = "address-" + remoteAddress;
        } else {
            check(pageId);
            id = pageId;
        }
        Page page;
        synchronized (pages) {
            page = pages.computeIfAbsent(id, k -> new Page(k, limits, now));
            while (pages.size() > limits.maxPages()) {
                pages.remove(pages.keySet().iterator().next());
            }
        }
        if (!page.rate.tryAcquire(now)) {
            throw HttpProblem.tooMany("too many requests from this page; slow down");
        }
        return page;
    }

    /** The page with this (checked) id if the server keeps it, without charging it a request; else null. */
    Page find(String pageId) {
        check(pageId);
        synchronized (pages) {
            return pages.get(pageId);
        }
    }

    /**
     * Notes that {@code page} now holds a model; past {@link #MAX_MODELS} the page that opened one longest ago
     * forgets its own (it is told so when it next paints with it).
     */
    void modelOpened(Page page) {
        Page dropped = null;
        synchronized (withModels) {
            withModels.remove(page);
            withModels.add(page);
            if (withModels.size() > MAX_MODELS) {
                dropped = withModels.iterator().next();
                withModels.remove(dropped);
            }
        }
        if (dropped != null) {
            dropped.model.clear();
        }
    }

    int size() {
        synchronized (pages) {
            return pages.size();
        }
    }
}
