package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The train view on an uploaded CSV: the start request carries the file's text; its problems come back as 400s. */
class TrainCsvApiTest {

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

    /** A data set as CSV text, the label column first and its classes named by {@code names}. */
    static String csv(Dataset d, String... names) {
        StringBuilder s = new StringBuilder("kind,x,y\n");
        for (int i = 0; i < d.size(); i++) {
            s.append(names[d.label(i)]).append(',')
                    .append(String.format(Locale.ROOT, "%.5f,%.5f%n", d.feature(i, 0), d.feature(i, 1)));
        }
        return s.toString();
    }

    private static HttpResponse<String> startCsv(String page, String csv, String label, String extra)
            throws Exception {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("data", "csv").put("csv", csv);
        if (label != null) {
            body.put("label", label);
        }
        String json = body.toString();
        if (extra != null) {
            json = json.substring(0, json.length() - 1) + ", " + extra + "}";
        }
        return server.post("/api/train/start?page=" + page, json);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return Http.JSON.readTree(r.body()).get("error").asText();
    }

    private static JsonNode snapshot(String page) throws Exception {
        HttpResponse<String> r = server.getText("/api/train/snapshot?page=" + page);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.JSON.readTree(r.body());
    }

    @Test
    void moonsFromACsvTrainAboveEightyFivePercent() throws Exception {
        String text = csv(SyntheticData.MOONS.generate(400, 0.15, 7), "left", "right");
        HttpResponse<String> r = startCsv("csvmoons", text, "kind", "\"testRatio\": 0.25, \"hidden\": [8, 8]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = Http.JSON.readTree(r.body());
        assertThat(a.get("mode").asText()).isEqualTo("binary");
        assertThat(a.get("train").size()).isEqualTo(3 * 300);
        assertThat(a.get("test").size()).isEqualTo(3 * 100);
        assertThat(a.get("layers").toString()).isEqualTo("[2,8,8,1]");
        assertThat(a.get("features").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(a.get("classNames").toString()).isEqualTo("[\"left\",\"right\"]");
        assertThat(a.get("config").get("data").asText()).isEqualTo("csv");
        assertThat(a.get("config").get("label").asText()).isEqualTo("kind");
        assertThat(a.get("config").has("csv")).isFalse();

        assertThat(server.post("/api/train/control?page=csvmoons&action=play", "").statusCode()).isEqualTo(200);
        JsonNode s = Poll.until(Duration.ofSeconds(60), () -> snapshot("csvmoons"),
                n -> !n.get("testAccuracy").isNull() && n.get("testAccuracy").asDouble() >= 0.85);
        assertThat(s.get("testAccuracy").asDouble()).isGreaterThanOrEqualTo(0.85);

        // reset keeps the file: a fresh session on the same samples
        HttpResponse<String> reset = server.post("/api/train/control?page=csvmoons&action=reset", "");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(Http.JSON.readTree(reset.body()).get("epoch").asInt()).isZero();
        HttpResponse<String> model = server.getText("/api/train/model?page=csvmoons");
        assertThat(model.headers().firstValue("Content-Disposition").orElse("")).contains("nnpaint-csv-epoch");
    }

    @Test
    void threeClassesGiveThreeOutputsAndTheFileMayExceedTheSettingsLimit() throws Exception {
        // 5000 spiral points: about 95 KB, more than a settings body may have
        String text = csv(SyntheticData.SPIRAL.generate(5000, 0.1, 3, 3), "a", "b", "c");
        assertThat(text.length()).isGreaterThan(Limits.defaults().maxBodyBytes());
        HttpResponse<String> r = startCsv("csvspiral", text, null, null); // the label defaults to the last column
        String first = text.split("\n")[1].split(",")[0];
        assertThat(error(r)).isEqualTo("CSV line 2: column 'kind' needs a number, got '" + first + "'");
        r = startCsv("csvspiral", text, "kind", "\"hidden\": [10]");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode a = Http.JSON.readTree(r.body());
        assertThat(a.get("mode").asText()).isEqualTo("classes");
        assertThat(a.get("classes").asInt()).isEqualTo(3);
        assertThat(a.get("layers").toString()).isEqualTo("[2,10,3]");
        assertThat(a.get("config").get("samples").asInt()).isEqualTo(5000);
    }

    @Test
    void aBadCsvIsRefusedWithItsLineNumber() throws Exception {
        StringBuilder text = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 20; i++) {
            text.append(i).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        }
        String good = text.toString();
        assertThat(error(startCsv("csvbad", good.replace("\n5,2,1\n", "\n5,oops,1\n"), "label", null)))
                .isEqualTo("CSV line 7: column 'y' needs a number, got 'oops'");
        assertThat(error(startCsv("csvbad", good.replace("\n7,1,1\n", "\n7,1\n"), "label", null)))
                .isEqualTo("CSV line 9: 2 fields, but the header has 3");
        assertThat(error(startCsv("csvbad", good, "colour", null)))
                .isEqualTo("CSV: no column 'colour'; the header has x, y, label");
        assertThat(error(startCsv("csvbad", good.replace("x,y,label", "x,y,z,label").replace("\n", ",0\n")
                .replaceFirst(",0\n", "\n"), "label", null)))
                .isEqualTo("CSV: the boundary picture needs exactly two feature columns besides the label 'label'; "
                        + "this file has 3 (x, y, z)");
        assertThat(error(startCsv("csvbad", "x,y,label\n1,2,0\n2,1,1\n", "label", null)))
                .isEqualTo("CSV: the train view takes 10 to 5000 samples; this file has 2");
        assertThat(error(startCsv("csvbad", "", null, null)))
                .isEqualTo("csv: data 'csv' needs the file's text in the field 'csv'");
        assertThat(error(server.post("/api/train/start?page=csvbad", "{\"data\": \"moons\", \"csv\": \"x,y\"}")))
                .isEqualTo("csv and label go with data 'csv', not with the built-in set 'moons'");
    }

    @Test
    void aCsvWithOneClassIsRefused() throws Exception {
        StringBuilder text = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 30; i++) {
            text.append(i).append(',').append(30 - i).append(",cat\n");
        }
        assertThat(error(startCsv("csvone", text.toString(), "label", null)))
                .isEqualTo("CSV: the label 'label' has only one class (cat) in 30 rows; a classifier needs at least two");
    }
}
