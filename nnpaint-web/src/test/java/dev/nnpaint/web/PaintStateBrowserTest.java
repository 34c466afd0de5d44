package dev.nnpaint.web;

import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.RecipeJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paint view's state in headless Chromium: undo steps are gestures on a slow machine, refused fields keep what
 * was typed with their message, Ctrl-Z in a text field is the field's, each view keeps its own status, and the
 * stats advice speaks in the page's words.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class PaintStateBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1400, 1000);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    @BeforeEach
    void freshPage() {
        driver.get(server.uri("/").toString());
        awaitFinalPicture();
    }

    @AfterEach
    void fullSpeed() {
        throttle(1);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    /** Slows the page's JavaScript down as a loaded machine would (1: full speed). */
    private static void throttle(int rate) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", rate));
    }

    private static void awaitFinalPicture() {
        HeadlessChromium.await(driver, 60).until(d -> Boolean.TRUE.equals(js(
                "const c = document.getElementById('canvas');"
                        + "return document.body.dataset.ready === 'true' && c.dataset.state === 'final'"
                        + " && c.dataset.recipe === JSON.stringify(window.nnpaint.recipe());")));
    }

    private static Recipe pageRecipe() {
        return RecipeJson.fromJson((String) js("return JSON.stringify(window.nnpaint.recipe());"), "page");
    }

    private static String status() {
        return driver.findElement(By.id("status")).getText();
    }

    private static void type(String id, String text) {
        driver.findElement(By.id(id)).sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    private static void undo() {
        driver.findElement(By.id("undo")).click();
        awaitFinalPicture();
    }

    @Test
    void onASlowMachineASliderGestureAndAWheelBurstAreEachOneUndoStep() {
        throttle(20);
        WebElement gain = driver.findElement(By.id("gain"));
        js("arguments[0].focus()", gain);
        // a person pressing the arrow key slowly: far longer between presses than any render or timer of the page
        Actions keys = new Actions(driver);
        for (int i = 0; i < 8; i++) {
            keys.sendKeys(Keys.ARROW_RIGHT).pause(Duration.ofMillis(400));
        }
        keys.perform();
        awaitFinalPicture();
        assertThat(pageRecipe().gain()).isEqualTo(1.08);

        WebElement canvas = driver.findElement(By.id("canvas"));
        Actions wheel = new Actions(driver);
        for (int i = 0; i < 4; i++) {
            wheel.scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas), 0, -60).pause(Duration.ofMillis(400));
        }
        wheel.perform();
        awaitFinalPicture();
        Recipe zoomed = pageRecipe();
        assertThat(zoomed.extent()).isLessThan(0.8);

        undo();
        assertThat(pageRecipe().extent()).as("one undo takes back the whole wheel burst").isEqualTo(1.0);
        assertThat(pageRecipe().gain()).isEqualTo(1.08);
        undo();
        assertThat(pageRecipe().gain()).as("one undo takes back all eight key presses").isEqualTo(1.0);
        assertThat(driver.findElement(By.id("undo")).isEnabled()).isFalse();
        driver.findElement(By.id("redo")).click();
        awaitFinalPicture();
        assertThat(pageRecipe().gain()).isEqualTo(1.08);
    }

    @Test
    void aSliderDraggedSlowlyIsOneUndoStep() {
        throttle(20);
        WebElement gain = driver.findElement(By.id("gain"));
        int width = gain.getSize().getWidth();
        // from the middle (gain 2 of 0..4) towards the left, in pauses
        new Actions(driver).moveToElement(gain, -width / 4, 0).clickAndHold().pause(Duration.ofMillis(400))
                .moveByOffset(-10, 0).pause(Duration.ofMillis(400)).moveByOffset(-10, 0).pause(Duration.ofMillis(400))
                .release().perform();
        awaitFinalPicture();
        assertThat(pageRecipe().gain()).isNotEqualTo(1.0);
        undo();
        assertThat(pageRecipe().gain()).isEqualTo(1.0);
        assertThat(driver.findElement(By.id("undo")).isEnabled()).isFalse();
    }

    @Test
    void aRefusedFieldKeepsWhatWasTypedAndItsMessageOutlastsLaterRenders() {
        type("hidden", "8,abc");
        type("dl-width", "-3");
        WebElement gain = driver.findElement(By.id("gain"));
        gain.sendKeys(Keys.ARROW_RIGHT);   // a render, with its own message, after the refusals
        awaitFinalPicture();
        assertThat(pageRecipe().gain()).isEqualTo(1.01);
        assertThat(driver.findElement(By.id("hidden")).getAttribute("value")).isEqualTo("8,abc");
        assertThat(driver.findElement(By.id("hidden")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("hidden-error")).getText())
                .isEqualTo("hidden sizes: expected positive integers such as 64,32,16");
        assertThat(driver.findElement(By.id("dl-width")).getAttribute("value")).isEqualTo("-3");
        assertThat(driver.findElement(By.id("dl-width-error")).getText())
                .isEqualTo("image width: expected a positive whole number of pixels");
        assertThat(status()).isEqualTo("image width: expected a positive whole number of pixels");
        assertThat(pageRecipe().hidden()).containsExactly(Recipe.defaults().hidden());

        // the download refuses while its width is refused
        driver.findElement(By.id("download")).click();
        assertThat(status()).isEqualTo("image width: expected a positive whole number of pixels");

        // fixing a field takes its mark and message away
        type("dl-width", "300");
        awaitFinalPicture();
        assertThat(driver.findElements(By.id("dl-width-error"))).isEmpty();
        assertThat(pageRecipe().width()).isEqualTo(300);
        assertThat(status()).isEqualTo("hidden sizes: expected positive integers such as 64,32,16");
        type("hidden", "8,8");
        awaitFinalPicture();
        assertThat(pageRecipe().hidden()).containsExactly(8, 8);
        assertThat(driver.findElement(By.id("hidden")).getAttribute("aria-invalid")).isNull();
    }

    @Test
    void aDownloadWidthBeyondTheLimitIsRefusedAndLeavesTheCanvasAlone() {
        type("dl-width", "40000");
        awaitFinalPicture();
        assertThat(driver.findElement(By.id("dl-width-error")).getText()).isEqualTo("image width: at most 32768 pixels");
        assertThat(driver.findElement(By.id("dl-width")).getAttribute("value")).isEqualTo("40000");
        assertThat(js("const c = document.getElementById('canvas'); return c.width + 'x' + c.height"))
                .isEqualTo("512x512");
        assertThat(pageRecipe().width()).isEqualTo(1024);
    }

    @Test
    void ctrlZInATextFieldUndoesTheTypingAndLeavesTheRecipeAlone() {
        driver.findElement(By.id("new-seed")).click();
        awaitFinalPicture();
        long seed = pageRecipe().seed();
        assertThat(seed).isNotEqualTo(1);
        WebElement hidden = driver.findElement(By.id("hidden"));
        hidden.click();
        hidden.sendKeys(Keys.END, ",8");
        hidden.sendKeys(Keys.chord(Keys.CONTROL, "z"));
        assertThat(pageRecipe().seed()).as("the recipe's undo did not run").isEqualTo(seed);
        assertThat(driver.findElement(By.id("undo")).isEnabled()).isTrue();
        assertThat(hidden.getAttribute("value")).as("the browser undid the typing").doesNotEndWith(",8");
        // outside a text field Ctrl-Z is the recipe's undo
        driver.findElement(By.id("canvas")).click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        awaitFinalPicture();
        assertThat(pageRecipe().seed()).isEqualTo(1);
    }

    @Test
    void aViewsErrorShowsOnlyWhileThatViewIsVisible() {
        for (WebElement box : driver.findElements(By.cssSelector("#inputs input:checked"))) {
            box.click();
        }
        HeadlessChromium.await(driver, 20).until(d ->
                "error".equals(d.findElement(By.id("canvas")).getAttribute("data-state")));
        String error = "recipe: inputs: at least one of x, y, r, z, bias is needed";
        HeadlessChromium.await(driver, 20).until(d -> status().equals(error));
        driver.findElement(By.cssSelector("#tabs a[data-view=gallery]")).click();
        HeadlessChromium.await(driver, 20).until(d -> driver.findElement(By.id("view-gallery")).isDisplayed());
        assertThat(status()).as("the gallery view says nothing of the paint view's error").isEmpty();
        driver.findElement(By.cssSelector("#tabs a[data-view=paint]")).click();
        HeadlessChromium.await(driver, 20).until(d -> driver.findElement(By.id("view-paint")).isDisplayed());
        assertThat(status()).isEqualTo(error);
    }

    @Test
    void theGreyGooAdviceNamesThePageControlsAndNeverTheWeightsAlreadySet() {
        driver.get(server.uri("/?recipe=" + TestServer.encode("{\"seed\": 3, \"hidden\": [16, 16, 16, 16, 16, 16], "
                + "\"activations\": [\"relu\"], \"weights\": \"scaled-normal:0.5\", \"biases\": \"normal:0.05\"}"))
                .toString());
        String advice = greyGooAdvice();
        assertThat(advice).contains("try weights normal, scale 1").doesNotContain("--");

        driver.get(server.uri("/?recipe=" + TestServer.encode("{\"seed\": 3, \"hidden\": [1, 1, 1, 1, 1, 1, 1, 1], "
                + "\"activations\": [\"sigmoid\"], \"weights\": \"normal:1\", \"biases\": \"normal:0.05\"}"))
                .toString());
        advice = greyGooAdvice();
        assertThat(advice).doesNotContain("try weights normal, scale 1").doesNotContain("--").contains("try a larger weights scale");
    }

    private static String greyGooAdvice() {
        awaitFinalPicture();
        HeadlessChromium.await(driver, 30).until(d -> Boolean.TRUE.equals(js(
                "return document.getElementById('stats').dataset.recipe === JSON.stringify(window.nnpaint.recipe());")));
        WebElement verdict = driver.findElement(By.cssSelector("#verdicts p"));
        assertThat(verdict.getAttribute("data-kind")).isEqualTo("grey goo");
        return verdict.getText();
    }
}
