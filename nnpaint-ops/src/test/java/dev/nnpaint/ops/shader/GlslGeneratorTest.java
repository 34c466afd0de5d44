package dev.nnpaint.ops.shader;

import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GlslGeneratorTest {

    @Test
    void aRecipesNetworkIsDrawnAtUnitScalesWithTheScalesAsMultipliers() {
        Recipe r = Recipe.builder().gain(1.5).weights(Init.normal(2)).biases(Init.uniform(0.25)).build();
        ShaderNetwork n = ShaderNetwork.of(r);
        assertThat(n.weightScale()).isEqualTo(3.0);
        assertThat(n.biasScale()).isEqualTo(0.25);
        Layer unit = n.model().layers().get(2);
        Layer real = r.toModel().layers().get(2);
        for (int k = 0; k < real.weights().length; k++) {
            assertThat((double) unit.weights()[k] * n.weightScale()).isCloseTo(real.weights()[k], within(1e-5));
        }
        assertThat(unit.biasOf(3) * n.biasScale()).isCloseTo(real.biasOf(3), within(1e-6));
    }

    @Test
    void initialisationsWithoutAScaleKeepTheirWeightsAndOnlyTheGainMultiplies() {
        Recipe r = Recipe.builder().gain(2).weights(Init.parse("he-normal")).build();
        ShaderNetwork n = ShaderNetwork.of(r);
        assertThat(n.weightScale()).isEqualTo(2.0);
        assertThat(n.model().layers().get(0).weights()[0] * 2).isEqualTo(r.toModel().layers().get(0).weights()[0]);
    }

    @Test
    void theTextureHoldsEveryWeightAndBiasWhereTheShaderReadsIt() {
        Recipe r = Recipe.builder().hidden(5, 7).seed(3).build();
        ShaderNetwork n = ShaderNetwork.of(r);
        GlslGenerator.Glsl g = GlslGenerator.generate(n, GlslGenerator.Weights.TEXTURE);
        float[] t = g.texture();
        assertThat(t.length).isEqualTo(g.textureWidth() * g.textureHeight() * 4);
        // layer 2 (5 -> 7): its first matrix is M(i) in the line that computes pa2_0
        Matcher m = Pattern.compile("vec4 pa2_0 = nn_weightScale \\* \\(M\\((\\d+)\\) \\* a1_0 \\+ M\\((\\d+)\\) "
                + "\\* a1_1\\) \\+ nn_biasScale \\* T\\((\\d+)\\);").matcher(g.library());
        assertThat(m.find()).as(g.library()).isTrue();
        int texel = Integer.parseInt(m.group(1));
        Layer layer = n.model().layers().get(1);
        // column c of the matrix is input c; row r is output r
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                assertThat(t[4 * (texel + c) + row]).isEqualTo(layer.weight(row, c));
            }
        }
        int second = Integer.parseInt(m.group(2));
        assertThat(t[4 * second]).as("input 4 of unit 0").isEqualTo(layer.weight(0, 4));
        assertThat(t[4 * second + 4]).as("padding input 5").isZero();
        int bias = Integer.parseInt(m.group(3));
        for (int row = 0; row < 4; row++) {
            assertThat(t[4 * bias + row]).isEqualTo(layer.biasOf(row));
        }
    }

    @Test
    void identicalSquareLayersBecomeOneLoopOverTheirTexels() {
        Recipe r = Recipe.builder().hidden(30, 30, 30, 30, 30).seed(5).build();
        ShaderNetwork n = ShaderNetwork.of(r);
        assertThat(GlslGenerator.blocks(n.model())).isGreaterThan(GlslGenerator.UNROLLED_BLOCKS);
        GlslGenerator.Glsl g = GlslGenerator.generate(n, GlslGenerator.Weights.TEXTURE);
        Matcher m = Pattern.compile("for \\(int l = 0; l < 4; l\\+\\+\\) \\{\n    int at = (\\d+) \\+ l \\* (\\d+);")
                .matcher(g.library());
        assertThat(m.find()).as(g.library()).isTrue();
        int base = Integer.parseInt(m.group(1));
        int stride = Integer.parseInt(m.group(2));
        assertThat(stride).isEqualTo(4 * 8 * 8 + 8);
        float[] t = g.texture();
        // layer 4 (the loop's third): unit 29's weight from input 30 (chunk 7, chunk 7, column 1, row 1), its bias
        Layer layer = n.model().layers().get(3);
        int matrix = base + 2 * stride + 4 * (7 * 8 + 7);
        assertThat(t[4 * (matrix + 1) + 1]).isEqualTo(layer.weight(29, 29));
        assertThat(t[4 * (base + 2 * stride + 4 * 64 + 7) + 1]).isEqualTo(layer.biasOf(29));
        assertThat(g.multiplyAdds()).isEqualTo(n.paddedMultiplyAdds());
        // the default network is short enough to unroll
        assertThat(GlslGenerator.generate(ShaderNetwork.of(Recipe.defaults()), GlslGenerator.Weights.TEXTURE)
                .library()).doesNotContain("for (int l");
    }

    @Test
    void aMixedLayerEvaluatesEachActivationOfAChunkOnceAndPicksLanes() {
        Recipe r = Recipe.builder().hidden(8).activations(List.of(ActivationSpec.parse("mix:sin,gaussian,relu")))
                .seed(2).build();
        ShaderNetwork n = ShaderNetwork.of(r);
        String code = GlslGenerator.generate(n, GlslGenerator.Weights.CONSTANTS).library();
        Layer hidden = n.model().layers().get(0);
        StringBuilder lanes = new StringBuilder();
        for (int u = 0; u < 4; u++) {
            lanes.append(hidden.activations()[u].id()).append(' ');
        }
        assertThat(code).as(lanes.toString()).containsPattern("vec4 a1_0 = vec4\\(a1_0_\\d\\.x, a1_0_\\d\\.y, "
                + "a1_0_\\d\\.z, a1_0_\\d\\.w\\);");
        for (int u = 0; u < 4; u++) {
            assertThat(code).contains(GlslGenerator.function(hidden.activations()[u]) + "(pa1_0)");
        }
    }

    @Test
    void constantsReadBackAsTheSameFloats() {
        for (float f : new float[] {1f, -0.1f, 3.4028235e38f, 1.4e-45f, 0.33333334f, -2.5e-7f}) {
            assertThat(Float.parseFloat(GlslGenerator.literal(f))).isEqualTo(f);
            assertThat(GlslGenerator.literal(f)).matches("-?[0-9]+\\.[0-9]+(E-?[0-9]+)?");
        }
    }

    @Test
    void aPaletteBecomesATableOf256Colours() {
        Recipe r = Recipe.builder().color("palette:viridis").build();
        String code = GlslGenerator.generate(ShaderNetwork.of(r), GlslGenerator.Weights.CONSTANTS).library();
        assertThat(code).contains("const int NN_PALETTE[256] = int[256](\n  0x440154,", "0xfde725);",
                "nn_palette(nn_level(a9_0.x))");
    }

    @Test
    void theLatentVectorIsDeclaredOnlyForNetworksThatReadIt() {
        Recipe plain = Recipe.defaults();
        Recipe latent = Recipe.builder().latent(3, null).build();
        assertThat(GlslGenerator.generate(ShaderNetwork.of(plain), GlslGenerator.Weights.CONSTANTS).latentCount())
                .isZero();
        GlslGenerator.Glsl g = GlslGenerator.generate(ShaderNetwork.of(latent), GlslGenerator.Weights.CONSTANTS);
        assertThat(g.latentCount()).isEqualTo(3);
        assertThat(g.library()).contains("vec4 a0_0 = vec4(p.x, p.y, r, nn_z[0]);", "vec4(nn_z[1], nn_z[2], 0.0, 0.0)");
        assertThat(ShaderExport.fragment(g, ShaderNetwork.of(latent), "t")).contains("uniform float nn_z[3];");
    }

    @Test
    void aTrainedModelPaintsAtItsOwnScale() {
        Model model = Recipe.builder().hidden(4).build().toModel();
        ShaderNetwork n = ShaderNetwork.of(model, Recipe.defaults());
        assertThat(n.weightScale()).isEqualTo(1.0);
        assertThat(n.paddedMultiplyAdds()).isEqualTo(4 * 4 + 4 * 4);
    }

    @Test
    void aSeamlessTileIsAUniformThatTheExportsSetFromTheRecipe() {
        ShaderNetwork tiled = ShaderNetwork.of(Recipe.builder().tile(true).build());
        assertThat(tiled.tile()).isTrue();
        GlslGenerator.Glsl g = GlslGenerator.generate(tiled, GlslGenerator.Weights.CONSTANTS);
        // the inputs, r included, come from nn_inputs, which follows the torus when nn_tile is 1
        assertThat(g.library()).contains("vec3 inputs = nn_inputs(fragCoord, resolution);", "float r = inputs.z;",
                "if (nn_tile < 0.5)");
        assertThat(ShaderExport.fragment(g, tiled, "t")).contains("uniform float nn_tile;", "nn_tile         1.0 paints "
                + "a seamless tile");
        assertThat(ShaderExport.shadertoy(g, tiled, "t")).contains("  nn_tile = 1.0;\n");
        assertThat(ShaderExport.html(g, tiled, "t", 64, 64)).contains("\"tile\": 1,");
        ShaderNetwork plain = ShaderNetwork.of(Recipe.defaults());
        assertThat(ShaderExport.shadertoy(GlslGenerator.generate(plain, GlslGenerator.Weights.CONSTANTS), plain, "t"))
                .contains("  nn_tile = 0.0;\n");
    }

    @Test
    void inputFeaturesAreComputedFromThePixelsCoordinatesBeforeTheFirstLayer() {
        Model model = dev.nnpaint.train.Architecture.parse("5-4-1", "tanh", "sigmoid").build(List.of("x", "y"),
                dev.nnpaint.net.Encoding.Features.parseList("siny,x2,y2,xy,x"), 2, Init.parse("he-normal"),
                Init.parse("zero"));
        ShaderNetwork n = ShaderNetwork.of(model, Recipe.builder().color(dev.nnpaint.paint.ColorMode.parse("gray"))
                .build());
        GlslGenerator.Glsl glsl = GlslGenerator.generate(n, GlslGenerator.Weights.CONSTANTS);
        // canonical order, four features a vec4, the sine at the encoding's own scale
        assertThat(glsl.library()).contains("vec4 a0_0 = vec4(p.x, p.x * p.x, p.y * p.y, p.x * p.y);")
                .contains("vec4 a0_1 = vec4(sin(5.0 * p.y), 0.0, 0.0, 0.0);")
                .contains("// layer 1: 5 -> 4");
        assertThat(n.paddedMultiplyAdds()).isEqualTo(8 * 4 + 4 * 4);
        for (String id : new String[] {"x", "y", "x2", "y2", "xy", "sinx", "siny"}) {
            assertThat(GlslGenerator.inputFeature(id)).isNotBlank();
        }
    }
}
