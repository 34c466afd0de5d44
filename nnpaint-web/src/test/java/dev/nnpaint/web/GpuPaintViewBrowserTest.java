package dev.nnpaint.web;

import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paint view on the GPU, in headless Chromium's software WebGL: it paints the recipe there (and says so), the
 * picture is the CPU's, a view float32 cannot resolve and a network float32 cannot follow go to the server, and
 * a motion from a share link plays.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class GpuPaintViewBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1400, 1000, true);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    private static void open(String recipeJson, String extra) {
        String query = recipeJson == null ? "" : "?recipe=" + URLEncoder.encode(recipeJson, StandardCharsets.UTF_8);
        driver.get(server.uri("/" + query + extra + "#paint").toString());
    }

    /** Waits until the canvas shows the final picture of the recipe the controls hold, painted by {@code who}. */
    private static void awaitFinal(String who) {
        HeadlessChromium.await(driver, 90).until(d -> Boolean.TRUE.equals(js(
                "const c = document.getElementById('canvas');"
                        + "return window.nnpaint !== undefined && c.dataset.state === 'final'"
                        + " && c.dataset.renderer === arguments[0]"
                        + " && c.dataset.recipe === JSON.stringify(window.nnpaint.recipe());", who)));
    }

    @Test
    void theDefaultRecipeIsPaintedOnTheGpuAsTheCpuPaintsIt() {
        open(null, "");
        awaitFinal("gpu");
        assertThat(driver.findElement(By.id("status")).getText()).contains("on the GPU", "multiply-adds a pixel");
        String base64 = (String) js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let s = '';"
                + "for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));"
                + "return btoa(s);");
        Recipe shown = Recipe.defaults().toBuilder().size(512, 512).build();
        GpuAgreementBrowserTest.assertAgrees(Base64.getDecoder().decode(base64), GpuAgreementBrowserTest.cpu(shown),
                "the paint view's canvas");
    }

    @Test
    void aZoomTooDeepForFloat32IsPaintedByTheServerAndTheStatusSaysWhy() {
        open("{\"extent\": 1e-9, \"center\": [0.31, -0.2]}", "");
        awaitFinal("server");
        assertThat((String) js("return document.getElementById('canvas').dataset.gpuRefusal"))
                .contains("deep a zoom");
        assertThat(driver.findElement(By.id("status")).getText()).contains("on the server", "deep a zoom");
    }

    @Test
    void aNetworkFloat32CannotFollowIsHandedToTheServerAfterTheProbe() {
        // sine units fed sums of dozens of large weights: a rounding difference in one layer is a different
        // picture a few layers on
        open("{\"activations\": [\"sin\"], \"hidden\": [32, 32, 32, 32, 32, 32], \"weights\": \"normal:6\"}", "");
        awaitFinal("server");
        assertThat((String) js("return document.getElementById('canvas').dataset.gpuRefusal"))
                .contains("does not follow");
    }

    @Test
    void aMotionInTheShareLinkPlaysAndStaysInTheLink() {
        String motion = "{\"field\":\"gain\",\"from\":0.5,\"to\":2,\"seconds\":2,\"easing\":\"linear\","
                + "\"repeat\":\"ping-pong\"}";
        open("{\"hidden\": [8, 8]}", "&motion=" + URLEncoder.encode(motion, StandardCharsets.UTF_8));
        HeadlessChromium.await(driver, 60).until(d -> "true".equals(
                js("const m = document.getElementById('motion'); return m && m.dataset.playing")));
        String first = canvasHash();
        HeadlessChromium.await(driver, 60).until(d -> !canvasHash().equals(first));
        assertThat(driver.findElement(By.id("motion-field")).getAttribute("value")).isEqualTo("gain");
        assertThat((String) js("return document.getElementById('share-link').value")).contains("motion=");
        driver.findElement(By.id("motion-play")).click();
        assertThat((String) js("return document.getElementById('motion').dataset.playing")).isEqualTo("false");
    }

    @Test
    void aSeamlessTileIsPaintedOnTheGpuAsTheCpuPaintsIt() {
        open("{\"tile\": true, \"extent\": 1.5, \"rotate\": 30, \"color\": \"hsv\"}", "");
        awaitFinal("gpu");
        assertThat(driver.findElement(By.id("tile")).isSelected()).isTrue();
        Recipe shown = dev.nnpaint.ops.format.RecipeJson.fromJson("{\"tile\": true, \"extent\": 1.5, \"rotate\": 30,"
                + " \"color\": \"hsv\"}", "test").toBuilder().size(512, 512).build();
        GpuAgreementBrowserTest.assertAgrees(Base64.getDecoder().decode(canvasBase64()),
                GpuAgreementBrowserTest.cpu(shown), "the paint view's tiled canvas");
        // the picture repeats: its left and right columns continue into each other as neighbours do
        assertThat((Boolean) js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const w = c.width;"
                + "let seam = 0, inside = 0;"
                + "for (let y = 0; y < c.height; y++) for (let k = 0; k < 3; k++) {"
                + "  seam += Math.abs(d[4 * (y * w + w - 1) + k] - d[4 * y * w + k]);"
                + "  inside += Math.abs(d[4 * (y * w + 1) + k] - d[4 * y * w + k]); }"
                + "return seam < 3 * inside + 3 * c.height;")).as("no seam where the tile repeats").isTrue();
    }

    @Test
    void theTileAndAntialiasControlsGoIntoTheRecipeTheLinkAndTheGallery() throws Exception {
        open("{\"hidden\": [8, 8], \"width\": 96, \"height\": 64}", "");
        awaitFinal("gpu");
        driver.findElement(By.id("tile")).click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("antialias"))).selectByValue("3");
        awaitFinal("gpu");
        assertThat(js("return window.nnpaint.recipe().tile")).isEqualTo(true);
        assertThat(js("return window.nnpaint.recipe().antialias")).isEqualTo(3L);
        assertThat(driver.findElement(By.id("antialias-note")).getText()).contains("3\u00d73 samples a pixel",
                "GPU preview draws one");
        String link = (String) js("return document.getElementById('share-link').value");
        assertThat(java.net.URLDecoder.decode(link, StandardCharsets.UTF_8)).contains("\"antialias\":3", "\"tile\":true");
        // the gallery save paints the recipe with both, as the download does
        driver.findElement(By.id("save")).click();
        HeadlessChromium.await(driver, 60).until(d -> driver.findElement(By.id("status")).getText()
                .contains("to the gallery"));
        com.fasterxml.jackson.databind.JsonNode items = Http.JSON.readTree(server.getText("/api/gallery").body())
                .get("items");
        assertThat(items.get(0).get("recipe").get("antialias").asInt()).isEqualTo(3);
        assertThat(items.get(0).get("recipe").get("tile").asBoolean()).isTrue();
        // a recipe from a link puts both back into the controls
        open("{\"antialias\": \"auto\"}", "");
        awaitFinal("gpu");
        assertThat(driver.findElement(By.id("antialias")).getAttribute("value")).isEqualTo("auto");
        assertThat(driver.findElement(By.id("tile")).isSelected()).isFalse();
    }

    @Test
    void theMotionMadeOnTheServerHasThePagesFirstAndLastFramesAndDownloads() throws Exception {
        String motion = "{\"field\":\"rotate\",\"from\":-30,\"to\":60,\"seconds\":2,\"easing\":\"smooth\","
                + "\"repeat\":\"ping-pong\"}";
        open("{\"seed\": 31, \"hidden\": [8, 8]}", "&motion=" + URLEncoder.encode(motion, StandardCharsets.UTF_8));
        HeadlessChromium.await(driver, 60).until(d -> "true".equals(
                js("const m = document.getElementById('motion'); return m && m.dataset.playing")));
        js("document.getElementById('motion-side').value = 40; document.getElementById('motion-fps').value = 6;");
        driver.findElement(By.id("motion-server")).click();
        HeadlessChromium.await(driver, 120).until(d -> "done".equals(js("return document.getElementById('motion').dataset.job")));
        // the server's first and last frames paint the recipes the page's motion shows at those times
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> check = (java.util.Map<String, Object>) js("return (async () => {"
                + "const { frameOf } = await import('/assets/animate-live.js');"
                + "const job = JSON.parse(document.getElementById('motion').dataset.jobStart);"
                + "const m = JSON.parse(new URL(location.href).searchParams.get('motion'));"
                + "const r = window.nnpaint.recipe();"
                + "return { frames: job.frames, width: job.width, height: job.height,"
                + "  first: job.first.rotate, last: job.last.rotate,"
                + "  pageFirst: frameOf(r, m, job.firstTime).rotate, pageLast: frameOf(r, m, job.lastTime).rotate,"
                + "  seed: job.last.seed }; })()");
        assertThat(check.get("frames")).isEqualTo(12L);
        assertThat(check.get("width")).isEqualTo(40L);
        assertThat(((Number) check.get("first")).doubleValue()).isEqualTo(-30.0);
        assertThat(((Number) check.get("first")).doubleValue())
                .isCloseTo(((Number) check.get("pageFirst")).doubleValue(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(((Number) check.get("last")).doubleValue())
                .isCloseTo(((Number) check.get("pageLast")).doubleValue(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(((Number) check.get("last")).doubleValue()).isNotEqualTo(-30.0);
        assertThat(check.get("seed")).isEqualTo(31L);
        Path gif = dir.resolve("downloads").resolve("nnpaint-31-rotate.gif");
        HeadlessChromium.await(driver, 60).until(d -> java.nio.file.Files.isRegularFile(gif));
        assertThat(driver.findElement(By.id("motion-server-progress")).getText()).contains("nnpaint-31-rotate.gif");

        // too many frames: the page shows the server's reason
        js("document.getElementById('motion-seconds').value = 100; document.getElementById('motion-fps').value = 60;");
        driver.findElement(By.id("motion-server")).click();
        HeadlessChromium.await(driver, 60).until(d -> "failed".equals(js("return document.getElementById('motion').dataset.job")));
        assertThat(driver.findElement(By.id("motion-server-progress")).getText()).contains("at most 1200 frames");
    }

    private static String canvasBase64() {
        return (String) js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let s = '';"
                + "for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));"
                + "return btoa(s);");
    }

    private static String canvasHash() {
        return String.valueOf(js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 2166136261; for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i] ^ d[i + 1] << 8, 16777619) >>> 0;"
                + "return h;"));
    }
}
