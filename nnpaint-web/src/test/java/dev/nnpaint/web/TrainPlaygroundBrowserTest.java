package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The train view's lessons in headless Chromium: feature inputs, rewinding to the same start, the settings in a
 * link, the presets, divergence, regression's surface and legend, the plot's axes and the loss readout. Waits poll
 * the section's data- attributes with deadlines.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class TrainPlaygroundBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1500, 950);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    @BeforeEach
    void freshPage() {
        driver.get(server.uri("/#train").toString());
        await(30).until(d -> !data("epoch").isEmpty());
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    private static WebDriverWait await(int seconds) {
        return HeadlessChromium.await(driver, seconds);
    }

    private static String data(String name) {
        return (String) js("return document.getElementById('view-train').dataset[arguments[0]] || ''", name);
    }

    private static int epoch() {
        return Integer.parseInt(data("epoch"));
    }

    private static JsonNode config() throws Exception {
        return Http.JSON.readTree(data("config"));
    }

    private static void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private static void change(String id, String value) {
        js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));", id, value);
    }

    /** Chooses a preset and waits for its session. */
    private static void preset(String name) {
        String session = data("session");
        new Select(driver.findElement(By.id("train-preset"))).selectByValue(name);
        await(30).until(d -> data("preset").equals(name) && !data("session").equals(session) && !data("epoch").isEmpty());
    }

    /** Plays until at least {@code epochs} epochs show, then pauses and waits for the last epoch trained to show. */
    private static void playTo(int epochs, int seconds) {
        click("train-play");
        await(seconds).until(d -> epoch() >= epochs);
        click("train-play");
        await(30).until(d -> driver.findElement(By.id("train-play")).getText().equals("Play")
                && data("running").equals("false"));
    }

    /** With {@code -Dnnpaint.screenshots=FOLDER}, saves what the browser shows as FOLDER/serve-NAME.png. */
    private static void screenshot(String name) throws java.io.IOException {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(
                    org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(java.nio.file.Files.createDirectories(Path.of(folder))
                    .resolve("serve-" + name + ".png"), png);
        }
    }

    private static String boundaryPicture() {
        return (String) js("return document.getElementById('train-boundary').toDataURL()");
    }

    private static List<Double> losses() throws Exception {
        List<Double> out = new ArrayList<>();
        for (JsonNode n : Http.JSON.readTree(data("losses"))) {
            out.add(n.asDouble());
        }
        return out;
    }

    @Test
    void xSquaredAndYSquaredAloneSolveCirclesWithNoHiddenLayer() throws Exception {
        change("train-data", "circles");
        await(30).until(d -> data("data").equals("circles"));
        // no hidden layer, and only the features x² and y²
        while (!config().get("hidden").isEmpty()) {
            String session = data("session");
            click("train-remove-layer");
            await(30).until(d -> !data("session").equals(session));
        }
        for (String f : new String[] {"x2", "y2", "x", "y"}) {
            String session = data("session");
            click("train-feature-" + f);
            await(30).until(d -> !data("session").equals(session));
        }
        JsonNode c = config();
        assertThat(c.get("features").toString()).isEqualTo("[\"x2\",\"y2\"]");
        assertThat(c.get("hidden").size()).isZero();
        assertThat(driver.findElement(By.id("train-shape")).getText()).startsWith("2-1 (inputs x\u00b2, y\u00b2)");
        click("train-play");
        await(120).until(d -> !data("testAccuracy").isEmpty() && Double.parseDouble(data("testAccuracy")) >= 0.95);
        assertThat(Double.parseDouble(data("testAccuracy"))).isGreaterThanOrEqualTo(0.95);
        click("train-play");
        await(30).until(d -> data("running").equals("false"));
        var curves = driver.findElement(By.id("train-curves"));
        new Actions(driver).moveToElement(curves, -curves.getSize().getWidth() / 4, 0).perform();
        await(10).until(d -> data("curveRead").startsWith("epoch "));
        screenshot("train-playground");
    }

    @Test
    void aFeatureSetCannotBeEmpty() throws Exception {
        String first = data("session");
        click("train-feature-x");
        await(30).until(d -> !data("session").equals(first));
        String session = data("session");
        click("train-feature-y");
        await(10).until(d -> driver.findElement(By.id("status")).getText().contains("at least one input feature"));
        assertThat(driver.findElement(By.id("train-feature-y")).isSelected()).isTrue();
        assertThat(config().get("features").toString()).isEqualTo("[\"y\"]");
        assertThat(data("session")).isEqualTo(session);
    }

    @Test
    void rewindReproducesTheFirstFiftyEpochsBitForBit() throws Exception {
        // adam on mini-batches: the weights, the data and the batches' order all have to come back
        playTo(50, 120);
        List<Double> first = losses();
        assertThat(first.size()).isGreaterThan(50);
        assertThat(data("stride")).isEqualTo("1");
        String session = data("session");
        click("train-reset");
        await(30).until(d -> !data("session").equals(session) && epoch() == 0);
        assertThat(config().get("seed").asLong()).isEqualTo(1);
        playTo(50, 120);
        List<Double> again = losses();
        assertThat(again.subList(0, 51)).isEqualTo(first.subList(0, 51));
        // the losses move: the comparison is of a run that trains, not of a constant
        assertThat(first.get(50)).isLessThan(first.get(0));
    }

    @Test
    void aNewInitialisationShowsItsSeedAndStartsFromOtherWeightsOnTheSameData() throws Exception {
        String boundary = boundaryPicture();
        String pointsBefore = data("points");
        assertThat(pointsBefore).isNotEmpty();
        String session = data("session");
        click("train-reinit");
        await(30).until(d -> !data("session").equals(session) && epoch() == 0);
        long seed = config().get("seed").asLong();
        assertThat(seed).isNotEqualTo(1);
        assertThat(driver.findElement(By.id("train-seed")).getAttribute("value")).isEqualTo(Long.toString(seed));
        assertThat(config().get("dataSeed").asLong()).isEqualTo(1);
        // other weights paint another boundary at epoch 0 over the same points
        assertThat(boundaryPicture().equals(boundary)).as("another boundary").isFalse();
        assertThat(data("points")).isEqualTo(pointsBefore);
    }

    @Test
    void newDataKeepsTheWeightsSeedAndDrawsOtherSamples() throws Exception {
        String points = data("points");
        String session = data("session");
        click("train-new-data");
        await(30).until(d -> !data("session").equals(session) && epoch() == 0);
        long dataSeed = config().get("dataSeed").asLong();
        assertThat(dataSeed).isNotEqualTo(1);
        assertThat(driver.findElement(By.id("train-data-seed")).getAttribute("value"))
                .isEqualTo(Long.toString(dataSeed));
        assertThat(config().get("seed").asLong()).isEqualTo(1);
        assertThat(data("points")).isNotEqualTo(points);
    }

    @Test
    void aCopiedTrainLinkRestoresEveryControlInANewPage() throws Exception {
        change("train-data", "spiral");
        await(30).until(d -> data("data").equals("spiral"));
        Map<String, String> set = new LinkedHashMap<>();
        set.put("train-classes", "3");
        set.put("train-noise", "0.35");
        set.put("train-samples", "600");
        set.put("train-test", "0.3");
        set.put("train-data-seed", "7");
        set.put("train-activation", "relu");
        set.put("train-init", "normal:0.1");
        set.put("train-optimizer", "momentum");
        set.put("train-rate", "0.03");
        set.put("train-batch", "24");
        set.put("train-reg", "l2");
        set.put("train-reg-rate", "0.003");
        set.put("train-seed", "42");
        for (Map.Entry<String, String> e : set.entrySet()) {
            String session = data("session");
            change(e.getKey(), e.getValue());
            await(30).until(d -> !data("session").equals(session));
        }
        String session = data("session");
        click("train-add-layer");
        await(30).until(d -> !data("session").equals(session));
        String before = data("session");
        click("train-feature-x");
        await(30).until(d -> !data("session").equals(before));
        JsonNode config = config();
        assertThat(config.get("features").toString()).isEqualTo("[\"y\"]");
        assertThat(config.get("hidden").toString()).isEqualTo("[6,6,6]");

        click("train-copy-link");
        await(10).until(d -> !data("link").isEmpty());
        String link = data("link");
        assertThat(link).contains("train=").endsWith("#train").doesNotContain("token");
        // the address bar holds the same settings: a reload restores them too
        assertThat((String) js("return location.href")).isEqualTo(link);

        driver.get("about:blank");
        driver.get(link);
        await(30).until(d -> !data("epoch").isEmpty() && !data("config").isEmpty());
        assertThat(config()).isEqualTo(config);
        for (Map.Entry<String, String> e : set.entrySet()) {
            assertThat(driver.findElement(By.id(e.getKey())).getAttribute("value")).as(e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(new Select(driver.findElement(By.id("train-data"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("spiral");
        assertThat(driver.findElement(By.id("train-feature-x")).isSelected()).isFalse();
        assertThat(driver.findElement(By.id("train-feature-y")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("train-shape")).getText()).startsWith("1-6-6-6-3");
    }

    @Test
    void anOldLinksL2ReadsAsL2Regularisation() throws Exception {
        driver.get(server.uri("/?train=" + java.net.URLEncoder.encode("{\"l2\":0.01,\"seed\":5}",
                java.nio.charset.StandardCharsets.UTF_8) + "#train").toString());
        await(30).until(d -> !data("config").isEmpty());
        JsonNode c = config();
        assertThat(c.get("regularization").asText()).isEqualTo("l2");
        assertThat(c.get("regularizationRate").asDouble()).isEqualTo(0.01);
        assertThat(c.get("seed").asLong()).isEqualTo(5);
        assertThat(c.get("dataSeed").asLong()).isEqualTo(5);
        assertThat(driver.findElement(By.id("train-reg")).getAttribute("value")).isEqualTo("l2");
    }

    @Test
    void presetsLoadTheirSettings() throws Exception {
        Map<String, String[]> expected = new LinkedHashMap<>();
        // preset: data, hidden, features, activation, init, optimizer, learning rate
        expected.put("article", new String[] {"moons", "[25,50,50,25]", "[\"x\",\"y\"]", "relu", "normal:0.1", "gd",
            "0.01"});
        expected.put("grey-goo", new String[] {"moons", "[6,6]", "[\"x\",\"y\"]", "tanh", "normal:0.001", "sgd",
            "0.03"});
        expected.put("too-fast", new String[] {"plane", "[8]", "[\"x\",\"y\"]", "relu", "auto", "gd", "3"});
        expected.put("xor", new String[] {"xor", "[]", "[\"x\",\"y\"]", "tanh", "auto", "adam", "0.03"});
        expected.put("circles-features", new String[] {"circles", "[]", "[\"x2\",\"y2\"]", "tanh", "auto", "adam",
            "0.03"});
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            preset(e.getKey());
            JsonNode c = config();
            String[] v = e.getValue();
            assertThat(new String[] {c.get("data").asText(), c.get("hidden").toString(), c.get("features").toString(),
                c.get("activation").asText(), c.get("init").asText(), c.get("optimizer").asText(),
                c.get("learningRate").asText()}).as(e.getKey()).containsExactly(v);
            assertThat(driver.findElement(By.id("train-preset-about")).getText()).as(e.getKey()).isNotBlank();
            assertThat(driver.findElement(By.id("train-init")).getAttribute("value")).isEqualTo(v[4]);
        }
        JsonNode article = null;
        preset("article");
        article = config();
        assertThat(article.get("samples").asInt()).isEqualTo(1000);
        assertThat(article.get("noise").asDouble()).isEqualTo(0.2);
        assertThat(article.get("testRatio").asDouble()).isEqualTo(0.1);
        // a setting changed by hand leaves the lesson
        String session = data("session");
        change("train-rate", "0.1");
        await(30).until(d -> !data("session").equals(session));
        assertThat(data("preset")).isEmpty();
        assertThat(driver.findElement(By.id("train-preset-about")).getText()).isEmpty();
    }

    @Test
    void theArticlePresetReachesNinetyFivePercentTestAccuracy() throws Exception {
        preset("article");
        click("train-play");
        // about 5000 epochs at the view's pace of 150 a second, on a machine that may be busy
        await(600).until(d -> !data("testAccuracy").isEmpty() && Double.parseDouble(data("testAccuracy")) >= 0.95);
        assertThat(Double.parseDouble(data("testAccuracy"))).isGreaterThanOrEqualTo(0.95);
        assertThat(data("error")).isEmpty();
        click("train-play");
        await(30).until(d -> data("running").equals("false"));
        screenshot("train-article");
    }

    @Test
    void tooLargeALearningRateDivergesAndThePageSaysSo() throws Exception {
        preset("too-fast");
        click("train-play");
        await(120).until(d -> data("error").contains("diverged"));
        assertThat(data("finished")).isEqualTo("true");
        assertThat(driver.findElement(By.id("train-play")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("status")).getText()).contains("diverged").contains("rewind");
        // the losses before it diverged are still drawn, and they climbed
        assertThat(epoch()).isGreaterThan(0);
        assertThat(Double.parseDouble(data("trainLoss"))).isGreaterThan(1);
        assertThat(data("curveScale")).as("a thousandfold climb on a log scale").isEqualTo("log");
        screenshot("train-diverged");
        // rewind starts again from epoch 0, playable
        click("train-reset");
        await(30).until(d -> epoch() == 0 && data("error").isEmpty()
                && driver.findElement(By.id("train-play")).isEnabled());
    }

    @Test
    void regressionShowsAShadedSurfaceAndItsLegend() throws Exception {
        assertThat(data("legend")).isEmpty();
        assertThat(driver.findElement(By.id("train-legend-box")).isDisplayed()).isFalse();
        change("train-data", "hill");
        await(30).until(d -> data("data").equals("hill") && data("mode").equals("value"));
        assertThat(data("legend")).isEqualTo("shown");
        assertThat(driver.findElement(By.id("train-legend-box")).isDisplayed()).isTrue();
        double low = Double.parseDouble(driver.findElement(By.id("train-legend-low")).getText());
        double high = Double.parseDouble(driver.findElement(By.id("train-legend-high")).getText());
        assertThat(low).isLessThan(0.1);
        assertThat(high).isGreaterThan(0.9);
        playTo(150, 120);
        // the surface: shades from orange (low) to blue (high) over the plot, not one flat colour
        @SuppressWarnings("unchecked")
        List<Object> colours = (List<Object>) js("const c = document.getElementById('train-boundary');"
                + "const g = c.getContext('2d'); const out = [];"
                + "for (const [x, y] of [[0.02, 0.02], [0.5, 0.5], [0.98, 0.98], [0.02, 0.98]]) {"
                + "  const d = g.getImageData(Math.floor(x * c.width), Math.floor(y * c.height), 1, 1).data;"
                + "  out.push(d[0] + ',' + d[1] + ',' + d[2]); } return out;");
        assertThat(colours.get(1)).isNotEqualTo(colours.get(0));
        // the hill's top at the centre is high (blue: more blue than red), its corners low
        String[] centre = ((String) colours.get(1)).split(",");
        assertThat(Integer.parseInt(centre[2])).isGreaterThan(Integer.parseInt(centre[0]));
        assertThat(driver.findElement(By.id("train-acc")).getText()).isEqualTo("\u2013");
        screenshot("train-regression");
    }

    @Test
    void thePlotHasAxesAndTheToggles() throws Exception {
        List<String> xTicks = List.of(data("xTicks").split(" "));
        assertThat(xTicks).contains("0", "1").hasSizeGreaterThan(3);
        assertThat(data("yTicks").split(" ")).contains("0");
        // axes pixels drawn left of and below the plot
        long inked = (Long) js("const c = document.getElementById('train-axes');"
                + "const d = c.getContext('2d').getImageData(0, 0, 36, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        assertThat(inked).isGreaterThan(100);
        String plain = boundaryPicture();
        click("train-discretize");
        assertThat(boundaryPicture().equals(plain)).as("discretized differs").isFalse();
        click("train-discretize");
        click("train-show-test");
        assertThat(boundaryPicture().equals(plain)).as("without the test points differs").isFalse();
        click("train-show-test");
        assertThat(boundaryPicture().equals(plain)).as("both toggles back: the first picture").isTrue();
    }

    @Test
    void hoveringTheLossCurvesReadsAnEpochAndItsLosses() throws Exception {
        playTo(40, 120);
        List<Double> l = losses();
        var curves = driver.findElement(By.id("train-curves"));
        int width = curves.getSize().getWidth();
        // the pointer a quarter of the way along: the epoch there and its loss, as the curve holds them
        new Actions(driver).moveToElement(curves, -width / 2 + width / 4, 0).perform();
        await(10).until(d -> data("curveRead").startsWith("epoch "));
        String read = data("curveRead");
        int e = Integer.parseInt(read.substring("epoch ".length(), read.indexOf(':')));
        assertThat(e).isBetween(l.size() / 4 - 2, l.size() / 4 + 2);
        assertThat(read).contains(String.format(java.util.Locale.ROOT, "train loss %.4f", l.get(e)));
        assertThat(data("curveScale")).isEqualTo("linear");
        assertThat(driver.findElement(By.id("train-curve-read")).getText()).isEqualTo(read);
    }
}
