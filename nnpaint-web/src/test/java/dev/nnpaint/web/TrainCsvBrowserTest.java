package dev.nnpaint.web;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The train view in headless Chromium on an uploaded CSV: the moons written to a file, chosen, and learned. */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class TrainCsvBrowserTest {

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

    private static long boundaryPixels(String colourTest) {
        return ((Number) js("const c = document.getElementById('train-boundary');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 0; i < d.length; i += 4 * 7) { const r = d[i], g = d[i+1], b = d[i+2];"
                + "if (" + colourTest + ") n++; } return n;")).longValue();
    }

    @Test
    void uploadedMoonsTrainAboveEightyFivePercentTestAccuracy() throws Exception {
        Dataset moons = SyntheticData.MOONS.generate(300, 0.15, 21);
        StringBuilder csv = new StringBuilder("x,y,side\n");
        for (int i = 0; i < moons.size(); i++) {
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", moons.feature(i, 0), moons.feature(i, 1),
                    moons.label(i) == 0 ? "upper" : "lower"));
        }
        Path file = Files.writeString(dir.resolve("moons.csv"), csv);

        new Select(driver.findElement(By.id("train-data"))).selectByValue("csv");
        assertThat(driver.findElement(By.id("train-csv-box")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("train-noise")).isDisplayed()).isFalse();
        driver.findElement(By.id("train-csv")).sendKeys(file.toString());
        await(10).until(d -> data("data").equals("csv"));
        // the label select lists the header, the last column chosen
        assertThat(new Select(driver.findElement(By.id("train-label"))).getOptions()).hasSize(3);
        assertThat(new Select(driver.findElement(By.id("train-label"))).getFirstSelectedOption().getText())
                .isEqualTo("side");
        assertThat(driver.findElement(By.id("train-csv-info")).getText()).contains("moons.csv");
        assertThat(data("epoch")).isEqualTo("0");

        driver.findElement(By.id("train-play")).click();
        await(20).until(d -> !data("testAccuracy").isEmpty() && Double.parseDouble(data("testAccuracy")) >= 0.85);
        driver.findElement(By.id("train-play")).click();
        await(5).until(d -> driver.findElement(By.id("train-play")).getText().equals("Play"));
        assertThat(Double.parseDouble(data("testAccuracy"))).isGreaterThanOrEqualTo(0.85);
        // both classes' regions: orange (class 0, "lower" sorts first) and blue
        assertThat(boundaryPixels("r > b + 40")).isGreaterThan(100);
        assertThat(boundaryPixels("b > r + 40")).isGreaterThan(100);
        String folder = System.getProperty("nnpaint.screenshots");
        if (folder != null) {
            Files.createDirectories(Path.of(folder));
            Files.write(Path.of(folder, "serve-train-csv.png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }

        // choosing a label that is a feature column: the server's line-numbered refusal in the status line
        new Select(driver.findElement(By.id("train-label"))).selectByValue("x");
        await(10).until(d -> driver.findElement(By.id("status")).getText().contains("line 2"));
        assertThat(driver.findElement(By.id("status")).getText())
                .startsWith("train: CSV line 2: column 'side' needs a number");
    }
}
