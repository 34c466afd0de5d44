package dev.nnpaint.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.data.SyntheticData;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.Optimizer;

import dev.nnpaint.ops.TrainedModels;
import dev.nnpaint.ops.format.PaintingPng;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Renderer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The train view's endpoints. Each page has at most one {@link TrainSession}; new settings replace it with a new
 * session under a new id, and every request about a session names that id ({@code session=}), so that an answer
 * about a replaced session is refused (409) instead of being taken for the current one's. A session whose page
 * has not polled for {@link #IDLE_NANOS} ends, as does one whose page says goodbye (the page's unload beacon), so
 * that a closed tab does not keep a core busy. Sessions step on one {@link TrainScheduler} shared by all pages.
 *
 * <p>{@code POST /api/train/start} (body: the settings, see {@link TrainConfig}, with an uploaded CSV's text when
 * the data is "csv", up to {@link #MAX_START_BYTES}) answers the session id, the points and the first snapshot;
 * {@code POST /api/train/control?session=&action=play|pause|step|reset} (reset: a new session, same settings);
 * {@code GET /api/train/snapshot?session=&have=} (only the state when the page has version {@code have});
 * {@code GET /api/train/model?session=} the model file; {@code POST /api/train/close}; {@code GET
 * /api/train/paint?session=} the model painted as a PNG; {@code GET /api/train/options} the choices the controls
 * offer; {@code POST /api/train/weight?session=&layer=&row=&col=&value=} sets one weight (see {@link #weight}).
 */
final class TrainApi implements AutoCloseable {

    /** A session unpolled this long ends: the page polls several times a second while open, hidden or not. */
    static final long IDLE_NANOS = 8_000_000_000L;
    /** Training sessions open at once over all pages (how many step at once is the scheduler's). */
    static final int MAX_SESSIONS = 8;
    /** How long a start waits for its session's first snapshot, which the scheduler renders in turn. */
    static final long FIRST_SNAPSHOT_NANOS = 30_000_000_000L;
    /** Bytes of a start request, which may carry an uploaded CSV (5000 samples of three columns fit many times). */
    static final int MAX_START_BYTES = 1 << 20;

    /** Width or height of a painting of the trained network. */
    static final int MAX_PAINT_SIDE = 4096;

    private static final Set<String> PAGE_ONLY = Set.of("page");
    private static final Set<String> SESSION_PARAMS = Set.of("page", "session");
    private static final Set<String> SNAPSHOT_PARAMS = Set.of("page", "session", "have");
    private static final Set<String> CONTROL_PARAMS = Set.of("page", "session", "action");
    private static final Set<String> PAINT_PARAMS = Set.of("page", "session", "w", "h");
    private static final Set<String> WEIGHT_PARAMS = Set.of("page", "session", "layer", "row", "col", "value");

    /** Largest magnitude of a weight set by hand: far beyond what training makes, short of overflowing a layer. */
    static final double MAX_EDITED_WEIGHT = 100;
    /** How long an edit waits for the snapshot that shows it, which the driver renders in its turn. */
    static final long EDIT_SNAPSHOT_NANOS = 30_000_000_000L;

    private final Limits limits;
    private final Pages pages;
    private final Map<String, TrainSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final Kernel kernel;
    private final int threads;
    private final TrainScheduler scheduler;
    private final AtomicLong sessionIds = new AtomicLong();

    TrainApi(Limits limits, Pages pages, Kernel kernel, int threads) {
        this.limits = limits;
        this.pages = pages;
        this.kernel = kernel;
        this.threads = threads;
        this.scheduler = new TrainScheduler(threads);
        this.reaper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "nnpaint-train-reaper");
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(() -> endIdle(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
    }

    /** Sessions open now (for tests and the limit). */
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

    /** GET /api/train/options: the data sets, activations and optimisers, and the defaults. */
    void options(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        ObjectNode o = Http.JSON.createObjectNode();
        var data = o.putArray("data");
        for (SyntheticData d : SyntheticData.values()) {
            data.addObject().put("id", d.id()).put("noise", d.defaultNoise()).put("regression", d.isRegression());
        }
        var acts = o.putArray("activations");
        for (Activation a : Activation.values()) {
            acts.add(a.id());
        }
        var opts = o.putArray("optimizers");
        for (Optimizer.Kind k : Optimizer.Kind.values()) {
            opts.add(k.id());
        }
        o.set("defaults", TrainConfig.defaults().toJson());
        o.put("maxHiddenLayers", TrainConfig.MAX_HIDDEN_LAYERS);
        o.put("maxNeurons", TrainConfig.MAX_NEURONS);
        Http.sendJson(ex, 200, o);
    }

    /** POST /api/train/start: a new session with the body's settings, paused at epoch 0. */
    void start(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        Pages.Page page = visit(ex, q);
        JsonNode body;
        try {
            body = Http.JSON.readTree(Http.body(ex, Math.max(limits.maxBodyBytes(), MAX_START_BYTES)));
        } catch (JsonProcessingException e) {
            throw new BadInputException("the settings are not valid JSON: " + e.getOriginalMessage());
        }
        TrainConfig config = TrainConfig.parse(body, limits.maxParameters());
        TrainSession old = sessions.get(page.id);
        if (old == null && sessions.size() >= MAX_SESSIONS) {
            endIdle(System.nanoTime());
            if (sessions.size() >= MAX_SESSIONS) {
                throw HttpProblem.tooMany("too many training sessions are running; close a train view elsewhere");
            }
        }
        TrainSession session = open(page, config);
        ObjectNode points = session.data.points(config);
        points.put("session", session.id);
        points.set("training", session.training());
        byte[] head = Http.JSON.writeValueAsBytes(points);
        byte[] snapshot = firstSnapshot(session);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + snapshot.length + 16);
        out.write(head, 0, head.length - 1);
        out.write(",\"snapshot\":".getBytes(StandardCharsets.UTF_8));
        out.write(snapshot);
        out.write('}');
        Http.send(ex, 200, "application/json; charset=utf-8", out.toByteArray());
    }

    /** A new session for the page under a new id, replacing (and ending) the page's previous one. */
    private TrainSession open(Pages.Page page, TrainConfig config) {
        String id = "t" + sessionIds.incrementAndGet();
        TrainSession session = new TrainSession(id, config, scheduler, kernel, System.nanoTime());
        TrainSession replaced = sessions.put(page.id, session);
        if (replaced != null) {
            replaced.close();
        }
        return session;
    }

    private static byte[] firstSnapshot(TrainSession session) {
        try {
            if (session.awaitSnapshot(FIRST_SNAPSHOT_NANOS) == null) {
                throw new HttpProblem(503, "the server is busy training; start again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(503, "the server is stopping");
        }
        return session.snapshotJson(-1);
    }

    /** POST /api/train/control?action=play|pause|step|reset. */
    void control(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), CONTROL_PARAMS);
        Pages.Page page = visit(ex, q);
        TrainSession session = session(page, q);
        String action = q.require("action");
        switch (action) {
            case "play" -> session.play();
            case "pause" -> session.pause();
            case "step" -> session.step();
            case "reset" -> {
                // the same settings from epoch 0: a new session, so that the old one's answers are told apart
                session = open(page, session.config);
                Http.sendJson(ex, 200, Http.JSON.readTree(firstSnapshot(session)));
                return;
            }
            default -> throw new BadInputException("action: expected play, pause, step or reset, got '"
                    + (action.length() > 20 ? action.substring(0, 20) + "..." : action) + "'");
        }
        Http.send(ex, 200, "application/json; charset=utf-8", session.snapshotJson(-1));
    }

    /**
     * POST /api/train/weight?session=&layer=&row=&col=&value=: sets one weight of the session's network, playing
     * or paused, and answers the snapshot that shows it; training goes on from the new value. {@code layer}
     * counts the model's layers from 0 (layer {@code l} is the maths' W[l + 1]), {@code row} is a unit of that
     * layer and {@code col} a unit of the one before (an input for layer 0), both from 0.
     */
    void weight(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), WEIGHT_PARAMS);
        TrainSession session = session(visit(ex, q), q);
        List<dev.nnpaint.net.Layer> layers = latest(session).model.layers();
        q.require("layer");
        q.require("row");
        q.require("col");
        int layer = q.integer("layer", 0, 0, layers.size() - 1);
        dev.nnpaint.net.Layer shape = layers.get(layer);
        int row = q.integer("row", 0, 0, shape.outputs() - 1);
        int col = q.integer("col", 0, 0, shape.inputs() - 1);
        String text = q.require("value");
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("value: expected a number, got '"
                    + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'");
        }
        if (!(Math.abs(value) <= MAX_EDITED_WEIGHT)) {
            throw new BadInputException("value: expected a number from -" + (int) MAX_EDITED_WEIGHT + " to "
                    + (int) MAX_EDITED_WEIGHT + ", got " + text.trim());
        }
        long edit = session.setWeight(new TrainSession.WeightEdit(layer, row, col, (float) value));
        try {
            if (!session.awaitEdit(edit, EDIT_SNAPSHOT_NANOS)) {
                throw new HttpProblem(503, "the server is busy training; the weight is set and shows in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(503, "the server is stopping");
        }
        Http.send(ex, 200, "application/json; charset=utf-8", session.snapshotJson(-1));
    }

    /**
     * GET /api/train/snapshot?session=&have=: the state and the newest snapshot, rendered and encoded by the
     * session's driver; only the state when the page already has version {@code have}.
     */
    void snapshot(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), SNAPSHOT_PARAMS);
        TrainSession session = session(visit(ex, q), q);
        long have = q.get("have") == null ? -1 : q.integer("have", -1, -1, Integer.MAX_VALUE);
        Http.send(ex, 200, "application/json; charset=utf-8", session.snapshotJson(have));
    }

    /** GET /api/train/model: the trained network as a model file (nnpaint.model/1), as a download. */
    void model(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), SESSION_PARAMS);
        TrainSession session = session(visit(ex, q), q);
        TrainSnapshot shown = latest(session);
        Model model = shown.model;
        byte[] json = ModelJson.toJson(model, TrainedModels.colorFor(model)).getBytes(StandardCharsets.UTF_8);
        String name = "nnpaint-" + session.config.data() + "-epoch" + shown.epoch + ".json";
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "\"");
        Http.send(ex, 200, "application/json; charset=utf-8", json);
    }

    /**
     * GET /api/train/paint?w=&h=: the trained network painted over the data's square as a PNG, the model file
     * and its view embedded (so that {@code nnpaint render --from} paints it again at any size), in the colours
     * of {@link TrainedModels#colorFor}.
     */
    void paint(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAINT_PARAMS);
        TrainSession session = session(visit(ex, q), q);
        TrainSnapshot shown = latest(session);
        Model model = shown.model;
        // painted in memory before it is sent: bounded like a preview, not like a download
        int side = Math.min(limits.maxDownloadSide(), MAX_PAINT_SIDE);
        int w = q.integer("w", 1024, 1, side);
        int h = q.integer("h", w, 1, side);
        String color = TrainedModels.colorFor(model);
        if (color == null) {
            throw new BadInputException("a painting needs a network with 1 or 3 outputs; this one has "
                    + model.outputCount());
        }
        limits.checkDownload(w, h, model.flopsPerSample(), false);
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(w, h).extent(session.data.half)
                .center(session.data.centerX, session.data.centerY).color(color).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h + 4096);
        PaintingPng.write(out, PaintingPng.ofModel(model, view, null), kernel, threads,
                Runtime.getRuntime().availableProcessors(), PngWriter.DEFAULT_LEVEL, Renderer.Progress.NONE, () -> { });
        ex.getResponseHeaders().set("Content-Disposition", "inline; filename=\"nnpaint-" + session.config.data()
                + "-epoch" + shown.epoch + ".png\"");
        Http.send(ex, 200, "image/png", out.toByteArray());
    }

    /** POST /api/train/close: the page is going away (sent as a beacon); its session ends now. */
    void close(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        String id = q.require("page");
        pages.check(id);
        TrainSession s = sessions.remove(id);
        if (s != null) {
            s.close();
        }
        Http.send(ex, 204, "text/plain", new byte[0]);
    }

    private Pages.Page visit(HttpExchange ex, Query q) {
        return pages.visitRequired(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress(),
                System.nanoTime(), "the train view");
    }

    /** The page's session, which must be the one the request names. */
    private TrainSession session(Pages.Page page, Query q) {
        String id = q.require("session");
        TrainSession s = sessions.get(page.id);
        if (s == null) {
            throw new HttpProblem(404, "no training session for this page; start one first");
        }
        s.touch(System.nanoTime());
        if (!s.id.equals(id)) {
            throw new HttpProblem(409, "training session '" + (id.length() > 20 ? id.substring(0, 20) : id)
                    + "' was replaced by '" + s.id + "'");
        }
        return s;
    }

    private static TrainSnapshot latest(TrainSession session) {
        TrainSnapshot s = session.latest();
        if (s == null) {
            throw new HttpProblem(503, "the training session is still starting; ask again");
        }
        return s;
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        for (String id : Arrays.asList(sessions.keySet().toArray(new String[0]))) {
            TrainSession s = sessions.remove(id);
            if (s != null) {
                s.close();
            }
        }
        scheduler.close();
    }
}
