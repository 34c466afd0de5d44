package dev.nnpaint.cli;

import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheShadertoyShaderThePlainShaderAndThePage() throws Exception {
        Path toy = dir.resolve("net.glsl");
        Path frag = dir.resolve("net.frag");
        Path html = dir.resolve("net.html");
        assertThat(RenderCommandTest.run("export", "--quiet", "--seed", "4", "--shadertoy", toy.toString(),
                "--glsl", frag.toString(), "--html", html.toString()).code()).isZero();
        String shadertoy = Files.readString(toy);
        assertThat(shadertoy).contains("void mainImage(out vec4 fragColor, in vec2 fragCoord)", "iTime",
                "iResolution.xy").doesNotContain("#version", "uniform ");
        String fragment = Files.readString(frag);
        assertThat(fragment).startsWith("#version 300 es\n").contains("uniform vec2 nn_center;",
                "uniform float nn_weightScale;", "out vec4 nn_color;").doesNotContain("nn_weights");
        assertThat(Files.readString(html)).contains("<canvas", fragment.substring(0, 200))
                .doesNotContain("@SHADER@", "@SETTINGS@");
    }

    @Test
    void aPngOrAModelFileExportsTheNetworkItWasPaintedWith() throws Exception {
        Path png = dir.resolve("art.png");
        assertThat(RenderCommandTest.run("render", "--quiet", "--seed", "9", "--layers", "3", "--size", "32x32",
                "-o", png.toString()).code()).isZero();
        Path fromOptions = dir.resolve("options.frag");
        Path fromPng = dir.resolve("png.frag");
        assertThat(RenderCommandTest.run("export", "--quiet", "--seed", "9", "--layers", "3", "--size", "32x32",
                "--glsl", fromOptions.toString()).code()).isZero();
        assertThat(RenderCommandTest.run("export", "--quiet", "--from", png.toString(), "--glsl",
                fromPng.toString()).code()).isZero();
        assertThat(Files.readString(fromPng)).isEqualTo(Files.readString(fromOptions));

        Path model = dir.resolve("model.json");
        ModelJson.write(model, Recipe.builder().seed(9).layers(3, 16).build().toModel(), "rgb");
        Path fromModel = dir.resolve("model.frag");
        assertThat(RenderCommandTest.run("export", "--quiet", "--model", model.toString(), "--glsl",
                fromModel.toString()).code()).isZero();
        // the model file holds the weights at their scale, so the multipliers are 1 where the recipe's network
        // keeps its scales apart; the layers are the same
        assertThat(Files.readString(fromModel)).contains("// layer 4: 16 -> 3", "nn_color");
    }

    @Test
    void withoutAnOutputItSaysWhichToName() {
        RenderCommandTest.Result r = RenderCommandTest.run("export");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--shadertoy", "--glsl", "--html");
    }
}
