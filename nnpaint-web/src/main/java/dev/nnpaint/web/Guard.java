package dev.nnpaint.web;

import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may act on the server: the holder of its per-launch secret token, from the server's own page. A browser
 * shows the token once, in the address {@code nnpaint serve} prints; the page keeps it in a {@code SameSite=Strict},
 * {@code HttpOnly} cookie that no script can read and no other site's request carries. Scripts send it as
 * {@code Authorization: token ...} or a {@code token=} parameter. On top of the token, a request a browser sends
 * on behalf of another origin is refused by its {@code Origin} and {@code Sec-Fetch-Site} headers (another port of
 * the same host is the same site to the cookie, but not the same origin), and a body must be declared as JSON,
 * which a cross-site form or a {@code no-cors} fetch cannot do without the browser asking first.
 */
final class Guard {

    /** The page's own scripts, styles and pictures only; no inline script, no framing by anyone. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Set<String> WRITING_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final String token;
    private final byte[] tokenBytes;
    private final String cookieName;

    Guard(String token, int port) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new dev.nnpaint.BadInputException("token: expected 16 to 128 letters, digits, '-' or '_'");
        }
        this.token = token;
        this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        // cookies are per host, not per port: two servers on one machine must not overwrite each other's
        this.cookieName = "nnpaint-token-" + port;
    }

    /** A fresh secret: 192 random bits. */
    static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String token() {
        return token;
    }

    String cookieName() {
        return cookieName;
    }

    /** Headers every answer carries: no framing, only the page's own scripts, no sniffing, no referrer. */
    static void securityHeaders(HttpExchange ex) {
        var h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    /**
     * The page opened with {@code ?token=}: a right token becomes the cookie and the browser is sent to the same
     * address without it (true: answered); a wrong one is refused. Without a token in the address: false.
     */
    boolean acceptTokenInAddress(HttpExchange ex) throws java.io.IOException {
        String raw = ex.getRequestURI().getRawQuery();
        String given = null;
        StringBuilder rest = new StringBuilder();
        if (raw != null) {
            for (String part : raw.split("&")) {
                if (part.startsWith("token=")) {
                    given = part.substring("token=".length());
                } else if (!part.isEmpty()) {
                    rest.append(rest.length() == 0 ? "?" : "&").append(part);
                }
            }
        }
        if (given == null) {
            return false;
        }
        if (!matches(given)) {
            throw new HttpProblem(403, "wrong token: open the address that 'nnpaint serve' printed when it started");
        }
        ex.getResponseHeaders().add("Set-Cookie", cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath() + rest);
        Http.send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
        return true;
    }

    /** Whether the request shows the token: the cookie, an {@code Authorization: token} header or a parameter. */
    boolean holdsToken(HttpExchange ex) {
        for (String header : headers(ex, "Authorization")) {
            String[] words = header.trim().split("\\s+", 2);
            if (words.length == 2 && (words[0].equalsIgnoreCase("token") || words[0].equalsIgnoreCase("bearer"))
                    && matches(words[1])) {
                return true;
            }
        }
        for (String header : headers(ex, "Cookie")) {
            for (String cookie : header.split(";")) {
                String c = cookie.trim();
                if (c.startsWith(cookieName + "=") && matches(c.substring(cookieName.length() + 1))) {
                    return true;
                }
            }
        }
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String part : raw.split("&")) {
                if (part.startsWith("token=") && matches(part.substring("token=".length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Lets a request through to an endpoint that writes, starts work or returns the user's data, or refuses it:
     * 401 without the token, 403 from another origin, 415 for a body not declared as JSON.
     */
    void admit(HttpExchange ex) {
        if (!holdsToken(ex)) {
            throw new HttpProblem(401, "this server needs its token: open the address that 'nnpaint serve' printed "
                    + "(it ends in ?token=...), or send the header 'Authorization: token ...'");
        }
        String site = first(ex, "Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new HttpProblem(403, "refused: the request was sent by another site's page (" + shorten(site)
                    + "); use the explorer's own page");
        }
        String origin = first(ex, "Origin");
        String host = first(ex, "Host");
        if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            throw new HttpProblem(403, "refused: the request came from another origin (" + shorten(origin)
                    + "); use the explorer's own page");
        }
        if (WRITING_METHODS.contains(ex.getRequestMethod()) && hasBody(ex)) {
            String type = first(ex, "Content-Type");
            String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                throw new HttpProblem(415, "the request body must be sent as Content-Type: application/json, got "
                        + (type == null ? "none" : "'" + shorten(type) + "'"));
            }
        }
    }

    private static boolean hasBody(HttpExchange ex) {
        String length = first(ex, "Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return first(ex, "Transfer-Encoding") != null;
    }

    private boolean matches(String given) {
        // constant time: the comparison must not tell how much of a guess was right
        return MessageDigest.isEqual(tokenBytes, given.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static List<String> headers(HttpExchange ex, String name) {
        List<String> values = ex.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    private static String first(HttpExchange ex, String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
