package dev.nnpaint.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The answers Jetty gives itself (a request it cannot parse, an address or head too long, no thread free) in the
 * server's one error shape, {@code {"error": "...", "status": N}}, with a message for a person rather than an HTML
 * page or a parser's own words.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("error", message(status));
        body.put("status", status);
        byte[] bytes;
        try {
            bytes = Http.JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of two fields always writes
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "bad request: the request or its address is malformed";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request body is too large";
            case 414 -> "the address is too long: at most " + WebServer.MAX_HEAD_BYTES / 1024
                    + " KB; post large recipes instead";
            case 431 -> "the request's headers are too large";
            case 503 -> "the server is busy; retry in a moment";
            default -> status >= 500 ? "internal error" : "the request was refused (HTTP " + status + ")";
        };
    }
}
