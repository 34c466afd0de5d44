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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breed view in headless Chromium: nine distinct variations of the paint view's recipe, a click breeds the
 * next generation from the chosen one, back re-creates the previous generation exactly, and "open in paint"
 * hands the parent to the paint view. Set up like {@link BrowserTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class BreedBrowserTest {

    static final String START = "{\"seed\": 4, \"weights\": \"normal:0.9\", \"activations\": [\"tanh\", \"tanh\", \"sin\"]}";

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1240, 1180);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    /** Waits until every picture of the given generation has rendered. */
    private static void awaitGeneration(int generation) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js(
                "const g = document.getElementById('breed-grid');"
                        + "return g !== null && g.dataset.state === 'final' && g.dataset.generation === arguments[0];",
                Integer.toString(generation))));
    }

    /** Each cell's recipe (as the page's JSON) and a hash of its pixels with its number of distinct colours. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> cells() {
        return (List<List<String>>) js("return Array.from(document.querySelectorAll('#breed-grid .breed-cell'), cell => {"
                + "const c = cell.querySelector('canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let h = 2166136261; const colours = new Set();"
                + "for (let i = 0; i < d.length; i++) { h = Math.imul(h ^ d[i], 16777619) >>> 0; }"
                + "for (let i = 0; i < d.length; i += 4 * 37) colours.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);"
                + "return [cell.dataset.recipe, c.width + 'x' + c.height + ':' + h.toString(16), String(colours.size)];"
                + "});");
    }

    private static Recipe parentRecipe() {
        return RecipeJson.fromJson(driver.findElement(By.id("breed-parent")).getAttribute("data-recipe"), "parent");
    }

    private static List<String> column(List<List<String>> cells, int index) {
        return cells.stream().map(c -> c.get(index)).toList();
    }

    static List<List<String>> firstGeneration;

    @Test
    @Order(1)
    void theBreedViewShowsNineDistinctValidVariationsOfThePaintRecipe() {
        driver.get(server.uri("/?recipe=" + TestServer.encode(START) + "#breed").toString());
        awaitGeneration(1);
        Recipe start = RecipeJson.fromJson(START, "start");
        assertThat(parentRecipe()).isEqualTo(start);
        List<List<String>> cells = cells();
        assertThat(cells).hasSize(9);
        assertThat(new HashSet<>(column(cells, 0))).as("distinct recipes").hasSize(9);
        assertThat(new HashSet<>(column(cells, 1))).as("distinct pictures").hasSize(9);
        for (List<String> cell : cells) {
            // the server accepted it, so it is valid; it is also a recipe the command line reads
            Recipe child = RecipeJson.fromJson(cell.get(0), "cell");
            assertThat(child).isNotEqualTo(start);
            assertThat(cell.get(1)).startsWith("240x240:");
            assertThat(Integer.parseInt(cell.get(2))).as("colours in " + cell.get(0)).isGreaterThan(20);
        }
        firstGeneration = cells;
    }

    @Test
    @Order(2)
    void clickingAVariationMakesItTheParentOfTheNextGeneration() throws IOException {
        String chosen = firstGeneration.get(4).get(0);
        driver.findElements(By.cssSelector("#breed-grid .breed-cell")).get(4).click();
        awaitGeneration(2);
        assertThat(parentRecipe()).isEqualTo(RecipeJson.fromJson(chosen, "chosen"));
        List<List<String>> second = cells();
        assertThat(second).hasSize(9);
        assertThat(new HashSet<>(column(second, 1))).hasSize(9);
        assertThat(column(second, 1)).doesNotContainAnyElementsOf(column(firstGeneration, 1));
        assertThat(column(second, 0)).doesNotContain(chosen);
        assertThat(driver.findElements(By.cssSelector("#breed-trail .breed-step"))).hasSize(2);
        assertThat(driver.findElement(By.id("breed-back")).isEnabled()).isTrue();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
                d.findElements(By.cssSelector("#breed-trail .breed-step canvas")).size() == 2);
        new org.openqa.selenium.interactions.Actions(driver)
                .moveToElement(driver.findElement(By.tagName("h1"))).perform(); // no hover frame in the picture
        screenshot("breed");
    }

    @Test
    @Order(3)
    void backRecreatesThePreviousGenerationExactly() {
        driver.findElement(By.id("breed-back")).click();
        awaitGeneration(1);
        assertThat(parentRecipe()).isEqualTo(RecipeJson.fromJson(START, "start"));
        assertThat(cells()).isEqualTo(firstGeneration);
        assertThat(driver.findElement(By.id("breed-back")).isEnabled()).isFalse();
    }

    @Test
    @Order(4)
    void theSameRecipeBreedsTheSameFirstGenerationInAFreshPage() {
        driver.get(server.uri("/?recipe=" + TestServer.encode(START) + "#breed").toString());
        awaitGeneration(1);
        assertThat(column(cells(), 0)).isEqualTo(column(firstGeneration, 0));
    }

    @Test
    @Order(5)
    void openInPaintShowsTheParentInThePaintViewAndTheLineageStays() {
        driver.findElements(By.cssSelector("#breed-grid .breed-cell")).get(2).click();
        awaitGeneration(2);
        Recipe parent = parentRecipe();
        driver.findElement(By.id("breed-open")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(js(
                "const c = document.getElementById('canvas');"
                        + "return !document.getElementById('view-paint').hidden && c.dataset.state === 'final'"
                        + " && c.dataset.recipe === JSON.stringify(window.nnpaint.recipe());")));
        assertThat(RecipeJson.fromJson((String) js("return JSON.stringify(window.nnpaint.recipe());"), "paint"))
                .isEqualTo(parent);
        // back in the breed view, the lineage continues where it was
        driver.findElement(By.cssSelector("#tabs a[data-view=breed]")).click();
        awaitGeneration(2);
        assertThat(parentRecipe()).isEqualTo(parent);
        assertThat(driver.findElements(By.cssSelector("#breed-trail .breed-step"))).hasSize(2);
    }

    private static void screenshot(String name) throws IOException {
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(Files.createDirectories(Path.of(folder)).resolve("serve-" + name + ".png"), png);
        }
    }
}
