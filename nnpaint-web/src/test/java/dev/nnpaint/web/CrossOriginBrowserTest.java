package dev.nnpaint.web;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of another origin, served from another port of the same host (the same site, to the browser's cookies),
 * tries what the explorer's own page may do: save to the gallery, start training, paint, and frame the explorer.
 * The browser holds the explorer's token cookie all along; nothing of it happens.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class CrossOriginBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static HttpServer other;
    static WebDriver driver;

    static final String ATTACK = """
            <!doctype html><html><body>
            <iframe name="sink"></iframe>
            <script>
            const v = 'VICTIM';
            window.results = {};
            const save = JSON.stringify({recipe: {seed: 666, width: 32, height: 32}});
            async function attempt(url, init) {
              try { await fetch(v + url, Object.assign({mode: 'no-cors', credentials: 'include'}, init)); }
              catch (e) { /* refused or blocked: the same to this page */ }
            }
            async function go() {
              await attempt('/api/gallery', {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: save});
              await attempt('/api/gallery', {method: 'POST', body: save});
              for (let i = 0; i < 8; i++) {
                await attempt('/api/train/start', {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: '{}'});
              }
              await new Promise(done => {
                const img = new Image();
                img.onload = () => { results.render = 'painted'; done(); };
                img.onerror = () => { results.render = 'refused'; done(); };
                img.src = v + '/api/render?w=8&h=8&recipe=' + encodeURIComponent('{"seed": 1}');
              });
              const form = document.createElement('form');
              form.method = 'POST'; form.action = v + '/api/gallery'; form.enctype = 'text/plain'; form.target = 'sink';
              const field = document.createElement('input');
              field.name = '{"recipe": {"seed": 2, "width": 8, "height": 8}, "x": "'; field.value = '"}';
              form.appendChild(field); document.body.appendChild(form);
              document.querySelector('iframe[name=sink]').onload = () => { results.form = 'answered'; };
              form.submit();
              const frame = document.createElement('iframe');
              frame.id = 'framed';
              frame.onload = () => { results.framed = 'loaded'; };
              frame.src = v + '/';
              document.body.appendChild(frame);
              results.done = true;
            }
            go();
            </script></body></html>
            """;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = ATTACK.replace("VICTIM", "http://127.0.0.1:" + server.server.port())
                .getBytes(StandardCharsets.UTF_8);
        other.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(page);
            }
        });
        other.start();
        driver = HeadlessChromium.open(dir, 1000, 800);
    }

    @AfterAll
    static void stop() {
        if (other != null) {
            other.stop(0);
        }
        HeadlessChromium.close(driver, server);
    }

    @Test
    void anotherOriginCanNeitherSaveNorTrainNorPaintNorFrameTheExplorer() throws Exception {
        // the user's own tab first: the browser now holds the token's cookie
        driver.get(server.uri("/").toString());
        HeadlessChromium.await(driver, 30).until(d -> "true".equals(HeadlessChromium.js(d,
                "return document.body.dataset.ready || null")));
        assertThat(driver.getCurrentUrl()).doesNotContain("token=");

        driver.get("http://127.0.0.1:" + other.getAddress().getPort() + "/");
        HeadlessChromium.await(driver, 30).until(d -> HeadlessChromium.js(d,
                "return window.results && results.done && results.render && results.form && results.framed "
                        + "? true : null") != null);
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) HeadlessChromium.js(driver, "return window.results");
        assertThat(results.get("render")).isEqualTo("refused");
        // the frame holds the browser's refusal, not the explorer: its page never started
        driver.switchTo().frame("framed");
        Object ready = HeadlessChromium.js(driver, "return (document.body && document.body.dataset.ready) || null");
        Object scripts = HeadlessChromium.js(driver, "return document.querySelectorAll('script[src]').length");
        driver.switchTo().defaultContent();
        assertThat(ready).isNull();
        assertThat(((Number) scripts).intValue()).isZero();

        assertThat(Files.exists(server.gallery) ? Files.list(server.gallery).count() : 0).isZero();
        assertThat(server.server.trainApi().sessionCount()).isZero();
    }
}
