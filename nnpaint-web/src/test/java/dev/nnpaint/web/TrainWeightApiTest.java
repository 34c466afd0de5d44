package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.format.ModelJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The train view's weight edit (POST /api/train/weight) and the snapshot's network fields: the inputs' and the
 * output's pictures and the weights between the neurons shown.
 */
class TrainWeightApiTest {

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

    /** A new session of {@code page}; its id. */
    private static JsonNode startOk(String page, String settings) throws Exception {
        HttpResponse<String> r = server.post("/api/train/start?page=" + page, settings);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static HttpResponse<String> edit(String page, String session, String params) throws Exception {
        return server.post("/api/train/weight?page=" + page + "&session=" + session + "&" + params, "");
    }

    /** Weight (row, col) of the snapshot's layer {@code layer}, from its float32 block. */
    private static float weight(JsonNode snapshot, int layer, int row, int col) throws Exception {
        JsonNode l = snapshot.get("weights").get(layer);
        ByteBuffer w = ByteBuffer.wrap(l.get("w").binaryValue()).order(ByteOrder.LITTLE_ENDIAN);
        return w.getFloat(4 * (row * l.get("cols").asInt() + col));
    }

    private static Model exported(String page, String session) throws Exception {
        HttpResponse<String> r = server.getText("/api/train/model?page=" + page + "&session=" + session);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ModelJson.fromJson(r.body(), "export").model();
    }

    @Test
    void theSnapshotCarriesTheInputsOutputAndWeightsOfTheNetworkShown() throws Exception {
        JsonNode a = startOk("netfields", "{\"hidden\": [4, 3], \"batch\": 16}");
        String session = a.get("session").asText();
        JsonNode s = a.get("snapshot");
        assertThat(s.get("inputs").size()).isEqualTo(2);
        assertThat(s.get("inputs").get(0).get("name").asText()).isEqualTo("x");
        assertThat(s.get("inputs").get(1).get("name").asText()).isEqualTo("y");
        byte[] x = s.get("inputs").get(0).get("picture").binaryValue();
        int side = TrainSnapshot.NEURON_SIDE;
        assertThat(x).hasSize(side * side);
        // x grows to the right along a row and stays the same down a column
        assertThat(x[side - 1] & 0xff).isGreaterThan(x[0] & 0xff);
        assertThat(x[(side - 1) * side]).isEqualTo(x[0]);
        assertThat(s.get("outputs").size()).isEqualTo(1);
        assertThat(s.get("outputs").get(0).binaryValue()).hasSize(side * side);
        assertThat(s.get("weights").size()).isEqualTo(3);
        JsonNode first = s.get("weights").get(0);
        assertThat(first.get("rows").asInt()).isEqualTo(4);
        assertThat(first.get("cols").asInt()).isEqualTo(2);
        assertThat(first.get("w").binaryValue()).hasSize(4 * 4 * 2);
        assertThat(first.get("b").binaryValue()).hasSize(4 * 4);
        assertThat(s.get("weights").get(2).get("rows").asInt()).isEqualTo(1);
        assertThat(s.get("weights").get(2).get("cols").asInt()).isEqualTo(3);
        // the values are the model's, bit for bit
        Model model = exported("netfields", session);
        assertThat(weight(s, 1, 2, 1)).isEqualTo(model.layers().get(1).weight(2, 1));
        // how the session trains, for the maths
        JsonNode training = a.get("training");
        assertThat(training.get("loss").asText()).isEqualTo("bce");
        assertThat(training.get("outputActivation").asText()).isEqualTo("sigmoid");
        assertThat(training.get("batch").asInt()).isEqualTo(16);
        assertThat(training.get("trainSamples").asInt()).isEqualTo(200);
    }

    @Test
    void withInputFeaturesTheInputsAreTheFeaturesAndTheFirstLayerReadsThem() throws Exception {
        JsonNode a = startOk("netfeatures", "{\"hidden\": [3], \"features\": [\"x2\", \"y2\", \"sinx\"],"
                + " \"regularization\": \"l1\", \"regularizationRate\": 0.001}");
        JsonNode s = a.get("snapshot");
        assertThat(s.get("inputs").size()).isEqualTo(3);
        assertThat(s.get("inputs").get(0).get("name").asText()).isEqualTo("x\u00b2");
        assertThat(s.get("inputs").get(2).get("name").asText()).isEqualTo("sin x");
        int side = TrainSnapshot.NEURON_SIDE;
        byte[] x2 = s.get("inputs").get(0).get("picture").binaryValue();
        // x² is largest at both sides and smallest in the middle of a row
        int middle = side / 2 * side + side / 2;
        assertThat(x2[side / 2 * side] & 0xff).isGreaterThan(x2[middle] & 0xff);
        assertThat(x2[side / 2 * side + side - 1] & 0xff).isGreaterThan(x2[middle] & 0xff);
        assertThat(s.get("weights").get(0).get("cols").asInt()).isEqualTo(3);
        assertThat(a.get("training").get("l1").asDouble()).isEqualTo(0.001);
        assertThat(a.get("training").get("l2").asDouble()).isZero();
        // an edit of a feature's weight
        String session = a.get("session").asText();
        HttpResponse<String> r = edit("netfeatures", session, "layer=0&row=1&col=2&value=4");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(weight(json(r), 0, 1, 2)).isEqualTo(4f);
        assertThat(edit("netfeatures", session, "layer=0&row=1&col=3&value=4").statusCode()).isEqualTo(400);
    }

    @Test
    void anEditWhilePausedChangesTheModelTheSnapshotAndTheBoundary() throws Exception {
        JsonNode a = startOk("netedit", "{\"hidden\": [4], \"seed\": 3}");
        String session = a.get("session").asText();
        JsonNode before = a.get("snapshot");
        HttpResponse<String> r = edit("netedit", session, "layer=1&row=0&col=2&value=-7.5");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode after = json(r);
        assertThat(after.get("version").asLong()).isGreaterThan(before.get("version").asLong());
        assertThat(after.get("epoch").asInt()).isZero(); // paused: the edit trains nothing
        assertThat(weight(after, 1, 0, 2)).isEqualTo(-7.5f);
        assertThat(after.get("boundary").binaryValue()).isNotEqualTo(before.get("boundary").binaryValue());
        assertThat(exported("netedit", session).layers().get(1).weight(0, 2)).isEqualTo(-7.5f);
        // the poll shows it too
        HttpResponse<String> polled = server.getText("/api/train/snapshot?page=netedit&session=" + session);
        assertThat(weight(json(polled), 1, 0, 2)).isEqualTo(-7.5f);

        // training goes on from the edited value
        assertThat(server.post("/api/train/control?page=netedit&session=" + session + "&action=step", "")
                .statusCode()).isEqualTo(200);
        JsonNode stepped = Poll.until(Duration.ofSeconds(60), () -> json(server.getText(
                "/api/train/snapshot?page=netedit&session=" + session)), s -> s.get("epoch").asInt() >= 1);
        float trained = weight(stepped, 1, 0, 2);
        assertThat(trained).isNotEqualTo(-7.5f);
        assertThat(Math.abs(trained + 7.5f)).isLessThan(1f);
    }

    @Test
    void anEditWhilePlayingIsTakenAndTrainingGoesOn() throws Exception {
        JsonNode a = startOk("netplay", "{\"hidden\": [5, 5]}");
        String session = a.get("session").asText();
        assertThat(server.post("/api/train/control?page=netplay&session=" + session + "&action=play", "")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> r = edit("netplay", session, "layer=0&row=4&col=1&value=3");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        int epoch = json(r).get("epoch").asInt();
        JsonNode later = Poll.until(Duration.ofSeconds(60), () -> json(server.getText(
                "/api/train/snapshot?page=netplay&session=" + session)), s -> s.get("epoch").asInt() > epoch + 2);
        assertThat(later.get("playing").asBoolean()).isTrue();
        server.post("/api/train/control?page=netplay&session=" + session + "&action=pause", "");
    }

    @Test
    void badEditsAreRefusedWithAJsonError() throws Exception {
        JsonNode a = startOk("netbad", "{\"hidden\": [4, 3]}");
        String session = a.get("session").asText();
        String[][] cases = {
                {"layer=3&row=0&col=0&value=1", "layer: expected an integer from 0 to 2, got 3"},
                {"layer=-1&row=0&col=0&value=1", "layer: expected an integer from 0 to 2, got -1"},
                {"layer=1&row=3&col=0&value=1", "row: expected an integer from 0 to 2, got 3"},
                {"layer=1&row=0&col=4&value=1", "col: expected an integer from 0 to 3, got 4"},
                {"layer=0&row=0&col=2&value=1", "col: expected an integer from 0 to 1, got 2"},
                {"layer=x&row=0&col=0&value=1", "layer: expected an integer, got 'x'"},
                {"layer=0&row=0&col=0&value=abc", "value: expected a number, got 'abc'"},
                {"layer=0&row=0&col=0&value=NaN", "value: expected a number from -100 to 100, got NaN"},
                {"layer=0&row=0&col=0&value=1e9", "value: expected a number from -100 to 100, got 1e9"},
                {"layer=0&row=0&col=0&value=-100.5", "value: expected a number from -100 to 100, got -100.5"},
                {"layer=0&row=0&col=0", "parameter 'value' is missing"},
                {"row=0&col=0&value=1", "parameter 'layer' is missing"},
                {"layer=0&row=0&col=0&value=1&bias=2", "bias"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = edit("netbad", session, c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(json(r).get("error").asText()).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> noSession = server.post("/api/train/weight?page=netbad&layer=0&row=0&col=0&value=1", "");
        assertThat(noSession.statusCode()).isEqualTo(400);
        assertThat(json(noSession).get("error").asText()).isEqualTo("parameter 'session' is missing");
        HttpResponse<String> other = edit("netbad", "t999999", "layer=0&row=0&col=0&value=1");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).get("error").asText()).contains("was replaced");
        HttpResponse<String> get = server.getText("/api/train/weight?page=netbad&session=" + session
                + "&layer=0&row=0&col=0&value=1");
        assertThat(get.statusCode()).isEqualTo(405);
        // nothing refused was set
        Model model = exported("netbad", session);
        assertThat(model.layers().get(0).weight(0, 0)).isEqualTo(weight(a.get("snapshot"), 0, 0, 0));
    }
}
