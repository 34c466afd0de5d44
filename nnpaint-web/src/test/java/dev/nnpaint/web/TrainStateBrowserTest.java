package dev.nnpaint.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The train view's state in headless Chromium: what the page shows is always the session the server runs, after
 * a settings change with answers still on their way, a refused file, and controls that do not apply.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class TrainStateBrowserTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1400, 900);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, server);
    }

    @BeforeEach
    void freshPage() {
        driver.get(server.uri("/#train").toString());
        await(20).until(d -> !data("epoch").isEmpty());
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

    private static String playButton() {
        return driver.findElement(By.id("train-play")).getText();
    }

    private static void change(String id, String value) {
        js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));", id, value);
    }

    /** Snapshot answers that the page's fetch has received so far (counted by the wrapper slowAnswers puts in). */
    private static long snapshotAnswers() {
        return ((Number) js("return window.trainSnapshotAnswers || 0")).longValue();
    }

    /** Snapshot answers reach the page 400 ms late, as over a slow network, and are counted. */
    private static void slowAnswers() {
        js("const f = window.fetch; window.trainSnapshotAnswers = 0;"
                + "window.fetch = async (...a) => { const r = await f(...a);"
                + "  if (String(a[0]).includes('/api/train/snapshot')) {"
                + "    await new Promise(ok => setTimeout(ok, 400)); window.trainSnapshotAnswers++; }"
                + "  return r; };");
    }

    @Test
    void aSettingChangeWhilePlayingShowsTheNewSessionAndItsButtonWorks() {
        slowAnswers();
        driver.findElement(By.id("train-play")).click();
        await(30).until(d -> epoch() > 20 && playButton().equals("Pause"));
        // the change starts a new session while snapshot answers about the old one are on their way
        change("train-rate", "0.03");
        await(10).until(d -> epoch() == 0 && playButton().equals("Play"));
        long answers = snapshotAnswers();
        await(30).until(d -> snapshotAnswers() >= answers + 3);
        assertThat(epoch()).as("the new session's epoch").isZero();
        assertThat(playButton()).isEqualTo("Play");

        // the button plays the new session
        driver.findElement(By.id("train-play")).click();
        await(30).until(d -> epoch() > 0 && playButton().equals("Pause"));
        driver.findElement(By.id("train-play")).click();
        await(10).until(d -> playButton().equals("Play"));
    }

    @Test
    void theBatchSizeIsDisabledWithGradientDescentAndSaysWhy() {
        assertThat(driver.findElement(By.id("train-batch")).isEnabled()).isTrue();
        new Select(driver.findElement(By.id("train-optimizer"))).selectByValue("gd");
        await(10).until(d -> !driver.findElement(By.id("train-batch")).isEnabled());
        assertThat(driver.findElement(By.id("train-batch-hint")).getText()).contains("whole training set");
        new Select(driver.findElement(By.id("train-optimizer"))).selectByValue("sgd");
        await(10).until(d -> driver.findElement(By.id("train-batch")).isEnabled());
        assertThat(driver.findElement(By.id("train-batch-hint")).isDisplayed()).isFalse();
    }

    @Test
    void aRefusedCsvLeavesTheViewOnTheFileItTrainsOn() throws Exception {
        StringBuilder good = new StringBuilder("x,y,side\n");
        for (int i = 0; i < 40; i++) {
            good.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", Math.cos(i), Math.sin(i), i % 2 == 0 ? "a" : "b"));
        }
        Path goodFile = Files.writeString(dir.resolve("good.csv"), good);
        // three columns, as the page checks, but two samples: the server refuses it
        Path badFile = Files.writeString(dir.resolve("bad.csv"), "x,y,side\n0,0,a\n1,1,b\n");

        new Select(driver.findElement(By.id("train-data"))).selectByValue("csv");
        driver.findElement(By.id("train-csv")).sendKeys(goodFile.toString());
        await(20).until(d -> data("data").equals("csv"));
        String session = data("session");
        assertThat(driver.findElement(By.id("train-csv-info")).getText()).contains("good.csv");

        driver.findElement(By.id("train-csv")).sendKeys(badFile.toString());
        await(20).until(d -> driver.findElement(By.id("status")).getText().contains("10 to 5000 samples"));
        assertThat(driver.findElement(By.id("train-csv-info")).getText()).contains("good.csv")
                .doesNotContain("bad.csv");
        assertThat(data("data")).isEqualTo("csv");
        assertThat(data("session")).isEqualTo(session);
    }

    @Test
    void anUploadedFilesLabelIsTheColumnNamedClass() throws Exception {
        StringBuilder csv = new StringBuilder("class,x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(String.format(Locale.ROOT, "%s,%.3f,%.3f%n", i % 2 == 0 ? "left" : "right", Math.cos(i),
                    Math.sin(i)));
        }
        Path file = Files.writeString(dir.resolve("classes-first.csv"), csv);
        new Select(driver.findElement(By.id("train-data"))).selectByValue("csv");
        driver.findElement(By.id("train-csv")).sendKeys(file.toString());
        await(20).until(d -> data("data").equals("csv"));
        assertThat(new Select(driver.findElement(By.id("train-label"))).getFirstSelectedOption().getText())
                .isEqualTo("class");
        assertThat(driver.findElement(By.id("status")).getText()).isEmpty();
    }

    @Test
    void twentyClassesHaveTwentyColours() throws Exception {
        // 20 classes on a circle, each four points on a ray, far enough apart for each dot to show its centre
        StringBuilder csv = new StringBuilder("x,y,kind\n");
        List<double[]> all = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            for (int i = 0; i < 4; i++) {
                double a = 2 * Math.PI * k / 20;
                double r = 1 + 0.08 * i;
                double[] p = {Math.round(r * Math.cos(a) * 1e4) / 1e4, Math.round(r * Math.sin(a) * 1e4) / 1e4};
                all.add(p);
                csv.append(String.format(Locale.ROOT, "%.4f,%.4f,c%02d%n", p[0], p[1], k));
            }
        }
        Path file = Files.writeString(dir.resolve("twenty.csv"), csv);
        new Select(driver.findElement(By.id("train-data"))).selectByValue("csv");
        driver.findElement(By.id("train-csv")).sendKeys(file.toString());
        await(20).until(d -> data("data").equals("csv"));
        // the square the page draws: the data's, with the server's margin
        double minX = all.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        double maxX = all.stream().mapToDouble(p -> p[0]).max().orElseThrow();
        double minY = all.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double maxY = all.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        double half = Math.max(maxX - minX, maxY - minY) / 2 * 1.12 + 1e-3;
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        List<String> colours = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            double[] p = all.get(4 * k + 3); // the outermost dot, drawn over by no other
            Object rgb = js("const c = document.getElementById('train-boundary');"
                    + "const d = c.getContext('2d').getImageData(Math.floor(arguments[0] * c.width),"
                    + "  Math.floor(arguments[1] * c.height), 1, 1).data; return d[0] + ',' + d[1] + ',' + d[2];",
                    (p[0] - cx + half) / (2 * half), (cy + half - p[1]) / (2 * half));
            colours.add((String) rgb);
        }
        assertThat(colours.stream().distinct().count()).as(colours.toString()).isEqualTo(20);
    }
}
