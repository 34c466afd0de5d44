package dev.nnpaint.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for answering an exchange: JSON bodies, errors as JSON, bounded request bodies. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Every refusal looks alike: {@code {"error": "one line for a person", "status": N}}. */
    static void sendError(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", forPerson(message));
        body.put("status", status);
        sendJson(ex, status, body);
    }

    /**
     * A message on one line without a library's internals: a JSON parser's error names the switches that would
     * have accepted the input and where in its source it stopped, which tell a person nothing.
     */
    static String forPerson(String message) {
        if (message == null || message.isBlank()) {
            return "error";
        }
        String m = message
                .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "")
                .replaceAll(":?\\s*(?:enable|disable)\\s*`[^`]*`\\s*to allow", "")
                .replaceAll("\\s*\\([^()]*`[^`]*(?:Feature|Constraints)[^`]*`[^()]*\\)", "")
                .replaceAll("`[^`]*(?:Feature|Constraints)[^`]*`", "a parser setting")
                .replaceAll("`?(?:com\\.fasterxml|java\\.|sun\\.|org\\.eclipse)[A-Za-z0-9_.$]*`?", "a value")
                .replaceAll("\\s+", " ").trim();
        return m.isEmpty() ? "error" : m;
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Past this many bytes an oversized body is not read at all: the connection is dropped instead. */
    private static final long DRAIN_LIMIT = 1 << 20;

    /**
     * The request body, refused with 413 past {@code maxBytes}. An oversized body of up to a megabyte is read and
     * dropped first: a server that answers without reading it closes the connection under the client's upload,
     * and the client then sees a reset instead of the answer.
     */
    static byte[] body(HttpExchange ex, int maxBytes) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("malformed Content-Length");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            if (declared > maxBytes) {
                if (declared <= DRAIN_LIMIT) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                throw tooLarge(maxBytes);
            }
            long total = 0;
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    drain(in, chunk, DRAIN_LIMIT - total);
                    throw tooLarge(maxBytes);
                }
                buffer.write(chunk, 0, n);
            }
        }
        return buffer.toByteArray();
    }

    private static void drain(InputStream in, byte[] chunk, long atMost) throws IOException {
        for (int n; atMost > 0 && (n = in.read(chunk)) > 0; ) {
            atMost -= n;
        }
    }

    private static HttpProblem tooLarge(int maxBytes) {
        return new HttpProblem(413, "request body too large: at most " + maxBytes + " bytes");
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void requireMethod(HttpExchange ex, String... methods) {
        for (String m : methods) {
            if (m.equals(ex.getRequestMethod())) {
                return;
            }
        }
        ex.getResponseHeaders().set("Allow", String.join(", ", methods));
        throw new HttpProblem(405, "method " + ex.getRequestMethod() + " not allowed here; use "
                + String.join(" or ", methods));
    }
}
