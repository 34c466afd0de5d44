package dev.nnpaint.web;

import dev.nnpaint.BadInputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The parameters of a request's query string, each at most once and each one the endpoint knows. */
final class Query {

    static final String TOKEN = "token";

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code rawQuery} (still percent-encoded, may be null), refusing names outside {@code known}. The
     * server's token, which any request may carry, was checked before and is not a parameter of the endpoint.
     */
    static Query parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String part : rawQuery.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = decode(eq < 0 ? part : part.substring(0, eq));
                String value = eq < 0 ? "" : decode(part.substring(eq + 1));
                if (name.equals(TOKEN)) {
                    continue;
                }
                if (!known.contains(name)) {
                    throw new BadInputException("unknown parameter '" + name + "'; known: "
                            + String.join(", ", known.stream().sorted().toList()));
                }
                if (values.put(name, value) != null) {
                    throw new BadInputException("parameter '" + name + "' is given twice");
                }
            }
        }
        return new Query(values);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("malformed percent-encoding in the query");
        }
    }

    String get(String name) {
        return values.get(name);
    }

    String require(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new BadInputException("parameter '" + name + "' is missing");
        }
        return v;
    }

    int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new BadInputException(name + ": expected an integer from " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadInputException(name + ": expected an integer, got '" + shorten(v) + "'");
        }
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + ": expected an integer, got '" + shorten(v) + "'");
        }
    }

    boolean flag(String name) {
        String v = values.get(name);
        if (v == null || v.equals("false") || v.equals("0")) {
            return false;
        }
        if (v.isEmpty() || v.equals("true") || v.equals("1")) {
            return true;
        }
        throw new BadInputException(name + ": expected true or false, got '" + shorten(v) + "'");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
