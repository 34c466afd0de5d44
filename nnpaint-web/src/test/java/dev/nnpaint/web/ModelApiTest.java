package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.nnpaint.web.TestServer.recipeParam;
import static org.assertj.core.api.Assertions.assertThat;

/** A model opened in the paint view: POST /api/model, then previews and downloads with {@code model=page}. */
class ModelApiTest {

    @TempDir
    static Path dir;
    static TestServer server;
    /** A stand-in for a trained network: two inputs, one output, as the train view's binary sets make. */
    static final Model MODEL = Recipe.builder().seed(11).inputs(List.of("x", "y")).hidden(8, 8).color("gray").build()
            .toModel();
    /** The view and colours the paint view sends with it; its own network fields are ignored. */
    static final Recipe VIEW = Recipe.builder().seed(99).layers(5, 20).size(40, 30).extent(1.7).center(0.3, -0.2)
            .color("palette:viridis").build();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> open(String page, String modelJson) throws Exception {
        return server.post("/api/model?page=" + page, modelJson);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return Http.JSON.readTree(r.body()).get("error").asText();
    }

    private static int rgbAt(byte[] rgb, int p) {
        return ((rgb[3 * p] & 0xff) << 16) | ((rgb[3 * p + 1] & 0xff) << 8) | (rgb[3 * p + 2] & 0xff);
    }

    @Test
    void aPreviewWithTheOpenedModelIsTheCoreRenderersPaintingOfIt() throws Exception {
        HttpResponse<String> opened = open("modelpreview", ModelJson.toJson(MODEL, "palette:viridis"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        JsonNode answer = Http.JSON.readTree(opened.body());
        assertThat(answer.get("inputs").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(answer.get("outputs").asInt()).isEqualTo(1);
        assertThat(answer.get("color").asText()).isEqualTo("palette:viridis");
        assertThat(answer.get("parameters").asLong()).isEqualTo(3 * 8 + 9 * 8 + 9);

        HttpResponse<byte[]> r = server.get("/api/render?page=modelpreview&model=page&w=40&h=30&" + recipeParam(VIEW));
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedImage served = TestServer.decode(r.body());
        byte[] expected = new Renderer(Painting.of(MODEL, VIEW), 1).renderRgb();
        byte[] recipesOwn = new Renderer(Painting.of(VIEW), 1).renderRgb();
        int differentFromRecipe = 0;
        for (int p = 0; p < 40 * 30; p++) {
            assertThat(served.getRGB(p % 40, p / 40) & 0xffffff).as("pixel %d", p).isEqualTo(rgbAt(expected, p));
            differentFromRecipe += rgbAt(expected, p) != rgbAt(recipesOwn, p) ? 1 : 0;
        }
        assertThat(differentFromRecipe).as("the model, not the recipe's network, was painted").isGreaterThan(600);
    }

    @Test
    void aDownloadCarriesTheModelSoTheCommandLineCanPaintItAgain() throws Exception {
        assertThat(open("modeldownload", ModelJson.toJson(MODEL, "palette:viridis")).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> r = server.get("/api/download?page=modeldownload&model=page&w=24&h=24&"
                + recipeParam(VIEW));
        assertThat(r.statusCode()).isEqualTo(200);
        Path file = Files.createTempFile(dir, "download", ".png");
        Files.write(file, r.body());
        ImageMetadata.Source source = ImageMetadata.read(file);
        assertThat(source.model()).isNotNull();
        assertThat(source.model().model()).isEqualTo(MODEL);
        assertThat(source.recipe().build().extent()).isEqualTo(1.7);
        byte[] expected = new Renderer(Painting.of(MODEL, VIEW.toBuilder().size(24, 24).build()), 1).renderRgb();
        BufferedImage image = TestServer.decode(r.body());
        assertThat(image.getRGB(5, 17) & 0xffffff).isEqualTo(rgbAt(expected, 17 * 24 + 5));
    }

    @Test
    void aDownloadTheModelCannotPaintIsRefusedByTheCheckAndByTheDownloadNeverAnEmptyPng() throws Exception {
        assertThat(open("modelrgb", ModelJson.toJson(MODEL, null)).statusCode()).isEqualTo(200);
        String rgb = "&w=24&h=24&" + recipeParam(VIEW.toBuilder().color("rgb").build());
        assertThat(error(server.getText("/api/download?page=modelrgb&model=page&check=true" + rgb)))
                .isEqualTo("colour mode rgb reads 3 outputs but the model has 1");
        HttpResponse<String> download = server.getText("/api/download?page=modelrgb&model=page" + rgb);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(error(download)).isEqualTo("colour mode rgb reads 3 outputs but the model has 1");
    }

    @Test
    void eachPageKeepsItsOwnModelAndForgetsItOnDelete() throws Exception {
        assertThat(open("modelpagea", ModelJson.toJson(MODEL, null)).statusCode()).isEqualTo(200);
        String view = "&w=8&h=8&" + recipeParam(VIEW);
        assertThat(server.get("/api/render?page=modelpagea&model=page" + view).statusCode()).isEqualTo(200);
        assertThat(error(server.getText("/api/render?page=modelpageb&model=page" + view)))
                .contains("this page has no model");
        HttpResponse<String> deleted = server.client.send(HttpRequest.newBuilder(server.uri("/api/model?page=modelpagea"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(error(server.getText("/api/render?page=modelpagea&model=page" + view)))
                .contains("this page has no model");
    }

    @Test
    void badOrMissingModelsAreA400WithOneLineSayingWhatIsWrong() throws Exception {
        assertThat(error(open("modelbad", "{not json"))).startsWith("model:");
        assertThat(error(open("modelbad", "{\"format\": \"nnpaint.model/9\", \"inputs\": [\"x\"], \"layers\": []}")))
                .contains("nnpaint.model/1");
        assertThat(error(open("modelbad", ModelJson.toJson(MODEL, null).replace("\"layers\"", "\"layerz\""))))
                .contains("layerz");
        assertThat(error(server.getText("/api/render?page=modelnone&model=page&" + recipeParam(VIEW))))
                .isEqualTo("model=page: this page has no model; open one first (POST /api/model)");
        assertThat(open("modelbad", ModelJson.toJson(MODEL, null)).statusCode()).isEqualTo(200);
        assertThat(error(server.getText("/api/render?page=modelbad&model=mine&" + recipeParam(VIEW))))
                .contains("model: expected 'page'");
        // one output cannot feed three colour channels
        assertThat(error(server.getText("/api/render?page=modelbad&model=page&"
                + recipeParam(VIEW.toBuilder().color("rgb").build())))).contains("colour mode rgb reads 3 outputs");
        assertThat(error(server.getText("/api/download?page=modelnone&model=page&check=true&" + recipeParam(VIEW))))
                .contains("this page has no model");
        assertThat(server.getText("/api/model?page=modelbad").statusCode()).isEqualTo(405);
    }
}
