package dev.nnpaint.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.ops.poster.TileKey;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The zoom view's endpoints: the poster folders given to {@code nnpaint serve --poster DIR}, read-only under
 * {@code /posters/N/} (N counts the folders from 0), and a live deep zoom of any recipe whose tiles are painted
 * when the viewer asks for them. A live tile is the very tile {@code nnpaint poster} would write for that recipe
 * at {@link #LIVE_SIDE} pixels, so both paths share {@link PosterTiles}.
 *
 * <p>Routes: {@code GET /api/posters} lists the posters; {@code /posters/N/poster.dzi}, {@code poster.json} and
 * {@code poster_files/LEVEL/C_R.png} are a poster's files; {@code GET /api/live?recipe=} the live pyramid's layout;
 * {@code GET /api/tile?recipe=&level=&col=&row=} one live tile (both with {@code model=page}: the page's opened
 * model over the recipe's view, its tiles naming the model's version {@code mv}); {@code /vendor/openseadragon/...}
 * the viewer library the build copied into the jar.
 */
final class PosterApi {

    /** The long side of the live pyramid: 2^20 pixels, so the viewer zooms about 2000 times past a 512 preview. */
    static final int LIVE_SIDE = DziLayout.MAX_SIDE;
    static final int LIVE_TILE = PosterSpec.DEFAULT_TILE;
    static final int LIVE_OVERLAP = PosterSpec.DEFAULT_OVERLAP;
    /** Recipes whose painters are kept: a few, since a page zooms one recipe at a time. */
    static final int PAINTERS_KEPT = 8;
    /**
     * A tile costs a few milliseconds, a preview up to a few hundred, and a viewer asks for dozens of tiles per
     * gesture: tiles are counted against their own, larger allowance per page.
     */
    static final int TILE_ALLOWANCE = 4;
    /** Tiles, descriptors and manifests never change under a URL that names their poster's version or recipe. */
    static final String FOREVER = "public, max-age=31536000, immutable";
    /** Bytes of one served poster file: a tile or a manifest is a few hundred kilobytes at most. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final Pattern POSTER_FILE = Pattern.compile(
            "(\\d{1,4})/(poster\\.dzi|poster\\.json|poster_files/(\\d{1,2})/(\\d{1,7})_(\\d{1,7})\\.png)");
    private static final Pattern VENDOR_FILE = Pattern.compile(
            "openseadragon/(openseadragon\\.min\\.js|LICENSE\\.txt|images/[a-z_]{1,40}\\.png)");
    private static final Set<String> LIVE_PARAMS = Set.of("recipe", "page", "model");
    private static final Set<String> TILE_PARAMS = Set.of("recipe", "page", "level", "col", "row", "model", "mv");
    private static final Set<String> FILE_PARAMS = Set.of("v");
    private static final Map<String, String> VENDOR_TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "png", "image/png", "txt", "text/plain; charset=utf-8");

    private final Limits limits;
    private final Pages pages;
    private final List<ServedPoster> posters;
    private final Kernel kernel;
    private final Map<String, PosterTiles> painters = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PosterTiles> eldest) {
                    return size() > PAINTERS_KEPT;
                }
            });
    private final Map<String, RateLimiter> tileRates;

    PosterApi(Limits limits, Pages pages, List<ServedPoster> posters, Kernel kernel) {
        this.limits = limits;
        this.pages = pages;
        this.posters = List.copyOf(posters);
        this.kernel = kernel;
        this.tileRates = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > limits.maxPages();
            }
        });
    }

    /** Reads every poster folder, refusing the first that is not one, and the same folder given twice. */
    static List<ServedPoster> load(List<Path> dirs) {
        List<ServedPoster> loaded = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path dir : dirs) {
            if (!seen.add(dir.toAbsolutePath().normalize())) {
                throw new BadInputException("--poster: '" + dir + "' is given twice");
            }
            loaded.add(ServedPoster.load(dir));
        }
        return loaded;
    }

    List<ServedPoster> posters() {
        return posters;
    }

    /** GET /api/posters: each poster's size, pyramid, recipe and how far its painting is. */
    void list(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        ObjectNode root = Http.JSON.createObjectNode();
        ArrayNode items = root.putArray("posters");
        for (int n = 0; n < posters.size(); n++) {
            ServedPoster p = posters.get(n);
            DziLayout layout = p.layout();
            PosterFolder folder = p.folder();
            long tiles = layout.tileCount();
            long present = folder.finished() ? tiles : tiles - folder.missing().size();
            ObjectNode item = items.addObject();
            item.put("id", n);
            item.put("name", p.name());
            item.put("width", layout.width());
            item.put("height", layout.height());
            item.put("tileSize", layout.tileSize());
            item.put("overlap", layout.overlap());
            item.put("levels", layout.maxLevel() + 1);
            item.put("tiles", tiles);
            item.put("tilesPainted", present);
            item.put("finished", present == tiles);
            if (present < tiles) {
                item.put("note", String.format(java.util.Locale.ROOT, "still painting: %,d of %,d tiles", present,
                        tiles));
            }
            item.put("dzi", "/posters/" + n + "/" + PosterFolder.DESCRIPTOR + "?v=" + p.version());
            item.put("model", p.spec().modelJson() != null);
            item.set("recipe", RecipeJson.toTree(p.recipe()));
        }
        Http.sendJson(ex, 200, root);
    }

    /**
     * GET /posters/N/...: a file of a poster folder. Only the three kinds of names a poster has are served, matched
     * on the still-encoded path, so no dot segment, encoded or not, and no absolute path can name another file.
     */
    void file(HttpExchange ex, String rest) throws IOException {
        Http.requireMethod(ex, "GET", "HEAD");
        Matcher m = POSTER_FILE.matcher(rest);
        if (!m.matches()) {
            throw HttpProblem.notFound("/posters/" + shorten(rest));
        }
        int n = Integer.parseInt(m.group(1));
        if (n >= posters.size()) {
            throw HttpProblem.notFound("/posters/" + shorten(rest));
        }
        ServedPoster poster = posters.get(n);
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), FILE_PARAMS);
        // a URL naming this version of the poster always means the same bytes; without it, the browser asks again
        String cache = poster.version().equals(q.get("v")) ? FOREVER : "no-cache";
        PosterFolder folder = poster.folder();
        String name = m.group(2);
        if (name.equals(PosterFolder.DESCRIPTOR)) {
            // an unfinished poster has no descriptor yet; the manifest says what it will be
            send(ex, "application/xml; charset=utf-8", poster.layout().descriptor().getBytes(StandardCharsets.UTF_8),
                    cache);
        } else if (name.equals(PosterFolder.MANIFEST)) {
            send(ex, "application/json; charset=utf-8",
                    read(poster.dir(), poster.dir().resolve(PosterFolder.MANIFEST), rest), cache);
        } else {
            TileKey tile = tileKey(poster.layout(), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), rest);
            send(ex, "image/png", read(poster.dir(), folder.tile(tile), rest), cache);
        }
    }

    /** GET /api/live?recipe=: the layout of the recipe's live pyramid, for the viewer's tile source. */
    void live(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), LIVE_PARAMS);
        Pages.Page page = pages.visit(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress(),
                System.nanoTime());
        Recipe recipe = RecipeJson.fromJson(q.require("recipe"), "recipe");
        ModelSlot.Opened model = pageModel(q) ? page.model.requireOpened() : null;
        PosterTiles tiles = painter(recipe, model, page.id);
        DziLayout layout = tiles.layout();
        ObjectNode root = Http.JSON.createObjectNode();
        if (model != null) {
            root.put("modelVersion", model.version()); // tile addresses name it: a newer model has new addresses
        }
        root.put("width", layout.width());
        root.put("height", layout.height());
        root.put("tileSize", layout.tileSize());
        root.put("overlap", layout.overlap());
        root.put("levels", layout.maxLevel() + 1);
        root.set("recipe", RecipeJson.toTree(liveRecipe(recipe)));
        Http.sendJson(ex, 200, root);
    }

    /** GET /api/tile?recipe=&level=&col=&row=: one tile of the recipe's live pyramid, painted now. */
    void tile(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), TILE_PARAMS);
        chargeTile(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress());
        Recipe recipe = RecipeJson.fromJson(q.require("recipe"), "recipe");
        ModelSlot.Opened model = null;
        if (pageModel(q)) {
            Pages.Page page = q.get("page") == null ? null : pages.find(q.get("page"));
            model = page == null ? null : page.model.requireOpened();
            if (model == null || model.version() != q.longValue("mv", -1)) {
                throw new HttpProblem(409, "tile: the page has opened another model since; reload the zoom view");
            }
        }
        PosterTiles tiles = painter(recipe, model, q.get("page"));
        DziLayout layout = tiles.layout();
        for (String name : List.of("level", "col", "row")) {
            q.require(name);
        }
        TileKey key = tileKey(layout, q.integer("level", -1, 0, layout.maxLevel()),
                q.integer("col", -1, 0, Integer.MAX_VALUE), q.integer("row", -1, 0, Integer.MAX_VALUE), "tile");
        long start = System.nanoTime();
        byte[] png = tiles.png(key);
        ex.getResponseHeaders().set("X-Render-Millis", Long.toString((System.nanoTime() - start) / 1_000_000));
        send(ex, "image/png", png, FOREVER);
    }

    /** GET /vendor/openseadragon/...: the viewer library, its button images and its licence. */
    void vendor(HttpExchange ex, String rest) throws IOException {
        Http.requireMethod(ex, "GET", "HEAD");
        if (!VENDOR_FILE.matcher(rest).matches()) {
            throw HttpProblem.notFound("/vendor/" + shorten(rest));
        }
        byte[] bytes;
        try (InputStream in = PosterApi.class.getResourceAsStream("/web/vendor/" + rest)) {
            if (in == null) {
                throw HttpProblem.notFound("/vendor/" + rest + " (this build has no copy of it)");
            }
            bytes = in.readAllBytes();
        }
        send(ex, VENDOR_TYPES.get(rest.substring(rest.lastIndexOf('.') + 1)), bytes, "public, max-age=3600");
    }

    /** The recipe at the live pyramid's size: the long side {@link #LIVE_SIDE}, both sides whole tiles. */
    static Recipe liveRecipe(Recipe recipe) {
        double aspect = recipe.height() / (double) recipe.width();
        int w = LIVE_SIDE;
        int h = LIVE_SIDE;
        if (aspect < 1) {
            h = wholeTiles(LIVE_SIDE * aspect);
        } else {
            w = wholeTiles(LIVE_SIDE / aspect);
        }
        return recipe.toBuilder().size(w, h).build();
    }

    private static int wholeTiles(double side) {
        return (int) Math.max(LIVE_TILE, Math.min(LIVE_SIDE, Math.round(side / LIVE_TILE) * (long) LIVE_TILE));
    }

    /** The live poster of a recipe, as {@code nnpaint poster} would paint it at that size. */
    static PosterSpec liveSpec(Recipe recipe) {
        return PosterSpec.of(liveRecipe(recipe), null, LIVE_TILE, LIVE_OVERLAP);
    }

    /** Whether the request asks for the page's opened model ({@code model=page}) instead of the recipe's network. */
    private static boolean pageModel(Query q) {
        String which = q.get("model");
        if (which == null) {
            return false;
        }
        if (!which.equals("page")) {
            throw new BadInputException("model: expected 'page' (the model this page opened), got '"
                    + shorten(which) + "'");
        }
        return true;
    }

    /** The live painter of a recipe's network, or of a page's opened model over the recipe's view. */
    private PosterTiles painter(Recipe recipe, ModelSlot.Opened model, String pageId) {
        String key = (model == null ? "" : "model:" + pageId + ":" + model.version() + ":")
                + RecipeJson.toCompactJson(liveRecipe(recipe));
        PosterTiles known = painters.get(key);
        if (known != null) {
            return known;
        }
        if (model == null) {
            limits.checkNetworkSize(recipe); // an opened model was checked when it was opened
        }
        PosterTiles made = new PosterTiles(model == null ? liveSpec(recipe)
                : PosterSpec.of(liveRecipe(recipe), model.file(), LIVE_TILE, LIVE_OVERLAP), kernel);
        // a tile is the largest piece of work one request asks for; refuse networks too heavy to paint it live
        long tilePixels = (long) (LIVE_TILE + 2 * LIVE_OVERLAP) * (LIVE_TILE + 2 * LIVE_OVERLAP);
        limits.checkPreview(tilePixels, made.flopsPerPixel(), recipe.antialias());
        painters.put(key, made);
        return made;
    }

    private void chargeTile(String pageId, String remoteAddress) {
        String id = pageId == null || pageId.isEmpty() ? "address-" + remoteAddress : pageId;
        if (pageId != null && !pageId.isEmpty()) {
            pages.check(pageId);
        }
        long now = System.nanoTime();
        RateLimiter rate = tileRates.computeIfAbsent(id, k -> new RateLimiter(
                limits.requestsPerSecond() * TILE_ALLOWANCE, limits.burst() * TILE_ALLOWANCE, now));
        if (!rate.tryAcquire(now)) {
            throw HttpProblem.tooMany("too many tiles asked for by this page; slow down");
        }
    }

    private static TileKey tileKey(DziLayout layout, int level, int column, int row, String what) {
        if (level > layout.maxLevel() || column >= layout.columns(level) || row >= layout.rows(level)) {
            throw HttpProblem.notFound(what + ": level " + level + " has no tile " + column + "_" + row);
        }
        return new TileKey(level, column, row);
    }

    /**
     * A file of a poster folder, read only when it and every folder between it and the poster's folder is a plain
     * file or folder, not a link: a link inside a poster folder could name any file on the machine.
     */
    private static byte[] read(Path posterDir, Path file, String what) {
        Path root = posterDir.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw HttpProblem.notFound(what);
        }
        for (Path p = target; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw HttpProblem.notFound(what + " (a link; poster folders are served without following links)");
            }
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpProblem.notFound(what + " (not painted yet)");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpProblem.notFound(what);
        }
        try (SeekableByteChannel in = Files.newByteChannel(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (in.size() > MAX_FILE_BYTES) {
                throw new HttpProblem(500, "cannot serve " + what + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) in.size());
            while (bytes.hasRemaining() && in.read(bytes) >= 0) {
                // reads until full or the end
            }
            return Arrays.copyOf(bytes.array(), bytes.position());
        } catch (NoSuchFileException e) {
            throw HttpProblem.notFound(what + " (not painted yet)");
        } catch (IOException e) {
            throw new HttpProblem(500, "cannot read " + what + ": " + AtomicOutput.reason(e));
        }
    }

    /** Like {@link Http#send}, with the caching the content allows. */
    private static void send(HttpExchange ex, String contentType, byte[] body, String cacheControl)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", cacheControl);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(200, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
