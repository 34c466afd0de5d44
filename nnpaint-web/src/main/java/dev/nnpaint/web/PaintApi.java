package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PaintingPng;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Palette;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.stats.StatsReport;
import dev.nnpaint.stats.Verdict;
import dev.nnpaint.theory.MeanField;
import dev.nnpaint.theory.NetworkPrediction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The paint view's endpoints. Recipes travel as the JSON of {@code --config} ({@link RecipeJson}), in the
 * {@code recipe} query parameter or a POST body, so the page, the share link, the gallery and the command line
 * speak one format. Every PNG carries its recipe, so {@code nnpaint render --from} repaints it.
 */
final class PaintApi {

    /** Pixels per row the stats panel measures on: enough for stable verdicts, a few milliseconds of work. */
    static final int STATS_ACROSS = 48;
    /** Reports remembered, by recipe. */
    static final int STATS_CACHE = 256;
    /** How long a stats request waits for its report before the page is told to ask again. */
    static final long STATS_WAIT_SECONDS = 20;

    private static final Set<String> RENDER_PARAMS = Set.of("recipe", "w", "h", "page", "seq", "model");
    private static final Set<String> DOWNLOAD_PARAMS = Set.of("recipe", "w", "h", "page", "force", "check", "model");
    private static final Set<String> STATS_PARAMS = Set.of("recipe", "page");

