package dev.nnpaint.web;

import dev.nnpaint.ops.format.ImageMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trained network opened in the paint view, in headless Chromium: the canvas paints it, the network controls
 * are disabled, colours and the download work, and the page goes back to random networks.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class OpenModelBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        downloads = Files.createDirectories(dir.resolve("downloads"));
        driver = HeadlessChromium.open(dir, 1400, 900);
        driver.get(server.uri("/#train").toString());
        await(20).until(d -> js("return document.getElementById('view-train').dataset.epoch") != null);
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

    private static boolean disabled(String id) {
        return (Boolean) js("return document.getElementById(arguments[0]).matches(':disabled')", id);
    }

    /** Distinct colours of the paint canvas, sampled every 7th pixel. */
    private static long canvasColours() {
        return ((Number) js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const seen = new Set(); for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]);"
                + "return seen.size;")).longValue();
    }

    private static String canvasPixels() {
        return (String) js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 0; for (let i = 0; i < d.length; i += 4 * 13) h = (h * 31 + d[i] + 7 * d[i+1] + 13 * d[i+2]) | 0;"
                + "return String(h);");
    }

    private static void awaitFinal(String model) {
        await(20).until(d -> "final".equals(js("return document.getElementById('canvas').dataset.state"))
                && model.equals(js("return document.getElementById('canvas').dataset.model")));
    }

    private static void screenshot(String name) throws java.io.IOException {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            Files.createDirectories(Path.of(folder));
            Files.write(Path.of(folder, name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    /** A download of the given size that has finished (Chromium writes it under another name until then). */
    private static Path finishedDownload(int w, int h) {
        try (Stream<Path> files = Files.list(downloads)) {
            List<Path> pngs = files.filter(f -> f.getFileName().toString().endsWith("-" + w + "x" + h + ".png")).toList();
            return pngs.isEmpty() ? null : pngs.get(0);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void aTrainedModelOpensInThePaintViewWithItsNetworkControlsDisabled() throws Exception {
        driver.findElement(By.id("train-play")).click();
        await(20).until(d -> {
            String accuracy = (String) js("return document.getElementById('view-train').dataset.testAccuracy || ''");
            return !accuracy.isEmpty() && Double.parseDouble(accuracy) >= 0.85;
        });
        driver.findElement(By.id("train-play")).click();
        await(5).until(d -> driver.findElement(By.id("train-play")).getText().equals("Play"));
        driver.findElement(By.id("train-open-paint")).click();
        await(10).until(d -> "#paint".equals(js("return location.hash")));
        awaitFinal("page");

        assertThat(canvasColours()).as("the trained model paints a picture, not a flat colour").isGreaterThan(20);
        for (String id : new String[] {"seed", "new-seed", "layers", "neurons", "activation", "weights-kind",
                "gain", "zdim", "share", "save"}) {
            assertThat(disabled(id)).as(id).isTrue();
        }
        assertThat(disabled("color-mode")).isFalse();
        assertThat(disabled("rotate")).isFalse();
        WebElement note = driver.findElement(By.id("model-note"));
        assertThat(note.isDisplayed()).isTrue();
        assertThat(note.getText()).contains("painting a trained model (1 output)");
        String recipe = (String) js("return document.getElementById('canvas').dataset.recipe");
        assertThat(recipe).contains("\"color\":\"palette:viridis\"");
        screenshot("serve-open-model");

        // colours follow the controls: another palette repaints the same model
        String before = canvasPixels();
        new Select(driver.findElement(By.id("palette"))).selectByValue("magma");
        await(20).until(d -> ((String) js("return document.getElementById('canvas').dataset.recipe"))
                .contains("palette:magma"));
        awaitFinal("page");
        assertThat(canvasPixels()).isNotEqualTo(before);

        // the download is the model at full size, the model inside the PNG
        WebElement width = driver.findElement(By.id("dl-width"));
        width.sendKeys(Keys.chord(Keys.CONTROL, "a"), "96", Keys.TAB);
        WebElement height = driver.findElement(By.id("dl-height"));
        height.sendKeys(Keys.chord(Keys.CONTROL, "a"), "64", Keys.TAB);
        driver.findElement(By.id("download")).click();
        Path png = await(20).until(d -> finishedDownload(96, 64));
        ImageMetadata.Source source = ImageMetadata.read(png);
        assertThat(source.model()).isNotNull();
        assertThat(source.model().model().inputNames()).containsExactly("x", "y");
        assertThat(TestServer.decode(Files.readAllBytes(png)).getWidth()).isEqualTo(96);

        // and back to random networks: the controls work again and the recipe's network is painted
        driver.findElement(By.id("model-back")).click();
        awaitFinal("");
        assertThat(disabled("seed")).isFalse();
        assertThat(disabled("share")).isFalse();
        assertThat(note.isDisplayed()).isFalse();
    }

    @Test
    void undoAfterOpeningAModelNeverGoesBackToColoursTheModelCannotPaint() throws Exception {
        driver.get(server.uri("/#train").toString());
        await(20).until(d -> js("return document.getElementById('view-train').dataset.epoch") != null);
        driver.findElement(By.id("train-open-paint")).click();
        awaitFinal("page");
        String opened = (String) js("return document.getElementById('canvas').dataset.recipe");
        assertThat(opened).contains("\"color\":\"palette:viridis\"");

        new Select(driver.findElement(By.id("palette"))).selectByValue("turbo");
        await(20).until(d -> ((String) js("return document.getElementById('canvas').dataset.recipe"))
                .contains("palette:turbo"));
        awaitFinal("page");
        for (int i = 0; i < 3; i++) {
            js("document.getElementById('undo').click()");
        }
        await(20).until(d -> ((String) js("return document.getElementById('canvas').dataset.recipe"))
                .contains("palette:viridis"));
        awaitFinal("page");
        assertThat(js("return document.getElementById('canvas').dataset.recipe")).isEqualTo(opened);
        assertThat(js("return window.nnpaint.recipe().color")).isEqualTo("palette:viridis");
        assertThat(driver.findElement(By.id("status")).getAttribute("class")).doesNotContain("error");

        // the stats panel says nothing of a random network while the model is painted
        await(20).until(d -> "page".equals(js("return document.getElementById('stats').dataset.model")));
        assertThat(driver.findElement(By.id("stat-chi1")).getText()).isEqualTo("\u2013");
        assertThat(driver.findElement(By.id("stat-phase")).getText()).isEqualTo("\u2013");
        assertThat(driver.findElement(By.id("verdicts")).getText()).isEqualTo("no statistics for a trained model");

        // and the download is the model's picture, never an empty file
        WebElement width = driver.findElement(By.id("dl-width"));
        width.sendKeys(Keys.chord(Keys.CONTROL, "a"), "80", Keys.TAB);
        WebElement height = driver.findElement(By.id("dl-height"));
        height.sendKeys(Keys.chord(Keys.CONTROL, "a"), "48", Keys.TAB);
        driver.findElement(By.id("download")).click();
        Path png = await(20).until(d -> finishedDownload(80, 48));
        assertThat(Files.size(png)).isGreaterThan(100);
        assertThat(TestServer.decode(Files.readAllBytes(png)).getWidth()).isEqualTo(80);
        assertThat(ImageMetadata.read(png).model()).isNotNull();

        driver.findElement(By.id("model-back")).click();
        awaitFinal("");
    }
}
