package dev.nnpaint.web;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's headless Chromium driven through its own chromedriver (never a downloaded one), as every browser test
 * starts it. Without Chromium it fails and says what to install; {@code -Dnnpaint.browserTests=skip} skips the
 * browser tests instead.
 */
final class HeadlessChromium {

    static final String CHROMIUM = System.getProperty("nnpaint.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("nnpaint.chromedriver", "/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * A fresh browser with its profile in {@code dir/profile} and downloads going to {@code dir/downloads}, in a
     * window of the given size.
     */
    static WebDriver open(Path dir, int width, int height) throws IOException {
        return open(dir, width, height, false);
    }

    /**
     * As {@link #open(Path, int, int)}, with WebGL2 in software when {@code webgl}: SwiftShader through ANGLE, which
     * Chromium otherwise offers only as a fallback it may drop, so the GPU painter's tests run on machines without a
     * GPU. The other tests keep the browser as it starts by default.
     */
    static WebDriver open(Path dir, int width, int height, boolean webgl) throws IOException {
        // Selenium warns that it has no DevTools bindings for this Chromium; the tests use only WebDriver.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        for (String tool : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException("the browser tests need headless Chromium: " + tool + " is missing. "
                        + "Install it with 'apt-get install -y chromium chromium-driver', or skip these tests with "
                        + "-Dnnpaint.browserTests=skip");
            }
        }
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        if (webgl) {
            options.addArguments("--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                    "--ignore-gpu-blocklist");
        }
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A wait that looks every 50 ms, so the tests follow the page closely. */
    static WebDriverWait await(WebDriver driver, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    /** Closes the browser, then the server it talked to; either may be missing when start-up failed. */
    static void close(WebDriver driver, TestServer server) {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }
}