    private final Limits limits;
    private final Pages pages;
    private final GalleryFolder gallery;
    private final Kernel kernel;
    private final int threads;
    private final Semaphore bigJobs;
    private final RenderBudget budget;
    private final ExecutorService statsWorker;
    private final Map<String, ObjectNode> statsCache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
                    return size() > STATS_CACHE;
                }
            });

    PaintApi(Limits limits, Pages pages, GalleryFolder gallery, Kernel kernel, int threads, RenderBudget budget) {
        this.limits = limits;
        this.budget = budget;
        this.pages = pages;
        this.gallery = gallery;
        this.kernel = kernel;
        this.threads = threads;
        this.bigJobs = new Semaphore(limits.maxDownloads());
        this.statsWorker = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "nnpaint-web-stats");
            t.setDaemon(true);
            return t;
        });
    }

    /** Thrown from inside a render when a newer request of the same page made it pointless. */
    static final class Superseded extends RuntimeException {
        Superseded() {
            super("superseded by a newer request from the same page", null, false, false);
        }
    }

    /** GET /api/render: a preview PNG at w x h of the recipe's view. */
    void render(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), RENDER_PARAMS);
        Pages.Page page = visit(ex, q);
        Recipe recipe = recipe(q.require("recipe"));
        int w = q.integer("w", Math.min(recipe.width(), 512), 1, limits.maxDownloadSide());
        int h = q.integer("h", Math.max(1, (int) Math.round(w * (double) recipe.height() / recipe.width())), 1,
                limits.maxDownloadSide());
        Long seq = q.get("seq") == null ? null : q.longValue("seq", 0);
        Recipe sized = recipe.toBuilder().size(w, h).build();
        Model opened = openedModel(q, page);
        Model model = opened != null ? opened : randomNetwork(sized);
        limits.checkPreview((long) w * h, model.flopsPerSample(), sized.antialias());
        // one render in flight per page: a newer request (with a newer seq, or none) stops the older one
        long claimed = page.claimRender(seq).orElseThrow(
                () -> new HttpProblem(409, "superseded by a newer request from the same page"));
        long start = System.nanoTime();
        ByteArrayOutputStream png = new ByteArrayOutputStream(w * h + 4096);
        try {
            // Deflate level 1: previews are thrown away soon, and level 1 is several times faster to encode.
            writePng(sized, model, opened != null, png, 1, () -> {
                if (page.superseded(claimed)) {
                    throw new Superseded();
                }
            });
        } catch (Superseded e) {
            throw new HttpProblem(409, e.getMessage());
        }
        ex.getResponseHeaders().set("X-Render-Millis", Long.toString((System.nanoTime() - start) / 1_000_000));
        Http.send(ex, 200, "image/png", png.toByteArray());
    }

    /** GET /api/download: the full-size PNG, streamed as it renders; stops when the browser goes away. */
    void download(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), DOWNLOAD_PARAMS);
        Pages.Page page = visit(ex, q);
        Recipe recipe = recipe(q.require("recipe"));
        int w = q.integer("w", recipe.width(), 1, Integer.MAX_VALUE);
        int h = q.integer("h", recipe.height(), 1, Integer.MAX_VALUE);
        Recipe sized = recipe.toBuilder().size(w, h).build();
        Model opened = openedModel(q, page);
        Model model = opened != null ? opened : randomNetwork(sized);
        // the very check the download makes, so that the page's question gets the download's answer
        limits.checkDownload(w, h, model.flopsPerSample(), sized.antialias(), q.flag("force"));
        // Everything that can refuse the picture is asked before the answer: the check must say what the download
        // would, and the download must never start a 200 that it then cannot fill (an empty PNG in the browser).
        Painting.of(model, sized);
        if (q.flag("check")) {
            // the page asks first, so that a refusal shows as a message rather than a downloaded error file
            Http.sendJson(ex, 200, Http.JSON.createObjectNode().put("ok", true));
            return;
        }
        if (!bigJobs.tryAcquire()) {
            throw HttpProblem.tooMany("another download or gallery save is running; retry when it is done");
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("Content-Disposition",
                    "attachment; filename=\"nnpaint-" + sized.seed() + "-" + w + "x" + h + ".png\"");
            ex.sendResponseHeaders(200, 0); // chunked: the size is known only at the end
            try (OutputStream out = ex.getResponseBody()) {
                writePng(sized, model, opened != null, out, PngWriter.DEFAULT_LEVEL, () -> { });
            }
        } finally {
            bigJobs.release();
        }
    }

    /**
     * GET /api/stats: the verdicts of {@code nnpaint stats} for the recipe. The mean-field part can take seconds
     * for deep networks, so reports are computed one at a time on their own thread, remembered per recipe, and
     * skipped when the page has asked about a newer recipe meanwhile.
     */
    void stats(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), STATS_PARAMS);
        Pages.Page page = visit(ex, q);
        Recipe recipe = recipe(q.require("recipe"));
        limits.checkNetworkSize(recipe);
        limits.checkPreview((long) STATS_ACROSS * STATS_ACROSS, recipe.toModel().flopsPerSample());
        String key = RecipeJson.toCompactJson(recipe);
        ObjectNode cached = statsCache.get(key);
        if (cached == null) {
            long ticket = page.newestStats.incrementAndGet();
            Future<ObjectNode> job = statsWorker.submit(() -> {
                ObjectNode known = statsCache.get(key);
                if (known != null) {
                    return known;
                }
                if (page.newestStats.get() != ticket) {
                    throw new Superseded();
                }
                ObjectNode computed = statsJson(StatsReport.of(recipe, STATS_ACROSS, kernel));
                statsCache.put(key, computed);
                return computed;
            });
            try {
                cached = job.get(STATS_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new HttpProblem(503, "the statistics of this network take long to compute; ask again later");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Superseded) {
                    throw new HttpProblem(409, e.getCause().getMessage());
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpProblem(503, "the server is stopping");
            }
        }
        Http.sendJson(ex, 200, cached);
    }

    static ObjectNode statsJson(StatsReport report) {
        ObjectNode root = Http.JSON.createObjectNode();
        NetworkPrediction p = report.predicted();
        NetworkPrediction.MapSummary g = p == null ? null : p.governing();
        if (g != null) {
            MeanField.Summary s = g.summary();
            root.put("phase", s.phase().id());
            putNumber(root, "chi1", s.chi1());
            putNumber(root, "qStar", s.unbounded() ? Double.NaN : s.qStar());
            putNumber(root, "sigmaW", g.sigmaW());
            putNumber(root, "sigmaB", g.sigmaB());
        } else {
            root.putNull("phase");
            root.putNull("chi1");
        }
        putNumber(root, "criticalSigmaW", report.criticalSigmaW());
        if (report.theoryNote() != null) {
            root.put("note", report.theoryNote());
        }
        putNumber(root, "outputStd", report.measured().outputVariation());
        putNumber(root, "neighbourCorrelation", report.measured().outputNeighbourCorrelation());
        boolean greyGoo = false;
        ArrayNode verdicts = root.putArray("verdicts");
        for (Verdict v : report.verdicts()) {
            ObjectNode n = verdicts.addObject();
            n.put("kind", v.kind().id());
            n.put("text", v.text());
            greyGoo |= v.kind() == Verdict.Kind.GREY_GOO;
        }
        root.put("greyGoo", greyGoo);
        return root;
    }

    void close() {
        statsWorker.shutdownNow();
    }

    /**
     * GET /api/recipe: the recipe with every field filled in, as the command line would read it: a share link or a
     * hand-written recipe may leave fields out.
     */
    void canonical(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), Set.of("recipe", "page"));
        visit(ex, q);
        Http.sendJson(ex, 200, RecipeJson.toTree(recipe(q.require("recipe"))));
    }

    /** GET /api/options: what the controls offer, and the default recipe. */
    void options(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        ObjectNode root = Http.JSON.createObjectNode();
        root.set("defaults", RecipeJson.toTree(Recipe.defaults()));
        ArrayNode activations = root.putArray("activations");
        for (Activation a : Activation.values()) {
            activations.add(a.id());
        }
        ArrayNode inits = root.putArray("inits");
        for (String syntax : Init.SYNTAX.split(",\\s*")) {
            ObjectNode n = inits.addObject();
            int colon = syntax.indexOf(':');
            n.put("id", colon < 0 ? syntax : syntax.substring(0, colon));
            n.put("parameter", colon >= 0);
        }
        ArrayNode palettes = root.putArray("palettes");
        Palette.names().forEach(palettes::add);
        ArrayNode colors = root.putArray("colorModes");
        Arrays.stream(ColorMode.SYNTAX.split(",\\s*")).map(s -> s.replace(":NAME", "")).forEach(colors::add);
        root.set("fields", fields());
        ObjectNode lim = root.putObject("limits");
        lim.put("maxPreviewPixels", limits.maxPreviewPixels());
        lim.put("maxDownloadSide", limits.maxDownloadSide());
        lim.put("maxParameters", limits.maxParameters());
        root.put("galleryFolder", gallery.folder().getFileName().toString());
        Http.sendJson(ex, 200, root);
    }

    /** The recipe fields of the table, for the page's controls, defaults and share links. */
    static ArrayNode fields() {
        ArrayNode fields = Http.JSON.createArrayNode();
        for (Field<?> f : RecipeFields.ALL) {
            ObjectNode n = fields.addObject();
            n.put("name", f.name());
            n.put("json", f.json());
            n.put("option", f.option());
            n.put("group", f.group().id());
            n.put("type", f.type().id());
            n.set("default", defaultOf(f));
            if (f.min() != null) {
                n.put("min", f.min());
                n.put("minExclusive", f.minExclusive());
            } else {
                n.putNull("min");
            }
            if (f.max() != null) {
                n.put("max", f.max());
            } else {
                n.putNull("max");
            }
            if (!f.choices().isEmpty()) {
                f.choices().forEach(n.putArray("choices")::add);
            }
            n.put("help", f.help());
            n.put("grid", f.grid() != null);
            n.put("animate", f.animate() == null ? null : f.animate().id());
        }
        return fields;
    }

    private static <T> JsonNode defaultOf(Field<T> f) {
        T v = f.defaultValue();
        return v == null ? Http.JSON.nullNode() : RecipeJson.valueTree(f, v);
    }

    /** GET /api/gallery: the pictures with their recipes, newest first. */
    void galleryList(HttpExchange ex) throws IOException {
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("folder", gallery.folder().getFileName().toString()); // the name only: the page needs no more
        ArrayNode items = root.putArray("items");
        for (GalleryFolder.Item item : gallery.list()) {
            ObjectNode n = items.addObject();
            n.put("name", item.name());
            n.put("url", "/gallery/" + item.name());
            n.put("bytes", item.bytes());
            n.put("modified", item.modifiedMillis());
            if (item.recipe() != null) {
                n.set("recipe", RecipeJson.toTree(item.recipe()));
            } else {
                n.putNull("recipe");
            }
        }
        Http.sendJson(ex, 200, root);
    }

    /** POST /api/gallery with {@code {"recipe": {...}}}: paints the recipe at its size into the gallery folder. */
    void gallerySave(HttpExchange ex) throws IOException {
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), Set.of("page"));
        visit(ex, q);
        JsonNode body;
        try {
            body = Http.JSON.readTree(Http.body(ex, limits.maxBodyBytes()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("request body: not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadInputException("request body: expected {\"recipe\": {...}}");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("recipe")) {
                throw new BadInputException("request body: unknown field '" + name + "'; known: recipe");
            }
        }
        if (!body.has("recipe")) {
            throw new BadInputException("request body: field 'recipe' is missing");
        }
        Recipe recipe = RecipeJson.fromTree(body.get("recipe"), "recipe");
        limits.checkNetworkSize(recipe);
        Model model = recipe.toModel();
        limits.checkDownload(recipe.width(), recipe.height(), model.flopsPerSample(), recipe.antialias(), false);
        if (!bigJobs.tryAcquire()) {
            throw HttpProblem.tooMany("another download or gallery save is running; retry when it is done");
        }
        java.nio.file.Path file;
        try {
            file = gallery.newFile(recipe);
            AtomicOutput.write(file, out -> writePng(recipe, model, false, out, PngWriter.DEFAULT_LEVEL, () -> { }));
        } finally {
            bigJobs.release();
        }
        ObjectNode root = Http.JSON.createObjectNode();
        String name = file.getFileName().toString();
        root.put("name", name);
        root.put("url", "/gallery/" + name);
        Http.sendJson(ex, 201, root);
    }

    /** GET /gallery/NAME.png: one picture of the gallery folder, and nothing else on disk. */
    void galleryFile(HttpExchange ex, String name) throws IOException {
        Http.requireMethod(ex, "GET", "HEAD");
        byte[] bytes = Files.readAllBytes(gallery.existing(name));
        Http.send(ex, 200, "image/png", bytes);
    }

    /**
     * POST /api/model with an nnpaint.model/1 file as the body: the page paints that model from now on whenever
     * it asks with {@code model=page}. DELETE forgets it.
     */
    void model(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST", "DELETE");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), Set.of("page"));
        Pages.Page page = visit(ex, q);
        if (ex.getRequestMethod().equals("DELETE")) {
            page.model.clear();
            Http.send(ex, 204, "text/plain", new byte[0]);
            return;
        }
        ModelJson.ModelFile file = page.model.put(Http.body(ex, ModelSlot.MAX_BODY_BYTES), limits.maxParameters());
        pages.modelOpened(page);
        Model model = file.model();
        ObjectNode root = Http.JSON.createObjectNode();
        ArrayNode inputs = root.putArray("inputs");
        model.inputNames().forEach(inputs::add);
        root.put("outputs", model.outputCount());
        if (file.color() != null) {
            root.put("color", file.color());
        } else {
            root.putNull("color");
        }
        root.put("parameters", ModelSlot.parameters(model));
        Http.sendJson(ex, 200, root);
    }

    /** The page's opened model when the request says {@code model=page}; null when it paints the recipe. */
    private static Model openedModel(Query q, Pages.Page page) {
        String which = q.get("model");
        if (which == null) {
            return null;
        }
        if (!which.equals("page")) {
            throw new BadInputException("model: expected 'page' (the model this page opened), got '"
                    + (which.length() > 40 ? which.substring(0, 40) + "..." : which) + "'");
        }
        return page.model.require().model();
    }

    private Model randomNetwork(Recipe recipe) {
        limits.checkNetworkSize(recipe);
        return recipe.toModel();
    }

    private Pages.Page visit(HttpExchange ex, Query q) {
        return pages.visit(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress(), System.nanoTime());
    }

    private static Recipe recipe(String json) {
        return RecipeJson.fromJson(json, "recipe");
    }

    /**
     * Paints band by band into a PNG through the one painting path of the command line: a recipe's own network
     * carries the recipe, an opened model carries itself and the view (so that {@code nnpaint render --from}
     * paints it again); {@code check} runs before each band.
     */
    private void writePng(Recipe recipe, Model model, boolean opened, OutputStream out, int level, Runnable check)
            throws IOException {
        PaintingPng.Picture picture = opened ? PaintingPng.ofModel(model, recipe, null)
                : PaintingPng.ofRecipe(recipe, model);
        // one thread: the budget runs the strips side by side on its own threads
        PaintingPng.write(out, picture, kernel, 1, Math.max(1, Math.min(threads, recipe.height() / 64)), level,
                check, (renderer, sink) -> budget.paint(renderer, recipe.width(), recipe.height(), sink, check::run));
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
