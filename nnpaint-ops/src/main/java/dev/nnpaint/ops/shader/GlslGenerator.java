package dev.nnpaint.ops.shader;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Palette;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a network as GLSL ES 3.00: one function {@code vec4 nnpaint(vec2 fragCoord, vec2 resolution)} that
 * computes a pixel's colour exactly as the CPU renderer does (the view of {@code View}, the inputs of
 * {@code PixelInputs}, the activations of the vector kernel, the colours of {@code Colorizer}), in float32.
 *
 * <p>Values travel in vec4s of four units; a layer is a sum of 4x4 matrix products, unrolled, so every value
 * stays in a register. The weights are either baked in as constants (exports, as cppn-to-glsl does) or read from
 * an RGBA32F texture at constant positions (the explorer: a new seed uploads new weights, a new architecture
 * compiles a new shader). The function reads six globals, uniforms or set per frame:
 * <pre>
 *   vec2  nn_center       the view's centre
 *   float nn_extent       the view's half-width (zoom = 1 / extent)
 *   vec2  nn_rotation     (cos t, sin t) of the view's rotation t
 *   float nn_z[K]         the latent vector (only when the network reads z)
 *   float nn_weightScale  multiplies every weight (gain times weight scale)
 *   float nn_biasScale    multiplies every bias
 *   sampler2D nn_weights  the weights (texture variant only)
 * </pre>
 */
public final class GlslGenerator {

    /** Where the weights live. */
    public enum Weights { TEXTURE, CONSTANTS }

    /** Texels per row of the weight texture: a multiple of 4, so that a matrix's four columns share a row. */
    static final int TEXTURE_WIDTH = 1024;

    private static final String FUNCTIONS = resource("functions.glsl");

    /**
     * A generated network.
     *
     * @param library       the globals' uses and the {@code nnpaint} function; declare the globals before it
     * @param texture       RGBA32F texels, four floats each, row-major (empty for constants)
     * @param textureWidth  texels per row
     * @param textureHeight rows
     * @param latentCount   the length of {@code nn_z} (0: not declared)
     * @param multiplyAdds  multiply-adds per pixel as the shader runs them (vec4 padding included)
     * @param activations   activation evaluations per pixel, counted on vec4s
     */
    public record Glsl(String library, float[] texture, int textureWidth, int textureHeight, int latentCount,
                       long multiplyAdds, long activations) {
    }

    private GlslGenerator() {
    }

