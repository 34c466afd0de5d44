package dev.nnpaint.web;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.shader.GlslGenerator;
import dev.nnpaint.ops.shader.ShaderExport;
import dev.nnpaint.ops.shader.ShaderNetwork;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.WebDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GPU paints what the CPU paints: recipes that together use every activation, mixed layers, every colour
 * mode and several palettes, painted by the page's WebGL2 painter and by the exported shaders in headless
 * Chromium's software WebGL, compared pixel by pixel with the CPU renderer. Float32 on the GPU and the CPU's
 * kernels round differently, so a level here and there may differ: at least 99% of pixels within 1 level, and
 * at most a handful more than 2 levels off.
 */
@DisabledIfSystemProperty(named = "nnpaint.browserTests", matches = "skip",
        disabledReason = "browser tests skipped (-Dnnpaint.browserTests=skip)")
class GpuAgreementBrowserTest {

    /** Pixels allowed more than 2 levels off. */
    static final int HANDFUL = 5;
    /** The figures of every comparison of this run, in the order they ran. */
    static final AgreementTable FIGURES = new AgreementTable();

    @TempDir
    static Path dir;
    static TestServer server;
    static WebDriver driver;

    /** The recipes compared; all but the default at 160 x 120, so the aspect ratio is checked too. */
    static List<String> recipes() {
        return List.of(
                "{}",
                "{\"seed\": 7, \"activations\": [\"mix:tanh,sigmoid,relu,leaky-relu,elu,softplus,sin,cos,gaussian,abs,"
                        + "hard-tanh,silu,identity\"], \"color\": \"hsv\"}",
                "{\"seed\": 3, \"activations\": [\"sin\"], \"hidden\": [16, 16, 16, 16], \"gain\": 0.8,"
                        + " \"inputs\": [\"x\", \"y\", \"r\", \"z\", \"bias\"], \"z_dim\": 3, \"color\": \"palette:viridis\"}",
                "{\"activations\": [\"softplus\", \"silu\", \"elu\"], \"weights\": \"scaled-normal:2.5\","
                        + " \"biases\": \"uniform:0.5\", \"color\": \"hsl\"}",
                "{\"activations\": [\"gaussian\"], \"hidden\": [30, 20, 7], \"extent\": 3, \"center\": [0.5, -0.2],"
                        + " \"rotate\": 30, \"color\": \"gray\"}",
                "{\"seed\": 11, \"activations\": [\"relu\"], \"hidden\": [32, 32, 32], \"color\": \"palette:magma\"}",
                "{\"seed\": 12, \"activations\": [\"leaky-relu\", \"abs\"], \"weights\": \"xavier-normal\", \"gain\": 2,"
                        + " \"color\": \"palette:twilight\"}",
                "{\"seed\": 13, \"activations\": [\"cos\"], \"hidden\": [8, 8, 8, 8], \"weights\": \"normal:0.7\","
                        + " \"inputs\": [\"x\", \"y\", \"z\"], \"z_dim\": 2, \"z\": [0.4, -1.1], \"color\": \"palette:turbo\"}",
                "{\"seed\": 14, \"activations\": [\"hard-tanh\"], \"weights\": \"he-uniform\","
                        + " \"output_activation\": \"identity\", \"color\": \"rgb\"}",
                "{\"seed\": 15, \"activations\": [\"sigmoid\"], \"weights\": \"normal:3\", \"color\": \"palette:inferno\"}",
                "{\"seed\": 16, \"activations\": [\"mix:identity,abs,tanh\", \"mix:sin,gaussian\"], \"hidden\": [12, 9, 5],"
                        + " \"color\": \"palette:plasma\", \"rotate\": -75, \"extent\": 0.4}",
                "{\"seed\": 17, \"activations\": [\"tanh\"], \"hidden\": [24, 24], \"biases\": \"zero\","
                        + " \"output_activation\": \"tanh\", \"color\": \"palette:cividis\"}",
                // a seamless tile: the inputs go round a torus, r is its height, the rotation turns the ring
                "{\"seed\": 19, \"activations\": [\"tanh\"], \"tile\": true, \"extent\": 1.5,"
                        + " \"center\": [0.3, -0.4], \"rotate\": 40, \"color\": \"hsv\"}",
                // deep enough that the page's shader loops over its layers
                "{\"seed\": 18, \"activations\": [\"tanh\"], \"hidden\": [28, 28, 28, 28, 28, 28, 28, 28],"
                        + " \"weights\": \"normal:0.8\", \"color\": \"rgb\"}");
    }

