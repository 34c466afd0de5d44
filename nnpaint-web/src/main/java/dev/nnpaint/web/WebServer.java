package dev.nnpaint.web;

import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import org.eclipse.jetty.http.spi.HttpSpiContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.BlockingArrayQueue;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The explorer's HTTP server: the single-page app from the jar's {@code web/} folder and the JSON/PNG endpoints
 * of {@link PaintApi}. Jetty carries the connections (non-blocking sockets, read timeouts, a connection limit), and
 * runs the {@code com.sun.net.httpserver} handlers on a bounded pool of request threads. It listens on 127.0.0.1
 * unless told otherwise, answers only requests addressed to a name it is known by (so that a web page elsewhere
 * cannot reach it through a rebound DNS name), and acts only for the holder of its per-launch token, from its own
 * page ({@link Guard}).
 *
 * <p>Routes: {@code /} the page; {@code /assets/NAME} its scripts and styles; {@code /api/render},
 * {@code /api/download}, {@code /api/stats}, {@code /api/options}, {@code /api/recipe}, {@code /api/model} (a trained
 * model for this page to paint), {@code /api/train/*} (the train view's session), {@code /api/fit/*} (the fit
 * view's session, {@link FitApi}), {@code /api/gallery} (GET lists, POST saves), {@code /api/animate} (the paint
 * view's motion as a GIF or MP4 job, {@link AnimateApi}); {@code /gallery/NAME.png} a saved picture; the zoom
 * view's posters, live tiles and viewer library
 * ({@link PosterApi}).
 */
public final class WebServer implements AutoCloseable {

    /** Request threads: renders take their turn on {@link RenderBudget}'s threads, so these mostly wait. */
    static final int REQUEST_THREADS = 32;
    /** Requests waiting for a thread; past this a new connection's request is refused at once. */
    static final int QUEUED_REQUESTS = 256;
    /** Connections open at once; past this a new one is closed as soon as it is accepted. */
    static final int MAX_CONNECTIONS = 512;
    /** A connection silent this long (a request head or body that stopped coming, an idle keep-alive) is closed. */
    static final long IDLE_MILLIS = 10_000;
    /** Bytes of a request's head, its URL included: a recipe fits many times over. */
    static final int MAX_HEAD_BYTES = 32 * 1024;
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,40}\\.(js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon");

    /**
     * What the server is started with; {@code posters} are poster folders the zoom view shows; {@code token} the
     * secret a client must show (null: a fresh random one for this launch).
     */
    public record Config(String host, int port, Path gallery, Limits limits, Kernel kernel, int threads,
                         List<Path> posters, String token) {

        public Config {
            posters = posters == null ? List.of() : List.copyOf(posters);
        }

        public Config(String host, int port, Path gallery, Limits limits, Kernel kernel, int threads,
                      List<Path> posters) {
            this(host, port, gallery, limits, kernel, threads, posters, null);
        }

        public Config(String host, int port, Path gallery, Limits limits, Kernel kernel, int threads) {
            this(host, port, gallery, limits, kernel, threads, List.of(), null);
        }
    }

    private final Server jetty;
    private final ServerConnector connector;
    private final PaintApi paint;
    private final TrainApi train;
    private final FitApi fit;
    private final PosterApi posters;
    private final NetworkApi networks;
    private final AnimateApi animations;
    private final Pages pages;
    private final RenderBudget budget;
    private final Guard guard;
    private final Set<String> hostNames;
    private final boolean anyHost;

    private WebServer(Config config) throws IOException {
        List<ServedPoster> served = PosterApi.load(config.posters()); // before the port is taken
        InetAddress address = resolve(config.host());
        anyHost = address.isAnyLocalAddress();
        hostNames = new TreeSet<>(List.of("127.0.0.1", "localhost", "[::1]", config.host().toLowerCase(Locale.ROOT)));
        budget = new RenderBudget(config.threads());
        pages = new Pages(config.limits());
        train = new TrainApi(config.limits(), pages, config.kernel(), config.threads());
        fit = new FitApi(config.limits(), pages, config.kernel(), config.threads());
        paint = new PaintApi(config.limits(), pages, new GalleryFolder(config.gallery()), config.kernel(),
                config.threads(), budget);
        posters = new PosterApi(config.limits(), pages, served, config.kernel());
        networks = new NetworkApi(config.limits(), pages);
        animations = new AnimateApi(config.limits(), pages, config.kernel(), config.threads());

        QueuedThreadPool threads = new QueuedThreadPool(REQUEST_THREADS, 4, 30_000,
                new BlockingArrayQueue<>(QUEUED_REQUESTS));
        threads.setName("nnpaint-web");
        threads.setDaemon(true);
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEAD_BYTES);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_MILLIS);
        connector.setAcceptQueueSize(128);
        connector.addBean(new ConnectionCap(MAX_CONNECTIONS));
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JsonErrors());
        jetty.setHandler(new Handler.Wrapper(new HttpSpiContextHandler(new RootContext(this::handle), this::handle)) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                // a request being worked on may be silent for a while (a render, a stats report); only a read or
                // write that stalls counts against the idle timeout
                request.addIdleTimeoutListener(timeout -> false);
                return super.handle(request, response, callback);
            }
        });
        try {
            connector.open();
        } catch (IOException e) {
            // Jetty wraps the socket's BindException in an IOException of its own
            Throwable bind = e instanceof BindException ? e : e.getCause();
            if (bind instanceof BindException) {
                budget.close();
                paint.close();
                train.close();
                fit.close();
                animations.close();
                throw new BadInputException("cannot listen on " + config.host() + ":" + config.port() + ": "
                        + bind.getMessage() + " (is another server running there? try --port)");
            }
            throw e;
        }
        guard = new Guard(config.token() != null ? config.token() : Guard.randomToken(), connector.getLocalPort());
    }

    /** Starts a server; port 0 picks a free one (see {@link #port()}). */
    public static WebServer start(Config config) throws IOException {
        WebServer s = new WebServer(config);
        try {
            s.jetty.start();
        } catch (Exception e) {
            s.close();
            throw new IOException("cannot start the web server: " + e.getMessage(), e);
        }
        return s;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The train view's sessions (for tests). */
    TrainApi trainApi() {
        return train;
    }

    /** The fit view's sessions (for tests). */
    FitApi fitApi() {
        return fit;
    }

    Pages pages() {
        return pages;
    }

    /** The secret a client shows to act on this server. */
    public String token() {
        return guard.token();
    }

    /** The address to open in a browser, the token included (the page then keeps it in a cookie). */
    public URI url() {
        return URI.create(origin() + "/?token=" + guard.token());
    }

    /** The server's origin, such as {@code http://127.0.0.1:8080}. */
    public String origin() {
        String host = anyHost ? "127.0.0.1" : connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping: nothing more to do about it
        }
        paint.close();
        train.close();
        fit.close();
        animations.close();
        budget.close();
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
                Guard.securityHeaders(ex);
                checkHost(ex);
                route(ex, rawPath(ex));
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
                    Http.sendError(ex, 500, "internal error (" + e.getClass().getSimpleName()
                            + "); the server's console has the details");
                } catch (IOException | RuntimeException ignored) {
                    // headers were already sent: the stream just ends
                }
            }
        }
    }

    /** The still-encoded path; a URL that is not one (a backslash, a stray '%') is a bad request. */
    private static String rawPath(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getRawPath();
            return path == null ? "/" : path;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the address is not a valid URL (a backslash, a space or a stray '%'?)");
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

    private void route(HttpExchange ex, String path) throws IOException {
        // The raw path: decoding it first would let %2F or %2E%2E slip past the checks below.
        // The page and its static files are public; everything else acts for the token's holder only.
        if (path.equals("/") || path.equals("/index.html")) {
            page(ex);
            return;
        }
        if (path.startsWith("/assets/") && ASSET.matcher(path.substring(8)).matches()) {
            asset(ex, path.substring(8));
            return;
        }
        if (path.startsWith("/vendor/")) {
            posters.vendor(ex, path.substring("/vendor/".length()));
            return;
        }
        guard.admit(ex);
        switch (path) {
            case "/api/render" -> paint.render(ex);
            case "/api/download" -> paint.download(ex);
            case "/api/stats" -> paint.stats(ex);
            case "/api/options" -> paint.options(ex);
            case "/api/recipe" -> paint.canonical(ex);
            case "/api/model" -> paint.model(ex);
            case "/api/network" -> networks.network(ex);
            case "/api/animate" -> animations.animate(ex);
            case "/api/animate/file" -> animations.file(ex);
            case "/api/train/options" -> train.options(ex);
            case "/api/train/start" -> train.start(ex);
            case "/api/train/control" -> train.control(ex);
            case "/api/train/snapshot" -> train.snapshot(ex);
            case "/api/train/model" -> train.model(ex);
            case "/api/train/paint" -> train.paint(ex);
            case "/api/train/close" -> train.close(ex);
            case "/api/train/weight" -> train.weight(ex);
            case "/api/fit/options" -> fit.options(ex);
            case "/api/fit/image" -> fit.image(ex);
            case "/api/fit/start" -> fit.start(ex);
            case "/api/fit/control" -> fit.control(ex);
            case "/api/fit/snapshot" -> fit.snapshot(ex);
            case "/api/fit/model" -> fit.model(ex);
            case "/api/fit/png" -> fit.png(ex);
            case "/api/fit/open" -> fit.open(ex);
            case "/api/fit/close" -> fit.close(ex);
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
                } else {
                    throw HttpProblem.notFound(path.length() > 80 ? path.substring(0, 80) + "..." : path);
                }
            }
        }
    }

    /**
     * GET /: the page. Opened with the token in its address, it sets the token's cookie and sends the browser
     * to the same address without it, so that the secret leaves the address bar and the history. The page
     * carries an id for this tab, signed by the server ({@link Pages#mint}), when the browser holds the token.
     */
    private void page(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET", "HEAD");
        if (guard.acceptTokenInAddress(ex)) {
            return;
        }
        byte[] html;
        try (InputStream in = WebServer.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw HttpProblem.notFound("/index.html");
            }
            html = in.readAllBytes();
        }
        String pageId = guard.holdsToken(ex) ? pages.mint() : "";
        String text = new String(html, StandardCharsets.UTF_8)
                .replace("<meta name=\"nnpaint-page\" content=\"\">",
                        "<meta name=\"nnpaint-page\" content=\"" + pageId + "\">");
        Http.send(ex, 200, TYPES.get("html"), text.getBytes(StandardCharsets.UTF_8));
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
