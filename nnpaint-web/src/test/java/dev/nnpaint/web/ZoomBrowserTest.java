package dev.nnpaint.web;

import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterRenderer;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.ops.poster.PosterTiles;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zoom view in headless Chromium: a 2048-pixel poster painted into a temporary folder is shown by the vendored
 * OpenSeadragon, zooming in fetches deeper levels from the server, the live source paints the paint view's recipe,
 * and nothing is loaded from outside the server. {@code -Dnnpaint.screenshots=DIR} saves what the page looks like;
 * {@code -Dnnpaint.zoomPoster=DIR} shows that poster instead of the small one, and {@code -Dnnpaint.zoomDetail=X,Y,ZOOM}
 * adds a screenshot zoomed on that point.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class ZoomBrowserTest {

    @TempDir
    static Path dir;
    static WebServer server;
    static WebDriver driver;
    static String origin;
    static Path poster;

    @BeforeAll
    static void start() throws Exception {
        String given = System.getProperty("nnpaint.zoomPoster");
        poster = given != null ? Path.of(given) : dir.resolve("poster");
        if (given == null) {
            PosterSpec spec = PosterSpec.of(Recipe.builder().seed(11).layers(6, 16).size(2048, 2048).build(), null,
                    256, 1);
            PosterRenderer.render(PosterFolder.prepare(poster, spec), new PosterTiles(spec, Kernels.fastest()), 2,
                    Renderer.Progress.NONE);
        }
        server = WebServer.start(new WebServer.Config("127.0.0.1", 0, dir.resolve("gallery"), Limits.defaults(),
                Kernels.fastest(), 2, List.of(poster)));
        origin = "http://127.0.0.1:" + server.port();
        driver = HeadlessChromium.open(dir, 1400, 900);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    /**
     * Waits until the viewer has drawn every tile it wants at its current view. The viewer updates its "fully
     * loaded" flag when it next draws, so the wait also asks for a few frames drawn after it began.
     */
    private static void awaitDrawn() {
        HeadlessChromium.await(driver, 20).until(d -> Boolean.TRUE.equals(js(
                "const v = window.nnpaint && window.nnpaint.zoomViewer();"
                        + "return !!v && v.world.getItemCount() === 1;")));
        long start = (Long) js("const v = window.nnpaint.zoomViewer();"
                + "if (window.zoomFrames === undefined) {"
                + "  window.zoomFrames = 0; v.addHandler('update-viewport', () => window.zoomFrames++); }"
                + "v.forceRedraw(); return window.zoomFrames;");
        HeadlessChromium.await(driver, 20).until(d -> Boolean.TRUE.equals(js(
                "const v = window.nnpaint.zoomViewer(); v.forceRedraw();"
                        + "return window.zoomFrames > arguments[0] + 2 && v.world.getItemCount() === 1"
                        + " && v.world.getItemAt(0).getFullyLoaded()"
                        + " && Math.abs(v.viewport.getZoom(true) - v.viewport.getZoom(false)) < 1e-6;", start)));
    }

    /** Distinct colours in a coarse sample of the viewer's canvas (black background alone gives 1). */
    private static long canvasColours() {
        return (Long) js("const c = window.nnpaint.zoomViewer().drawer.canvas;"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const colours = new Set();"
                + "for (let i = 0; i < d.length; i += 4 * 101) colours.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);"
                + "return colours.size;");
    }

    /** The pyramid levels of the tiles the page fetched from a path containing {@code part}. */
    @SuppressWarnings("unchecked")
    private static List<Long> levelsFetched(String pattern) {
        return (List<Long>) js("return [...new Set(performance.getEntriesByType('resource').map(e => e.name)"
                + ".map(n => n.match(new RegExp(arguments[0]))).filter(m => m).map(m => Number(m[1])))]"
                + ".sort((a, b) => a - b);", pattern);
    }

    private static void screenshot(String name) throws Exception {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            // the newest tiles fade in: wait until the viewer has nothing left to draw
            HeadlessChromium.await(driver, 20).until(d -> Boolean.TRUE.equals(js(
                    "const v = window.nnpaint && window.nnpaint.zoomViewer(); return !!v && !v.world.needsDraw();")));
            Files.createDirectories(Path.of(folder));
            Files.write(Path.of(folder, name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    @Order(1)
    void showsThePosterAndFetchesDeeperLevelsWhenZoomedIn() throws Exception {
        driver.get(origin + TestServer.withToken("/#zoom", server.token()));
        js("performance.setResourceTimingBufferSize(5000);");
        awaitDrawn();
        assertThat(new Select(driver.findElement(By.id("zoom-source"))).getFirstSelectedOption().getText())
                .startsWith(poster.getFileName() + ": ");
        assertThat(canvasColours()).as("distinct colours on the viewer's canvas").isGreaterThan(100);
        assertThat(driver.findElement(By.id("zoom-center")).getText()).isEqualTo("(0, 0)");
        screenshot("zoom-out");
        List<Long> before = levelsFetched("/posters/0/poster_files/(\\d+)/");
        assertThat(before).isNotEmpty();
        long deepestBefore = before.get(before.size() - 1);

        // zoom on a point right of the centre: the view's centre then lies at x > 0 in the input plane
        js("const v = window.nnpaint.zoomViewer();"
                + "v.viewport.zoomTo(v.viewport.getHomeZoom() * 6, new OpenSeadragon.Point(0.6, 0.5), true);"
                + "v.viewport.panTo(new OpenSeadragon.Point(0.6, 0.5), true);");
        awaitDrawn();
        List<Long> after = levelsFetched("/posters/0/poster_files/(\\d+)/");
        assertThat(after.get(after.size() - 1)).isGreaterThan(deepestBefore);
        assertThat(canvasColours()).isGreaterThan(100);
        assertThat(driver.findElement(By.id("zoom-factor")).getText()).isEqualTo("6\u00d7");
        assertThat(driver.findElement(By.id("zoom-center")).getText()).isEqualTo("(0.2, 0)");
        screenshot("zoom-in");
        String detail = System.getProperty("nnpaint.zoomDetail"); // "x,y,zoom" in viewport units, for the README
        if (detail != null) {
            String[] p = detail.split(",");
            js("const v = window.nnpaint.zoomViewer(); const p = new OpenSeadragon.Point(+arguments[0], +arguments[1]);"
                    + "v.viewport.zoomTo(v.viewport.getHomeZoom() * arguments[2], p, true); v.viewport.panTo(p, true);",
                    p[0], p[1], Double.parseDouble(p[2]));
            awaitDrawn();
            screenshot("zoom-detail");
        }
    }

    @Test
    @Order(2)
    void theLiveSourcePaintsThePaintViewsRecipeTileByTile() {
        new Select(driver.findElement(By.id("zoom-source"))).selectByValue("live");
        awaitDrawn();
        assertThat(canvasColours()).isGreaterThan(100);
        List<Long> levels = levelsFetched("/api/tile\\?.*level=(\\d+)");
        assertThat(levels).isNotEmpty();
        long coarse = levels.get(levels.size() - 1);
        // 64 times in: six levels deeper, past what the 2048-pixel poster holds
        js("const v = window.nnpaint.zoomViewer(); v.viewport.zoomTo(v.viewport.getHomeZoom() * 64, null, true);");
        HeadlessChromium.await(driver, 30).until(d -> {
            List<Long> now = levelsFetched("/api/tile\\?.*level=(\\d+)");
            return now.get(now.size() - 1) >= coarse + 6;
        });
        awaitDrawn();
        assertThat((String) js("const c = window.nnpaint.zoomViewer().drawer.canvas;"
                + "const d = c.getContext('2d').getImageData(c.width >> 1, c.height >> 1, 1, 1).data;"
                + "return d[0] + ',' + d[1] + ',' + d[2];")).as("the centre is painted, not background")
                .isNotEqualTo("0,0,0");
        assertThat(driver.findElement(By.id("zoom-factor")).getText()).isEqualTo("64\u00d7");
    }

    @Test
    @Order(3)
    void thePageLoadsNothingFromOutsideTheServer() {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat([location.href]);");
        assertThat(urls).hasSizeGreaterThan(10).allMatch(u -> u.startsWith(origin + "/"), "served by " + origin);
        assertThat(urls).anyMatch(u -> u.startsWith(origin + "/vendor/openseadragon/openseadragon.min.js"));
    }
    @Test
    @Order(4)
    void openInPaintCarriesTheViewersCentreAndWidthToThePaintView() {
        // the live source shows the paint view's recipe (extent 1, centre 0): viewport (0.75, 0.25) is (0.5, 0.5)
        js("const v = window.nnpaint.zoomViewer(); const p = new OpenSeadragon.Point(0.75, 0.25);"
                + "v.viewport.zoomTo(v.viewport.getHomeZoom() * 8, p, true); v.viewport.panTo(p, true);");
        awaitDrawn();
        assertThat(driver.findElement(By.id("zoom-center")).getText()).isEqualTo("(0.5, 0.5)");
        double visibleWidth = ((Number) js("return window.nnpaint.zoomViewer().viewport.getBounds(true).width;"))
                .doubleValue();
        driver.findElement(By.id("zoom-to-paint")).click();
        HeadlessChromium.await(driver, 10).until(d -> "#paint".equals(js("return location.hash;")));
        @SuppressWarnings("unchecked")
        List<Number> center = (List<Number>) js("return window.nnpaint.recipe().center;");
        assertThat(center.get(0).doubleValue()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(center.get(1).doubleValue()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) js("return window.nnpaint.recipe().extent;")).doubleValue())
                .isCloseTo(visibleWidth, org.assertj.core.data.Offset.offset(1e-9));
    }
}
