package dev.nnpaint.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes the docs' recording of the explorer: opens the paint view in headless Chromium (software WebGL2) with a
 * latent walk set moving by its share link, presses the motion panel's own Record WebM button (MediaRecorder on
 * the canvas), keeps the WebM the page downloads, and turns it into a small GIF with ffmpeg. Run on demand:
 * <pre>
 *   mvn -o test -pl nnpaint-web -Dtest=GpuRecordingBrowserTest -Dnnpaint.record=$PWD/docs/images
 * </pre>
 * Software WebGL paints a frame in a fraction of a second rather than sixty a second, so the walk takes
 * {@link #SECONDS} seconds a period while the page records, and the GIF plays it {@link #SPEED_UP} times faster.
 */
@EnabledIfSystemProperty(named = "nnpaint.record", matches = ".+")
class GpuRecordingBrowserTest {

    /** The walk's period while recording, in seconds of the page's clock. */
    static final int SECONDS = 150;
    /** How much faster the GIF plays than the page recorded. */
    static final int SPEED_UP = 10;
    static final String RECIPE = "{\"seed\": 21, \"inputs\": [\"x\", \"y\", \"r\", \"z\"], \"z_dim\": 3,"
            + " \"z\": [0.9, -0.7, 1.2], \"hidden\": [16, 16, 16, 16, 16], \"activations\": [\"tanh\"],"
            + " \"gain\": 1.2, \"width\": 768, \"height\": 512, \"color\": \"rgb\"}";
    static final String MOTION = "{\"field\": \"walk\", \"seconds\": " + SECONDS + ", \"easing\": \"linear\","
            + " \"repeat\": \"loop\"}";

    @TempDir
    Path dir;

    @Test
    void thePagesRecordButtonRecordsTheLiveWalk() throws Exception {
        Path out = Files.createDirectories(Path.of(System.getProperty("nnpaint.record")).toAbsolutePath());
        try (TestServer server = new TestServer(dir.resolve("gallery"), Limits.defaults())) {
            WebDriver driver = HeadlessChromium.open(dir, 1400, 1000, true);
            try {
                driver.get(server.uri("/?recipe=" + URLEncoder.encode(RECIPE, StandardCharsets.UTF_8) + "&motion="
                        + URLEncoder.encode(MOTION, StandardCharsets.UTF_8) + "#paint").toString());
                HeadlessChromium.await(driver, 120).until(d -> Boolean.TRUE.equals(HeadlessChromium.js(driver,
                        "return document.getElementById('motion')?.dataset.playing === 'true'"
                                + " && document.getElementById('canvas').dataset.renderer === 'gpu'")));
                driver.findElement(By.id("motion-record")).click();
                Path webm = dir.resolve("downloads").resolve("nnpaint-motion.webm");
                HeadlessChromium.await(driver, SECONDS + 120).until(d -> Files.isRegularFile(webm)
                        && !Files.exists(webm.resolveSibling("nnpaint-motion.webm.crdownload")));
                Files.copy(webm, out.resolve("gpu-live-walk.webm"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.quit();
            }
        }
        Path gif = out.resolve("gpu-live-walk.gif");
        ffmpeg(List.of("-y", "-i", out.resolve("gpu-live-walk.webm").toString(), "-vf",
                "setpts=PTS/" + SPEED_UP + ",fps=10,scale=360:-1:flags=lanczos,split[a][b];"
                        + "[a]palettegen=max_colors=256:stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a",
                "-loop", "0", gif.toString()));
        assertThat(Files.size(gif)).as("the GIF for the docs").isBetween(10_000L, 2_000_000L);
    }

    private static void ffmpeg(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
