package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.ops.anim.LatentWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The paint view's motion made on the server: POST /api/animate, its progress, its file, its limits. */
class AnimateApiTest {

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

    static JsonNode json(String text) throws Exception {
        return Http.JSON.readTree(text);
    }

    static String body(String recipe, String motion, String format, double fps) {
        return "{\"recipe\": " + recipe + ", \"motion\": " + motion + ", \"format\": \"" + format + "\", \"fps\": "
                + fps + "}";
    }

    /** Starts a job for the page and gives the server's answer, which must be that it started. */
    static JsonNode started(String page, String body) throws Exception {
        HttpResponse<String> r = server.post("/api/animate?page=" + page, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r.body());
    }

    /** Waits for the page's job to end and gives its last state. */
    static JsonNode finished(String page) throws Exception {
        return Poll.until(Duration.ofSeconds(120), () -> json(server.getText("/api/animate?page=" + page).body()),
                s -> !s.get("state").asText().equals("running"));
    }

    @Test
    void aGainPingPongBecomesAGifWhoseFirstAndLastFramesAreTheMotionsEnds() throws Exception {
        HttpResponse<String> started = server.post("/api/animate?page=animGain", body(
                "{\"seed\": 5, \"width\": 64, \"height\": 48}",
                "{\"field\": \"gain\", \"from\": 0.5, \"to\": 2, \"seconds\": 2, \"easing\": \"smooth\","
                        + " \"repeat\": \"ping-pong\"}", "gif", 5));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode s = json(started.body());
        assertThat(s.get("frames").asInt()).isEqualTo(10);
        assertThat(s.get("first").get("gain").asDouble()).isEqualTo(0.5);
        assertThat(s.get("firstTime").asDouble()).isEqualTo(0.0);
        // frame 9 of 10 is the page's time 1.8 s: ping-pong at 0.9 of the period is 0.2 of the way, eased
        assertThat(s.get("lastTime").asDouble()).isCloseTo(1.8, within(1e-12));
        double eased = (1 - Math.cos(Math.PI * 0.2)) / 2;
        assertThat(s.get("last").get("gain").asDouble()).isCloseTo(0.5 + 1.5 * eased, within(1e-12));
        assertThat(s.get("last").get("seed").asInt()).isEqualTo(5);

        JsonNode done = finished("animGain");
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("done").asInt()).isEqualTo(10);
        HttpResponse<byte[]> file = server.get("/api/animate/file?page=animGain");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("nnpaint-5-gain.gif");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file.body()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(10);
            assertThat(reader.getWidth(0)).isEqualTo(64);
            assertThat(reader.getHeight(0)).isEqualTo(48);
        }
        assertThat(done.get("bytes").asLong()).isEqualTo(file.body().length);
    }

    @Test
    void aLatentWalkGoesRoundThePagesCircleThroughTheShiftedVector() throws Exception {
        String recipe = "{\"inputs\": [\"x\", \"y\", \"r\", \"z\"], \"z_dim\": 3, \"z\": [0.5, -1, 2],"
                + " \"width\": 32, \"height\": 32}";
        HttpResponse<String> started = server.post("/api/animate?page=animWalk",
                body(recipe, "{\"field\": \"walk\", \"seconds\": 4}", "gif", 2));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode s = json(started.body());
        assertThat(s.get("frames").asInt()).isEqualTo(8);
        assertThat(s.get("first").get("z").toString()).isEqualTo("[0.5,-1.0,2.0]");
        // frame 7 of 8 is 7/8 of the way round: z cos + z' sin, z' = (-1, 2, 0.5)
        double a = 2 * Math.PI * 7 / 8;
        double[] expected = {0.5 * Math.cos(a) - Math.sin(a), -Math.cos(a) + 2 * Math.sin(a),
                2 * Math.cos(a) + 0.5 * Math.sin(a)};
        JsonNode z = s.get("last").get("z");
        for (int k = 0; k < 3; k++) {
            assertThat(z.get(k).asDouble()).isCloseTo(expected[k], within(1e-12));
        }
        assertThat(LatentWalk.shifted(new double[] {0.5, -1, 2}).at(7 / 8.0)[0]).isCloseTo(expected[0], within(1e-12));
        assertThat(finished("animWalk").get("state").asText()).isEqualTo("done");
    }

    @Test
    void aLatentComponentAndACentreCoordinateMoveAloneAndLoopLinearly() throws Exception {
        String recipe = "{\"inputs\": [\"x\", \"y\", \"z\"], \"z_dim\": 2, \"z\": [0.25, 0.75], \"center\": [0.1, 0.2],"
                + " \"width\": 24, \"height\": 24}";
        JsonNode z = started("animLatent", body(recipe,
                "{\"field\": \"z1\", \"from\": -1, \"to\": 1, \"seconds\": 1, \"easing\": \"linear\","
                        + " \"repeat\": \"loop\"}", "gif", 4));
        assertThat(z.get("last").get("z").toString()).isEqualTo("[0.25,0.5]");  // 3/4 of the way from -1 to 1
        assertThat(finished("animLatent").get("state").asText()).isEqualTo("done");
        JsonNode c = started("animLatent", body(recipe,
                "{\"field\": \"center-y\", \"from\": 0, \"to\": 2, \"seconds\": 1, \"easing\": \"linear\","
                        + " \"repeat\": \"loop\"}", "gif", 4));
        assertThat(c.get("first").get("center").toString()).isEqualTo("[0.1,0.0]");
        assertThat(c.get("last").get("center").toString()).isEqualTo("[0.1,1.5]");
        assertThat(finished("animLatent").get("state").asText()).isEqualTo("done");
    }

    @Test
    void aWeightScaleMotionKeepsTheInitialisationAndZoomMovesGeometrically() throws Exception {
        JsonNode w = started("animScale", body("{\"weights\": \"uniform:1\","
                        + " \"width\": 16, \"height\": 16}", "{\"field\": \"weight-scale\", \"from\": 1, \"to\": 3,"
                        + " \"seconds\": 1, \"easing\": \"linear\", \"repeat\": \"loop\"}", "gif", 2));
        assertThat(w.get("last").get("weights").asText()).isEqualTo("uniform:2");
        finished("animScale");
        JsonNode zoom = started("animScale", body("{\"width\": 16, \"height\": 16}",
                "{\"field\": \"zoom\", \"from\": 1, \"to\": 4, \"seconds\": 1, \"easing\": \"linear\","
                        + " \"repeat\": \"loop\"}", "gif", 2));
        assertThat(zoom.get("last").get("extent").asDouble()).isCloseTo(0.5, within(1e-12));
        finished("animScale");
    }

    @Test
    void anAnimationTooBigTooLongOrTooHeavyIsRefusedWithTheReason() throws Exception {
        String gain = "{\"field\": \"gain\", \"from\": 0.5, \"to\": 2, \"seconds\": %s}";
        HttpResponse<String> wide = server.post("/api/animate?page=animLimits",
                body("{\"width\": 2048, \"height\": 64}", gain.formatted(2), "gif", 10));
        assertThat(wide.statusCode()).isEqualTo(400);
        assertThat(json(wide.body()).get("error").asText()).contains("at most 1024 pixels on a side", "2048x64");
        HttpResponse<String> longer = server.post("/api/animate?page=animLimits",
                body("{\"width\": 32, \"height\": 32}", gain.formatted(600), "gif", 60));
        assertThat(longer.statusCode()).isEqualTo(400);
        assertThat(json(longer.body()).get("error").asText()).contains("at most 1200 frames", "36000");
        HttpResponse<String> heavy = server.post("/api/animate?page=animLimits", body(
                "{\"hidden\": [200, 200, 200, 200, 200, 200], \"width\": 1024, \"height\": 1024, \"antialias\": 2}",
                gain.formatted(30), "gif", 30));
        assertThat(heavy.statusCode()).isEqualTo(400);
        assertThat(json(heavy.body()).get("error").asText()).contains("900 frames of 1024x1024", "minutes");
        HttpResponse<String> format = server.post("/api/animate?page=animLimits",
                body("{}", gain.formatted(2), "webm", 10));
        assertThat(json(format.body()).get("error").asText()).isEqualTo("format must be gif or mp4, got 'webm'");
        HttpResponse<String> field = server.post("/api/animate?page=animLimits",
                body("{}", "{\"field\": \"seed\", \"from\": 1, \"to\": 2}", "gif", 10));
        assertThat(json(field.body()).get("error").asText()).startsWith("motion: field must be one of gain");
        assertThat(json(server.getText("/api/animate?page=animLimits").body()).get("state").asText())
                .isEqualTo("none");
    }

    @Test
    void aPageRunsOneJobAtATimeAndCanStopIt() throws Exception {
        String big = body("{\"width\": 1024, \"height\": 1024}",
                "{\"field\": \"rotate\", \"from\": 0, \"to\": 90, \"seconds\": 10}", "gif", 10);
        HttpResponse<String> first = server.post("/api/animate?page=animOne", big);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        HttpResponse<String> second = server.post("/api/animate?page=animOne", big);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second.body()).get("error").asText()).contains("already making an animation");
        assertThat(server.client.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/animate?page=animOne"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(json(server.getText("/api/animate?page=animOne").body()).get("state").asText()).isEqualTo("none");
        assertThat(server.get("/api/animate/file?page=animOne").statusCode()).isEqualTo(404);
        // another page is not held up by this one
        HttpResponse<String> other = server.post("/api/animate?page=animOther",
                body("{\"width\": 16, \"height\": 16}", "{\"field\": \"gain\", \"from\": 1, \"to\": 2, \"seconds\": 1}",
                        "gif", 2));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
        assertThat(finished("animOther").get("state").asText()).isEqualTo("done");
    }

    @Test
    void startingAnAnimationNeedsTheTokenAndTheServersOwnOrigin() throws Exception {
        java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient();
        String job = body("{\"width\": 16, \"height\": 16}", "{\"field\": \"gain\", \"from\": 1, \"to\": 2}",
                "gif", 2);
        HttpResponse<String> anonymous = plain.send(java.net.http.HttpRequest.newBuilder(server.bare("/api/animate"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(job))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> elsewhere = plain.send(java.net.http.HttpRequest.newBuilder(
                        server.uri("/api/animate?page=animGuard")).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString(job))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(json(server.getText("/api/animate?page=animGuard").body()).get("state").asText()).isEqualTo("none");
    }

    @Test
    void theServerKeepsAsManyFinishedAnimationsAsPagesTheOldestGoingFirst(@TempDir Path own) throws Exception {
        Limits d = Limits.defaults();
        Limits twoPages = new Limits(d.maxPreviewPixels(), d.maxPreviewFlops(), d.maxDownloadSide(),
                d.maxDownloadSeconds(), d.maxParameters(), d.maxBodyBytes(), d.requestsPerSecond(), d.burst(),
                d.maxDownloads(), 2);
        try (TestServer small = new TestServer(own.resolve("gallery"), twoPages)) {
            String job = body("{\"width\": 16, \"height\": 16}",
                    "{\"field\": \"gain\", \"from\": 1, \"to\": 2, \"seconds\": 1}", "gif", 2);
            for (String page : List.of("keptFirst", "keptSecond", "keptThird")) {
                HttpResponse<String> r = small.post("/api/animate?page=" + page, job);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                Poll.until(Duration.ofSeconds(60), () -> json(small.getText("/api/animate?page=" + page).body()),
                        s -> s.get("state").asText().equals("done"));
            }
            assertThat(small.get("/api/animate/file?page=keptFirst").statusCode()).isEqualTo(404);
            assertThat(small.get("/api/animate/file?page=keptSecond").statusCode()).isEqualTo(200);
            assertThat(small.get("/api/animate/file?page=keptThird").statusCode()).isEqualTo(200);
        }
    }
}
