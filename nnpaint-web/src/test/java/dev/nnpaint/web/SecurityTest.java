package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.net.Recipe;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.nnpaint.web.TestServer.recipeParam;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may act on the server, and from where: the token, the origin checks, the page ids, the headers. */
class SecurityTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static final Recipe SMALL = Recipe.builder().seed(7).layers(3, 8).size(64, 48).build();
    static final String SAVE = "{\"recipe\": {\"seed\": 666, \"width\": 32, \"height\": 32}}";
    /** A client that neither follows redirects nor keeps cookies: every request says for itself what it holds. */
    static final HttpClient plain = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder to(String pathAndQuery) {
        return HttpRequest.newBuilder(server.bare(pathAndQuery));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Http.JSON.readTree(r.body());
    }

    static long galleryFiles() throws Exception {
        if (!Files.isDirectory(server.gallery)) {
            return 0;
        }
        try (var files = Files.list(server.gallery)) {
            return files.count();
        }
    }

    @Test
    void withoutTheTokenNothingIsWrittenStartedOrShown() throws Exception {
        String page = server.pageId();
        List<HttpRequest.Builder> attempts = List.of(
                to("/api/gallery").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SAVE)),
                to("/api/train/start?page=" + page).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")),
                to("/api/render?" + recipeParam(SMALL)), to("/api/gallery"), to("/api/options"),
                to("/api/gallery").header("Authorization", "token " + "0".repeat(48))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SAVE)),
                to("/api/options").header("Cookie", "nnpaint-token-" + server.server.port() + "=wrong"));
        for (HttpRequest.Builder attempt : attempts) {
            HttpResponse<String> r = send(attempt);
            assertThat(r.statusCode()).as(r.request().toString()).isEqualTo(401);
            assertThat(json(r).get("error").asText()).contains("token");
        }
        assertThat(galleryFiles()).isZero();
        assertThat(server.server.trainApi().sessionCount()).isZero();
    }

    @Test
    void theTokenWorksAsHeaderCookieOrParameter() throws Exception {
        String token = server.server.token();
        assertThat(send(to("/api/options").header("Authorization", "token " + token)).statusCode()).isEqualTo(200);
        assertThat(send(to("/api/options").header("Cookie", "other=1; nnpaint-token-" + server.server.port() + "="
                + token)).statusCode()).isEqualTo(200);
        assertThat(send(to("/api/options?token=" + token)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
        String auth = "token " + server.server.token();
        List<HttpRequest.Builder> attempts = List.of(
                // the example: a text/plain body from another origin
                to("/api/gallery").header("Authorization", auth).header("Origin", "http://evil.example")
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(SAVE)),
                // another port of the same host is the same site to a cookie, but another origin
                to("/api/gallery").header("Authorization", auth).header("Origin", "http://127.0.0.1:1")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SAVE)),
                to("/api/gallery").header("Authorization", auth).header("Origin", "null")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SAVE)),
                to("/api/render?" + recipeParam(SMALL)).header("Authorization", auth)
                        .header("Sec-Fetch-Site", "same-site"),
                to("/api/gallery").header("Authorization", auth).header("Sec-Fetch-Site", "cross-site"));
        for (HttpRequest.Builder attempt : attempts) {
            HttpResponse<String> r = send(attempt);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(json(r).get("error").asText()).startsWith("refused: the request");
        }
        // the page's own requests: same origin
        HttpResponse<String> own = send(to("/api/gallery").header("Authorization", auth)
                .header("Origin", "http://127.0.0.1:" + server.server.port()).header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SAVE)));
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(galleryFiles()).isEqualTo(1);
        Files.delete(server.gallery.resolve(json(own).get("name").asText()));
    }

    @Test
    void aBodyMustBeDeclaredAsJson() throws Exception {
        String auth = "token " + server.server.token();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> r = send(to("/api/gallery").header("Authorization", auth).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(SAVE)));
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(json(r).get("error").asText()).contains("application/json");
        }
        assertThat(galleryFiles()).isZero();
    }

    @Test
    void theTokenInTheAddressBecomesACookieAndLeavesTheAddress() throws Exception {
        String recipe = "recipe=%7B%22seed%22%3A3%7D";
        HttpResponse<String> r = send(to("/?" + recipe + "&token=" + server.server.token()));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/?" + recipe);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("nnpaint-token-" + server.server.port() + "=" + server.server.token())
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        HttpResponse<String> wrong = send(to("/?token=" + "1".repeat(48)));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        // the page itself is public, but only a token holder's copy carries a page id
        assertThat(send(to("/")).body()).contains("<meta name=\"nnpaint-page\" content=\"\">");
        HttpResponse<String> own = send(to("/").header("Cookie", cookie.split(";")[0]));
        Matcher id = Pattern.compile("<meta name=\"nnpaint-page\" content=\"([0-9a-f]{40})\">").matcher(own.body());
        assertThat(id.find()).isTrue();
        assertThat(send(to("/api/render?page=" + id.group(1) + "&w=8&h=8&" + recipeParam(SMALL))
                .header("Cookie", cookie.split(";")[0])).statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerForbidsFramingAndInlineScript() throws Exception {
        for (HttpResponse<String> r : List.of(send(to("/")), send(to("/assets/app.js")), send(to("/api/options")),
                server.getText("/api/render?recipe=nope"), server.getText("/nowhere"))) {
            assertThat(r.headers().firstValue("X-Frame-Options")).as(r.uri().getPath()).hasValue("DENY");
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        }
        String page = server.getText("/").body();
        assertThat(page).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)").doesNotContainPattern("(?i)\\son[a-z]+=")
                .doesNotContainPattern("(?i)\\sstyle=");
    }

    @Test
    void aDownloadCheckGivesTheDownloadsAnswer() throws Exception {
        String huge = recipeParam(SMALL) + "&w=32768&h=32768";
        HttpResponse<String> check = server.getText("/api/download?" + huge + "&check=true");
        assertThat(check.statusCode()).isEqualTo(400);
        assertThat(json(check).get("error").asText()).contains("tick 'force'");
        HttpResponse<String> download = server.getText("/api/download?" + huge);
        assertThat(download.statusCode()).isEqualTo(400);
        assertThat(json(download).get("error").asText()).isEqualTo(json(check).get("error").asText());
        assertThat(server.getText("/api/download?" + huge + "&check=true&force=true").statusCode()).isEqualTo(200);
        HttpResponse<String> save = server.post("/api/gallery",
                "{\"recipe\": {\"seed\": 1, \"width\": 32768, \"height\": 32768}}");
        assertThat(save.statusCode()).isEqualTo(400);
        assertThat(json(save).get("error").asText()).contains("tick 'force'");
    }

    @Test
    void madeUpPageIdsCannotFillTheTableAndANewPageStillWorks() throws Exception {
        String render = "/api/render?w=8&h=8&" + recipeParam(SMALL) + "&page=";
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = send(to(render + String.format("madeup%06d", i))
                    .header("Authorization", "token " + server.server.token()));
            assertThat(r.statusCode()).isIn(400, 429);
        }
        // ids the server gave out, more than it keeps: the oldest make room, and the newest page is served
        for (int i = 0; i < Limits.defaults().maxPages() + 50; i++) {
            server.server.pages().visit(server.pageId(), "127.0.0.1", System.nanoTime());
        }
        assertThat(server.server.pages().size()).isLessThanOrEqualTo(Limits.defaults().maxPages());
        HttpResponse<byte[]> fresh = server.get(render + server.pageId());
        assertThat(fresh.statusCode()).isEqualTo(200);
    }

    @Test
    void aNormalClientIsAnsweredWhileAHundredConnectionsHangHalfSent() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket s = new Socket("127.0.0.1", server.server.port());
                s.getOutputStream().write(("GET /api/options HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                held.add(s);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(server.getText("/api/options").statusCode()).isEqualTo(200);
                assertThat(server.get("/api/render?w=32&h=32&" + recipeParam(SMALL)).statusCode()).isEqualTo(200);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void malformedRequestsGetJsonErrorsForAPerson() throws Exception {
        String auth = "Authorization: token " + server.server.token() + "\r\n";
        String backslash = raw("GET /gallery/..\\secret.png HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                + "Connection: close\r\n\r\n");
        assertThat(backslash).startsWith("HTTP/1.1 400").contains("{\"error\":").doesNotContain("<html")
                .doesNotContain("URISyntaxException");
        String longUrl = raw("GET /api/render?recipe=" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(longUrl).startsWith("HTTP/1.1 414").contains("\"status\":414").contains("too long");
        for (String body : new String[] {"{not json", "{\"recipe\": NaN}", "[1, 2", "{\"recipe\": \"\u0001\"}"}) {
            HttpResponse<String> r = server.post("/api/gallery", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(json(r).get("error").asText()).as(body).doesNotContain("Feature").doesNotContain("Source")
                    .doesNotContain("`").doesNotContain("fasterxml");
            HttpResponse<String> t = server.post("/api/train/start?page=" + server.pageId("badjson"), body);
            assertThat(t.statusCode()).as(body).isEqualTo(400);
            assertThat(json(t).get("error").asText()).as(body).doesNotContain("Feature").doesNotContain("Source");
        }
    }

    static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void messagesKeepNoParserInternals() {
        assertThat(Http.forPerson("request body: not JSON: Unexpected end-of-input: expected close marker for Array "
                + "(start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); "
                + "line: 1, column: 1])"))
                .isEqualTo("request body: not JSON: Unexpected end-of-input: expected close marker for Array");
        assertThat(Http.forPerson("recipe: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` "
                + "to allow\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1]"))
                .isEqualTo("recipe: Non-standard token 'NaN'");
    }
}
