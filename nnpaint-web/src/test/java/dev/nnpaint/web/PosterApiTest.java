package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterRenderer;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.ops.poster.TileKey;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.nnpaint.web.TestServer.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zoom view's server side over real HTTP: poster folders, live tiles, the vendored viewer, every refusal. */
class PosterApiTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static final HttpClient client = HttpClient.newHttpClient();
    static PosterSpec done;
    static PosterSpec painting;
    static final Recipe LIVE = Recipe.builder().seed(5).layers(4, 8).size(640, 480).build();

    @BeforeAll
    static void start() throws Exception {
        done = PosterSpec.of(Recipe.builder().seed(3).layers(3, 8).size(512, 256).build(), null, 256, 1);
        PosterRenderer.render(PosterFolder.prepare(dir.resolve("finished"), done),
                new PosterTiles(done, Kernels.fastest()), 2, Renderer.Progress.NONE);
        // a poster interrupted after its coarse levels: the viewer shows what there is
        painting = PosterSpec.of(Recipe.builder().seed(4).layers(3, 8).size(512, 512).build(), null, 256, 1);
        PosterFolder half = PosterFolder.prepare(dir.resolve("half"), painting);
        PosterTiles tiles = new PosterTiles(painting, Kernels.fastest());
        for (TileKey t : painting.layout().tiles().subList(0, 9)) {
            half.write(t, tiles.png(t));
        }
        Files.writeString(dir.resolve("secret.txt"), "not for the browser");
        server = WebServer.start(new WebServer.Config("127.0.0.1", 0, dir.resolve("gallery"), Limits.defaults(),
                Kernels.fastest(), 1, List.of(dir.resolve("finished"), dir.resolve("half"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + TestServer.withToken(pathAndQuery, server.token())))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request written byte for byte, so that no client tidies the path first; returns the status line and body. */
    static String raw(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token " + server.token()
                    + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return Http.JSON.readTree(r.body());
    }

    @Test
    void listsThePostersWithTheirSizeLevelsRecipeAndProgress() throws Exception {
        HttpResponse<byte[]> r = get("/api/posters");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode posters = json(r).get("posters");
        assertThat(posters).hasSize(2);
        JsonNode first = posters.get(0);
        assertThat(first.get("name").asText()).isEqualTo("finished");
        assertThat(first.get("width").asInt()).isEqualTo(512);
        assertThat(first.get("height").asInt()).isEqualTo(256);
        assertThat(first.get("levels").asInt()).isEqualTo(10);
        assertThat(first.get("tiles").asLong()).isEqualTo(done.layout().tileCount());
        assertThat(first.get("finished").asBoolean()).isTrue();
        assertThat(first.has("note")).isFalse();
        assertThat(first.get("dzi").asText()).matches("/posters/0/poster\\.dzi\\?v=[0-9a-f]{16}");
        assertThat(RecipeJson.fromTree(first.get("recipe"), "listing")).isEqualTo(done.recipe());
        JsonNode second = posters.get(1);
        long total = painting.layout().tileCount();
        assertThat(second.get("finished").asBoolean()).isFalse();
        assertThat(second.get("tilesPainted").asLong()).isEqualTo(9);
        assertThat(second.get("note").asText()).isEqualTo("still painting: 9 of " + total + " tiles");
    }

    @Test
    void servesTheDescriptorAndTilesWithTheirTypesCachedForGoodUnderTheirVersion() throws Exception {
        String dzi = json(get("/api/posters")).get("posters").get(0).get("dzi").asText();
        String version = dzi.substring(dzi.indexOf("?v=") + 3);
        HttpResponse<byte[]> descriptor = get(dzi);
        assertThat(descriptor.statusCode()).isEqualTo(200);
        assertThat(descriptor.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
        assertThat(new String(descriptor.body(), StandardCharsets.UTF_8)).isEqualTo(done.layout().descriptor())
                .contains("Width=\"512\" Height=\"256\"");
        TileKey tile = new TileKey(9, 1, 0);
        HttpResponse<byte[]> png = get("/posters/0/poster_files/9/1_0.png?v=" + version);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(png.body()).isEqualTo(Files.readAllBytes(dir.resolve("finished/poster_files")
                .resolve(tile.relativePath())));
        // without the version the browser must ask again: the folder could hold another poster tomorrow
        assertThat(get("/posters/0/poster_files/9/1_0.png").headers().firstValue("Cache-Control"))
                .hasValue("no-cache");
        HttpResponse<byte[]> manifest = get("/posters/0/poster.json");
        assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(done.sameAs(new String(manifest.body(), StandardCharsets.UTF_8), "served")).isTrue();
    }

    @Test
    void anUnfinishedPosterHasItsDescriptorAndTheTilesPaintedSoFar() throws Exception {
        HttpResponse<byte[]> descriptor = get("/posters/1/poster.dzi");
        assertThat(descriptor.statusCode()).isEqualTo(200);
        assertThat(new String(descriptor.body(), StandardCharsets.UTF_8)).isEqualTo(painting.layout().descriptor());
        assertThat(Files.exists(dir.resolve("half/poster.dzi"))).isFalse(); // the folder itself is left alone
        assertThat(get("/posters/1/poster_files/0/0_0.png").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> missing = get("/posters/1/poster_files/9/1_1.png");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).contains("not painted yet");
        assertThat(missing.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aLinkInsideAPosterFolderIsNotFollowed() throws Exception {
        PosterSpec spec = PosterSpec.of(Recipe.builder().seed(6).layers(2, 4).size(256, 256).build(), null, 256, 1);
        Path folder = dir.resolve("linked");
        PosterRenderer.render(PosterFolder.prepare(folder, spec), new PosterTiles(spec, Kernels.fastest()), 1,
                Renderer.Progress.NONE);
        PosterFolder posterFolder = PosterFolder.existing(folder, spec);
        Path tile = posterFolder.tile(new TileKey(spec.layout().maxLevel(), 0, 0));
        Files.delete(tile);
        Files.createSymbolicLink(tile, dir.resolve("secret.txt"));
        // a whole level folder that is a link, too
        Path level = posterFolder.tile(new TileKey(0, 0, 0)).getParent();
        Path moved = Files.move(level, dir.resolve("elsewhere-level"));
        Files.createSymbolicLink(level, moved);
        try (WebServer linked = WebServer.start(new WebServer.Config("127.0.0.1", 0, dir.resolve("gallery"),
                Limits.defaults(), Kernels.fastest(), 1, List.of(folder)))) {
            for (String path : List.of("/posters/0/poster_files/" + spec.layout().maxLevel() + "/0_0.png",
                    "/posters/0/poster_files/0/0_0.png")) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + linked.port() + path)).header("Authorization", "token " + linked.token()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(body).as(path).doesNotContain("not for the browser").contains("a link");
            }
        }
    }

    @Test
    void refusesEveryPathOutsideThePostersFiles() throws Exception {
        for (String path : List.of("/posters/0/../../secret.txt", "/posters/0/%2e%2e/%2e%2e/secret.txt",
                "/posters/0/poster_files/9/..%2F..%2F..%2Fsecret.txt", "/posters/0/poster_files/%2e%2e/9/0_0.png",
                "/posters//etc/passwd", "/posters/0//etc/passwd", "/posters/0/poster_files/9/0_0.png/..",
                "/posters/2/poster.dzi", "/posters/-1/poster.dzi", "/posters/0/poster_files/10/0_0.png",
                "/posters/0/poster_files/9/2_0.png", "/posters/0/secret.txt", "/vendor/openseadragon/../../web/app.js",
                "/vendor/openseadragon/%2e%2e/%2e%2e/web/app.js", "/vendor/../secret.txt")) {
            String answer = raw(path);
            // 404, or 400 where Jetty already refuses an encoded dot segment as ambiguous; never the file
            assertThat(answer).as(path).matches("(?s)HTTP/1.1 40[04] .*").doesNotContain("not for the browser")
                    .contains("{\"error\":");
        }
    }

    @Test
    void aLiveTileIsTheTileThePosterCommandWouldPaint() throws Exception {
        String recipe = "recipe=" + encode(RecipeJson.toCompactJson(LIVE));
        String page = server.pages().mint();
        JsonNode layout = json(get("/api/live?" + recipe + "&page=" + page));
        // 640x480 at a long side of 2^20: the short side rounded to whole tiles of 256
        assertThat(layout.get("width").asInt()).isEqualTo(1 << 20);
        assertThat(layout.get("height").asInt()).isEqualTo(786432);
        assertThat(layout.get("levels").asInt()).isEqualTo(21);
        PosterSpec spec = PosterApi.liveSpec(LIVE);
        assertThat(RecipeJson.fromTree(layout.get("recipe"), "live")).isEqualTo(spec.recipe());
        PosterTiles tiles = new PosterTiles(spec, Kernels.fastest());
        for (TileKey t : List.of(new TileKey(0, 0, 0), new TileKey(12, 7, 5), new TileKey(20, 2048, 1536))) {
            HttpResponse<byte[]> r = get("/api/tile?" + recipe + "&level=" + t.level() + "&col=" + t.column()
                    + "&row=" + t.row() + "&page=" + page);
            assertThat(r.statusCode()).as(t.toString()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(r.body()).as(t.toString()).isEqualTo(tiles.png(t));
        }
        assertThat(TestServer.decode(get("/api/tile?" + recipe + "&level=20&col=5&row=9").body()).getWidth())
                .isEqualTo(258);
    }

    @Test
    void refusesLiveTilesOutsideThePyramidAndUnknownParameters() throws Exception {
        String recipe = "recipe=" + encode(RecipeJson.toCompactJson(LIVE));
        HttpResponse<byte[]> level = get("/api/tile?" + recipe + "&level=21&col=0&row=0");
        assertThat(level.statusCode()).isEqualTo(400);
        assertThat(json(level).get("error").asText()).isEqualTo("level: expected an integer from 0 to 20, got 21");
        HttpResponse<byte[]> column = get("/api/tile?" + recipe + "&level=3&col=8&row=0");
        assertThat(column.statusCode()).isEqualTo(404);
        assertThat(json(column).get("error").asText()).contains("level 3 has no tile 8_0");
        assertThat(get("/api/tile?" + recipe + "&level=3&col=0&row=0&w=5").statusCode()).isEqualTo(400);
        assertThat(get("/api/tile?level=3&col=0&row=0").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> heavy = get("/api/tile?recipe=" + encode("{\"hidden\": [2000, 2000, 2000]}")
                + "&level=0&col=0&row=0");
        assertThat(heavy.statusCode()).isEqualTo(400);
        assertThat(json(heavy).get("error").asText()).contains("weights and biases");
    }

    @Test
    void servesTheViewerLibraryCopiedIntoTheBuild() throws Exception {
        HttpResponse<byte[]> script = get("/vendor/openseadragon/openseadragon.min.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(new String(script.body(), StandardCharsets.UTF_8)).contains("OpenSeadragon");
        HttpResponse<byte[]> button = get("/vendor/openseadragon/images/zoomin_rest.png");
        assertThat(button.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(TestServer.decode(button.body())).isNotNull();
        assertThat(new String(get("/vendor/openseadragon/LICENSE.txt").body(), StandardCharsets.UTF_8))
                .contains("OpenSeadragon");
    }

    @Test
    void aFolderThatIsNoPosterIsRefusedAtStartWithOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> PosterApi.load(List.of(empty))).isInstanceOf(BadInputException.class)
                .hasMessage("--poster: '" + empty + "' holds no poster.json; give a folder written by "
                        + "'nnpaint poster -o DIR'");
        assertThatThrownBy(() -> PosterApi.load(List.of(dir.resolve("nowhere")))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a folder");
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("poster.json"), "{\"format\": \"something else\"}");
        assertThatThrownBy(() -> PosterApi.load(List.of(broken))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a poster manifest");
        assertThatThrownBy(() -> PosterApi.load(List.of(dir.resolve("finished"), dir.resolve("./finished"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is given twice");
    }
}
