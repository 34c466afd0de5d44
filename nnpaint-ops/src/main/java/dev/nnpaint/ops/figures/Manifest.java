package dev.nnpaint.ops.figures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnpaint.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list of the articles' figures, read from {@code figures/manifest.json} on the class path:
 * <pre>{@code
 * {
 *   "articles": [{"id": "chopra", "title": "...", "author": "...", "url": "..."}],
 *   "figures": [{"id": "grey-goo", "article": "chopra", "title": "...", "caption": "...",
 *                "command": "render", "args": ["--config", "@grey-goo.json", "--size", "{size:256}"],
 *                "output": "grey-goo.png",
 *                "model": {"recipe": "grey-goo.json", "first_layer_bias_only": true, "file": "grey-goo.model.json"}}]
 * }
 * }</pre>
 * Unknown fields, duplicate ids and figures of unknown articles are errors, so a typo cannot drop a figure.
 */
public record Manifest(List<Article> articles, List<FigureSpec> figures) {

    /** Where the manifest and the recipe files it names live on the class path. */
    public static final String RESOURCES = "/figures/";
    public static final Set<String> COMMANDS = Set.of("render", "grid", "animate", "plot");

    private static final Set<String> TOP_FIELDS = Set.of("articles", "figures");
    private static final Set<String> ARTICLE_FIELDS = Set.of("id", "title", "author", "url");
    private static final Set<String> FIGURE_FIELDS = Set.of("id", "article", "title", "caption", "command", "args",
            "output", "model");
    private static final Set<String> MODEL_FIELDS = Set.of("recipe", "first_layer_bias_only", "file");

    public Manifest {
        articles = List.copyOf(articles);
        figures = List.copyOf(figures);
    }

    /** The manifest shipped with nnpaint. */
    public static Manifest load() {
        return parse(resourceText("manifest.json"), RESOURCES + "manifest.json");
    }

    /** A file kept with the figures (the manifest or a recipe), as text. */
    public static String resourceText(String name) {
        try (InputStream in = Manifest.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCES + name, e);
        }
    }

    public static Manifest parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        checkFields(root, TOP_FIELDS, source);
        List<Article> articles = new ArrayList<>();
        Set<String> articleIds = new HashSet<>();
        for (JsonNode a : array(root, "articles", source)) {
            checkFields(a, ARTICLE_FIELDS, source + ": article");
            Article article = new Article(text(a, "id", source), text(a, "title", source),
                    text(a, "author", source), text(a, "url", source));
            if (!articleIds.add(article.id())) {
                throw new BadInputException(source + ": article '" + article.id() + "' is listed twice");
            }
            articles.add(article);
        }
        List<FigureSpec> figures = new ArrayList<>();
        Set<String> figureIds = new HashSet<>();
        for (JsonNode f : array(root, "figures", source)) {
            String where = source + ": figure " + (f.has("id") ? "'" + f.get("id").asText() + "'" : "#" + figures.size());
            checkFields(f, FIGURE_FIELDS, where);
            String id = text(f, "id", where);
            if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                throw new BadInputException(where + ": id must be lower-case letters, digits and '-'");
            }
            if (!figureIds.add(id)) {
                throw new BadInputException(source + ": figure '" + id + "' is listed twice");
            }
            String article = text(f, "article", where);
            if (!articleIds.contains(article)) {
                throw new BadInputException(where + ": unknown article '" + article + "'");
            }
            String command = text(f, "command", where);
            if (!COMMANDS.contains(command)) {
                throw new BadInputException(where + ": command must be one of " + COMMANDS + ", got '" + command + "'");
            }
            List<String> args = new ArrayList<>();
            for (JsonNode arg : array(f, "args", where)) {
                if (!arg.isTextual()) {
                    throw new BadInputException(where + ": args must be strings, got " + arg);
                }
                args.add(arg.asText());
            }
            FigureSpec.ModelStep model = null;
            if (f.has("model")) {
                JsonNode m = f.get("model");
                checkFields(m, MODEL_FIELDS, where + ": model");
                model = new FigureSpec.ModelStep(text(m, "recipe", where + ": model"),
                        m.path("first_layer_bias_only").asBoolean(false), text(m, "file", where + ": model"));
            }
            figures.add(new FigureSpec(id, article, text(f, "title", where), text(f, "caption", where), command,
                    args, text(f, "output", where), model));
        }
        return new Manifest(articles, figures);
    }

    /** The figures named in {@code ids} (all when empty), in manifest order; an unknown id is an error. */
    public List<FigureSpec> select(List<String> ids) {
        if (ids.isEmpty()) {
            return figures;
        }
        Map<String, FigureSpec> byId = new LinkedHashMap<>();
        figures.forEach(f -> byId.put(f.id(), f));
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new BadInputException("unknown figure '" + id + "'; 'nnpaint figures --list' shows them all");
            }
        }
        return figures.stream().filter(f -> ids.contains(f.id())).toList();
    }

    public Article article(String id) {
        return articles.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new BadInputException(where + ": expected an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new BadInputException(where + ": unknown field '" + name + "'");
            }
        }
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray()) {
            throw new BadInputException(where + ": '" + field + "' must be an array");
        }
        return a;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadInputException(where + ": '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }
}
