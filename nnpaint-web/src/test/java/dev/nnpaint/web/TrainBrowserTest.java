package dev.nnpaint.web;

import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.net.Model;
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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The train view in headless Chromium: moons trained to 90% test accuracy while the page redraws, the network
 * editor, three spiral arms, the model export, and the session ending with the page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class TrainBrowserTest {

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
        awaitEpochShown();
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

    private static void awaitEpochShown() {
        await(20).until(d -> js("return document.getElementById('view-train').dataset.epoch") != null);
    }

    private static String data(String name) {
        return (String) js("return document.getElementById('view-train').dataset[arguments[0]] || ''", name);
    }

    private static int neuronPictures() {
        return ((Number) js("return document.querySelectorAll('#train-layers canvas').length")).intValue();
    }

    /** Distinct colours on the boundary canvas, sampled coarsely and rounded, so that blends do not count. */
    private static long boundaryHues(String colourTest) {
        return ((Number) js("const c = document.getElementById('train-boundary');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 0; i < d.length; i += 4 * 7) { const r = d[i], g = d[i+1], b = d[i+2];"
                + "if (" + colourTest + ") n++; } return n;")).longValue();
    }

    /** With {@code -Dnnpaint.screenshots=FOLDER}, saves what the browser shows as FOLDER/NAME.png (for README). */
    private static void screenshot(String name) throws java.io.IOException {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            Files.createDirectories(Path.of(folder));
            Files.write(Path.of(folder, name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    @Order(1)
    void trainsMoonsToNinetyPercentTestAccuracyWhileRedrawing() throws Exception {
        assertThat(new Select(driver.findElement(By.id("train-data"))).getFirstSelectedOption().getText())
                .isEqualTo("moons");
        assertThat(neuronPictures()).isEqualTo(12); // the default 6-6 hidden layers
        driver.findElement(By.id("train-play")).click();
        await(5).until(d -> driver.findElement(By.id("train-play")).getText().equals("Pause"));

        int count0 = Integer.parseInt(data("redrawCount"));
        long t0 = System.nanoTime();
        int epoch0 = Integer.parseInt(data("epoch"));
        // a few redraws and epochs later (the rate is reported, not asserted)
        await(60).until(d -> Integer.parseInt(data("redrawCount")) >= count0 + 3
                && Integer.parseInt(data("epoch")) > epoch0);
        int count1 = Integer.parseInt(data("redrawCount"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        int epoch1 = Integer.parseInt(data("epoch"));
        System.out.printf(Locale.ROOT, "train view: %.1f redraws a second while training moons (%d epochs in %.1f s)%n",
                (count1 - count0) / seconds, epoch1 - epoch0, seconds);
        assertThat(count1 - count0).isGreaterThan(1);
        assertThat(epoch1).isGreaterThan(epoch0);

        await(20).until(d -> !data("testAccuracy").isEmpty() && Double.parseDouble(data("testAccuracy")) >= 0.9);
        driver.findElement(By.id("train-play")).click();
        await(5).until(d -> driver.findElement(By.id("train-play")).getText().equals("Play"));
        double accuracy = Double.parseDouble(data("testAccuracy"));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
        assertThat(driver.findElement(By.id("train-test-acc")).getText()).endsWith("%");
        // both classes' colours fill the boundary: orange (class 0) and blue (class 1)
        assertThat(boundaryHues("r > b + 40")).isGreaterThan(100);
        assertThat(boundaryHues("b > r + 40")).isGreaterThan(100);
        // the curves canvas has drawn lines
        long curvePixels = ((Number) js("const c = document.getElementById('train-curves');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i+1] > 150) n++; return n;")).longValue();
        assertThat(curvePixels).isGreaterThan(100);

        screenshot("serve-train");
    }

    @Test
    @Order(2)
    void stepAdvancesOneEpochAndExportWritesTheModel() throws Exception {
        int before = Integer.parseInt(data("epoch"));
        driver.findElement(By.id("train-step")).click();
        await(5).until(d -> Integer.parseInt(data("epoch")) == before + 1);

        driver.findElement(By.id("train-export")).click();
        await(10).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(p -> p.toString().endsWith(".json"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Path file;
        try (Stream<Path> files = Files.list(downloads)) {
            file = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(file)).contains(ModelJson.FORMAT);
        Model model = ModelJson.read(file).model();
        assertThat(model.inputNames()).isEqualTo(List.of("x", "y"));
        assertThat(model.layers()).hasSize(3);
        assertThat(file.getFileName().toString()).isEqualTo("nnpaint-moons-epoch" + (before + 1) + ".json");
    }

    @Test
    @Order(3)
    void networkEditorAddsAndRemovesLayersAndNeurons() {
        driver.findElement(By.id("train-add-layer")).click();
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-6-6-6-1"));
        assertThat(neuronPictures()).isEqualTo(18);
        driver.findElements(By.cssSelector(".train-layer-head button")).get(1).click(); // + on the first layer
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-7-6-6-1"));
        assertThat(neuronPictures()).isEqualTo(19);
        // a wide layer: typed, beyond any small cap
        js("const c = document.querySelectorAll('.train-count')[2]; c.value = 100;"
                + "c.dispatchEvent(new Event('change'));");
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-7-6-100-1"));
        assertThat(data("epoch")).isEqualTo("0");
        driver.findElement(By.id("train-remove-layer")).click();
        driver.findElement(By.id("train-remove-layer")).click();
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-7-1"));
        assertThat(neuronPictures()).isEqualTo(7);
    }

    @Test
    @Order(4)
    void spiralWithThreeArmsTrainsThreeClasses() throws Exception {
        new Select(driver.findElement(By.id("train-data"))).selectByValue("spiral");
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-7-1"));
        js("const s = document.getElementById('train-classes'); s.value = 3; s.dispatchEvent(new Event('change'));");
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-7-3"));
        driver.findElement(By.id("train-add-layer")).click();
        await(5).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-7-7-3"));
        driver.findElement(By.id("train-play")).click();
        await(20).until(d -> !data("testAccuracy").isEmpty() && Double.parseDouble(data("testAccuracy")) >= 0.6);
        driver.findElement(By.id("train-play")).click();
        // orange, blue and green regions (classes 0, 1 and 2)
        assertThat(boundaryHues("r > b + 40 && r > g")).isGreaterThan(50);
        assertThat(boundaryHues("b > r + 40")).isGreaterThan(50);
        assertThat(boundaryHues("g > r + 40 && g > b + 40")).isGreaterThan(50);
        screenshot("serve-train-spiral");
    }

    @Test
    @Order(5)
    void leavingThePageEndsItsTrainingSession() {
        assertThat(server.server.trainApi().sessionCount()).isEqualTo(1);
        driver.get("about:blank");
        await(10).until(d -> server.server.trainApi().sessionCount() == 0);
    }
}
