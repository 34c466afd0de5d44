package dev.nnpaint.ops.shader;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Palette;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * an RGBA32F texture (the explorer: a new seed uploads new weights, a new architecture compiles a new shader);
 * from a texture, runs of identical square layers become a loop, which keeps deep networks' shaders short.
 * The function reads seven globals, uniforms or set per frame:
 * <pre>
 *   vec2  nn_center       the view's centre
 *   float nn_extent       the view's half-width (zoom = 1 / extent)
 *   vec2  nn_rotation     (cos t, sin t) of the view's rotation t
 *   float nn_z[K]         the latent vector (only when the network reads z)
 *   float nn_weightScale  multiplies every weight (gain times weight scale)
 *   float nn_biasScale    multiplies every bias
 *   float nn_tile         1 for a seamless tile (the inputs go round a torus, as PixelInputs does), else 0
 *   sampler2D nn_weights  the weights (texture variant only)
 * </pre>
 */
public final class GlslGenerator {

    /** Where the weights live. */
    public enum Weights { TEXTURE, CONSTANTS }

    /** Texels per row of the weight texture; texel i sits at (i mod width, i / width). */
    static final int TEXTURE_WIDTH = 1024;

    /**
     * Up to this many 4x4 blocks a network is unrolled entirely: fastest where it compiles, but software
     * renderers (SwiftShader) draw nothing for shaders several times this long. Beyond it, runs of identical
     * layers loop.
     */
    static final int UNROLLED_BLOCKS = 256;

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
        // what layer 0 reads: the pixel's inputs, or the input features computed from its (x, y)
        List<String> first = new ArrayList<>();
        if (model.encoding() instanceof Encoding.Features f) {
            for (String id : f.names()) {
                first.add(inputFeature(id));
            }
        } else {
            for (String name : features) {
                first.add(feature(name));
            }
        }
        int inChunks = chunks(first.size());
        body.append("vec4 nnpaint(vec2 fragCoord, vec2 resolution) {\n");
        body.append("  vec3 inputs = nn_inputs(fragCoord, resolution);\n");
        body.append("  vec2 p = inputs.xy;\n");
        if (features.contains("r")) {
            body.append("  float r = inputs.z;\n");
        }
        for (int j = 0; j < inChunks; j++) {
            String[] f = new String[4];
            for (int c = 0; c < 4; c++) {
                int k = 4 * j + c;
                f[c] = k < first.size() ? first.get(k) : "0.0";
            }
            body.append("  vec4 a0_").append(j).append(" = vec4(").append(String.join(", ", f)).append(");\n");
        }
        long multiplyAdds = 0;
        long activationCalls = 0;
        List<Layer> layers = model.layers();
        boolean loops = weights == Weights.TEXTURE && blocks(model) > UNROLLED_BLOCKS;
        for (int k = 0; k < layers.size(); ) {
            Layer layer = layers.get(k);
            int run = loops ? runLength(layers, k) : 1;
            if (run >= 2) {
                int c = chunks(layer.outputs());
                multiplyAdds += (long) run * 16 * c * c;
                activationCalls += (long) run * c;
                appendLoop(body, texture, layers, k, run);
                k += run;
                continue;
            }
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
                            : "M(" + texture.add(m) + ")";
                    terms.add(matrix + " * a" + k + "_" + j);
                    multiplyAdds += 16;
                }
                String sum = terms.isEmpty() ? "vec4(0.0)" : "nn_weightScale * (" + String.join(" + ", terms) + ")";
                StringBuilder pre = new StringBuilder(sum);
                float[] b = biasChunk(layer, i);
                if (b != null && !allZero(b)) {
                    String bias = weights == Weights.CONSTANTS ? "vec4(" + literals(b) + ")"
                            : "T(" + texture.add(b) + ")";
                    pre.append(" + nn_biasScale * ").append(bias);
                }
                String name = "a" + (k + 1) + "_" + i;
                body.append("  vec4 p").append(name).append(" = ").append(pre).append(";\n");
                activationCalls += appendActivation(body, name, layer, i);
            }
            k++;
        }
        String o = "a" + layers.size() + "_0";
        body.append("  return vec4(").append(colour(network.color(), o)).append(" / 255.0, 1.0);\n}\n");
        String code = body.toString();
        StringBuilder library = new StringBuilder();
        if (weights == Weights.TEXTURE) {
            library.append("#define T(i) texelFetch(nn_weights, ivec2((i) % ").append(TEXTURE_WIDTH)
                    .append(", (i) / ").append(TEXTURE_WIDTH).append("), 0)\n");
            library.append("#define M(i) mat4(T(i), T((i) + 1), T((i) + 2), T((i) + 3))\n");
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

    /** The GLSL of one input feature ({@link Encoding.Features#value} is its definition). */
    static String inputFeature(String id) {
        String scale = literal((float) Encoding.Features.SIN_SCALE);
        return switch (id) {
            case "x" -> "p.x";
            case "y" -> "p.y";
            case "x2" -> "p.x * p.x";
            case "y2" -> "p.y * p.y";
            case "xy" -> "p.x * p.y";
            case "sinx" -> "sin(" + scale + " * p.x)";
            case "siny" -> "sin(" + scale + " * p.y)";
            default -> throw new IllegalArgumentException("unknown feature " + id);
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

    /**
     * How many layers from {@code k} on the shader runs as one loop: consecutive square layers of one width, one
     * activation for every unit, and biases alike. A loop keeps the shader short for deep networks, which some
     * compilers refuse (or take seconds over) when unrolled.
     */
    static int runLength(List<Layer> layers, int k) {
        Layer first = layers.get(k);
        if (first.inputs() != first.outputs() || first.uniformActivation() == null) {
            return 1;
        }
        int n = 1;
        while (k + n < layers.size()) {
            Layer next = layers.get(k + n);
            if (next.inputs() != first.inputs() || next.outputs() != first.outputs()
                    || next.uniformActivation() != first.uniformActivation()
                    || (next.bias() == null) != (first.bias() == null)) {
                break;
            }
            n++;
        }
        return n;
    }

    /**
     * Layers k..k+run-1 as a loop: each layer's matrices, then its bias vectors, one layer after the other in the
     * texture, so layer l's texels start at {@code base + l * stride}.
     */
    private static void appendLoop(StringBuilder body, TextureBuilder texture, List<Layer> layers, int k, int run) {
        Layer first = layers.get(k);
        int c = chunks(first.outputs());
        boolean biased = first.bias() != null;
        int stride = 4 * c * c + (biased ? c : 0);
        int base = texture.size();
        for (int l = 0; l < run; l++) {
            Layer layer = layers.get(k + l);
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    texture.add(block(layer, i, j));
                }
            }
            if (biased) {
                for (int i = 0; i < c; i++) {
                    texture.add(biasChunk(layer, i));
                }
            }
        }
        body.append("  // layers ").append(k + 1).append(" to ").append(k + run).append(": ").append(first.inputs())
                .append(" -> ").append(first.outputs()).append(", ").append(first.uniformActivation()).append('\n');
        for (int j = 0; j < c; j++) {
            body.append("  vec4 h").append(k).append('_').append(j).append(" = a").append(k).append('_').append(j)
                    .append(";\n");
        }
        body.append("  for (int l = 0; l < ").append(run).append("; l++) {\n");
        body.append("    int at = ").append(base).append(" + l * ").append(stride).append(";\n");
        for (int i = 0; i < c; i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < c; j++) {
                terms.add("M(at + " + 4 * (i * c + j) + ") * h" + k + "_" + j);
            }
            body.append("    vec4 q").append(i).append(" = nn_weightScale * (").append(String.join(" + ", terms))
                    .append(")");
            if (biased) {
                body.append(" + nn_biasScale * T(at + ").append(4 * c * c + i).append(")");
            }
            body.append(";\n");
        }
        String f = function(first.uniformActivation());
        for (int i = 0; i < c; i++) {
            body.append("    h").append(k).append('_').append(i).append(" = ").append(f).append("(q").append(i)
                    .append(");\n");
        }
        body.append("  }\n");
        for (int i = 0; i < c; i++) {
            body.append("  vec4 a").append(k + run).append('_').append(i).append(" = h").append(k).append('_')
                    .append(i).append(";\n");
        }
    }

    /** The 4x4 blocks of a network's weight matrices, padding included. */
    static long blocks(Model model) {
        long n = 0;
        for (Layer l : model.layers()) {
            n += (long) chunks(l.inputs()) * chunks(l.outputs());
        }
        return n;
    }

    /** The biases of units 4i..4i+3, zero-padded; null for a layer without biases. */
    private static float[] biasChunk(Layer layer, int i) {
        if (layer.bias() == null) {
            return null;
        }
        float[] b = new float[4];
        for (int c = 0; c < 4; c++) {
            b[c] = 4 * i + c < layer.outputs() ? layer.biasOf(4 * i + c) : 0f;
        }
        return b;
    }

    /** Texels of the weight texture in order of use; the shader addresses texel i at (i mod width, i / width). */
    private static final class TextureBuilder {
        private final List<float[]> texels = new ArrayList<>();

        /** Appends a matrix (four texels, its columns) or a vector (one texel); returns its first texel. */
        int add(float[] values) {
            int at = texels.size();
            for (int t = 0; t < values.length; t += 4) {
                texels.add(Arrays.copyOfRange(values, t, t + 4));
            }
            return at;
        }

        int size() {
            return texels.size();
        }

        int width() {
            return Math.max(1, Math.min(TEXTURE_WIDTH, texels.size()));
        }

        int height() {
            return Math.max(1, (texels.size() + TEXTURE_WIDTH - 1) / TEXTURE_WIDTH);
        }

        float[] data() {
            float[] d = new float[width() * height() * 4];
            for (int t = 0; t < texels.size(); t++) {
                System.arraycopy(texels.get(t), 0, d, 4 * t, 4);
            }
            return d;
        }
    }
}
