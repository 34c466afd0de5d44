package dev.nnpaint.ops.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Model;
import dev.nnpaint.paint.Colorizer;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.PixelInputs;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.paint.View;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The networks PyTorch painted for the tests (made by bench/peers/make_onnx_fixtures.py): the files under
 * src/test/resources/torch and the RGB bytes PyTorch computed, to compare nnpaint's pixels with.
 */
final class TorchFixtures {

    private TorchFixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(TorchFixtures.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing test fixture torch/" + name, e);
        }
    }

    /** Asserts that nnpaint paints {@code model} within one level of PyTorch on every pixel of fixture {@code net}. */
    static void assertPaintsLikePyTorch(Model model, String net, Kernel kernel) throws IOException {
        JsonNode expected;
        try (InputStream in = TorchFixtures.class.getResourceAsStream("/torch/" + net + ".expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        int w = expected.get("width").asInt();
        int h = expected.get("height").asInt();
        View view = new View(w, h, expected.get("extent").asDouble(), 0, 0, 0);
        Painting painting = new Painting(model, new PixelInputs(model.inputNames(), new double[0]), view,
                Colorizer.of("rgb"));
        byte[] rgb = new Renderer(painting, new Evaluator(model, kernel), 1, 256).renderRgb();
        JsonNode bytes = expected.get("rgb");
        assertThat(rgb).hasSize(bytes.size());
        int worst = 0;
        int differing = 0;
        for (int i = 0; i < rgb.length; i++) {
            int d = Math.abs((rgb[i] & 0xff) - bytes.get(i).asInt());
            worst = Math.max(worst, d);
            differing += d > 0 ? 1 : 0;
        }
        assertThat(worst).as("%s with the %s kernel: largest difference from PyTorch (%d of %d values differ)",
                net, kernel.name(), differing, rgb.length).isLessThanOrEqualTo(1);
    }
}
