package dev.nnpaint.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one context the server has: every path, one handler, no filters, no authenticator (the handler checks). */
final class RootContext extends HttpContext {

    private HttpHandler handler;
    private final Map<String, Object> attributes = new HashMap<>();

    RootContext(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public String getPath() {
        return "/";
    }

    @Override
    public HttpServer getServer() {
        return null; // Jetty serves it; nothing asks for a com.sun.net.httpserver.HttpServer
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return List.of();
    }

    @Override
    public Authenticator setAuthenticator(Authenticator auth) {
        throw new UnsupportedOperationException("the server checks its token itself");
    }

    @Override
    public Authenticator getAuthenticator() {
        return null;
    }
}
