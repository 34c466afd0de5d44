package dev.nnpaint.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fit view in headless Chromium: a PNG uploaded through the file input is fitted live (the PSNR rises and the
 * network's picture changes), pause holds the step count, play resumes, and the fitted network opens in the paint
 * view, which paints it.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class FitBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1400, 900);
    }

    /** Each test has a fresh page (its own settings and session). */
    @BeforeEach
    void load() {
        driver.get(server.uri("/#fit").toString());
        // the view starts a paused session on the default sample as soon as it shows
        await(60).until(d -> data("version") != null && data("session") != null);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    private static WebDriverWait await(int seconds) {
        return HeadlessChromium.await(driver, seconds);
    }

    private static String data(String key) {
        return (String) js("return document.getElementById('view-fit').dataset[arguments[0]] || null", key);
    }

    private static long step() {
        return Long.parseLong(data("step"));
    }

    private static double psnr() {
        return Double.parseDouble(data("psnr"));
    }

    /** A hash of a canvas's pixels, sampled every 3rd pixel. */
    private static String pixels(String canvas) {
        return (String) js("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 0; for (let i = 0; i < d.length; i += 4 * 3) h = (h * 31 + d[i] + 7 * d[i+1] + 13 * d[i+2]) | 0;"
                + "return String(h);", canvas);
    }

    /** Distinct colours of a canvas, sampled every 7th pixel. */
    private static long colours(String canvas) {
        return ((Number) js("const c = document.getElementById(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const seen = new Set(); for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]);"
                + "return seen.size;", canvas)).longValue();
    }

    @Test
    void anUploadedPngIsFittedLiveThenOpensInThePaintView() throws Exception {
        Path png = Files.write(dir.resolve("disc.png"), FitApiTest.png(48, 40, false));
        String before = data("session");
        driver.findElement(By.id("fit-file")).sendKeys(png.toString());
        await(60).until(d -> "disc.png".equals(data("uploaded")) && "48".equals(data("imageWidth"))
                && !before.equals(data("session")) && data("version") != null && "paused".equals(data("state")));
        assertThat(data("imageHeight")).isEqualTo("40");
        assertThat(new Select(driver.findElement(By.id("fit-source"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("upload");
        assertThat(driver.findElement(By.id("fit-image-info")).getText()).contains("disc.png: 48\u00d740, colour");
        assertThat(colours("fit-target")).as("the target shows the upload").isGreaterThan(20);
        assertThat(driver.findElement(By.id("fit-command")).getText())
                .isEqualTo("nnpaint fit disc.png --encoding hash --hidden 64,64 --lr 0.01");
        double start = psnr();
        String first = pixels("fit-recon");

        driver.findElement(By.id("fit-play")).click();
        await(120).until(d -> step() >= 30 && psnr() > start + 5);
        assertThat(pixels("fit-recon")).as("the network's picture changed").isNotEqualTo(first);
        assertThat(driver.findElement(By.id("fit-psnr")).getText()).endsWith(" dB");

        // pause: the count stops; a step then makes exactly one more
        driver.findElement(By.id("fit-play")).click();
        await(60).until(d -> "paused".equals(data("state")) && "Play".equals(
                driver.findElement(By.id("fit-play")).getText()));
        long paused = step();
        driver.findElement(By.id("fit-step")).click();
        await(60).until(d -> step() == paused + 1 && "paused".equals(data("state")));
        assertThat(step()).isEqualTo(paused + 1);

        // resume
        driver.findElement(By.id("fit-play")).click();
        await(120).until(d -> step() >= paused + 10);
        driver.findElement(By.id("fit-play")).click();
        await(60).until(d -> "paused".equals(data("state")));

        driver.findElement(By.id("fit-open-paint")).click();
        await(30).until(d -> "#paint".equals(js("return location.hash")));
        await(60).until(d -> "final".equals(js("return document.getElementById('canvas').dataset.state"))
                && "page".equals(js("return document.getElementById('canvas').dataset.model")));
        assertThat(colours("canvas")).as("the fitted network paints a picture, not a flat colour").isGreaterThan(20);
        assertThat(driver.findElement(By.id("model-note")).getText()).contains("3 outputs");

        // and in the zoom view: the live pyramid paints the fitted network, its tiles naming the model
        js("location.hash = 'fit'");
        await(10).until(d -> driver.findElement(By.id("fit-open-zoom")).isDisplayed());
        driver.findElement(By.id("fit-open-zoom")).click();
        await(30).until(d -> "#zoom".equals(js("return location.hash")));
        await(30).until(d -> driver.findElement(By.id("zoom-about")).getText().contains("the model opened"));
        awaitZoomDrawn();
        assertThat(zoomColours()).as("the viewer shows the fitted picture").isGreaterThan(20);
        assertThat((Boolean) js("return performance.getEntriesByType('resource').some(e => e.name.includes('/api/tile?')"
                + " && e.name.includes('model=page') && e.name.includes('mv='))")).isTrue();

        js("location.hash = 'paint'");
        driver.findElement(By.id("model-back")).click();
    }

    /** Waits until the zoom viewer has drawn every tile it wants (as the zoom view's own test does). */
    private static void awaitZoomDrawn() {
        await(60).until(d -> Boolean.TRUE.equals(js(
                "const v = window.nnpaint && window.nnpaint.zoomViewer();"
                        + "return !!v && v.world.getItemCount() === 1;")));
        long start = (Long) js("const v = window.nnpaint.zoomViewer();"
                + "if (window.zoomFrames === undefined) {"
                + "  window.zoomFrames = 0; v.addHandler('update-viewport', () => window.zoomFrames++); }"
                + "v.forceRedraw(); return window.zoomFrames;");
        await(60).until(d -> Boolean.TRUE.equals(js(
                "const v = window.nnpaint.zoomViewer(); v.forceRedraw();"
                        + "return window.zoomFrames > arguments[0] + 2 && v.world.getItemCount() === 1"
                        + " && v.world.getItemAt(0).getFullyLoaded()"
                        + " && Math.abs(v.viewport.getZoom(true) - v.viewport.getZoom(false)) < 1e-6;", start)));
    }

    private static long zoomColours() {
        return (Long) js("const c = window.nnpaint.zoomViewer().drawer.canvas;"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const colours = new Set();"
                + "for (let i = 0; i < d.length; i += 4 * 101) colours.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);"
                + "return colours.size;");
    }

    /**
     * The docs' picture of the fit view: the built-in sample part-way through a fit with the defaults, saved with
     * {@code -Dnnpaint.screenshots=FOLDER} as FOLDER/serve-fit.png. With {@code -Dnnpaint.fitImage=FILE} the
     * picture is that file, uploaded and fitted at 256 pixels with every other pixel held out.
     */
    @Test
    void theSampleFitsWithTheDefaultsAndTheViewShowsItMidFit() throws Exception {
        String file = System.getProperty("nnpaint.fitImage");
        long steps = 60;
        if (file == null) {
            new Select(driver.findElement(By.id("fit-source"))).selectByValue("sample:shapes");
            await(60).until(d -> "128".equals(data("imageWidth")) && "paused".equals(data("state")));
        } else {
            String name = Path.of(file).getFileName().toString();
            driver.findElement(By.id("fit-file")).sendKeys(Path.of(file).toAbsolutePath().toString());
            await(60).until(d -> name.equals(data("uploaded")) && "paused".equals(data("state")));
            new Select(driver.findElement(By.id("fit-side"))).selectByValue("256");
            await(60).until(d -> "256".equals(data("imageWidth")) && "paused".equals(data("state")));
            driver.findElement(By.id("fit-holdout")).click();
            await(60).until(d -> data("testPsnr") != null && "paused".equals(data("state")));
            steps = 25;
        }
        double start = psnr();
        driver.findElement(By.id("fit-play")).click();
        long enough = steps;
        await(300).until(d -> step() >= enough && psnr() > start + 8);
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            Files.write(Files.createDirectories(Path.of(folder)).resolve("serve-fit.png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
        driver.findElement(By.id("fit-play")).click();
        await(60).until(d -> "paused".equals(data("state")));
        assertThat(colours("fit-recon")).isGreaterThan(50);
    }
}
