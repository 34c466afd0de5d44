package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.AnimateOperation;
import dev.nnpaint.ops.Execution;
import dev.nnpaint.ops.anim.AnimationPlan;
import dev.nnpaint.ops.anim.AnimationSettings;
import dev.nnpaint.ops.anim.AnimationWriter;
import dev.nnpaint.ops.anim.LiveMotion;
import dev.nnpaint.ops.format.RecipeJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The paint view's live motion made on the server: {@code POST /api/animate} with {@code {"recipe": {...},
 * "motion": {...}, "format": "gif" | "mp4", "fps": N}} starts an {@code animate} job of the motion
 * ({@link LiveMotion} maps it onto the operation, the same mapping for every caller) at the recipe's size;
 * {@code GET /api/animate} says how far it is, {@code GET /api/animate/file} hands out the finished file, and
 * {@code DELETE /api/animate} stops it. A page runs one job at a time, the server {@link Limits#maxDownloads()}
 * jobs over all pages, and a job is bounded in size, frames and estimated work before it starts.
 */
final class AnimateApi implements AutoCloseable {

    /** The longest side of an animation made for a page. */
    static final int MAX_SIDE = 1024;
    /** Frames of one animation. */
    static final int MAX_FRAMES = 1200;
    /** Frames a second. */
    static final double MAX_FPS = 60;
    /** The share of a download's allowance of estimated seconds one animation may take. */
    static final double SHARE_OF_DOWNLOAD_SECONDS = 1 / 3.0;

    private static final Set<String> PARAMS = Set.of("page");

    private final Limits limits;
    private final Pages pages;
    private final Kernel kernel;
    private final int threads;
    private final Path folder;
    private final ExecutorService workers;
    /** The newest job of each page, by page id, oldest first; guarded by itself. */
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** One animation being made (or made) for a page. */
    private static final class Job {
        final Path file;
        final String name;
        final int frames;
        volatile long done;
        volatile String state = "running";
        volatile String error;
        volatile boolean cancelled;
        Future<?> future;

        Job(Path file, String name, int frames) {
            this.file = file;
            this.name = name;
            this.frames = frames;
        }

        boolean running() {
            return state.equals("running");
        }
    }

    AnimateApi(Limits limits, Pages pages, Kernel kernel, int threads) throws IOException {
        this.limits = limits;
        this.pages = pages;
        this.kernel = kernel;
        this.threads = threads;
        this.folder = Files.createTempDirectory("nnpaint-animate-");
        this.workers = Executors.newFixedThreadPool(Math.max(1, limits.maxDownloads()), task -> {
            Thread t = new Thread(task, "nnpaint-web-animate");
            t.setDaemon(true);
            return t;
        });
    }

    /** /api/animate: POST starts a job, GET tells its state, DELETE stops and forgets it. */
    void animate(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET", "POST", "DELETE");
        Pages.Page page = visit(ex);
        switch (ex.getRequestMethod()) {
            case "POST" -> start(ex, page);
            case "DELETE" -> {
                Job job;
                synchronized (jobs) {
                    job = jobs.remove(page.id);
                }
                if (job != null) {
                    stop(job);
                }
                Http.send(ex, 204, "text/plain", new byte[0]);
            }
            default -> {
                Job job;
                synchronized (jobs) {
                    job = jobs.get(page.id);
                }
                Http.sendJson(ex, 200, status(job));
            }
        }
    }

    /** GET /api/animate/file: the page's finished animation, as an attachment. */
    void file(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Pages.Page page = visit(ex);
        Job job;
        synchronized (jobs) {
            job = jobs.get(page.id);
        }
        if (job == null || !job.state.equals("done")) {
            throw HttpProblem.notFound("/api/animate/file (" + (job == null ? "this page has made no animation"
                    : "the animation is " + job.state) + ")");
        }
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + job.name + "\"");
        ex.getResponseHeaders().set("Content-Type", job.name.endsWith(".gif") ? "image/gif" : "video/mp4");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, Files.size(job.file));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(job.file, out);
        }
    }

    private void start(HttpExchange ex, Pages.Page page) throws IOException {
        JsonNode body;
        try {
            body = Http.JSON.readTree(Http.body(ex, limits.maxBodyBytes()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("request body: not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadInputException("request body: expected {\"recipe\": {...}, \"motion\": {...}, "
                    + "\"format\": \"gif\", \"fps\": 20}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of("recipe", "motion", "format", "fps").contains(name)) {
                throw new BadInputException("request body: unknown field '" + name
                        + "'; known: recipe, motion, format, fps");
            }
        }
        if (!body.has("recipe")) {
            throw new BadInputException("request body: field 'recipe' is missing");
        }
        Recipe recipe = RecipeJson.fromTree(body.get("recipe"), "recipe");
        LiveMotion motion = LiveMotion.fromJson(body.get("motion"));
        String format = body.has("format") ? body.get("format").asText() : "gif";
        if (!format.equals("gif") && !format.equals("mp4")) {
            throw new BadInputException("format must be gif or mp4, got '" + format + "'");
        }
        JsonNode fpsNode = body.get("fps");
        if (fpsNode != null && !fpsNode.isNumber()) {
            throw new BadInputException("fps must be a number, got " + fpsNode);
        }
        double fps = fpsNode == null ? 20 : fpsNode.asDouble();
        if (!(fps >= 1 && fps <= MAX_FPS)) {
            throw new BadInputException("fps must be between 1 and " + (int) MAX_FPS + ", got " + fps);
        }
        limits.checkNetworkSize(recipe);
        String name = "nnpaint-" + recipe.seed() + "-" + motion.field() + "." + format;
        Path file = folder.resolve(page.id.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + name);
        AnimateOperation.Request request = motion.request(recipe, file.toString(), fps, "ordered",
                new Execution(kernel, threads, false));
        AnimationPlan plan = AnimateOperation.plan(request);
        check(recipe, plan.frames(), plan.paintingAt(0).model().flopsPerSample());
        // the format's own limits (a GIF's size, ffmpeg for MP4) answer now rather than as a failed job
        AnimationWriter.check(file.toString(), recipe.width(), recipe.height(), AnimationSettings.of(fps));

        Job job = new Job(file, name, plan.frames());
        synchronized (jobs) {
            Job old = jobs.get(page.id);
            if (old != null && old.running()) {
                throw new HttpProblem(409, "this page is already making an animation; wait for it or stop it");
            }
            if (jobs.values().stream().filter(Job::running).count() >= limits.maxDownloads()) {
                throw HttpProblem.tooMany("the server is making as many animations as it can; retry later");
            }
            if (old != null) {
                stop(old);   // its file goes: a page keeps one animation
            }
            jobs.remove(page.id);
            jobs.put(page.id, job);
            // as many finished files as the server keeps pages: the oldest go first
            for (Iterator<Job> it = jobs.values().iterator(); jobs.size() > limits.maxPages() && it.hasNext(); ) {
                Job oldest = it.next();
                if (!oldest.running()) {
                    stop(oldest);
                    it.remove();
                }
            }
            job.future = workers.submit(() -> run(job, request));
        }
        ObjectNode root = status(job);
        root.put("fps", fps);
        root.put("width", recipe.width());
        root.put("height", recipe.height());
        // what the first and last frames paint, and when the page's motion shows them
        root.set("first", RecipeJson.toTree(plan.recipeAt(0)));
        root.set("last", RecipeJson.toTree(plan.recipeAt(plan.frames() - 1)));
        root.put("firstTime", motion.timeOf(0, plan.frames()));
        root.put("lastTime", motion.timeOf(plan.frames() - 1, plan.frames()));
        Http.sendJson(ex, 202, root);
    }

    /**
     * Refuses an animation too big for a page to ask of the server: a side past {@link #MAX_SIDE}, more than
     * {@link #MAX_FRAMES} frames, or more estimated work (frames x pixels x samples x flops) than a third of a
     * download's allowance.
     */
    void check(Recipe recipe, int frames, long flopsPerSample) {
        if (recipe.width() > MAX_SIDE || recipe.height() > MAX_SIDE) {
            throw new BadInputException("an animation may be at most " + MAX_SIDE + " pixels on a side, asked for "
                    + recipe.width() + "x" + recipe.height());
        }
        if (frames > MAX_FRAMES) {
            throw new BadInputException("an animation may have at most " + MAX_FRAMES + " frames, this one has "
                    + frames + "; make the motion shorter or the frame rate lower");
        }
        long samples = (long) frames * recipe.width() * recipe.height() * recipe.antialias().worstSamplesPerPixel();
        double seconds = Limits.estimatedSeconds(samples, flopsPerSample);
        double allowed = limits.maxDownloadSeconds() * SHARE_OF_DOWNLOAD_SECONDS;
        if (seconds > allowed) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "this animation (%d frames of %dx%d, %,d flop a sample) could take %.0f minutes; the explorer "
                            + "makes ones of up to %.0f: make it smaller, shorter or the network lighter "
                            + "(or use nnpaint animate)", frames, recipe.width(), recipe.height(), flopsPerSample,
                    seconds / 60, allowed / 60));
        }
    }

    private void run(Job job, AnimateOperation.Request request) {
        try {
            AnimateOperation.run(request, (done, total) -> {
                if (job.cancelled) {
                    throw new CancelledJob();
                }
                job.done = done;
            });
            job.state = job.cancelled ? "cancelled" : "done";
        } catch (CancelledJob e) {
            job.state = "cancelled";
        } catch (BadInputException e) {
            job.error = e.getMessage();
            job.state = "failed";
        } catch (RuntimeException e) {
            job.error = job.cancelled ? null : "the animation failed (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")";
            job.state = job.cancelled ? "cancelled" : "failed";
        }
    }

    /** Thrown from a job's progress when the page stopped it. */
    private static final class CancelledJob extends RuntimeException {
        CancelledJob() {
            super("stopped", null, false, false);
        }
    }

    private static ObjectNode status(Job job) {
        ObjectNode root = Http.JSON.createObjectNode();
        if (job == null) {
            root.put("state", "none");
            return root;
        }
        root.put("state", job.state);
        root.put("done", job.done);
        root.put("frames", job.frames);
        root.put("name", job.name);
        if (job.error != null) {
            root.put("error", job.error);
        }
        if (job.state.equals("done")) {
            root.put("url", "/api/animate/file");
            try {
                root.put("bytes", Files.size(job.file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    private static void stop(Job job) {
        job.cancelled = true;
        if (job.future != null) {
            job.future.cancel(true);
        }
        try {
            Files.deleteIfExists(job.file);
        } catch (IOException e) {
            // a file still being written is replaced or removed with the folder when the server stops
        }
    }

    private Pages.Page visit(HttpExchange ex) {
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PARAMS);
        return pages.visit(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress(), System.nanoTime());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        synchronized (jobs) {
            jobs.values().forEach(j -> j.cancelled = true);
            jobs.clear();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the temporary folder stays; the system cleans its temporary files
        }
    }
}
