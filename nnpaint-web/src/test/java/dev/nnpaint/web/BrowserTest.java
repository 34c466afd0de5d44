package dev.nnpaint.web;

import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.Recipe;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer in a real browser: Debian's headless Chromium driven through its own chromedriver (never a
 * downloaded one). Without Chromium these tests fail and say what to install, unless
 * {@code -Dnnpaint.browserTests=skip} is given.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class BrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        // older pictures in the gallery, so that the one the test saves has neighbours
        long minute = 0;
        for (String recipe : new String[] {
                "{\"seed\": 5, \"color\": \"palette:twilight\", \"width\": 300, \"height\": 200}",
                "{\"seed\": 9, \"activations\": [\"mix:tanh,sin,gaussian\"], \"width\": 300, \"height\": 200}",
                "{\"seed\": 2, \"color\": \"hsv\", \"extent\": 2, \"width\": 300, \"height\": 200}"}) {
            java.net.http.HttpResponse<String> saved = server.post("/api/gallery?page=preparation",
                    "{\"recipe\": " + recipe + "}");
            assertThat(saved.statusCode()).isEqualTo(201);
            // the list is ordered by modification time: these are a day old, a minute apart
            String name = Http.JSON.readTree(saved.body()).get("name").asText();
            Files.setLastModifiedTime(server.gallery.resolve(name), java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 86_400_000L + 60_000L * minute++));
        }
        downloads = Files.createDirectories(dir.resolve("downloads"));
        driver = HeadlessChromium.open(dir, 1400, 1000);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    /** Waits until the canvas shows the full-resolution picture of the recipe the controls hold. */
    private static void awaitFinalPicture() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js(
                "const c = document.getElementById('canvas');"
                        + "return window.nnpaint !== undefined && c.dataset.state === 'final'"
                        + " && c.dataset.recipe === JSON.stringify(window.nnpaint.recipe());")));
    }

    /** Waits until the stats panel describes the recipe the controls hold. */
    private static void awaitStats() {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(js(
                "return document.getElementById('stats').dataset.recipe === JSON.stringify(window.nnpaint.recipe());")));
    }

    /** A hash of the canvas pixels, and how many distinct colours a coarse sample of them holds. */
    private static String pixels() {
        return (String) js("const c = document.getElementById('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 2166136261; const colours = new Set();"
                + "for (let i = 0; i < d.length; i++) { h = Math.imul(h ^ d[i], 16777619) >>> 0; }"
                + "for (let i = 0; i < d.length; i += 4 * 97) colours.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);"
                + "return c.width + 'x' + c.height + ':' + h.toString(16) + ':' + colours.size;");
    }

    private static int colours(String pixels) {
        return Integer.parseInt(pixels.substring(pixels.lastIndexOf(':') + 1));
    }

    private static Recipe pageRecipe() {
        return RecipeJson.fromJson((String) js("return JSON.stringify(window.nnpaint.recipe());"), "page");
    }

    @Test
    @Order(1)
    void thePageLoadsAndPaintsTheDefaultRecipeWithItsStats() throws Exception {
        driver.get(server.uri("/").toString());
        awaitFinalPicture();
        String p = pixels();
        assertThat(p).startsWith("512x512:");
        assertThat(colours(p)).as("distinct colours in the picture").isGreaterThan(200);
        assertThat(pageRecipe()).isEqualTo(Recipe.defaults());
        awaitStats();
        assertThat(driver.findElement(By.id("stat-phase")).getText()).isEqualTo("chaotic");
        assertThat(Double.parseDouble(driver.findElement(By.id("stat-chi1")).getText())).isGreaterThan(1);
        assertThat(driver.findElement(By.id("grey-goo")).isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void movingAControlRepaintsTheCanvasAndUndoBringsItBack() throws Exception {
        String before = pixels();
        WebElement gain = driver.findElement(By.id("gain"));
        for (int i = 0; i < 30; i++) {
            gain.sendKeys(Keys.ARROW_RIGHT);
        }
        awaitFinalPicture();
        assertThat(pageRecipe().gain()).isEqualTo(1.3, org.assertj.core.api.Assertions.within(1e-9));
        String after = pixels();
        assertThat(after).isNotEqualTo(before);
        assertThat(colours(after)).isGreaterThan(200);

        driver.findElement(By.id("undo")).click();
        awaitFinalPicture();
        assertThat(pageRecipe().gain()).isEqualTo(1.0);
        assertThat(pixels()).isEqualTo(before);
        driver.findElement(By.id("redo")).click();
        awaitFinalPicture();
        assertThat(pixels()).isEqualTo(after);
        awaitStats();
        screenshot("paint");
    }

    @Test
    @Order(3)
    void draggingPansAndTheWheelZooms() {
        WebElement canvas = driver.findElement(By.id("canvas"));
        String before = pixels();
        new Actions(driver).moveToElement(canvas).clickAndHold().moveByOffset(64, 0).moveByOffset(64, 0)
                .release().perform();
        awaitFinalPicture();
        Recipe panned = pageRecipe();
        // 128 pixels to the right on a 512-pixel canvas of half-width 1: the view's centre moves 0.5 to the left
        assertThat(panned.centerX()).isCloseTo(-0.5, org.assertj.core.api.Assertions.within(0.02));
        assertThat(panned.centerY()).isCloseTo(0.0, org.assertj.core.api.Assertions.within(0.02));
        String afterPan = pixels();
        assertThat(afterPan).isNotEqualTo(before);

        new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas), 0, -300).perform();
        awaitFinalPicture();
        Recipe zoomed = pageRecipe();
        assertThat(zoomed.extent()).isLessThan(0.8);
        // the point under the cursor (the canvas centre) stays put
        assertThat(zoomed.centerX()).isCloseTo(panned.centerX(), org.assertj.core.api.Assertions.within(0.01));
        assertThat(pixels()).isNotEqualTo(afterPan);
    }

    @Test
    @Order(4)
    void theInstantPictureWhileRotatingAndZoomingMatchesTheRenderedOne() {
        for (String wheel : new String[] {"{deltaY: 400, shiftKey: true}", "{deltaY: -250, clientX: 300, clientY: 200}"}) {
            awaitFinalPicture();
            // the canvas's middle half right after the wheel (drawn from the last picture, no render has landed)
            // and once the new picture has rendered: the same picture, up to resampling
            String middle = "const c = document.getElementById('canvas'), w = c.width / 2, h = c.height / 2;"
                    + "return Array.from(c.getContext('2d').getImageData(w / 2, h / 2, w, h).data);";
            @SuppressWarnings("unchecked")
            List<Number> before = (List<Number>) js(middle);
            @SuppressWarnings("unchecked")
            List<Number> instant = (List<Number>) js("const c = document.getElementById('canvas'), b = c.getBoundingClientRect();"
                    + "const e = " + wheel + ";"
                    + "c.dispatchEvent(new WheelEvent('wheel', {deltaY: e.deltaY, shiftKey: !!e.shiftKey, bubbles: true,"
                    + " cancelable: true, clientX: b.left + (e.clientX || b.width / 2), clientY: b.top + (e.clientY || b.height / 2)}));"
                    + middle.replace("const c = document.getElementById('canvas'), ", "const "));
            awaitFinalPicture();
            @SuppressWarnings("unchecked")
            List<Number> rendered = (List<Number>) js(middle);
            double moved = meanDifference(before, rendered);
            double instantError = meanDifference(instant, rendered);
            assertThat(moved).as(wheel + ": the view changed").isGreaterThan(15);
            assertThat(instantError).as(wheel + ": instant picture against the rendered one (view change " + moved + ")")
                    .isLessThan(moved / 10);
        }
    }

    private static double meanDifference(List<Number> a, List<Number> b) {
        assertThat(a).hasSameSizeAs(b);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.abs(a.get(i).intValue() - b.get(i).intValue());
        }
        return sum / a.size();
    }

    @Test
    @Order(5)
    void aShareLinkOpenedInANewPageGivesTheSamePicture() {
        new Select(driver.findElement(By.id("color-mode"))).selectByValue("palette");
        awaitFinalPicture();
        driver.findElement(By.id("share")).click();
        String link = driver.findElement(By.id("share-link")).getAttribute("value");
        assertThat(link).contains("?recipe=").contains("palette%3A");
        Recipe original = pageRecipe();
        String picture = pixels();
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            driver.get(link);
            awaitFinalPicture();
            assertThat(pageRecipe()).isEqualTo(original);
            assertThat(pixels()).isEqualTo(picture);
        } finally {
            driver.close();
            driver.switchTo().window(first);
        }
    }

    @Test
    @Order(6)
    void aDownloadedPngDecodesAtTheAskedSizeWithTheRecipeInside() throws Exception {
        setNumber("dl-width", 300);
        setNumber("dl-height", 200);
        awaitFinalPicture();
        Recipe expected = pageRecipe();
        assertThat(expected.width()).isEqualTo(300);
        driver.findElement(By.id("download")).click();
        Path png = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> finishedDownload());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(image.getHeight()).isEqualTo(200);
        assertThat(TestServer.recipeInside(Files.readAllBytes(png), dir)).isEqualTo(expected);
        assertThat(png.getFileName().toString()).isEqualTo("nnpaint-1-300x200.png");
    }

    @Test
    @Order(7)
    void savingToTheGalleryListsThePictureAndOpeningItRestoresTheRecipe() throws Exception {
        Recipe saved = pageRecipe();
        driver.findElement(By.id("save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
                d.findElement(By.id("status")).getText().startsWith("saved "));
        driver.findElement(By.id("new-seed")).click();
        awaitFinalPicture();
        assertThat(pageRecipe().seed()).isNotEqualTo(saved.seed());
        driver.findElement(By.cssSelector("#tabs a[data-view=gallery]")).click();
        WebElement item = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                d.findElements(By.cssSelector("#gallery-list li[data-name]")).stream().findFirst().orElse(null));
        assertThat(item.getAttribute("data-name")).startsWith("nnpaint-1-");
        assertThat(driver.findElements(By.cssSelector("#gallery-list li[data-name]"))).hasSize(4);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js(
                "return Array.from(document.querySelectorAll('#gallery-list img'))"
                        + ".every(i => i.complete && i.naturalWidth > 0);")));
        screenshot("gallery");
        item.click();
        awaitFinalPicture();
        assertThat(pageRecipe()).isEqualTo(saved);
    }

    @Test
    @Order(8)
    void aHandWrittenLinkWithSomeFieldsOpensWithTheRestAtTheirDefaults() {
        driver.get(server.uri("/?recipe=" + TestServer.encode("{\"seed\": 12, \"color\": \"hsv\"}")).toString());
        awaitFinalPicture();
        assertThat(pageRecipe()).isEqualTo(Recipe.builder().seed(12).color("hsv").build());
        assertThat(colours(pixels())).isGreaterThan(200);
    }

    /**
     * With {@code -Dnnpaint.screenshots=FOLDER}, saves what the browser shows as FOLDER/serve-NAME.png: the
     * README's pictures of the explorer come from these tests.
     */
    @Test
    @Order(9)
    void anOrderedDeepNetworkShowsTheGreyGooWarning() throws Exception {
        driver.get(server.uri("/?recipe=" + TestServer.encode("{\"seed\": 3, \"hidden\": [16, 16, 16, 16, 16, 16], "
                + "\"activations\": [\"relu\"], \"weights\": \"scaled-normal:0.5\", \"biases\": \"normal:0.05\"}"))
                .toString());
        awaitFinalPicture();
        awaitStats();
        assertThat(driver.findElement(By.id("grey-goo")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("stat-phase")).getText()).isEqualTo("ordered");
        assertThat(driver.findElement(By.cssSelector("#verdicts p")).getAttribute("data-kind")).isEqualTo("grey goo");
        assertThat(colours(pixels())).as("grey goo: one flat colour").isLessThanOrEqualTo(2);
        screenshot("greygoo");
    }

    @Test
    @Order(10)
    void latentSlidersAppearWithZAndBadValuesAreNamedInTheStatusLine() {
        driver.get(server.uri("/").toString());
        awaitFinalPicture();
        WebElement zDim = driver.findElement(By.id("zdim"));
        zDim.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        awaitFinalPicture();
        Recipe withZ = pageRecipe();
        assertThat(withZ.inputs()).containsExactly("x", "y", "r", "z");
        assertThat(withZ.z()).hasSize(2);
        List<WebElement> sliders = driver.findElements(By.cssSelector("#z-sliders input"));
        assertThat(sliders).hasSize(2);
        String before = pixels();
        for (int i = 0; i < 50; i++) {
            sliders.get(0).sendKeys(Keys.ARROW_RIGHT);
        }
        awaitFinalPicture();
        assertThat(pageRecipe().z()[0]).isCloseTo(withZ.z()[0] + 0.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(pixels()).isNotEqualTo(before);

        setText("hidden", "32,x");
        assertThat(driver.findElement(By.id("status")).getText())
                .isEqualTo("hidden sizes: expected positive integers such as 64,32,16");
        for (WebElement box : driver.findElements(By.cssSelector("#inputs input:checked"))) {
            box.click();
        }
        zDim.sendKeys(Keys.HOME);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                "error".equals(d.findElement(By.id("canvas")).getAttribute("data-state")));
        assertThat(driver.findElement(By.id("status")).getText())
                .isEqualTo("recipe: inputs: at least one of x, y, r, z, bias is needed");
    }

    private static void setText(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    private static void screenshot(String name) throws java.io.IOException {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(Files.createDirectories(Path.of(folder)).resolve("serve-" + name + ".png"), png);
        }
    }

    private static void setNumber(String id, int value) {
        WebElement input = driver.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Integer.toString(value), Keys.TAB);
    }

    private static Path finishedDownload() {
        try (Stream<Path> files = Files.list(downloads)) {
            List<Path> pngs = files.filter(f -> f.getFileName().toString().endsWith(".png")).toList();
            return pngs.isEmpty() ? null : pngs.get(0);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Selenium's Select, named here to keep the imports short. */
    private static final class Select extends org.openqa.selenium.support.ui.Select {
        Select(WebElement element) {
            super(element);
        }
    }
}
