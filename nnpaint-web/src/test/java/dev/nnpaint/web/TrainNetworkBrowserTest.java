package dev.nnpaint.web;

import dev.nnpaint.net.Model;
import dev.nnpaint.ops.format.ModelJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The train view's network drawn as a network in headless Chromium: a 2-4-3-1 network's input and output
 * pictures and links, a link's weight on hover, a clicked link edited (the boundary changes with training paused),
 * a neuron's picture large, the maths with the shapes for batch 16, and a wide network's links capped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class TrainNetworkBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;
    /** The weight the edit test set: row and column of layer 0. */
    static int editedRow = -1;
    static int editedCol = -1;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1700, 1000);
        driver.get(server.uri("/#train").toString());
        await(20).until(d -> js("return document.getElementById('view-train').dataset.epoch") != null);
        // 2-4-3-1: the first hidden layer to 4 neurons, then the second to 3 (each change starts again)
        setLayer(0, 4, "2-4-6-1");
        setLayer(1, 3, "2-4-3-1");
        await(20).until(d -> Integer.parseInt(graph("links")) == 4 * 2 + 3 * 4 + 3);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    private static org.openqa.selenium.support.ui.WebDriverWait await(int seconds) {
        return HeadlessChromium.await(driver, seconds);
    }

    private static void setLayer(int layer, int neurons, String shape) {
        js("const c = document.querySelectorAll('.train-count')[arguments[0]]; c.value = arguments[1];"
                + "c.dispatchEvent(new Event('change'));", layer, neurons);
        await(20).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith(shape));
    }

    private static String graph(String name) {
        Object v = js("return document.getElementById('train-graph').dataset[arguments[0]] || '0'", name);
        return (String) v;
    }

    private static String epoch() {
        return (String) js("return document.getElementById('view-train').dataset.epoch");
    }

    /** The session's model as the server exports it now. */
    private static Model model() {
        String text = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const page = document.querySelector('meta[name=nnpaint-page]').content;"
                        + "const session = document.getElementById('view-train').dataset.session;"
                        + "fetch('/api/train/model?page=' + page + '&session=' + session).then(r => r.text()).then(done);");
        return ModelJson.fromJson(text, "export").model();
    }

    /** A hash of the boundary canvas's pixels. */
    private static long boundaryPixels() {
        return ((Number) js("const c = document.getElementById('train-boundary');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 0; for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) % 2147483647; return h;"))
                .longValue();
    }

    /** Pixels of the boundary canvas, as RGBA bytes, to count how many change. */
    private static List<?> boundaryRgba() {
        return (List<?>) js("const c = document.getElementById('train-boundary');"
                + "return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);");
    }

    /** Moves the pointer (in the window's coordinates) to the middle of the link from input {@code from} to hidden neuron {@code to}. */
    private static void hoverLink(int from, int to) {
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js("const a = document.querySelectorAll('#train-inputs canvas')[arguments[0]].getBoundingClientRect();"
                + "const b = document.querySelectorAll('#train-layers .train-layer')[0]"
                + ".querySelectorAll('canvas')[arguments[1]].getBoundingClientRect();"
                + "const x = (a.right + b.left) / 2, y = (a.top + a.height / 2 + b.top + b.height / 2) / 2;"
                + "return [x, y];", from, to);
        new Actions(driver).moveToLocation(at.get(0).intValue(), at.get(1).intValue()).perform();
    }

    private static void screenshot(String name) throws java.io.IOException {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            Files.createDirectories(Path.of(folder));
            Files.write(Path.of(folder, name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    @Order(1)
    void theInputsAndTheOutputHavePicturesAndTheLinksFollowTheWeights() {
        assertThat(driver.findElements(By.cssSelector("#train-inputs canvas"))).hasSize(2);
        assertThat(driver.findElements(By.cssSelector("#train-outputs canvas"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("#train-inputs canvas")).getAttribute("title")).isEqualTo("x");
        // the x picture runs from orange (left) to blue (right)
        @SuppressWarnings("unchecked")
        List<Number> x = (List<Number>) js("const c = document.querySelector('#train-inputs canvas');"
                + "const g = c.getContext('2d'); const w = c.width;"
                + "const l = g.getImageData(0, w / 2, 1, 1).data, r = g.getImageData(w - 1, w / 2, 1, 1).data;"
                + "return [l[0], l[2], r[0], r[2]];");
        assertThat(x.get(0).intValue()).isGreaterThan(x.get(1).intValue() + 100); // orange on the left
        assertThat(x.get(3).intValue()).isGreaterThan(x.get(2).intValue() + 100); // blue on the right
        // links are drawn on the canvas behind the neurons: coloured pixels between the columns
        long coloured = ((Number) js("const c = document.getElementById('train-links');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 40) n++; return n;")).longValue();
        assertThat(coloured).isGreaterThan(500);
        assertThat(driver.findElement(By.id("train-links-hint")).getText()).doesNotContain("drawn");
    }

    @Test
    @Order(2)
    void hoveringALinkShowsItsWeight() {
        Model model = model();
        hoverLink(0, 0);
        WebElement tip = driver.findElement(By.id("train-link-tip"));
        await(5).until(d -> tip.isDisplayed());
        int layer = Integer.parseInt(tip.getAttribute("data-layer"));
        int row = Integer.parseInt(tip.getAttribute("data-row"));
        int col = Integer.parseInt(tip.getAttribute("data-col"));
        assertThat(layer).isZero();
        float weight = model.layers().get(layer).weight(row, col);
        assertThat(Float.parseFloat(tip.getAttribute("data-value"))).isEqualTo(weight);
        String shown = String.format(Locale.ROOT, "%.4f", Math.abs(weight));
        assertThat(tip.getText()).startsWith("W[1] row " + (row + 1) + ", column " + (col + 1) + ": ")
                .contains(col == 0 ? "x \u2192 h1." + (row + 1) : "y \u2192 h1." + (row + 1)).contains(shown);
    }

    @Test
    @Order(3)
    void aClickedLinkIsEditedAndTheBoundaryChangesWhilePaused() throws Exception {
        assertThat(driver.findElement(By.id("train-play")).getText()).isEqualTo("Play");
        String epochBefore = epoch();
        long before = boundaryPixels();
        List<?> rgbaBefore = boundaryRgba();
        hoverLink(0, 0);
        WebElement tip = driver.findElement(By.id("train-link-tip"));
        await(5).until(d -> tip.isDisplayed());
        int row = Integer.parseInt(tip.getAttribute("data-row"));
        int col = Integer.parseInt(tip.getAttribute("data-col"));
        new Actions(driver).click().perform();
        WebElement value = driver.findElement(By.id("train-weight-value"));
        await(5).until(d -> value.isDisplayed());
        value.sendKeys(Keys.chord(Keys.CONTROL, "a"), "-6.5", Keys.ENTER);
        await(20).until(d -> graph("edits").equals("1") && boundaryPixels() != before);
        assertThat(epoch()).isEqualTo(epochBefore); // paused: nothing trained
        assertThat(model().layers().get(0).weight(row, col)).isEqualTo(-6.5f);
        editedRow = row;
        editedCol = col;
        List<?> rgbaAfter = boundaryRgba();
        int changed = 0;
        for (int i = 0; i < rgbaAfter.size(); i += 4) {
            if (!rgbaAfter.get(i).equals(rgbaBefore.get(i)) || !rgbaAfter.get(i + 2).equals(rgbaBefore.get(i + 2))) {
                changed++;
            }
        }
        assertThat(changed).as("boundary pixels changed by the edit").isGreaterThan(1000);
        // the hover now reads the new value
        hoverLink(0, 0);
        await(5).until(d -> tip.isDisplayed() && tip.getAttribute("data-row").equals(String.valueOf(row))
                && tip.getAttribute("data-col").equals(String.valueOf(col)));
        assertThat(tip.getText()).contains("\u22126.5000");
    }

    @Test
    @Order(4)
    void hoveringANeuronShowsItsPictureLarge() {
        WebElement neuron = driver.findElements(By.cssSelector("#train-layers .train-layer")).get(1)
                .findElements(By.tagName("canvas")).get(2);
        new Actions(driver).moveToElement(neuron).perform();
        WebElement zoom = driver.findElement(By.id("train-neuron-zoom"));
        await(5).until(d -> zoom.isDisplayed());
        assertThat(zoom.getText()).startsWith("h2.3 \u00b7 bias ");
        WebElement big = zoom.findElement(By.tagName("canvas"));
        assertThat(big.getSize().getWidth()).isGreaterThanOrEqualTo(180);
        // the large picture is the neuron's own
        Object same = js("const a = arguments[0], b = arguments[1];"
                + "const p = a.getContext('2d').getImageData(0, 0, a.width, a.height).data;"
                + "const q = b.getContext('2d').getImageData(0, 0, b.width, b.height).data;"
                + "return p.length === q.length && p.every((v, i) => v === q[i]);", neuron, big);
        assertThat(same).isEqualTo(true);
        new Actions(driver).moveToElement(driver.findElement(By.id("train-boundary"))).perform();
        await(5).until(d -> !zoom.isDisplayed());
    }

    @Test
    @Order(5)
    void theMathsShowTheShapesOfA2431NetworkWithBatch16() throws Exception {
        assertThat(driver.findElement(By.id("train-maths")).isDisplayed()).isFalse();
        driver.findElement(By.id("train-show-maths")).click();
        WebElement maths = driver.findElement(By.id("train-maths"));
        await(5).until(d -> maths.isDisplayed());
        String[][] expected = {
                {"A[0]", "2 \u00d7 16"}, {"W[1]", "4 \u00d7 2"}, {"b[1]", "4 \u00d7 1"}, {"Z[1]", "4 \u00d7 16"},
                {"W[2]", "3 \u00d7 4"}, {"A[2]", "3 \u00d7 16"}, {"W[3]", "1 \u00d7 3"}, {"A[3]", "1 \u00d7 16"},
                {"Y", "1 \u00d7 16"}, {"dZ[3]", "1 \u00d7 16"}, {"dW[3]", "1 \u00d7 3"}, {"db[3]", "1 \u00d7 1"},
                {"dA[2]", "3 \u00d7 16"}, {"dW[1]", "4 \u00d7 2"}, {"dA[1]", "4 \u00d7 16"},
        };
        for (String[] e : expected) {
            WebElement cell = maths.findElement(By.cssSelector("[data-of='" + e[0] + "']"));
            assertThat(cell.getText()).as(e[0]).endsWith(": " + e[1]);
        }
        assertThat(maths.findElements(By.cssSelector("[data-of='dA[0]']"))).isEmpty();
        String text = maths.getText();
        assertThat(text).contains("binary cross-entropy").contains("m = 16 samples an update")
                .contains("g = tanh in the hidden layers, sigmoid at the output");
        // the sub- and superscripts are HTML, not text
        assertThat(maths.findElements(By.tagName("sup")).size()).isGreaterThan(30);
        screenshot("serve-train-maths");
    }

    @Test
    @Order(6)
    void theEditedNetworkTrainsOnAndAWideNetworkCapsItsLinks() throws Exception {
        driver.findElement(By.id("train-show-maths")).click();
        driver.findElement(By.id("train-play")).click();
        await(60).until(d -> Integer.parseInt(epoch()) >= 40);
        driver.findElement(By.id("train-play")).click();
        await(10).until(d -> driver.findElement(By.id("train-play")).getText().equals("Play"));
        float trained = model().layers().get(0).weight(editedRow, editedCol);
        assertThat(trained).isNotEqualTo(-6.5f);
        assertThat(Double.parseDouble((String) js("return document.getElementById('view-train').dataset.testAccuracy")))
                .isGreaterThan(0.8);
        hoverLink(1, 2);
        await(5).until(d -> driver.findElement(By.id("train-link-tip")).isDisplayed());
        screenshot("serve-train-network");

        // 64 and 64: 2 x 64 + 64 x 64 + 64 links, of which the 400 strongest of each layer are drawn
        setLayer(0, 64, "2-64-3-1");
        setLayer(1, 64, "2-64-64-1");
        await(20).until(d -> Integer.parseInt(graph("links")) == 2 * 64 + 400 + 64);
        assertThat(driver.findElement(By.id("train-links-hint")).getText())
                .contains("592 of 4,288 drawn").contains("400 strongest");

        // a value out of range is refused on the page, and nothing changes on the server
        hoverLink(1, 1);
        WebElement tip = driver.findElement(By.id("train-link-tip"));
        await(5).until(d -> tip.isDisplayed());
        assertThat(tip.getAttribute("data-layer")).isEqualTo("0");
        int row = Integer.parseInt(tip.getAttribute("data-row"));
        int col = Integer.parseInt(tip.getAttribute("data-col"));
        float before = model().layers().get(0).weight(row, col);
        new Actions(driver).click().perform();
        WebElement value = driver.findElement(By.id("train-weight-value"));
        await(5).until(d -> value.isDisplayed());
        value.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1000", Keys.ENTER);
        await(5).until(d -> "true".equals(value.getAttribute("aria-invalid")));
        assertThat(driver.findElement(By.id("status")).getText()).contains("weight: a weight from -100 to 100");
        value.sendKeys(Keys.ESCAPE);
        await(5).until(d -> !value.isDisplayed());
        assertThat(model().layers().get(0).weight(row, col)).isEqualTo(before);
    }

    @Test
    @Order(7)
    void theInputColumnShowsOneNeuronPerEnabledFeature() {
        driver.findElement(By.id("train-feature-x2")).click();
        await(20).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("3-64-64-1"));
        await(20).until(d -> Integer.parseInt(graph("links")) == 3 * 64 + 400 + 64);
        List<WebElement> inputs = driver.findElements(By.cssSelector("#train-inputs canvas"));
        assertThat(inputs).hasSize(3);
        assertThat(inputs.get(2).getAttribute("title")).isEqualTo("x\u00b2");
        // x² is never negative: no orange anywhere, and blue of several strengths (x² varies over the square)
        @SuppressWarnings("unchecked")
        List<Number> picture = (List<Number>) js("const c = arguments[0];"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let orange = 0, low = 255, high = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i] > d[i + 2]) orange++;"
                + "low = Math.min(low, d[i + 2]); high = Math.max(high, d[i + 2]); }"
                + "return [c.width, orange, high - low];", inputs.get(2));
        assertThat(picture.get(0).intValue()).isEqualTo(TrainSnapshot.NEURON_SIDE);
        assertThat(picture.get(1).intValue()).isZero();
        assertThat(picture.get(2).intValue()).isGreaterThan(100);
        driver.findElement(By.id("train-feature-x2")).click();
        await(20).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith("2-64-64-1"));
    }

    @Test
    @Order(8)
    void tenLayersOf64RedrawWhileTraining() {
        for (int layers = 3; layers <= 10; layers++) {
            driver.findElement(By.id("train-add-layer")).click();
            String shape = "2" + "-64".repeat(layers) + "-1";
            await(30).until(d -> driver.findElement(By.id("train-shape")).getText().startsWith(shape));
        }
        await(20).until(d -> Integer.parseInt(graph("links")) == 2 * 64 + 9 * 400 + 64);
        String hint = driver.findElement(By.id("train-links-hint")).getText();
        assertThat(hint).contains("3,792 of 37,056 drawn");
        int count0 = Integer.parseInt((String) js("return document.getElementById('view-train').dataset.redrawCount"));
        long t0 = System.nanoTime();
        driver.findElement(By.id("train-play")).click();
        await(60).until(d -> Integer.parseInt((String) js(
                "return document.getElementById('view-train').dataset.redrawCount")) >= count0 + 10);
        double seconds = (System.nanoTime() - t0) / 1e9;
        driver.findElement(By.id("train-play")).click();
        // reported, not asserted: the machine may be loaded
        System.out.printf(Locale.ROOT, "train network 10x64: %.1f redraws a second, links drawn in %s ms%n",
                10 / seconds, graph("drawMillis"));
        assertThat(Double.parseDouble(graph("drawMillis"))).isPositive();
    }
}
