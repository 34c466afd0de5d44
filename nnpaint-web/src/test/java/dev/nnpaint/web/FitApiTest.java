package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** The fit view's endpoints over HTTP: uploads and their refusals, a session learning, pause, downloads, open. */
class FitApiTest {

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Http.JSON.readTree(r.body());
    }

    /** A colour picture of w x h: a gradient with a disc, so that it has both smooth parts and an edge. */
    static byte[] png(int w, int h, boolean grey) throws Exception {
        BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean disc = Math.hypot(x - w / 2.0, y - h / 2.0) < Math.min(w, h) / 3.0;
                int r = disc ? 240 : 255 * x / w;
                int g = disc ? 60 : 255 * y / h;
                int b = disc ? 40 : 128;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static String upload(String name, byte[] file) throws Exception {
        return Http.JSON.writeValueAsString(Map.of("name", name, "data", Base64.getEncoder().encodeToString(file)));
    }

    private static HttpResponse<String> postImage(String page, String name, byte[] file) throws Exception {
        return server.post("/api/fit/image?page=" + page, upload(name, file));
    }

    private static JsonNode startOk(String page, String settings) throws Exception {
        HttpResponse<String> r = server.post("/api/fit/start?page=" + page, settings);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        SESSIONS.put(page, a.get("session").asText());
        return a;
    }

    private static String session(String page) {
        return "page=" + page + "&session=" + SESSIONS.get(page);
    }

    private static JsonNode snapshot(String page) throws Exception {
        HttpResponse<String> r = server.getText("/api/fit/snapshot?" + session(page));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static JsonNode control(String page, String action) throws Exception {
        HttpResponse<String> r = server.post("/api/fit/control?" + session(page) + "&action=" + action, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        SESSIONS.put(page, a.get("session").asText());
        return a;
    }

    /**
     * The snapshot, or null when the page asked too often (polling may outpace the page's request rate while the
     * server is slow): the poll then asks again.
     */
    private static JsonNode polled(String page) throws Exception {
        HttpResponse<String> r = server.getText("/api/fit/snapshot?" + session(page));
        if (r.statusCode() == 429) {
            return null;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static JsonNode awaitStep(String page, long step) throws Exception {
        return Poll.until(Duration.ofSeconds(120), () -> polled(page), s -> s != null && s.get("step").asLong() >= step);
    }

    private static JsonNode awaitIdle(String page) throws Exception {
        return Poll.until(Duration.ofSeconds(120), () -> polled(page), s -> s != null && !s.get("running").asBoolean());
    }

    /** Ends the page's session, so that it leaves the shared stepping threads to the other tests. */
    private static void closeSession(String page) throws Exception {
        assertThat(server.post("/api/fit/close?page=" + page, "").statusCode()).isEqualTo(204);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return json(r).get("error").asText();
    }

    @Test
    void aColourPngIsKeptAtItsSizeAndALargeGreyOneIsShrunk() throws Exception {
        HttpResponse<String> r = postImage("fitupsmall", "small.png", png(40, 30, false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.get("width").asInt()).isEqualTo(40);
        assertThat(a.get("height").asInt()).isEqualTo(30);
        assertThat(a.get("channels").asInt()).isEqualTo(3);
        assertThat(a.get("scaled").asBoolean()).isFalse();

        r = postImage("fitupbig", "big.png", png(1200, 600, true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        a = json(r);
        assertThat(a.get("originalWidth").asInt()).isEqualTo(1200);
        assertThat(a.get("originalHeight").asInt()).isEqualTo(600);
        assertThat(a.get("width").asInt()).isEqualTo(FitImage.MAX_SIDE);
        assertThat(a.get("height").asInt()).isEqualTo(FitImage.MAX_SIDE / 2);
        assertThat(a.get("channels").asInt()).isEqualTo(1);
        assertThat(a.get("scaled").asBoolean()).isTrue();
    }

    @Test
    void aJpegUploadIsRead() throws Exception {
        BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(png(64, 48, false)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "jpeg", out)).isTrue();
        HttpResponse<String> r = postImage("fitupjpeg", "photo.jpg", out.toByteArray());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("width").asInt()).isEqualTo(64);
        assertThat(json(r).get("channels").asInt()).isEqualTo(3);
    }

    /** A PNG whose header declares {@code w x h} pixels but whose data is a few bytes: a decompression bomb. */
    static byte[] bomb(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        Deflater d = new Deflater();
        d.setInput(new byte[1 << 16]);
        d.finish();
        byte[] z = new byte[4096];
        int n = d.deflate(z);
        chunk(out, "IDAT", java.util.Arrays.copyOf(z, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void badUploadsAreRefusedWithOneClearJsonError() throws Exception {
        byte[] good = png(32, 32, false);
        BufferedImage small = ImageIO.read(new java.io.ByteArrayInputStream(good));
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(small, "gif", gif);
        Object[][] cases = {
                {"notes.txt", "hello, this is not a picture".getBytes(StandardCharsets.UTF_8), "is not an image"},
                {"empty.png", new byte[0], "is empty"},
                {"bomb.png", bomb(20000, 20000), "declares 20000x20000 pixels"},
                {"cut.png", java.util.Arrays.copyOf(good, 60), "cannot decode 'cut.png'"},
                {"anim.gif", gif.toByteArray(), "the fit view reads PNG and JPEG"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = postImage("fitupbad", (String) c[0], (byte[]) c[1]);
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(error(r)).as((String) c[0]).contains((String) c[2]).doesNotContain("\n");
        }
        HttpResponse<String> r = server.post("/api/fit/image?page=fitupbad", "{\"name\": \"x.png\", \"data\": \"%%%\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("not base64");
        // a file just over the byte limit, in a body the server reads
        byte[] over = new byte[FitImage.MAX_BYTES + 1];
        System.arraycopy(good, 0, over, 0, good.length);
        r = postImage("fitupbad", "over.png", over);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("at most 8,388,608");
        // nothing was kept: a start from the upload has no image
        r = server.post("/api/fit/start?page=fitupbad", "{\"source\": \"upload\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("no image uploaded");
    }

    @Test
    void aSessionLearnsThePictureAndPauseStopsTheSteps() throws Exception {
        assertThat(postImage("fitlearn", "disc.png", png(48, 48, false)).statusCode()).isEqualTo(200);
        JsonNode a = startOk("fitlearn", "{\"source\": \"upload\", \"side\": 48}");
        assertThat(a.get("width").asInt()).isEqualTo(48);
        assertThat(a.get("target").binaryValue()).hasSize(48 * 48 * 3);
        assertThat(a.get("config").get("encoding").asText()).isEqualTo("hash");
        assertThat(a.get("config").get("hidden").toString()).isEqualTo("[64,64]");
        JsonNode first = a.get("snapshot");
        assertThat(first.get("step").asLong()).isZero();
        assertThat(first.get("running").asBoolean()).isFalse();
        assertThat(first.get("image").binaryValue()).hasSize(48 * 48 * 3);
        double before = first.get("trainPsnr").asDouble();

        control("fitlearn", "play");
        JsonNode later = awaitStep("fitlearn", 40);
        assertThat(later.get("step").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(later.get("trainPsnr").asDouble()).isGreaterThan(before + 6);
        assertThat(later.get("curve").get("step").size()).isGreaterThan(1);
        assertThat(later.get("image").binaryValue()).isNotEqualTo(first.get("image").binaryValue());
        assertThat(later.get("seconds").asDouble()).isPositive();

        control("fitlearn", "pause");
        JsonNode paused = awaitIdle("fitlearn");
        long step = paused.get("step").asLong();
        // paused: the count holds (several polls later it is the same), and one step makes exactly one more
        for (int i = 0; i < 5; i++) {
            assertThat(snapshot("fitlearn").get("step").asLong()).isEqualTo(step);
        }
        control("fitlearn", "step");
        JsonNode one = awaitStep("fitlearn", step + 1);
        assertThat(one.get("step").asLong()).isEqualTo(step + 1);
        assertThat(awaitIdle("fitlearn").get("step").asLong()).isEqualTo(step + 1);

        // restart: a new session at step 0; the old id is refused
        String old = SESSIONS.get("fitlearn");
        JsonNode restarted = control("fitlearn", "restart");
        assertThat(restarted.get("step").asLong()).isZero();
        assertThat(restarted.get("session").asText()).isNotEqualTo(old);
        HttpResponse<String> stale = server.getText("/api/fit/snapshot?page=fitlearn&session=" + old);
        assertThat(stale.statusCode()).isEqualTo(409);
        closeSession("fitlearn");
    }

    @Test
    void theFittedModelDownloadsPaintsAndOpensInThePaintView() throws Exception {
        startOk("fitopen", "{\"sample\": \"shapes\", \"side\": 32, \"encoding\": \"gauss:64:10\", \"hidden\": [32, 32]}");
        control("fitopen", "play");
        awaitStep("fitopen", 20);
        control("fitopen", "pause");
        JsonNode s = awaitIdle("fitopen");

        HttpResponse<String> m = server.getText("/api/fit/model?" + session("fitopen"));
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Disposition").orElse(""))
                .contains("nnpaint-fit-shapes-step" + s.get("step").asLong());
        Model model = ModelJson.fromJson(m.body(), "download").model();
        assertThat(model.encoding().spec()).isEqualTo("gauss:64:10");
        assertThat(model.outputCount()).isEqualTo(3);

        HttpResponse<byte[]> png = server.get("/api/fit/png?" + session("fitopen"));
        assertThat(png.statusCode()).isEqualTo(200);
        BufferedImage fit = TestServer.decode(png.body());
        assertThat(fit.getWidth()).isEqualTo(32);
        assertThat(fit.getHeight()).isEqualTo(32);
        // the PNG is the snapshot's picture, byte for byte
        byte[] rgb = s.get("image").binaryValue();
        assertThat(fit.getRGB(5, 7) & 0xffffff).isEqualTo(
                (rgb[3 * (7 * 32 + 5)] & 255) << 16 | (rgb[3 * (7 * 32 + 5) + 1] & 255) << 8 | (rgb[3 * (7 * 32 + 5) + 2] & 255));

        HttpResponse<String> o = server.post("/api/fit/open?" + session("fitopen"), "");
        assertThat(o.statusCode()).as(o.body()).isEqualTo(200);
        assertThat(json(o).get("outputs").asInt()).isEqualTo(3);
        assertThat(json(o).get("extent").asDouble()).isEqualTo(1.0);
        // the paint view's renders with model=page now paint the fitted network over the image's frame
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(32, 32).extent(1).color("rgb").build();
        HttpResponse<byte[]> painted = server.get("/api/render?page=fitopen&model=page&w=32&h=32&"
                + TestServer.recipeParam(view));
        assertThat(painted.statusCode()).isEqualTo(200);
        BufferedImage p = TestServer.decode(painted.body());
        int same = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int a = p.getRGB(x, y);
                int b = fit.getRGB(x, y);
                int d = Math.abs((a >> 16 & 255) - (b >> 16 & 255)) + Math.abs((a >> 8 & 255) - (b >> 8 & 255))
                        + Math.abs((a & 255) - (b & 255));
                same += d <= 6 ? 1 : 0;
            }
        }
        assertThat(same).as("pixels the painting and the reconstruction agree on").isGreaterThan(32 * 32 * 9 / 10);

        // the zoom view's live pyramid of the opened model: tiles name the model's version, an old one is refused
        HttpResponse<String> live = server.getText("/api/live?page=fitopen&model=page&" + TestServer.recipeParam(view));
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        long version = json(live).get("modelVersion").asLong();
        String tile = "/api/tile?page=fitopen&model=page&level=8&col=0&row=0&" + TestServer.recipeParam(view);
        HttpResponse<byte[]> t = server.get(tile + "&mv=" + version);
        assertThat(t.statusCode()).isEqualTo(200);
        BufferedImage top = TestServer.decode(t.body());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < top.getHeight(); y += 3) {
            for (int x = 0; x < top.getWidth(); x += 3) {
                colours.add(top.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("colours of a live tile of the fitted picture").isGreaterThan(20);
        assertThat(server.get(tile + "&mv=" + (version + 1)).statusCode()).isEqualTo(409);
        closeSession("fitopen");
    }

    @Test
    void aHoldoutScoresTheTestPixelsToo() throws Exception {
        JsonNode a = startOk("fithold", "{\"sample\": \"astronaut\", \"holdout\": true}");
        assertThat(a.get("width").asInt()).isEqualTo(64);
        assertThat(a.get("batchPixels").asInt()).isEqualTo(32 * 32);
        assertThat(a.get("snapshot").get("testPsnr").isNumber()).isTrue();
        control("fithold", "step");
        JsonNode s = awaitStep("fithold", 1);
        assertThat(s.get("curve").get("test").size()).isEqualTo(s.get("curve").get("train").size());
        closeSession("fithold");
    }

    @Test
    void badSettingsAreRefusedWithOneLine() throws Exception {
        String[][] cases = {
                {"{\"bogus\": 1}", "unknown field 'bogus'"},
                {"{\"source\": \"web\"}", "source: expected 'sample' or 'upload'"},
                {"{\"sample\": \"mona\"}", "sample: expected one of astronaut, shapes"},
                {"{\"encoding\": \"fourier\"}", "unknown encoding 'fourier'"},
                {"{\"encoding\": \"gauss:4096:10\"}", "at most 512 Gaussian features"},
                {"{\"side\": 4}", "side: expected a whole number from 16 to 256"},
                {"{\"hidden\": [64, 0]}", "hidden[1]: expected 1 to 512 neurons"},
                {"{\"learningRate\": 0}", "learningRate"},
                {"{\"batch\": -3}", "batch"},
                {"{\"holdout\": \"yes\"}", "holdout: expected true or false"},
                {"{\"encoding\": \"gauss:512:10\", \"hidden\": [512, 512, 512, 512], \"side\": 256, \"batch\": 0}",
                        "fit fewer pixels a step"},
                {"[1]", "expected a JSON object"},
                {"{", "not valid JSON"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.post("/api/fit/start?page=fitbad", c[0]);
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(error(r)).as(c[0]).contains(c[1]).doesNotContain("\n");
        }
    }

    @Test
    void withoutAChosenBatchAHeavyNetworkTakesTheLargestBatchUnderTheCap() throws Exception {
        JsonNode a = startOk("fitcap", "{\"encoding\": \"gauss:256:10\", \"side\": 64}");
        assertThat(a.get("config").get("hidden").toString()).isEqualTo("[256,256,256,256]");
        int batch = a.get("batchPixels").asInt();
        long flops = a.get("flopsPerPixel").asLong();
        assertThat((double) batch * flops).isLessThanOrEqualTo(FitConfig.MAX_STEP_FLOPS);
        assertThat(2.0 * batch * flops).isGreaterThan(FitConfig.MAX_STEP_FLOPS);
        assertThat(Integer.bitCount(batch)).isEqualTo(1);
        closeSession("fitcap");
    }

    @Test
    void uploadsAndStartsAreGuardedLikeEveryOtherWrite() throws Exception {
        String page = server.pageId("fitguard");
        String body = upload("disc.png", png(16, 16, false));
        int before = server.server.fitApi().sessionCount();
        for (String path : new String[] {"/api/fit/image?page=" + page, "/api/fit/start?page=" + page}) {
            // no token
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.bare(path))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            // the token, from another site's page
            r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.bare(path))
                    .header("Authorization", "token " + server.server.token()).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(server.server.fitApi().sessionCount()).isEqualTo(before);
        HttpResponse<String> r = server.post("/api/fit/start?page=fitguard", "{\"source\": \"upload\"}");
        assertThat(error(r)).contains("no image uploaded");
    }

    @Test
    void theCloseBeaconEndsThePagesSession() throws Exception {
        startOk("fitclose", "{\"side\": 16}");
        int before = server.server.fitApi().sessionCount();
        HttpResponse<String> r = server.post("/api/fit/close?page=fitclose", "");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(server.server.fitApi().sessionCount()).isEqualTo(before - 1);
        assertThat(server.getText("/api/fit/snapshot?" + session("fitclose")).statusCode()).isEqualTo(404);
    }
}
