package dev.nnpaint.web;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often the train view redraws while big networks train, by the page's own redraw counter: printed, not
 * asserted (the machine may be loaded); the test checks that the page does redraw, with the epochs advancing.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class TrainSpeedBrowserTest {

    /** How long each rate is measured, after the first redraws of the run. */
    private static final Duration WINDOW = Duration.ofSeconds(6);

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1400, 900);
        driver.get(server.uri("/#train").toString());
        await(20).until(d -> !data("epoch").isEmpty());
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

    private static String data(String name) {
        return (String) js("return document.getElementById('view-train').dataset[arguments[0]] || ''", name);
    }

    private static String shape() {
        return driver.findElement(By.id("train-shape")).getText();
    }

    /** Hidden layers of {@code width} neurons, {@code count} of them, set through the network editor. */
    private static void layers(int count, int width) {
        while (driver.findElements(By.cssSelector(".train-count")).size() < count) {
            int before = driver.findElements(By.cssSelector(".train-count")).size();
            driver.findElement(By.id("train-add-layer")).click();
            await(30).until(d -> d.findElements(By.cssSelector(".train-count")).size() == before + 1);
        }
        for (int k = 0; k < count; k++) {
            final int layer = k;
            js("const c = document.querySelectorAll('.train-count')[arguments[0]]; c.value = arguments[1];"
                    + "c.dispatchEvent(new Event('change'));", k, width);
            await(30).until(d -> shape().split(" ")[0].split("-")[layer + 1].equals(Integer.toString(width)));
        }
    }

    /** Plays, measures redraws a second over {@link #WINDOW}, pauses; the rate is printed. */
    private static void measure(String what) {
        driver.findElement(By.id("train-play")).click();
        await(60).until(d -> driver.findElement(By.id("train-play")).getText().equals("Pause")
                && Integer.parseInt(data("epoch")) > 0);
        int count0 = Integer.parseInt(data("redrawCount"));
        int epoch0 = Integer.parseInt(data("epoch"));
        long t0 = System.nanoTime();
        // a measurement window, not a synchronisation: the page keeps redrawing meanwhile
        await(60).until(d -> System.nanoTime() - t0 >= WINDOW.toNanos());
        int count1 = Integer.parseInt(data("redrawCount"));
        int epoch1 = Integer.parseInt(data("epoch"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "train view: %.1f redraws a second, %.1f epochs a second: %s (%s)%n",
                (count1 - count0) / seconds, (epoch1 - epoch0) / seconds, what, shape());
        driver.findElement(By.id("train-play")).click();
        await(30).until(d -> driver.findElement(By.id("train-play")).getText().equals("Play"));
        assertThat(count1).isGreaterThan(count0);
        assertThat(epoch1).isGreaterThan(epoch0);
    }

    @Test
    void tenLayersOfSixtyFourOnMoons() {
        layers(10, 64);
        assertThat(shape()).startsWith("2-64-64-64-64-64-64-64-64-64-64-1");
        measure("moons, 400 samples");
    }

    @Test
    void fourLayersOfTwoHundredFiftySixOnFiveThousandSamples() throws Exception {
        Dataset moons = SyntheticData.MOONS.generate(5000, 0.2, 5);
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < moons.size(); i++) {
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", moons.feature(i, 0), moons.feature(i, 1),
                    moons.label(i)));
        }
        Path file = Files.writeString(dir.resolve("moons5000.csv"), csv);
        new Select(driver.findElement(By.id("train-data"))).selectByValue("csv");
        driver.findElement(By.id("train-csv")).sendKeys(file.toString());
        await(30).until(d -> data("data").equals("csv"));
        while (driver.findElements(By.cssSelector(".train-count")).size() > 4) {
            int before = driver.findElements(By.cssSelector(".train-count")).size();
            driver.findElement(By.id("train-remove-layer")).click();
            await(30).until(d -> d.findElements(By.cssSelector(".train-count")).size() == before - 1);
        }
        layers(4, 256);
        assertThat(shape()).startsWith("2-256-256-256-256-1");
        measure("moons CSV, 5000 samples");
    }
}
