package dev.nnpaint.app.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a PNG written by nnpaint says about itself: an iTXt entry {@value #KEY} holding
 * <pre>{"format": "nnpaint.image/1", "recipe": {...}}</pre>
 * and, for an image of a model file, either the model itself ({@code "model": {...}}, when it is small) or a
 * reference to it ({@code "model_file"} with its {@code "model_sha256"}).
 */
public final class ImageMetadata {

    public static final String KEY = "nnpaint";
    public static final String IMAGE_FORMAT = "nnpaint.image/1";
    /** Models with at most this many weights travel inside the PNG. */
    static final long EMBED_LIMIT = 200_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageMetadata() {
    }

    /** Where an image came from: a recipe, and the model file it painted, if any. */
    public record Source(Recipe.Builder recipe, ModelJson.ModelFile model, Path modelPath) {
    }

    /** The text chunks for an image of {@code recipe}, or of {@code model} (read from {@code modelPath}). */
    public static Map<String, String> describe(Recipe recipe, Model model, Path modelPath) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", IMAGE_FORMAT);
        doc.set("recipe", tree(RecipeJson.toJson(recipe)));
        if (model != null) {
            long weights = model.layers().stream().mapToLong(l -> l.multiplyAdds()).sum();
            if (weights <= EMBED_LIMIT || modelPath == null) {
                doc.set("model", tree(ModelJson.toJson(model, recipe.color())));
            } else {
                doc.put("model_file", modelPath.toAbsolutePath().normalize().toString());
                doc.put("model_sha256", sha256(modelPath));
            }
        }
        return Map.of(KEY, doc.toString());
    }

    /** Reads back what {@link #describe} wrote. */
    public static Source read(Path png) {
        String text = PngText.read(png).get(KEY);
        if (text == null) {
            throw new BadInputException("'" + png + "' carries no nnpaint recipe (it was not written by nnpaint)");
        }
        JsonNode doc = tree(text);
        String format = doc.path("format").asText("");
        if (format.startsWith("nnpaint.grid/")) {
            throw new BadInputException("'" + png + "' is a grid sheet: repaint it with 'nnpaint grid --from'");
        }
        if (!format.equals(IMAGE_FORMAT) || !doc.has("recipe")) {
            throw new BadInputException("'" + png + "': unsupported nnpaint metadata format '" + format + "'");
        }
        Recipe.Builder recipe = RecipeJson.builderFromJson(doc.get("recipe").toString(), png + " (recipe)");
        ModelJson.ModelFile model = null;
        Path modelPath = null;
        if (doc.has("model")) {
            model = ModelJson.fromJson(doc.get("model").toString(), png + " (model)");
        } else if (doc.has("model_file")) {
            Path file = Path.of(doc.get("model_file").asText());
            String expected = doc.path("model_sha256").asText("");
            if (!Files.isReadable(file)) {
                throw new BadInputException("'" + png + "' was painted from the model file '" + file
                        + "', which cannot be read any more");
            }
            if (!sha256(file).equals(expected)) {
                throw new BadInputException("'" + png + "' was painted from '" + file
                        + "', which has changed since");
            }
            model = ModelJson.read(file);
            modelPath = file;
        }
        return new Source(recipe, model, modelPath);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new BadInputException("unreadable nnpaint metadata: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + file + "': " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
