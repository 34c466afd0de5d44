package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The train view's endpoints over HTTP: settings, play/pause/step/reset, snapshots, export, refusals, limits. */
class TrainApiTest {

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

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Http.JSON.readTree(r.body());
    }

    /** Each page's current session, as the start (or a reset) answered it. */
    private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

    private static JsonNode startOk(String page, String settings) throws Exception {
        HttpResponse<String> r = server.post("/api/train/start?page=" + page, settings);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.get("snapshot").get("session").asText()).isEqualTo(a.get("session").asText());
        SESSIONS.put(page, a.get("session").asText());
        return a;
    }

    private static String session(String page) {
        return "page=" + page + "&session=" + SESSIONS.get(page);
    }

    private static JsonNode snapshot(String page) throws Exception {
        HttpResponse<String> r = server.getText("/api/train/snapshot?" + session(page));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static JsonNode control(String page, String action) throws Exception {
        HttpResponse<String> r = server.post("/api/train/control?" + session(page) + "&action=" + action, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = json(r);
        SESSIONS.put(page, a.get("session").asText());
        return a;
    }

    /** Polls until the snapshot's epoch reaches {@code epoch} (at most 60 s). */
    private static JsonNode awaitEpoch(String page, int epoch) throws Exception {
        return Poll.until(Duration.ofSeconds(60), () -> snapshot(page), s -> s.get("epoch").asInt() >= epoch);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return json(r).get("error").asText();
    }

    @Test
    void startAnswersThePointsAndAPausedFirstSnapshot() throws Exception {
        JsonNode a = startOk("trainstart", "{\"samples\": 300, \"testRatio\": 0.4, \"hidden\": [5, 3]}");
        assertThat(a.get("mode").asText()).isEqualTo("binary");
        assertThat(a.get("train").size()).isEqualTo(3 * 180);
        assertThat(a.get("test").size()).isEqualTo(3 * 120);
        assertThat(a.get("layers").toString()).isEqualTo("[2,5,3,1]");
        JsonNode s = a.get("snapshot");
        assertThat(s.get("running").asBoolean()).isFalse();
        assertThat(s.get("boundary").binaryValue()).hasSize(2 * TrainSnapshot.BOUNDARY_SIDE * TrainSnapshot.BOUNDARY_SIDE);
        assertThat(s.get("neurons").size()).isEqualTo(2);
        assertThat(s.get("neurons").get(0).size()).isEqualTo(5);
        assertThat(s.get("neurons").get(1).size()).isEqualTo(3);
        assertThat(s.get("neurons").get(0).get(0).binaryValue())
                .hasSize(TrainSnapshot.NEURON_SIDE * TrainSnapshot.NEURON_SIDE);
        // paused: no epoch passes without play or step, so one step makes exactly epoch 1
        control("trainstart", "step");
        assertThat(awaitEpoch("trainstart", 1).get("epoch").asInt()).isEqualTo(1);
        assertThat(snapshot("trainstart").get("running").asBoolean()).isFalse();
    }

    /** Plays until {@code epochs} epochs are trained, pauses, and answers the losses of every epoch trained. */
    private static JsonNode playTo(String page, int epochs) throws Exception {
        control(page, "play");
        awaitEpoch(page, epochs);
        control(page, "pause");
        return Poll.until(Duration.ofSeconds(60), () -> snapshot(page),
                s -> !s.get("running").asBoolean() && !s.has("unchanged")).get("curves");
    }

    @Test
    void resetRepeatsTheRunBitForBitWithL1AndFeatures() throws Exception {
        // mini-batches, L1 and input features: the weights, the data and the batches' order all come back
        startOk("trainrewind", "{\"features\": [\"x\", \"y\", \"xy\"], \"regularization\": \"l1\", "
                + "\"regularizationRate\": 0.001, \"optimizer\": \"sgd\", \"learningRate\": 0.1, \"batch\": 8}");
        JsonNode first = playTo("trainrewind", 30);
        control("trainrewind", "reset");
        assertThat(snapshot("trainrewind").get("epoch").asInt()).isZero();
        JsonNode again = playTo("trainrewind", 30);
        assertThat(first.get("stride").asInt()).isEqualTo(1);
        for (int e = 0; e <= 30; e++) {
            assertThat(again.get("train").get(e).floatValue()).as("epoch " + e)
                    .isEqualTo(first.get("train").get(e).floatValue());
            assertThat(again.get("test").get(e).floatValue()).as("epoch " + e)
                    .isEqualTo(first.get("test").get(e).floatValue());
        }
        assertThat(first.get("train").get(30).floatValue()).isLessThan(first.get("train").get(0).floatValue());
    }

    @Test
    void stepTrainsExactlyOneEpochAndResetGoesBackToZero() throws Exception {
        startOk("trainstep", "{}");
        JsonNode zero = awaitEpoch("trainstep", 0);
        control("trainstep", "step");
        JsonNode one = awaitEpoch("trainstep", 1);
        assertThat(one.get("epoch").asInt()).isEqualTo(1);
        assertThat(one.get("trainLoss").asDouble()).isNotEqualTo(zero.get("trainLoss").asDouble());
        assertThat(snapshot("trainstep").get("running").asBoolean()).isFalse();
        control("trainstep", "step");
        control("trainstep", "step");
        assertThat(awaitEpoch("trainstep", 3).get("epoch").asInt()).isEqualTo(3);
        JsonNode reset = control("trainstep", "reset");
        assertThat(reset.get("epoch").asInt()).isZero();
        assertThat(snapshot("trainstep").get("trainLoss").isNull()
                || snapshot("trainstep").get("epoch").asInt() == 0).isTrue();
    }

    @Test
    void playTrainsMoonsAboveNinetyPercentAndPauseHolds() throws Exception {
        startOk("trainplay", "{\"data\": \"moons\"}");
        control("trainplay", "play");
        JsonNode s = Poll.until(Duration.ofSeconds(60), () -> snapshot("trainplay"),
                n -> !n.get("testAccuracy").isNull() && n.get("testAccuracy").asDouble() >= 0.9);
        assertThat(s.get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(s.get("running").asBoolean()).isTrue();
        assertThat(s.get("curves").get("train").size()).isGreaterThan(1);
        control("trainplay", "pause");
        // paused: the next step is exactly one epoch after the last one played
        JsonNode paused = Poll.until(Duration.ofSeconds(60), () -> snapshot("trainplay"),
                n -> !n.get("running").asBoolean());
        int epoch = paused.get("epoch").asInt();
        control("trainplay", "step");
        assertThat(awaitEpoch("trainplay", epoch + 1).get("epoch").asInt()).isEqualTo(epoch + 1);
        assertThat(snapshot("trainplay").get("running").asBoolean()).isFalse();

        // the export is a model file whose network classifies the boundary as the snapshot shows it
        HttpResponse<String> r = server.getText("/api/train/model?" + session("trainplay"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("nnpaint-moons-epoch");
        assertThat(r.body()).contains("\"format\"").contains(ModelJson.FORMAT);
        Model model = ModelJson.fromJson(r.body(), "export").model();
        assertThat(model.inputNames()).isEqualTo(List.of("x", "y"));
        assertThat(model.layers()).hasSize(3);
        assertThat(model.layers().get(2).activations()[0]).isEqualTo(Activation.SIGMOID);

        // the painting: a PNG of the requested size, both halves of the moons in it, the model inside
        HttpResponse<byte[]> png = server.get("/api/train/paint?" + session("trainplay") + "&w=200&h=120");
        assertThat(png.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage image = TestServer.decode(png.body());
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(120);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < 120; y += 5) {
            for (int x = 0; x < 200; x += 5) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
        Path file = java.nio.file.Files.write(dir.resolve("painted.png"), png.body());
        Model inside = dev.nnpaint.ops.format.ImageMetadata.read(file).model().model();
        assertThat(inside.layers()).hasSize(3);
        assertThat(inside.layers().get(0).weights()).isEqualTo(model.layers().get(0).weights());
    }

    @Test
    void spiralWithThreeArmsHasThreeOutputsAndThreeClassesOnTheBoundary() throws Exception {
        JsonNode a = startOk("trainspiral", "{\"data\": \"spiral\", \"classes\": 3, \"hidden\": [12, 12]}");
        assertThat(a.get("mode").asText()).isEqualTo("classes");
        assertThat(a.get("classes").asInt()).isEqualTo(3);
        assertThat(a.get("layers").toString()).isEqualTo("[2,12,12,3]");
        control("trainspiral", "play");
        JsonNode s = awaitEpoch("trainspiral", 200);
        control("trainspiral", "pause");
        byte[] cells = s.get("boundary").binaryValue();
        int[] counts = new int[3];
        for (int c = 0; c < cells.length; c += 2) {
            counts[cells[c]]++;
        }
        for (int n : counts) {
            assertThat(n).as("cells of each class").isGreaterThan(cells.length / 2 / 10);
        }
    }

    @Test
    void badSettingsAreRefusedWithOneLine() throws Exception {
        String[][] cases = {
                {"{\"bogus\": 1}", "unknown field 'bogus'"},
                {"{\"data\": \"nope\"}", "not a built-in set"},
                {"{\"samples\": 0}", "samples: expected a number from 10 to 5000"},
                {"{\"hidden\": [4, 0]}", "hidden[1]: expected 1 to 512 neurons"},
                {"{\"hidden\": 4}", "hidden: expected a list"},
                {"{\"learningRate\": -1}", "learningRate"},
                {"{\"testRatio\": 1}", "testRatio"},
                {"{\"classes\": 3}", "only the spiral"},
                {"{\"activation\": \"wiggle\"}", "activation"},
                {"{\"optimizer\": \"magic\"}", "magic"},
                {"{\"hidden\": [512, 512, 512]}", "multiply-adds per sample"},
                {"[1, 2]", "expected a JSON object"},
                {"{not json", "not valid JSON"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = server.post("/api/train/start?page=trainbad", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(error(r)).as(c[0]).contains(c[1]).doesNotContain("\n");
        }
        assertThat(server.post("/api/train/start", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> none = server.getText("/api/train/snapshot?page=trainnobody&session=t0");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(error(none)).contains("no training session");
        startOk("trainbad", "{}");
        HttpResponse<String> jump = server.post("/api/train/control?" + session("trainbad") + "&action=jump", "");
        assertThat(jump.statusCode()).isEqualTo(400);
        assertThat(error(jump)).contains("expected play, pause, step or reset");
        assertThat(server.getText("/api/train/snapshot?" + session("trainbad") + "&x=1").statusCode()).isEqualTo(400);
    }

    @Test
    void closeAndSilenceEndSessions() throws Exception {
        TrainApi api = server.server.trainApi();
        startOk("trainclose", "{}");
        startOk("trainidle", "{}");
        int open = api.sessionCount();
        assertThat(server.post("/api/train/close?page=trainclose", "").statusCode()).isEqualTo(204);
        assertThat(api.sessionCount()).isEqualTo(open - 1);
        assertThat(server.getText("/api/train/snapshot?" + session("trainclose")).statusCode()).isEqualTo(404);
        // a page that stopped polling: the reaper's check, run as if the idle time had passed
        api.endIdle(System.nanoTime() + TrainApi.IDLE_NANOS + 1_000_000_000L);
        assertThat(api.sessionCount()).isZero();
        assertThat(server.getText("/api/train/snapshot?" + session("trainidle")).statusCode()).isEqualTo(404);
    }

    @Test
    void sessionsAreLimitedAndAPageHasOne() throws Exception {
        TrainApi api = server.server.trainApi();
        api.endIdle(Long.MAX_VALUE / 2);
        startOk("trainone", "{}");
        startOk("trainone", "{\"hidden\": [3]}");
        assertThat(api.sessionCount()).isEqualTo(1);
        for (int i = 1; i < TrainApi.MAX_SESSIONS; i++) {
            startOk("trainmany" + i, "{\"samples\": 20}");
        }
        HttpResponse<String> r = server.post("/api/train/start?page=trainmanyextra", "{}");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(error(r)).contains("too many training sessions");
        api.endIdle(Long.MAX_VALUE / 2);
        assertThat(api.sessionCount()).isZero();
    }
}