    public static Glsl generate(ShaderNetwork network, Weights weights) {
        Model model = network.model();
        StringBuilder body = new StringBuilder();
        TextureBuilder texture = new TextureBuilder();
        List<String> features = model.inputNames();
        int inChunks = chunks(features.size());
        body.append("vec4 nnpaint(vec2 fragCoord, vec2 resolution) {\n");
        body.append("  vec2 p = nn_point(fragCoord, resolution);\n");
        if (features.contains("r")) {
            body.append("  float r = sqrt(p.x * p.x + p.y * p.y);\n");
        }
        for (int j = 0; j < inChunks; j++) {
            String[] f = new String[4];
            for (int c = 0; c < 4; c++) {
                int k = 4 * j + c;
                f[c] = k < features.size() ? feature(features.get(k)) : "0.0";
            }
            body.append("  vec4 a0_").append(j).append(" = vec4(").append(String.join(", ", f)).append(");\n");
        }
        // Matrices are laid out first, biases after them, so every matrix starts at a multiple of 4 texels.
        long multiplyAdds = 0;
        long activationCalls = 0;
        List<Layer> layers = model.layers();
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            int in = chunks(layer.inputs());
            int out = chunks(layer.outputs());
            body.append("  // layer ").append(k + 1).append(": ").append(layer.inputs()).append(" -> ")
                    .append(layer.outputs()).append('\n');
            for (int i = 0; i < out; i++) {
                List<String> terms = new ArrayList<>();
                for (int j = 0; j < in; j++) {
                    float[] m = block(layer, i, j);
                    if (allZero(m)) {
                        continue;
                    }
                    String matrix = weights == Weights.CONSTANTS ? "mat4(" + literals(m) + ")"
                            : "M(" + texture.matrix(m) + ")";
                    terms.add(matrix + " * a" + k + "_" + j);
                    multiplyAdds += 16;
                }
                String sum = terms.isEmpty() ? "vec4(0.0)" : "nn_weightScale * (" + String.join(" + ", terms) + ")";
                StringBuilder pre = new StringBuilder(sum);
                if (layer.bias() != null) {
                    float[] b = new float[4];
                    for (int c = 0; c < 4; c++) {
                        b[c] = 4 * i + c < layer.outputs() ? layer.biasOf(4 * i + c) : 0f;
                    }
                    if (!allZero(b)) {
                        String bias;
                        if (weights == Weights.CONSTANTS) {
                            bias = "vec4(" + literals(b) + ")";
                        } else {
                            bias = "B(@" + texture.pendingBias(b) + "@)";
                        }
                        pre.append(" + nn_biasScale * ").append(bias);
                    }
                }
                String name = "a" + (k + 1) + "_" + i;
                body.append("  vec4 p").append(name).append(" = ").append(pre).append(";\n");
                activationCalls += appendActivation(body, name, layer, i);
            }
        }
        String o = "a" + layers.size() + "_0";
        body.append("  return vec4(").append(colour(network.color(), o)).append(" / 255.0, 1.0);\n}\n");
        String code = body.toString();
        if (weights == Weights.TEXTURE) {
            List<String> positions = texture.placeBiases();
            for (int s = 0; s < positions.size(); s++) {
                code = code.replace("B(@" + s + "@)", "B(" + positions.get(s) + ")");
            }
        }
        StringBuilder library = new StringBuilder();
        if (weights == Weights.TEXTURE) {
            library.append("#define B(x, y) texelFetch(nn_weights, ivec2(x, y), 0)\n");
            library.append("#define M(x, y) mat4(B(x, y), B(x + 1, y), B(x + 2, y), B(x + 3, y))\n");
        }
        library.append(FUNCTIONS);
        if (network.color().kind() == ColorMode.Kind.PALETTE) {
            library.append(paletteTable(network.color().palette()));
        }
        library.append(code);
        boolean readsZ = features.stream().anyMatch(n -> n.startsWith("z"));
        int latent = readsZ ? network.latent().length : 0;
        float[] data = weights == Weights.TEXTURE ? texture.data() : new float[0];
        return new Glsl(library.toString(), data, weights == Weights.TEXTURE ? texture.width() : 0,
                weights == Weights.TEXTURE ? texture.height() : 0, latent, multiplyAdds, activationCalls);
    }

    /** The GLSL of one input feature. */
    private static String feature(String name) {
        return switch (name) {
            case "x" -> "p.x";
            case "y" -> "p.y";
            case "r" -> "r";
            case "bias" -> "1.0";
            default -> "nn_z[" + Integer.parseInt(name.substring(1)) + "]";
        };
    }

    /** Applies the activations of units 4i..4i+3; a chunk whose units mix activations evaluates each once. */
    private static int appendActivation(StringBuilder body, String name, Layer layer, int i) {
        Set<Activation> used = new LinkedHashSet<>();
        Activation[] lane = new Activation[4];
        for (int c = 0; c < 4; c++) {
            int unit = Math.min(4 * i + c, layer.outputs() - 1); // a padding lane repeats a real one
            lane[c] = layer.activations()[unit];
            used.add(lane[c]);
        }
        if (used.size() == 1) {
            body.append("  vec4 ").append(name).append(" = ").append(function(lane[0])).append("(p").append(name)
                    .append(");\n");
            return 1;
        }
        List<Activation> list = new ArrayList<>(used);
        for (int u = 0; u < list.size(); u++) {
            body.append("  vec4 ").append(name).append("_").append(u).append(" = ").append(function(list.get(u)))
                    .append("(p").append(name).append(");\n");
        }
        String[] pick = new String[4];
        String xyzw = "xyzw";
        for (int c = 0; c < 4; c++) {
            pick[c] = name + "_" + list.indexOf(lane[c]) + "." + xyzw.charAt(c);
        }
        body.append("  vec4 ").append(name).append(" = vec4(").append(String.join(", ", pick)).append(");\n");
        return list.size();
    }

    static String function(Activation a) {
        return "nn_" + a.id().replace('-', '_');
    }

    private static String colour(ColorMode mode, String o) {
        return switch (mode.kind()) {
            case RGB -> "vec3(nn_level(" + o + ".x), nn_level(" + o + ".y), nn_level(" + o + ".z))";
            case GRAY -> "vec3(nn_level(" + o + ".x))";
            case HSV -> "nn_hsv(" + o + ".xyz, false)";
            case HSL -> "nn_hsv(" + o + ".xyz, true)";
            case PALETTE -> "nn_palette(nn_level(" + o + ".x))";
        };
    }

    /** The palette's 256 colours as a constant table and its lookup. */
    private static String paletteTable(String name) {
        Palette palette = Palette.named(name);
        byte[] rgb = new byte[3];
        StringBuilder s = new StringBuilder("const int NN_PALETTE[256] = int[256](");
        for (int i = 0; i < 256; i++) {
            palette.rgb(i / 255f, rgb, 0);
            int c = (rgb[0] & 0xff) << 16 | (rgb[1] & 0xff) << 8 | (rgb[2] & 0xff);
            s.append(i == 0 ? "" : ",").append(i % 8 == 0 ? "\n  " : " ").append(String.format(Locale.ROOT, "0x%06x", c));
        }
        s.append(");\n");
        s.append("vec3 nn_palette(float level) {\n  int c = NN_PALETTE[int(level)];\n")
                .append("  return vec3(float((c >> 16) & 255), float((c >> 8) & 255), float(c & 255));\n}\n");
        return s.toString();
    }

    /**
     * The 4x4 block of weights from inputs 4j..4j+3 to outputs 4i..4i+3, column-major as mat4 takes it:
     * column c holds the weights of input 4j+c.
     */
    private static float[] block(Layer layer, int i, int j) {
        float[] m = new float[16];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                int o = 4 * i + r;
                int in = 4 * j + c;
                m[4 * c + r] = o < layer.outputs() && in < layer.inputs() ? layer.weight(o, in) : 0f;
            }
        }
        return m;
    }

    private static boolean allZero(float[] v) {
        for (float x : v) {
            if (x != 0f || Float.floatToRawIntBits(x) != 0) {
                return false;
            }
        }
        return true;
    }

    static int chunks(int n) {
        return (n + 3) / 4;
    }

    private static String literals(float[] v) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            s.append(k == 0 ? "" : ", ").append(literal(v[k]));
        }
        return s.toString();
    }

    /** A float as a GLSL literal that reads back as the same float (the shortest such decimal). */
    static String literal(float f) {
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException("a shader cannot hold " + f);
        }
        if (f == 0f) {
            return "0.0";
        }
        return Float.toString(f);
    }

    static String resource(String name) {
        try (InputStream in = GlslGenerator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Texels of the weight texture: matrices in order of use, then the biases. */
    private static final class TextureBuilder {
        private final List<float[]> matrices = new ArrayList<>();
        private final List<float[]> biases = new ArrayList<>();
        private int texels;

        /** Places a matrix and returns its first texel's "x, y". */
        String matrix(float[] m) {
            int at = texels;
            matrices.add(m);
            texels += 4;
            return position(at);
        }

        /** Queues a bias vector; its place is known once every matrix is placed. Returns its number. */
        int pendingBias(float[] b) {
            biases.add(b);
            return biases.size() - 1;
        }

        /** Places the biases after the matrices and returns their positions in order. */
        List<String> placeBiases() {
            List<String> positions = new ArrayList<>();
            for (int k = 0; k < biases.size(); k++) {
                positions.add(position(texels + k));
            }
            return positions;
        }

        private static String position(int texel) {
            return texel % TEXTURE_WIDTH + ", " + texel / TEXTURE_WIDTH;
        }

        int total() {
            return texels + biases.size();
        }

        int width() {
            return Math.max(4, Math.min(TEXTURE_WIDTH, (total() + 3) / 4 * 4));
        }

        int height() {
            return Math.max(1, (total() + TEXTURE_WIDTH - 1) / TEXTURE_WIDTH);
        }

        float[] data() {
            float[] d = new float[width() * height() * 4];
            int at = 0;
            for (float[] m : matrices) {
                System.arraycopy(m, 0, d, at, 16);
                at += 16;
            }
            for (float[] b : biases) {
                System.arraycopy(b, 0, d, at, 4);
                at += 4;
            }
            return d;
        }
    }
}
