package dev.nnpaint.app.web;

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

    /** Every refusal looks alike: {@code {"error": "one line for a person"}}. */
    static void sendError(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message == null ? "error" : message.replaceAll("\\s+", " ").trim());
        body.put("status", status);
        sendJson(ex, status, body);
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

    /** The request body, refused past {@code maxBytes} without reading the rest. */
    static byte[] body(HttpExchange ex, int maxBytes) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBytes) {
                    throw new HttpProblem(413, "request body too large: at most " + maxBytes + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new BadInputException("malformed Content-Length");
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (buffer.size() + n > maxBytes) {
                    throw new HttpProblem(413, "request body too large: at most " + maxBytes + " bytes");
                }
                buffer.write(chunk, 0, n);
            }
        }
        return buffer.toByteArray();
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
