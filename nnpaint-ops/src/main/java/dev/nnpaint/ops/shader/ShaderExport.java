package dev.nnpaint.ops.shader;

import dev.nnpaint.ops.format.AtomicOutput;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The three shader files of {@code nnpaint export}, weights baked in as constants: a fragment shader with
 * uniforms ({@link #fragment}), a Shadertoy image shader animated by {@code iTime} ({@link #shadertoy}), and a
 * self-contained page that paints and animates the network with a few sliders ({@link #html}). The explorer runs
 * the same {@link #fragment} with its weights in a texture.
 */
public final class ShaderExport {

    /** A latent walk's angular speed, radians a second: one loop in about 21 seconds. */
    static final double WALK_SPEED = 0.3;

    private ShaderExport() {
    }

    /**
     * A plain GLSL ES 3.00 fragment shader: the uniforms listed at its top, {@code nn_color} out. Without
     * {@code TEXTURE} weights the weights are constants and {@code nn_weights} is not declared.
     */
    public static String fragment(GlslGenerator.Glsl glsl, ShaderNetwork network, String title) {
        StringBuilder s = new StringBuilder("#version 300 es\n");
        s.append("// ").append(title).append('\n');
        s.append("// nnpaint fragment shader: ").append(glsl.multiplyAdds()).append(" multiply-adds a pixel.\n");
        s.append("// Draw a rectangle over the target; the picture is the network's at the uniforms' view.\n");
        s.append("// Uniforms (the network's own values in brackets):\n");
        s.append("//   nn_resolution   the target's size in pixels\n");
        s.append("//   nn_center       the view's centre [").append(num(network.centerX())).append(", ")
                .append(num(network.centerY())).append("]\n");
        s.append("//   nn_extent       the view's half-width, 1 / zoom [").append(num(network.extent())).append("]\n");
        s.append("//   nn_rotation     (cos t, sin t) of the view's counter-clockwise rotation t [")
                .append(num(network.rotateDegrees())).append(" degrees]\n");
        if (glsl.latentCount() > 0) {
            s.append("//   nn_z            the latent vector [").append(numbers(network.latent())).append("]\n");
        }
        s.append("//   nn_weightScale  multiplies every weight: the gain [").append(num(network.weightScale()))
                .append("]\n");
        s.append("//   nn_biasScale    multiplies every bias [").append(num(network.biasScale())).append("]\n");
        s.append("//   nn_tile         1.0 paints a seamless tile (the inputs go round a torus), 0.0 the plane [")
                .append(network.tile() ? "1.0" : "0.0").append("]\n");
        if (glsl.textureWidth() > 0) {
            s.append("//   nn_weights      RGBA32F texture of the weights, ").append(glsl.textureWidth()).append(" x ")
                    .append(glsl.textureHeight()).append(" texels, NEAREST\n");
        }
        s.append("precision highp float;\nprecision highp int;\n");
        s.append("uniform vec2 nn_resolution;\n");
        s.append(globals(glsl, "uniform "));
        if (glsl.textureWidth() > 0) {
            s.append("uniform highp sampler2D nn_weights;\n");
        }
        s.append(glsl.library());
        s.append("out vec4 nn_color;\nvoid main() {\n  nn_color = nnpaint(gl_FragCoord.xy, nn_resolution);\n}\n");
        return s.toString();
    }

    /** A Shadertoy image shader: paste it as it is; {@code iTime} turns the view and walks the latent vector. */
    public static String shadertoy(GlslGenerator.Glsl glsl, ShaderNetwork network, String title) {
        StringBuilder s = new StringBuilder();
        s.append("// ").append(title).append('\n');
        s.append("// nnpaint network for Shadertoy: paste as the Image tab. ").append(glsl.multiplyAdds())
                .append(" multiply-adds a pixel.\n");
        s.append("// The motion is set at the top of mainImage; with every speed at 0 it is the still picture.\n");
        s.append(globals(glsl, ""));
        s.append(glsl.library());
        s.append("void mainImage(out vec4 fragColor, in vec2 fragCoord) {\n");
        s.append("  float t = iTime;\n");
        s.append("  const float TURN_SPEED = 0.05;   // radians a second\n");
        s.append("  const float BREATH = 0.15;       // how far the gain swings, as a share of it\n");
        s.append("  const float WALK_SPEED = ").append(num(WALK_SPEED)).append(";   // latent walk, radians a second\n");
        s.append("  nn_center = vec2(").append(num(network.centerX())).append(", ").append(num(network.centerY()))
                .append(");\n");
        s.append("  nn_extent = ").append(num(network.extent())).append(";\n");
        s.append("  float turn = radians(").append(num(network.rotateDegrees())).append(") + TURN_SPEED * t;\n");
        s.append("  nn_rotation = vec2(cos(turn), sin(turn));\n");
        s.append("  nn_weightScale = ").append(num(network.weightScale())).append(" * (1.0 + BREATH * sin(0.4 * t));\n");
        s.append("  nn_biasScale = ").append(num(network.biasScale())).append(";\n");
        s.append("  nn_tile = ").append(network.tile() ? "1.0" : "0.0").append(";\n");
        double[] z = network.latent();
        for (int k = 0; k < glsl.latentCount(); k++) {
            // a circle through z: z cos(wt) + z' sin(wt), z' the same values shifted by one, so it loops seamlessly
            s.append("  nn_z[").append(k).append("] = ").append(num(z[k])).append(" * cos(WALK_SPEED * t) + ")
                    .append(num(z[(k + 1) % z.length])).append(" * sin(WALK_SPEED * t);\n");
        }
        s.append("  fragColor = nnpaint(fragCoord, iResolution.xy);\n}\n");
        return s.toString();
    }

    /** One offline page: the network painted full-window by WebGL2 with sliders for the view, gain and z. */
    public static String html(GlslGenerator.Glsl glsl, ShaderNetwork network, String title, int width, int height) {
        String settings = "{\"center\": [" + num(network.centerX()) + ", " + num(network.centerY()) + "], "
                + "\"extent\": " + num(network.extent()) + ", \"rotate\": " + num(network.rotateDegrees()) + ", "
                + "\"weightScale\": " + num(network.weightScale()) + ", \"biasScale\": " + num(network.biasScale())
                + ", \"z\": [" + (glsl.latentCount() > 0 ? numbers(network.latent()) : "") + "], "
                + "\"tile\": " + (network.tile() ? 1 : 0) + ", "
                + "\"width\": " + width + ", \"height\": " + height + ", \"walkSpeed\": " + num(WALK_SPEED) + "}";
        return GlslGenerator.resource("export.html")
                .replace("@TITLE@", escape(title))
                .replace("@SETTINGS@", settings)
                .replace("@SHADER@", fragment(glsl, network, title).replace("</", "<\\/"));
    }

    /** Writes text atomically. */
    public static void write(Path file, String text) {
        AtomicOutput.writeString(file, text);
    }

    private static String globals(GlslGenerator.Glsl glsl, String qualifier) {
        StringBuilder s = new StringBuilder();
        s.append(qualifier).append("vec2 nn_center;\n");
        s.append(qualifier).append("float nn_extent;\n");
        s.append(qualifier).append("vec2 nn_rotation;\n");
        if (glsl.latentCount() > 0) {
            s.append(qualifier).append("float nn_z[").append(glsl.latentCount()).append("];\n");
        }
        s.append(qualifier).append("float nn_weightScale;\n");
        s.append(qualifier).append("float nn_biasScale;\n");
        s.append(qualifier).append("float nn_tile;\n");
        return s.toString();
    }

    /** A number as a GLSL float literal (always with a point). */
    static String num(double v) {
        String s = Double.toString(v).toLowerCase(Locale.ROOT);
        return s.contains(".") || s.contains("e") ? s : s + ".0";
    }

    private static String numbers(double[] v) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            s.append(k == 0 ? "" : ", ").append(num(v[k]));
        }
        return s.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
