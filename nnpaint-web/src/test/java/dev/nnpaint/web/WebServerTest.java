package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.nnpaint.web.TestServer.encode;
import static dev.nnpaint.web.TestServer.recipeParam;
import static org.assertj.core.api.Assertions.assertThat;

/** The server over real HTTP: pages, previews, downloads, stats, the gallery, and every refusal. */
class WebServerTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static final Recipe SMALL = Recipe.builder().seed(7).layers(3, 8).size(64, 48).build();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("gallery"));
        Files.writeString(dir.resolve("secret.png"), "outside the gallery");
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Http.JSON.readTree(r.body());
    }

    @Test
    void servesThePageAndItsScriptsFromTheJar() throws Exception {
        HttpResponse<String> page = server.getText("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<canvas id=\"canvas\"").contains("/assets/app.js");
        HttpResponse<String> script = server.getText("/assets/paint.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("export function createPaintView");
        assertThat(page.body()).doesNotContain("http://").doesNotContain("https://"); // no CDN: works offline
    }

    @Test
    void aPreviewIsAPngOfTheAskedSizeWithItsRecipeInside() throws Exception {
        HttpResponse<byte[]> r = server.get("/api/render?" + recipeParam(SMALL) + "&w=40&h=30");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = TestServer.decode(r.body());
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
        Recipe inside = TestServer.recipeInside(r.body(), dir);
        assertThat(inside).isEqualTo(SMALL.toBuilder().size(40, 30).build());
        // not grey: a random network of this recipe paints colour that varies across the picture
        assertThat(image.getRGB(0, 0)).isNotEqualTo(image.getRGB(39, 29));
    }

    @Test
    void aPreviewIsTheSamePictureAsTheCommandLinePaints() throws Exception {
        Recipe r = SMALL.toBuilder().size(32, 32).build();
        BufferedImage served = TestServer.decode(server.get("/api/render?" + recipeParam(r) + "&w=32&h=32").body());
        byte[] rgb = new dev.nnpaint.paint.Renderer(dev.nnpaint.paint.Painting.of(r), 1).renderRgb();
        for (int p : new int[] {0, 31, 500, 1023}) {
            int expected = ((rgb[3 * p] & 0xff) << 16) | ((rgb[3 * p + 1] & 0xff) << 8) | (rgb[3 * p + 2] & 0xff);
            assertThat(served.getRGB(p % 32, p / 32) & 0xffffff).isEqualTo(expected);
        }
    }

    @Test
    void badParametersAreA400WithOneLineSayingWhatIsWrong() throws Exception {
        String ok = recipeParam(SMALL);
        List<String[]> cases = List.of(
                new String[] {"/api/render?" + ok + "&zoom=2", "unknown parameter 'zoom'"},
                new String[] {"/api/render?w=10", "parameter 'recipe' is missing"},
                new String[] {"/api/render?recipe=" + encode("{\"seed\": 1, \"colour\": \"rgb\"}"), "colour"},
                new String[] {"/api/render?recipe=" + encode("{\"hidden\": [0]}"), "hidden[0]: expected a positive"},
                new String[] {"/api/render?recipe=" + encode("{not json"), "recipe"},
                new String[] {"/api/render?recipe=" + encode("{\"activations\": [\"tanhh\"]}"), "tanhh"},
                new String[] {"/api/render?" + ok + "&w=0", "w: expected an integer from 1"},
                new String[] {"/api/render?" + ok + "&w=ten", "w: expected an integer, got 'ten'"},
                new String[] {"/api/render?" + ok + "&w=3&w=4", "given twice"},
                new String[] {"/api/render?" + ok + "&page=../x", "page: not an id"},
                new String[] {"/api/download?" + ok + "&force=maybe", "force: expected true or false"},
                new String[] {"/api/stats?recipe=" + encode("[1,2]"), "expected a JSON object"});
        for (String[] c : cases) {
            HttpResponse<String> r = server.getText(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            JsonNode body = json(r);
            assertThat(body.get("error").asText()).as(c[0]).contains(c[1]).doesNotContain("\n");
            assertThat(body.get("status").asInt()).isEqualTo(400);
        }
        assertThat(server.getText("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(json(server.getText("/api/nothing")).get("error").asText()).isEqualTo("not found: /api/nothing");
        assertThat(server.post("/api/render?" + ok, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void sizeLimitsRefusePreviewsDownloadsAndNetworksTooBigForOnePage() throws Exception {
        HttpResponse<String> huge = server.getText("/api/render?" + recipeParam(SMALL) + "&w=4096&h=4096");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(json(huge).get("error").asText()).startsWith("a preview may have at most 4194304 pixels");

        Recipe wide = Recipe.builder().hidden(3000, 3000).build();
        HttpResponse<String> net = server.getText("/api/render?" + recipeParam(wide) + "&w=8&h=8");
        assertThat(json(net).get("error").asText()).contains("9,024,003 weights and biases")
                .contains("at most 4,000,000");

        HttpResponse<String> side = server.getText("/api/download?" + recipeParam(SMALL) + "&w=40000&h=10");
        assertThat(json(side).get("error").asText()).contains("at most 32768 pixels on a side");

        Recipe heavy = Recipe.builder().hidden(1000, 1000, 1000).build();
        HttpResponse<String> slow = server.getText("/api/download?" + recipeParam(heavy) + "&w=30000&h=30000");
        assertThat(slow.statusCode()).isEqualTo(400);
        assertThat(json(slow).get("error").asText()).contains("minutes or more").contains("force");
        HttpResponse<String> checked = server.getText("/api/download?" + recipeParam(heavy)
                + "&w=30000&h=30000&force=true&check=true");
        assertThat(checked.statusCode()).isEqualTo(200);

        String body = "{\"recipe\": {\"seed\": 1, \"pad\": \"" + "x".repeat(70_000) + "\"}}";
        HttpResponse<String> big = server.post("/api/gallery", body);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).get("error").asText()).isEqualTo("request body too large: at most 65536 bytes");
    }

    @Test
    void aDownloadStreamsTheFullSizePngWithItsRecipeAsAnAttachment() throws Exception {
        HttpResponse<byte[]> r = server.get("/api/download?" + recipeParam(SMALL) + "&w=90&h=70");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"nnpaint-7-90x70.png\"");
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        BufferedImage image = TestServer.decode(r.body());
        assertThat(image.getWidth()).isEqualTo(90);
        assertThat(image.getHeight()).isEqualTo(70);
        assertThat(TestServer.recipeInside(r.body(), dir)).isEqualTo(SMALL.toBuilder().size(90, 70).build());
    }

    @Test
    void statsGiveThePhaseChi1AndTheGreyGooVerdict() throws Exception {
        JsonNode fine = json(server.getText("/api/stats?" + recipeParam(Recipe.defaults())));
        assertThat(fine.get("phase").asText()).isEqualTo("chaotic");
        assertThat(fine.get("chi1").asDouble()).isGreaterThan(1);
        assertThat(fine.get("greyGoo").asBoolean()).isFalse();
        // small weights and several layers: the ordered phase, every pixel the same grey
        Recipe goo = Recipe.builder().layers(6, 16).activation(dev.nnpaint.net.Activation.RELU)
                .weights(dev.nnpaint.net.Init.scaledNormal(0.5)).biases(dev.nnpaint.net.Init.normal(0.05)).build();
        JsonNode grey = json(server.getText("/api/stats?" + recipeParam(goo)));
        assertThat(grey.get("phase").asText()).isEqualTo("ordered");
        assertThat(grey.get("chi1").asDouble()).isCloseTo(0.125, org.assertj.core.api.Assertions.within(1e-12)); // sigma_w^2 / 2 for relu
        assertThat(grey.get("greyGoo").asBoolean()).isTrue();
        assertThat(grey.get("verdicts").get(0).get("kind").asText()).isEqualTo("grey goo");
    }

    @Test
    void optionsOfferEveryActivationInitialisationPaletteAndTheDefaults() throws Exception {
        JsonNode o = json(server.getText("/api/options"));
        assertThat(o.get("activations").toString()).contains("\"tanh\"", "\"sin\"", "\"silu\"");
        assertThat(o.get("inits").toString()).contains("{\"id\":\"normal\",\"parameter\":true}",
                "{\"id\":\"he-normal\",\"parameter\":false}");
        assertThat(o.get("palettes").toString()).contains("\"viridis\"", "\"twilight\"");
        assertThat(o.get("colorModes").toString()).isEqualTo("[\"rgb\",\"gray\",\"hsv\",\"hsl\",\"palette\"]");
        assertThat(RecipeJson.fromTree(o.get("defaults"), "defaults")).isEqualTo(Recipe.defaults());
    }

    @Test
    void aPartialRecipeIsCompletedWithTheDefaultsAsTheCommandLineDoes() throws Exception {
        String partial = "{\"seed\": 12, \"inputs\": [\"x\", \"y\", \"z\"], \"z\": [0.5, -1]}";
        HttpResponse<String> r = server.getText("/api/recipe?recipe=" + encode(partial));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"z_dim\":2", "\"hidden\":[16,16,16,16,16,16,16,16]", "\"color\":\"rgb\"");
        assertThat(RecipeJson.fromJson(r.body(), "answer")).isEqualTo(Recipe.builder().seed(12)
                .inputs(List.of("x", "y", "z")).latent(2, new double[] {0.5, -1}).build());
        HttpResponse<String> bad = server.getText("/api/recipe?recipe=" + encode("{\"seed\": 12, \"z\": [0.5]}"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).isEqualTo("recipe: z-dim is 1 but the inputs do not include z");
    }

    @Test
    void theGallerySavesListsAndServesPicturesThatCarryTheirRecipe() throws Exception {
        Recipe r = SMALL.toBuilder().seed(11).color("palette:magma").build();
        HttpResponse<String> saved = server.post("/api/gallery?page=galleryTest",
                "{\"recipe\": " + RecipeJson.toCompactJson(r) + "}");
        assertThat(saved.statusCode()).isEqualTo(201);
        String name = json(saved).get("name").asText();
        assertThat(name).matches("nnpaint-11-[0-9]{8}-[0-9]{6}(-[0-9]+)?\\.png");
        assertThat(server.gallery.resolve(name)).isRegularFile();

        JsonNode list = json(server.getText("/api/gallery"));
        JsonNode item = null;
        for (JsonNode n : list.get("items")) {
            if (n.get("name").asText().equals(name)) {
                item = n;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("url").asText()).isEqualTo("/gallery/" + name);
        assertThat(RecipeJson.fromTree(item.get("recipe"), "item")).isEqualTo(r);

        HttpResponse<byte[]> file = server.get("/gallery/" + name);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(TestServer.decode(file.body()).getWidth()).isEqualTo(64);
        assertThat(TestServer.recipeInside(file.body(), dir)).isEqualTo(r);

        HttpResponse<String> extra = server.post("/api/gallery", "{\"recipe\": {}, \"name\": \"../x.png\"}");
        assertThat(json(extra).get("error").asText()).isEqualTo("request body: unknown field 'name'; known: recipe");
    }

    @Test
    void noFileOutsideTheGalleryCanBeReadWhateverTheEncoding() throws Exception {
        Path link = server.gallery.resolve("link.png");
        Files.createSymbolicLink(link, dir.resolve("secret.png"));
        List<String> attempts = List.of(
                "/gallery/../secret.png", "/gallery/..%2Fsecret.png", "/gallery/%2e%2e%2fsecret.png",
                "/gallery/%2E%2E/secret.png", "/gallery/..%252Fsecret.png", "/gallery/..%5Csecret.png",
                "/gallery/....//secret.png", "/gallery/%252e%252e%252fsecret.png", "/gallery/%00secret.png",
                "/gallery/secret.png%00.png", "/gallery/" + dir.resolve("secret.png"), "/gallery/link.png",
                "/gallery/.%2e/secret.png", "/gallery/..\\secret.png".replace("\\", "%5C"),
                "/assets/..%2F..%2Fpom.xml", "/assets/../web/index.html", "/assets/%2e%2e/app.js",
                "/gallery/%C0%AE%C0%AE%C0%AFsecret.png");
        for (String path : attempts) {
            HttpResponse<String> r = server.getText(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("outside the gallery").startsWith("{\"error\":");
        }
        assertThat(server.getText("/gallery/missing.png").statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestAddressedToAnotherHostNameIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/options HTTP/1.1\r\nHost: attacker.example:" + server.server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
        }
        assertThat(server.getText("/api/options").statusCode()).isEqualTo(200);
    }

    @Test
    void anOlderPreviewOfTheSamePageIsRefusedButOtherPagesAreUntouched() throws Exception {
        String r = recipeParam(SMALL) + "&w=16&h=12";
        assertThat(server.get("/api/render?" + r + "&page=tabAAAA&seq=10").statusCode()).isEqualTo(200);
        HttpResponse<String> older = server.getText("/api/render?" + r + "&page=tabAAAA&seq=9");
        assertThat(older.statusCode()).isEqualTo(409);
        assertThat(json(older).get("error").asText()).contains("superseded");
        assertThat(server.get("/api/render?" + r + "&page=tabBBBB&seq=1").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/render?" + r + "&page=tabAAAA&seq=11").statusCode()).isEqualTo(200);
    }
}
