package dev.nnpaint.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.shader.GlslGenerator;
import dev.nnpaint.ops.shader.ShaderExport;
import dev.nnpaint.ops.shader.ShaderNetwork;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Set;

/**
 * GET /api/network: what the page needs to paint a recipe (or the page's opened model) on its GPU. The network
 * as {@code nnpaint.model/1} (for a recipe: drawn at gain 1 and unit scales), the multipliers that give the
 * recipe's gain and scales, the latent vector, the view and colours, and the fragment shader that paints it with
 * its weights in an RGBA32F texture (base64 little-endian float32, four floats a texel).
 */
final class NetworkApi {

    private static final Set<String> PARAMS = Set.of("recipe", "page", "model");

    private final Limits limits;
    private final Pages pages;

    NetworkApi(Limits limits, Pages pages) {
        this.limits = limits;
        this.pages = pages;
    }

    void network(HttpExchange ex) throws IOException {
        Http.requireMethod(ex, "GET");
        Query q = Query.parse(ex.getRequestURI().getRawQuery(), PARAMS);
        Pages.Page page = pages.visit(q.get("page"), ex.getRemoteAddress().getAddress().getHostAddress(),
                System.nanoTime());
        Recipe recipe = RecipeJson.fromJson(q.require("recipe"), "recipe");
        String which = q.get("model");
        ShaderNetwork network;
        if (which == null) {
            limits.checkNetworkSize(recipe);
            network = ShaderNetwork.of(recipe);
        } else if (which.equals("page")) {
            network = ShaderNetwork.of(page.model.require().model(), recipe);
        } else {
            throw new BadInputException("model: expected 'page' (the model this page opened), got '"
                    + (which.length() > 40 ? which.substring(0, 40) + "..." : which) + "'");
        }
        Http.sendJson(ex, 200, describe(network, recipe.color().toString()));
    }

    static ObjectNode describe(ShaderNetwork network, String color) throws IOException {
        Model model = network.model();
        GlslGenerator.Glsl glsl = GlslGenerator.generate(network, GlslGenerator.Weights.TEXTURE);
        ObjectNode root = Http.JSON.createObjectNode();
        root.set("model", Http.JSON.readTree(ModelJson.toJson(model, color)));
        root.put("weightScale", network.weightScale());
        root.put("biasScale", network.biasScale());
        ArrayNode z = root.putArray("latent");
        for (double v : network.latent()) {
            z.add(v);
        }
        ObjectNode view = root.putObject("view");
        view.put("extent", network.extent());
        view.putArray("center").add(network.centerX()).add(network.centerY());
        view.put("rotate", network.rotateDegrees());
        view.put("tile", network.tile());
        root.put("color", color);
        ObjectNode shader = root.putObject("shader");
        shader.put("fragment", ShaderExport.fragment(glsl, network, "nnpaint explorer"));
        shader.put("latentCount", glsl.latentCount());
        shader.put("multiplyAdds", glsl.multiplyAdds());
        shader.put("activations", glsl.activations());
        ObjectNode texture = shader.putObject("texture");
        texture.put("width", glsl.textureWidth());
        texture.put("height", glsl.textureHeight());
        ByteBuffer bytes = ByteBuffer.allocate(glsl.texture().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(glsl.texture());
        texture.put("data", Base64.getEncoder().encodeToString(bytes.array()));
        return root;
    }
}
