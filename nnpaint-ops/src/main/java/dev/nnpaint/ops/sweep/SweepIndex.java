package dev.nnpaint.ops.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nnpaint.ops.format.Markup;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sweep's index page: static HTML and CSS, no script, so it opens from the file system and from any web
 * server alike. Each picture's caption is its name and the recipe fields in which the entries differ; the fields
 * they share are said once above the grid.
 */
final class SweepIndex {

    private static final JsonMapper JSON = new JsonMapper();

    private SweepIndex() {
    }

    static String html(List<SweepResult> results) {
        List<SweepResult> written = new ArrayList<>();
        List<SweepResult> broken = new ArrayList<>();
        for (SweepResult r : results) {
            (r.written() ? written : broken).add(r);
        }
        List<Map<String, String>> fields = new ArrayList<>();
        for (SweepResult r : written) {
            fields.add(fieldsOf(r.entry().recipeJson()));
        }
        List<String> differing = new ArrayList<>();
        Map<String, String> shared = new LinkedHashMap<>();
        if (!fields.isEmpty()) {
            for (String field : fields.get(0).keySet()) {
                String first = fields.get(0).get(field);
                boolean same = fields.stream().allMatch(f -> Objects.equals(f.get(field), first));
                if (same) {
                    shared.put(field, first);
                } else {
                    differing.add(field);
                }
            }
        }

        StringBuilder h = new StringBuilder(4096 + 512 * results.size());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>nnpaint sweep: ").append(written.size()).append(written.size() == 1 ? " image" : " images")
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header>\n<h1>nnpaint sweep</h1>\n<p class=\"count\">").append(written.size())
                .append(written.size() == 1 ? " image" : " images");
        if (!broken.isEmpty()) {
            h.append(", <a href=\"#broken\">").append(broken.size()).append(" broken</a>");
        }
        h.append("</p>\n");
        if (!shared.isEmpty() && written.size() > 1) {
            h.append("<p class=\"shared\">All images: ").append(pairs(shared)).append("</p>\n");
        }
        h.append("</header>\n<main class=\"grid\">\n");
        for (int i = 0; i < written.size(); i++) {
            SweepEntry e = written.get(i).entry();
            Map<String, String> f = fields.get(i);
            Map<String, String> own = new LinkedHashMap<>();
            for (String field : differing) {
                own.put(field, f.getOrDefault(field, "-"));
            }
            String src = Markup.escape(e.name() + ".png");
            h.append("<figure id=\"").append(Markup.escape(e.name())).append("\">\n")
                    .append("<a href=\"").append(src).append("\"><img src=\"").append(src)
                    .append("\" loading=\"lazy\" alt=\"").append(Markup.escape(e.name()))
                    .append("\" width=\"").append(widthOf(f)).append("\" height=\"").append(heightOf(f))
                    .append("\" title=\"").append(Markup.escape(e.recipeJson())).append("\"></a>\n")
                    .append("<figcaption><b>").append(Markup.escape(e.name())).append("</b>");
            if (!own.isEmpty()) {
                h.append("<br>").append(pairs(own));
            }
            h.append("</figcaption>\n</figure>\n");
        }
        h.append("</main>\n");
        if (!broken.isEmpty()) {
            h.append("<section id=\"broken\">\n<h2>").append(broken.size())
                    .append(broken.size() == 1 ? " broken entry" : " broken entries").append("</h2>\n<ul>\n");
            for (SweepResult r : broken) {
                h.append("<li><b>entry ").append(r.entry().index()).append(" (")
                        .append(Markup.escape(r.entry().name())).append(")</b>: ")
                        .append(Markup.escape(r.problem())).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The recipe's fields as short text for people, in the recipe file's order; width and height are shown
     * together as the size, and the format is left out.
     */
    static Map<String, String> fieldsOf(String recipeJson) {
        JsonNode root;
        try {
            root = JSON.readTree(recipeJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an entry's recipe is written by nnpaint and parses", e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("format")) {
                continue;
            }
            if (name.equals("width") || name.equals("height")) {
                out.put("size", root.path("width").asText() + "x" + root.path("height").asText());
                continue;
            }
            JsonNode v = field.getValue();
            if (name.equals("hidden") && v.size() > 1 && allEqual(v)) {
                out.put(name, v.size() + "x" + v.get(0).asText()); // layers x neurons, as 8x16
                continue;
            }
            out.put(name.replace('_', '-'), text(v));
        }
        return out;
    }

    private static boolean allEqual(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.equals(array.get(0))) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode v) {
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(text(item)));
            return String.join(",", items);
        }
        return v.isNull() ? "-" : v.asText();
    }

    private static String pairs(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add("<span class=\"field\">" + Markup.escape(k) + "</span> "
                + Markup.escape(v)));
        return String.join(" <span class=\"sep\">&middot;</span> ", parts);
    }

    private static String widthOf(Map<String, String> f) {
        return f.getOrDefault("size", "1x1").split("x")[0];
    }

    private static String heightOf(Map<String, String> f) {
        return f.getOrDefault("size", "1x1").split("x")[1];
    }

    private static final String CSS = """
            body { margin: 0; padding: 24px 32px; background: #15161a; color: #d8d8dc;
                   font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; color: #f2f2f4; }
            h2 { font-size: 17px; font-weight: 600; color: #ffb4a8; }
            a { color: #9cc4ff; }
            .count { margin: 0 0 6px; color: #a0a0a8; }
            .shared { margin: 0 0 18px; color: #8a8a94; font-size: 12.5px; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 20px; }
            figure { margin: 0; background: #1e1f24; border-radius: 6px; overflow: hidden;
                     box-shadow: 0 1px 3px rgba(0, 0, 0, 0.4); }
            figure img { display: block; width: 100%; height: auto; background: #000; }
            figcaption { padding: 8px 10px 10px; font-size: 12.5px; color: #a8a8b0; overflow-wrap: anywhere; }
            figcaption b { color: #f0f0f2; font-weight: 600; font-size: 13.5px; }
            .field { color: #7f8ca3; }
            .sep { color: #555; }
            #broken { margin-top: 32px; }
            #broken li { margin: 4px 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
            """;
}
