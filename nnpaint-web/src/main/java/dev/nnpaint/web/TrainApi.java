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

/**
 * The train view's endpoints. Each page has at most one {@link TrainSession}; starting again replaces it. A
 * session whose page has not polled for {@link #IDLE_NANOS} ends, as does one whose page says goodbye
 * (the page's unload beacon), so that a closed tab does not keep a core busy.
 *
 * <p>{@code POST /api/train/start} (body: the settings, see {@link TrainSession.Config}, with an uploaded
 * CSV's text when the data is "csv", up to {@link #MAX_START_BYTES}) answers the points and
 * the first snapshot; {@code POST /api/train/control?action=play|pause|step|reset}; {@code GET
 * /api/train/snapshot}; {@code GET /api/train/model} the model file; {@code POST /api/train/close};
 * {@code GET /api/train/paint} the model painted as a PNG; {@code GET /api/train/options} the choices the controls
 * offer.
 */
final class TrainApi implements AutoCloseable {

    /** A session unpolled this long ends: the page polls several times a second while open, hidden or not. */
    static final long IDLE_NANOS = 8_000_000_000L;
    /** Training sessions at once over all pages: each may keep a thread busy. */
    static final int MAX_SESSIONS = 8;
    /** Bytes of a start request, which may carry an uploaded CSV (5000 samples of three columns fit many times). */
    static final int MAX_START_BYTES = 1 << 20;

    /** Width or height of a painting of the trained network. */
    static final int MAX_PAINT_SIDE = 4096;

    private static final Set<String> PAGE_ONLY = Set.of("page");
    private static final Set<String> CONTROL_PARAMS = Set.of("page", "action");
    private static final Set<String> PAINT_PARAMS = Set.of("page", "w", "h");

    private final Limits limits;
    private final Pages pages;
    private final Map<String, TrainSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final Kernel kernel;
    private final int threads;

    TrainApi(Limits limits, Pages pages, Kernel kernel, int threads) {
        this.limits = limits;
        this.pages = pages;
        this.kernel = kernel;
        this.threads = threads;
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
        o.set("defaults", TrainSession.Config.defaults().toJson());
        o.put("maxHiddenLayers", TrainSession.Config.MAX_HIDDEN_LAYERS);
        o.put("maxNeurons", TrainSession.Config.MAX_NEURONS);
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
        TrainSession.Config config = TrainSession.Config.parse(body, limits.maxParameters());
        TrainSession old = sessions.get(page.id);
        if (old == null && sessions.size() >= MAX_SESSIONS) {
            endIdle(System.nanoTime());
            if (sessions.size() >= MAX_SESSIONS) {
                throw HttpProblem.tooMany("too many training sessions are running; close a train view elsewhere");
            }
        }
        TrainSession session = new TrainSession(config, System.nanoTime());
        TrainSession replaced = sessions.put(page.id, session);
        if (replaced != null) {
            replaced.close();
        }
        ObjectNode o = session.points();
        o.set("snapshot", session.snapshot());
        Http.sendJson(ex, 200, o);
    }

    /** POST /api/train/control?action=play|pause|step|reset. */
    void control(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "POST");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), CONTROL_PARAMS);
        Pages.Page page = visit(ex, q);
        TrainSession session = session(page);
        String action = q.require("action");
        switch (action) {
            case "play" -> session.play();
            case "pause" -> session.pause();
            case "step" -> session.step();
            case "reset" -> {
                TrainSession fresh = new TrainSession(session.config, System.nanoTime());
                if (sessions.replace(page.id, session, fresh)) {
                    session.close();
                } else {
                    fresh.close();
                }
                session = sessions.get(page.id);
                if (session == null) {
                    throw new HttpProblem(409, "the training session ended; start again");
                }
            }
            default -> throw new BadInputException("action: expected play, pause, step or reset, got '"
                    + (action.length() > 20 ? action.substring(0, 20) + "..." : action) + "'");
        }
        Http.sendJson(ex, 200, session.snapshot());
    }

    /** GET /api/train/snapshot: the newest epoch's numbers and pictures. */
    void snapshot(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        Http.sendJson(ex, 200, session(visit(ex, q)).snapshot());
    }

    /** GET /api/train/model: the trained network as a model file (nnpaint.model/1), as a download. */
    void model(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PAGE_ONLY);
        TrainSession session = session(visit(ex, q));
        Model model = session.model();
        byte[] json = ModelJson.toJson(model, TrainedModels.colorFor(model)).getBytes(StandardCharsets.UTF_8);
        String name = "nnpaint-" + session.config.data() + "-epoch" + session.epoch() + ".json";
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
        TrainSession session = session(visit(ex, q));
        Model model = session.model();
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
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(w, h).extent(session.half)
                .center(session.centerX, session.centerY).color(color).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h + 4096);
        PaintingPng.write(out, PaintingPng.ofModel(model, view, null), kernel, threads,
                Runtime.getRuntime().availableProcessors(), PngWriter.DEFAULT_LEVEL, Renderer.Progress.NONE, () -> { });
        ex.getResponseHeaders().set("Content-Disposition", "inline; filename=\"nnpaint-" + session.config.data()
                + "-epoch" + session.epoch() + ".png\"");
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
        String id = q.get("page");
        if (id == null || id.isEmpty()) {
            throw new BadInputException("parameter 'page' is missing: the train view keeps one session per page");
        }
        return pages.visit(id, ex.getRemoteAddress().getAddress().getHostAddress(), System.nanoTime());
    }

    private TrainSession session(Pages.Page page) {
        TrainSession s = sessions.get(page.id);
        if (s == null) {
            throw new HttpProblem(404, "no training session for this page; start one first");
        }
        s.touch(System.nanoTime());
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
    }
}
