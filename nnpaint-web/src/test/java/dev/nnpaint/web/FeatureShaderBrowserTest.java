package dev.nnpaint.web;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.shader.GlslGenerator;
import dev.nnpaint.ops.shader.ShaderExport;
import dev.nnpaint.ops.shader.ShaderNetwork;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.train.Architecture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A network that reads input features (x², x·y, sin 5x, ...) paints on the GPU what it paints on the CPU: the
 * exported page's shader computes the features from each pixel's coordinates as the evaluator does.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class FeatureShaderBrowserTest {

    @TempDir
    static Path dir;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        driver = HeadlessChromium.open(dir, 800, 600, true);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(driver, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x,y,x2,y2,xy,sinx,siny", "x2,y2", "xy,siny"})
    void theExportedShaderOfAFeaturedModelPaintsWhatTheCpuPaints(String ids) throws Exception {
        Encoding.Features features = Encoding.Features.parseList(ids);
        int n = features.names().size();
        Model model = Architecture.parse(n + "-12-12-3", "tanh", "sigmoid").build(List.of("x", "y"), features, 5,
                Init.parse("xavier-normal"), Init.normal(0.3));
        Recipe view = Recipe.builder().inputs(List.of("x", "y")).size(160, 120).extent(1.5).color("rgb").build();
        ShaderNetwork network = ShaderNetwork.of(model, view);
        String html = ShaderExport.html(GlslGenerator.generate(network, GlslGenerator.Weights.CONSTANTS), network,
                "features", view.width(), view.height());
        Path file = dir.resolve("features-" + n + "-" + Integer.toHexString(ids.hashCode()) + ".html");
        Files.writeString(file, html);
        driver.get(file.toUri() + "#still");
        HeadlessChromium.await(driver, 20).until(d -> Boolean.TRUE.equals(
                HeadlessChromium.js(driver, "return window.nnpaint !== undefined")));
        String base64 = (String) HeadlessChromium.js(driver, "const d = window.nnpaint.pixels(arguments[0], "
                + "arguments[1]); let s = '';"
                + "for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));"
                + "return btoa(s);", view.width(), view.height());
        Painting p = Painting.of(model, view);
        byte[] cpu = new Renderer(p, new Evaluator(p.model(), Kernels.fastest()), 2, Renderer.DEFAULT_TILE)
                .renderRgb();
        GpuAgreementBrowserTest.assertAgrees(Base64.getDecoder().decode(base64), cpu, "features " + ids);
    }
}
