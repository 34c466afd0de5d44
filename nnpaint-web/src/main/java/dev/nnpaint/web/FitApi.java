package dev.nnpaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.FitOperation;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PngWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fit view's endpoints: a network learns to paint an image while the page watches. Each page has at most one
 * {@link FitSession}; new settings replace it with a new session under a new id, and every request about a session
 * names that id ({@code session=}), so an answer about a replaced session is refused (409). A session whose page
 * has not polled for {@link #IDLE_NANOS}, or whose page said goodbye (the unload beacon), ends. Sessions step on a
 * {@link TrainScheduler} of their own: at most {@link #MAX_SESSIONS} exist over all pages, and the scheduler lets
 * about one step at a time per four cores.
 *
 * <p>{@code POST /api/fit/image} (body {@code {"name": ..., "data": base64 of a PNG or JPEG}}) keeps the page's
 * image, checked and shrunk ({@link FitImage}); {@code POST /api/fit/start} (body: {@link FitConfig}) answers the
 * session, the target picture and the first snapshot, paused at step 0; {@code POST
 * /api/fit/control?session=&action=play|pause|step|restart}; {@code GET /api/fit/snapshot?session=&have=}; {@code
 * GET /api/fit/model?session=} model.json; {@code GET /api/fit/png?session=} the reconstruction; {@code POST
 * /api/fit/open?session=} puts the fitted network into the page's model slot, for the paint and zoom views; {@code
 * POST /api/fit/close} (the beacon); {@code GET /api/fit/options} the choices and limits.
 */
final class FitApi implements AutoCloseable {

    /** A session unpolled this long ends: the page polls several times a second while open. */
    static final long IDLE_NANOS = 8_000_000_000L;
    /** Fit sessions open at once over all pages. */
    static final int MAX_SESSIONS = 8;
    /** Uploaded images kept (one a page, the least recently used goes). */
    static final int MAX_IMAGES = 16;
    /** How long a start waits for its session's first snapshot. */
    static final long FIRST_SNAPSHOT_NANOS = 30_000_000_000L;
    /** Bytes of an upload's JSON: the image file in base64 (4 bytes for 3) and its name. */
    static final int MAX_UPLOAD_BYTES = FitImage.MAX_BYTES / 3 * 4 + 4096;

    private static final Set<String> PAGE_ONLY = Set.of("page");
    private static final Set<String> SESSION_PARAMS = Set.of("page", "session");
    private static final Set<String> SNAPSHOT_PARAMS = Set.of("page", "session", "have");
    private static final Set<String> CONTROL_PARAMS = Set.of("page", "session", "action");

    private final Limits limits;
    private final Pages pages;
    private final boolean scalar;
    private final Map<String, FitSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, FitImage> images = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, FitImage> eldest) {
                    return size() > MAX_IMAGES;
                }
            });
    private final TrainScheduler scheduler;
    private final ScheduledExecutorService reaper;
    private final AtomicLong sessionIds = new AtomicLong();

    FitApi(Limits limits, Pages pages, Kernel kernel, int threads) {
        this.limits = limits;
        this.pages = pages;
        this.scalar = kernel.name().equals("scalar");
        this.scheduler = new TrainScheduler(threads);
        this.reaper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "nnpaint-fit-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(() -> endIdle(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
    }

    int sessionCount() {
        return sessions.size();
    }

    void endIdle(long now) {
        sessions.forEach((id, s) -> {
            if (now - s.lastPolledNanos() > IDLE_NANOS && sessions.remove(id, s)) {
                s.close();
            }
        });
    }

    /** GET /api/fit/options: encodings with their defaults, samples, limits and the default settings. */
    void options(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        ObjectNode o = Http.JSON.createObjectNode();
        o.set("defaults", FitConfig.defaults().toJson());
        ArrayNode samples = o.putArray("samples");
        FitImage.SAMPLES.forEach(samples::add);
        ObjectNode encodings = o.putObject("encodings");
        putEncoding(encodings, "none", "none", false);
        putEncoding(encodings, "pe", "pe:8", false);
        putEncoding(encodings, "gauss", "gauss:256:10", false);
        putEncoding(encodings, "hash", "hash", false);
        putEncoding(encodings, "siren", "none", true);
        o.put("maxBytes", FitImage.MAX_BYTES);
        o.put("maxPixels", FitImage.MAX_PIXELS);
        o.put("maxSide", FitImage.MAX_SIDE);
        o.put("minSide", FitConfig.MIN_SIDE);
        o.put("maxStepFlops", FitConfig.MAX_STEP_FLOPS);
        o.put("maxHiddenLayers", FitConfig.MAX_HIDDEN_LAYERS);
        o.put("maxNeurons", FitConfig.MAX_NEURONS);
        Http.sendJson(ex, 200, o);
    }

    private static void putEncoding(ObjectNode encodings, String name, String spec, boolean siren) {
        Encoding e = Encoding.parse(spec, 1, FitConfig.DEFAULT_SIDE);
        ObjectNode d = encodings.putObject(name);
        d.put("encoding", spec);
        d.put("siren", siren ? 30 : 0);
        ArrayNode h = d.putArray("hidden");
        for (int w : FitOperation.defaultHidden(e, siren)) {
            h.add(w);
        }
        d.put("learningRate", FitOperation.defaultLearningRate(e, siren));
    }

    /** POST /api/fit/image: the page's image, checked, decoded and shrunk; answers its sizes. */
    void image(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        Pages.Page page = visit(ex, q);
        JsonNode body = readJson(Http.body(ex, MAX_UPLOAD_BYTES), "the upload");
        if (!body.isObject() || !body.path("data").isTextual()) {
            throw new BadInputException("the upload: expected {\"name\": ..., \"data\": the image file in base64}");
        }
        String name = body.path("name").asText("image");
        byte[] file;
        try {
            file = Base64.getDecoder().decode(body.get("data").asText());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the upload's data is not base64");
        }
        FitImage image = FitImage.decode(name, file);
        images.put(page.id, image);
        ObjectNode o = describe(image);
        Http.sendJson(ex, 200, o);
    }

    private static ObjectNode describe(FitImage image) {
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("name", image.name());
        o.put("width", image.width());
        o.put("height", image.height());
        o.put("channels", image.channels());
        o.put("originalWidth", image.originalWidth());
        o.put("originalHeight", image.originalHeight());
        o.put("scaled", image.scaled());
        return o;
    }

    /** POST /api/fit/start: a new session on the body's settings, paused at step 0. */
    void start(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        Pages.Page page = visit(ex, q);
        FitConfig config = FitConfig.parse(readJson(Http.body(ex, limits.maxBodyBytes()), "the fit settings"));
        FitImage source;
        if (config.source().equals("upload")) {
            source = images.get(page.id);
            if (source == null) {
                throw new BadInputException("no image uploaded from this page; choose a file first (or a sample)");
            }
        } else {
            source = FitImage.sample(config.sample());
        }
        FitSession session = open(page, config, source);
        ObjectNode head = describe(session.image);
        head.put("session", session.id);
        head.set("config", session.config.toJson());
        head.put("batchPixels", session.batchSize());
        head.put("parameters", session.parameters);
        head.put("flopsPerPixel", session.flopsPerPixel);
        head.put("target", session.image.rgb());
        Http.send(ex, 200, "application/json; charset=utf-8", withSnapshot(head, firstSnapshot(session)));
    }

    /** A new session for the page under a new id, replacing (and ending) the page's previous one. */
    private FitSession open(Pages.Page page, FitConfig config, FitImage source) {
        FitImage image = source.fitTo(config.side());
        int longer = Math.max(image.width(), image.height());
        Model initial = config.initialModel(image.channels(), longer);
        long parameters = FitConfig.parameters(initial);
        if (parameters > limits.maxParameters()) {
            throw new BadInputException(String.format(Locale.ROOT, "the network has %,d trainable parameters; the "
                    + "explorer allows at most %,d", parameters, limits.maxParameters()));
        }
        int trainPixels = config.holdout() ? ((image.width() + 1) / 2) * ((image.height() + 1) / 2)
                : image.width() * image.height();
        FitConfig resolved = config.withBatch(config.resolveBatch(trainPixels, initial.flopsPerSample()));
        if (!sessions.containsKey(page.id) && sessions.size() >= MAX_SESSIONS) {
            endIdle(System.nanoTime());
            if (sessions.size() >= MAX_SESSIONS) {
                throw HttpProblem.tooMany("too many fits are running; close a fit view elsewhere");
            }
        }
        String id = "f" + sessionIds.incrementAndGet();
        FitSession session = new FitSession(id, resolved, source, image, initial, scheduler, scalar,
                System.nanoTime());
        FitSession replaced = sessions.put(page.id, session);
        if (replaced != null) {
            replaced.close();
        }
        return session;
    }

    private static byte[] firstSnapshot(FitSession session) {
        try {
            if (session.awaitSnapshot(FIRST_SNAPSHOT_NANOS) == null) {
                throw new HttpProblem(503, "the server is busy fitting; start again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(503, "the server is stopping");
        }
        return session.snapshotJson(-1);
    }

    private static byte[] withSnapshot(ObjectNode head, byte[] snapshot) throws IOException {
        byte[] h = Http.JSON.writeValueAsBytes(head);
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length + snapshot.length + 16);
        out.write(h, 0, h.length - 1);
        out.write(",\"snapshot\":".getBytes(StandardCharsets.UTF_8));
        out.write(snapshot);
        out.write('}');
        return out.toByteArray();
    }

    /** POST /api/fit/control?action=play|pause|step|restart (restart: a new session, same settings, step 0). */
    void control(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), CONTROL_PARAMS);
        Pages.Page page = visit(ex, q);
        FitSession session = session(page, q);
        String action = q.require("action");
        switch (action) {
            case "play" -> session.play();
            case "pause" -> session.pause();
            case "step" -> session.step();
            case "restart" -> {
                session = open(page, session.config, session.source);
                Http.send(ex, 200, "application/json; charset=utf-8", firstSnapshot(session));
                return;
            }
            default -> throw new BadInputException("action: expected play, pause, step or restart, got '"
                    + (action.length() > 20 ? action.substring(0, 20) + "..." : action) + "'");
        }
        Http.send(ex, 200, "application/json; charset=utf-8", session.snapshotJson(-1));
    }

    /** GET /api/fit/snapshot?session=&have=: the state and the newest snapshot (only the state for {@code have}). */
    void snapshot(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), SNAPSHOT_PARAMS);
        FitSession session = session(visit(ex, q), q);
        long have = q.get("have") == null ? -1 : q.integer("have", -1, -1, Integer.MAX_VALUE);
        Http.send(ex, 200, "application/json; charset=utf-8", session.snapshotJson(have));
    }

    /** GET /api/fit/model: the fitted network as model.json (it paints the image's frame), as a download. */
    void model(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), SESSION_PARAMS);
        FitSession session = session(visit(ex, q), q);
        FitSnapshot shown = latest(session);
        byte[] json = ModelJson.toJson(shown.model, color(session)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileName(session, shown)
                + ".json\"");
        Http.send(ex, 200, "application/json; charset=utf-8", json);
    }

    /** GET /api/fit/png: the reconstruction the page shows, at the fitted size, as a download. */
    void png(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), SESSION_PARAMS);
        FitSession session = session(visit(ex, q), q);
        FitSnapshot shown = latest(session);
        int w = session.image.width();
        int h = session.image.height();
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h + 4096);
        Map<String, String> text = Map.of("nnpaint", "{\"format\":\"nnpaint.fit/1\",\"encoding\":\""
                + session.config.encoding() + "\",\"step\":" + shown.step + "}");
        try (PngWriter png = new PngWriter(out, w, h, text, 1, PngWriter.DEFAULT_LEVEL)) {
            png.writeRows(shown.rgb, 0, h);
        }
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileName(session, shown)
                + ".png\"");
        Http.send(ex, 200, "image/png", out.toByteArray());
    }

    /**
     * POST /api/fit/open: the fitted network becomes the page's model (as {@code POST /api/model} would make it),
     * so the paint and zoom views paint it; answers what the paint view needs to frame the image.
     */
    void open(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), SESSION_PARAMS);
        Pages.Page page = visit(ex, q);
        FitSession session = session(page, q);
        FitSnapshot shown = latest(session);
        String color = color(session);
        page.model.put(ModelJson.toJson(shown.model, color).getBytes(StandardCharsets.UTF_8), limits.maxParameters());
        pages.modelOpened(page);
        ObjectNode o = Http.JSON.createObjectNode();
        o.put("outputs", shown.model.outputCount());
        o.put("color", color);
        o.put("step", shown.step);
        // the image's frame: x from -1 to 1 across the width, y at the same scale (FitData's coordinates)
        o.put("extent", 1.0);
        o.putArray("center").add(0.0).add(0.0);
        o.put("width", session.image.width());
        o.put("height", session.image.height());
        Http.sendJson(ex, 200, o);
    }

    /** POST /api/fit/close: the page is going away (a beacon); its session ends now. */
    void close(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        String id = q.require("page");
        pages.check(id);
        FitSession s = sessions.remove(id);
        if (s != null) {
            s.close();
        }
        Http.send(ex, 204, "text/plain", new byte[0]);
    }

    private static String color(FitSession session) {
        return session.image.channels() == 3 ? "rgb" : "gray";
    }

    private static String fileName(FitSession session, FitSnapshot shown) {
        String base = session.image.name().replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        base = base.isEmpty() ? "image" : base.length() > 40 ? base.substring(0, 40) : base;
        return "nnpaint-fit-" + base + "-step" + shown.step;
    }

    private static JsonNode readJson(byte[] bytes, String what) {
        try {
            JsonNode n = Http.JSON.readTree(bytes);
            if (n == null) {
                throw new BadInputException(what + ": the body is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BadInputException(what + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(what + ": cannot read the body");
        }
    }

    private Pages.Page visit(HttpExchange ex, Query q) {
        return pages.visitRequired(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress(),
                System.nanoTime(), "the fit view");
    }

    private FitSession session(Pages.Page page, Query q) {
        String id = q.require("session");
        FitSession s = sessions.get(page.id);
        if (s == null) {
            throw new HttpProblem(404, "no fit session for this page; start one first");
        }
        s.touch(System.nanoTime());
        if (!s.id.equals(id)) {
            throw new HttpProblem(409, "fit session '" + (id.length() > 20 ? id.substring(0, 20) : id)
                    + "' was replaced by '" + s.id + "'");
        }
        return s;
    }

    private static FitSnapshot latest(FitSession session) {
        FitSnapshot s = session.latest();
        if (s == null) {
            throw new HttpProblem(503, "the fit is still starting; ask again");
        }
        return s;
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        for (String id : Arrays.asList(sessions.keySet().toArray(new String[0]))) {
            FitSession s = sessions.remove(id);
            if (s != null) {
                s.close();
            }
        }
        scheduler.close();
    }
}
