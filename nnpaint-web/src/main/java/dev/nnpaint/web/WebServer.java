package dev.nnpaint.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The explorer's HTTP server: the single-page app from the jar's {@code web/} folder and the JSON/PNG endpoints
 * of {@link PaintApi}. Built on the JDK's own server with a bounded pool of request threads. It listens on
 * 127.0.0.1 unless told otherwise, and answers only requests addressed to a name it is known by, so that a web
 * page elsewhere cannot reach it through a rebound DNS name.
 *
 * <p>Routes: {@code /} the page; {@code /assets/NAME} its scripts and styles; {@code /api/render},
 * {@code /api/download}, {@code /api/stats}, {@code /api/options}, {@code /api/recipe}, {@code /api/model} (a trained
 * model for this page to paint), {@code /api/train/*} (the train view's session), {@code /api/gallery} (GET lists,
 * POST saves); {@code /gallery/NAME.png} a saved picture; the zoom view's posters, live tiles and viewer library
 * ({@link PosterApi}).
 */
public final class WebServer implements AutoCloseable {

    /** Request threads; renders use their own threads, so these mostly wait on sockets. */
    static final int REQUEST_THREADS = 8;
    static final int QUEUED_REQUESTS = 64;
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,40}\\.(js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon");

    /** What the server is started with; {@code posters} are poster folders the zoom view shows. */
    public record Config(String host, int port, Path gallery, Limits limits, Kernel kernel, int threads,
                         List<Path> posters) {

        public Config {
            posters = posters == null ? List.of() : List.copyOf(posters);
        }

        public Config(String host, int port, Path gallery, Limits limits, Kernel kernel, int threads) {
            this(host, port, gallery, limits, kernel, threads, List.of());
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final PaintApi paint;
    private final TrainApi train;
    private final PosterApi posters;
    private final NetworkApi networks;
    private final Pages pages;
    private final Set<String> hostNames;
    private final boolean anyHost;

    private WebServer(Config config) throws IOException {
        List<ServedPoster> served = PosterApi.load(config.posters()); // before the port is taken
        InetAddress address = resolve(config.host());
        try {
            server = HttpServer.create(new InetSocketAddress(address, config.port()), 64);
        } catch (BindException e) {
            throw new BadInputException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage() + " (is another server running there? try --port)");
        }
        pages = new Pages(config.limits());
        train = new TrainApi(config.limits(), pages, config.kernel(), config.threads());
        paint = new PaintApi(config.limits(), pages, new GalleryFolder(config.gallery()), config.kernel(),
                config.threads());
        posters = new PosterApi(config.limits(), pages, served, config.kernel());
        networks = new NetworkApi(config.limits(), pages);
        anyHost = address.isAnyLocalAddress();
        hostNames = new TreeSet<>(List.of("127.0.0.1", "localhost", "[::1]", config.host().toLowerCase(Locale.ROOT)));
        AtomicInteger n = new AtomicInteger();
        // CallerRuns as the last resort: the accepting thread then serves one request itself and accepts no
        // more meanwhile, which is the back-pressure wanted; the rate limits keep it from coming to that.
        executor = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), task -> {
                    Thread t = new Thread(task, "nnpaint-web-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a server; port 0 picks a free one (see {@link #port()}). */
    public static WebServer start(Config config) throws IOException {
        WebServer s = new WebServer(config);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The train view's sessions (for tests). */
    TrainApi trainApi() {
        return train;
    }

    /** The address to open in a browser. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        paint.close();
        train.close();
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new BadInputException("--host: unknown address '" + host + "'");
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                checkHost(ex);
                route(ex);
            } catch (BadInputException e) {
                Http.sendError(ex, 400, e.getMessage());
            } catch (HttpProblem e) {
                Http.sendError(ex, e.status(), e.getMessage());
            } catch (IOException e) {
                // the browser went away (a cancelled preview, a closed tab): nothing to answer
            } catch (RuntimeException e) {
                if (hasCause(e, IOException.class)) {
                    return; // the same, surfacing from the PNG writer's threads
                }
                e.printStackTrace();
                try {
                    Http.sendError(ex, 500, "internal error: " + e);
                } catch (IOException | RuntimeException ignored) {
                    // headers were already sent: the stream just ends
                }
            }
        }
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses requests addressed to a name the server does not go by (DNS rebinding). */
    private void checkHost(HttpExchange ex) {
        if (anyHost) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null) {
            throw new HttpProblem(400, "missing Host header");
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            name = name.substring(0, colon);
        }
        if (!hostNames.contains(name)) {
            throw new HttpProblem(403, "this server answers only to " + String.join(", ", hostNames));
        }
    }

    private void route(HttpExchange ex) throws IOException {
        // The raw path: decoding it first would let %2F or %2E%2E slip past the checks below.
        String path = ex.getRequestURI().getRawPath();
        switch (path) {
            case "/", "/index.html" -> asset(ex, "index.html");
            case "/api/render" -> paint.render(ex);
            case "/api/download" -> paint.download(ex);
            case "/api/stats" -> paint.stats(ex);
            case "/api/options" -> paint.options(ex);
            case "/api/recipe" -> paint.canonical(ex);
            case "/api/model" -> paint.model(ex);
            case "/api/network" -> networks.network(ex);
            case "/api/train/options" -> train.options(ex);
            case "/api/train/start" -> train.start(ex);
            case "/api/train/control" -> train.control(ex);
            case "/api/train/snapshot" -> train.snapshot(ex);
            case "/api/train/model" -> train.model(ex);
            case "/api/train/paint" -> train.paint(ex);
            case "/api/train/close" -> train.close(ex);
            case "/api/posters" -> posters.list(ex);
            case "/api/live" -> posters.live(ex);
            case "/api/tile" -> posters.tile(ex);
            case "/api/gallery" -> {
                Http.requireMethod(ex, "GET", "POST");
                if (ex.getRequestMethod().equals("POST")) {
                    paint.gallerySave(ex);
                } else {
                    paint.galleryList(ex);
                }
            }
            default -> {
                if (path.startsWith("/gallery/")) {
                    paint.galleryFile(ex, path.substring("/gallery/".length()));
                } else if (path.startsWith("/posters/")) {
                    posters.file(ex, path.substring("/posters/".length()));
                } else if (path.startsWith("/vendor/")) {
                    posters.vendor(ex, path.substring("/vendor/".length()));
                } else if (path.startsWith("/assets/") && ASSET.matcher(path.substring(8)).matches()) {
                    asset(ex, path.substring(8));
                } else {
                    throw HttpProblem.notFound(path.length() > 80 ? path.substring(0, 80) + "..." : path);
                }
            }
        }
    }

    /** Serves a file of the page from the jar; names were checked against a plain pattern. */
    private void asset(HttpExchange ex, String name) throws IOException {
        Http.requireMethod(ex, "GET", "HEAD");
        byte[] bytes;
        try (InputStream in = WebServer.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw HttpProblem.notFound("/assets/" + name);
            }
            bytes = in.readAllBytes();
        }
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        Http.send(ex, 200, type, bytes);
    }
}
