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

    private static String canvasHash() {
        return String.valueOf(js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 2166136261; for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i] ^ d[i + 1] << 8, 16777619) >>> 0;"
                + "return h;"));
    }
}