    /** The exports unroll every layer, which software WebGL draws only for networks of modest size. */
    static List<String> exportRecipes() {
        return recipes().subList(0, recipes().size() - 1);
    }

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir.resolve("gallery"), Limits.defaults());
        driver = HeadlessChromium.open(dir, 1400, 1000, true);
    }

    /** Opens the explorer unless the browser shows it (another test may have opened an exported file). */
    static void onServerPage() {
        if (!driver.getCurrentUrl().startsWith(server.uri("/").toString())) {
            driver.get(server.uri("/").toString());
        }
        HeadlessChromium.await(driver, 30).until(d -> Boolean.TRUE.equals(
                js("return window.nnpaint !== undefined && typeof window.nnpaint.recipe === 'function'")));
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.close(driver, server);
        // the figures of this run, for the docs: printed, and kept under target/
        String table = FIGURES.table();
        Files.writeString(Path.of("target", "gpu-agreement.md"), table);
        System.out.println("GPU agreement with the CPU, this run (also in target/gpu-agreement.md):\n" + table);
    }

    private static Object js(String script, Object... args) {
        return HeadlessChromium.js(driver, script, args);
    }

    static Recipe sized(String json) {
        Recipe r = RecipeJson.fromJson(json, "test");
        return json.equals("{}") ? r.toBuilder().size(256, 256).build() : r.toBuilder().size(160, 120).build();
    }

    /** The CPU's picture, as the server paints it. */
    static byte[] cpu(Recipe r) {
        Painting p = Painting.of(r);
        return new Renderer(p, new Evaluator(p.model(), Kernels.fastest()), 2, Renderer.DEFAULT_TILE).renderRgb();
    }

    /**
     * Compares RGBA from the GPU with RGB from the CPU, says how far apart they are, and adds a row to the table of
     * agreement figures ({@code painter} paints recipe {@code json}).
     */
    static void assertAgrees(byte[] gpu, byte[] cpu, String painter, String json) {
        FIGURES.add(painter, json, assertAgrees(gpu, cpu, painter + " of " + json));
    }

    /** Compares RGBA from the GPU with RGB from the CPU, fails unless they agree, and says how far apart they are. */
    static Agreement assertAgrees(byte[] gpu, byte[] cpu, String what) {
        int n = cpu.length / 3;
        assertThat(gpu).as(what + ": GPU pixels").hasSize(4 * n);
        Agreement a = Agreement.of(gpu, cpu);
        assertThat(a.shareWithin1()).as(what + ": share within 1 level").isGreaterThanOrEqualTo(0.99);
        assertThat(a.over2()).as(what + ": pixels more than 2 levels off").isLessThanOrEqualTo(HANDFUL);
        return a;
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void thePagesGpuPainterPaintsWhatTheCpuPaints(String json) {
        Recipe r = sized(json);
        onServerPage();
        String base64 = (String) js("return (async () => {"
                + "const { createGpuPainter } = await import('/assets/gpu.js');"
                + "window.testPainter = window.testPainter || createGpuPainter();"
                + "const recipe = JSON.parse(arguments[0]);"
                + "if (!await window.testPainter.paint(recipe, null, recipe.width, recipe.height))"
                + "  return 'refused: ' + window.testPainter.refusal(recipe, null, recipe.width, recipe.height);"
                + "const d = window.testPainter.pixels(); let s = '';"
                + "for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));"
                + "return btoa(s); })()", RecipeJson.toCompactJson(r));
        assertThat(base64).as("the GPU paints " + json).doesNotStartWith("refused");
        assertAgrees(Base64.getDecoder().decode(base64), cpu(r), "page", json);
    }

    @ParameterizedTest
    @MethodSource("exportRecipes")
    void theExportedPagePaintsWhatTheCpuPaints(String json) throws Exception {
        Recipe r = sized(json);
        ShaderNetwork network = ShaderNetwork.of(r);
        String html = ShaderExport.html(GlslGenerator.generate(network, GlslGenerator.Weights.CONSTANTS), network,
                "test", r.width(), r.height());
        Path file = dir.resolve("export-" + Integer.toHexString(json.hashCode()) + ".html");
        Files.writeString(file, html);
        driver.get(file.toUri() + "#still");
        assertAgrees(Base64.getDecoder().decode(pixelsOfExport(r)), cpu(r), "export --html", json);
    }

    @Test
    void theShadertoyShaderAtTimeZeroPaintsWhatTheCpuPaints() throws Exception {
        for (String json : List.of(recipes().get(0), recipes().get(2))) {
            Recipe r = sized(json);
            ShaderNetwork network = ShaderNetwork.of(r);
            String toy = ShaderExport.shadertoy(GlslGenerator.generate(network, GlslGenerator.Weights.CONSTANTS),
                    network, "test");
            // Shadertoy's own wrapping: its uniforms before the shader, main() calling mainImage after it
            String source = "#version 300 es\nprecision highp float;\nprecision highp int;\n"
                    + "uniform vec3 iResolution;\nuniform float iTime;\n" + toy
                    + "out vec4 shadertoyColor;\nvoid main() { mainImage(shadertoyColor, gl_FragCoord.xy); }\n";
            Path file = dir.resolve("toy-" + Integer.toHexString(json.hashCode()) + ".html");
            Files.writeString(file, toyPage(source));
            driver.get(file.toUri().toString());
            String base64 = (String) js("return window.toyPixels(arguments[0], arguments[1])", r.width(), r.height());
            assertAgrees(Base64.getDecoder().decode(base64), cpu(r), "export --shadertoy", json);
        }
    }

    private static String pixelsOfExport(Recipe r) {
        HeadlessChromium.await(driver, 20).until(d -> Boolean.TRUE.equals(js("return window.nnpaint !== undefined")));
        return (String) js("const d = window.nnpaint.pixels(arguments[0], arguments[1]); let s = '';"
                + "for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));"
                + "return btoa(s);", r.width(), r.height());
    }

    /** A page that runs a Shadertoy image shader once at iTime 0 and hands out its pixels. */
    private static String toyPage(String source) {
        return "<!doctype html><canvas id=c></canvas><script id=fs type=x-shader/x-fragment>" + source
                + "</script><script>\n"
                + "window.toyPixels = (w, h) => {\n"
                + "  const c = document.getElementById('c'); c.width = w; c.height = h;\n"
                + "  const gl = c.getContext('webgl2', { preserveDrawingBuffer: true });\n"
                + "  const vs = gl.createShader(gl.VERTEX_SHADER);\n"
                + "  gl.shaderSource(vs, '#version 300 es\\nvoid main() { vec2 p = vec2(float((gl_VertexID << 1) & 2),"
                + " float(gl_VertexID & 2)); gl_Position = vec4(2.0 * p - 1.0, 0.0, 1.0); }');\n"
                + "  gl.compileShader(vs);\n"
                + "  const fs = gl.createShader(gl.FRAGMENT_SHADER);\n"
                + "  gl.shaderSource(fs, document.getElementById('fs').textContent); gl.compileShader(fs);\n"
                + "  if (!gl.getShaderParameter(fs, gl.COMPILE_STATUS)) return 'error ' + gl.getShaderInfoLog(fs);\n"
                + "  const p = gl.createProgram(); gl.attachShader(p, vs); gl.attachShader(p, fs); gl.linkProgram(p);\n"
                + "  gl.useProgram(p); gl.viewport(0, 0, w, h);\n"
                + "  gl.uniform3f(gl.getUniformLocation(p, 'iResolution'), w, h, 1);\n"
                + "  gl.uniform1f(gl.getUniformLocation(p, 'iTime'), 0);\n"
                + "  gl.drawArrays(gl.TRIANGLES, 0, 3);\n"
                + "  const d = new Uint8Array(w * h * 4); gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, d);\n"
                + "  const out = new Uint8Array(w * h * 4);\n"
                + "  for (let y = 0; y < h; y++) out.set(d.subarray((h - 1 - y) * w * 4, (h - y) * w * 4), y * w * 4);\n"
                + "  let s = ''; for (let i = 0; i < out.length; i += 8192) s += String.fromCharCode(...out.subarray(i, i + 8192));\n"
                + "  return btoa(s);\n"
                + "};\n</script>";
    }
}
