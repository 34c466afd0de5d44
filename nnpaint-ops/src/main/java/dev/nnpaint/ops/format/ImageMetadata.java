package dev.nnpaint.ops.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a PNG written by nnpaint says about itself: an iTXt entry {@value #KEY} holding
 * <pre>{"format": "nnpaint.image/1", "recipe": {...}}</pre>
 * for a recipe's own network, and for an image of a given network (a model file, a trained or an opened model)
 * <pre>{"format": "nnpaint.image/1", "view": {"width": ..., "height": ..., "extent": ..., "center": [...],
 *  "rotate": ..., "color": ..., "z_dim": ..., "z": [...]}, "model": {...}}</pre>
 * with either the model itself ({@code "model"}, when it is small) or a reference to it ({@code "model_file"}
 * with its {@code "model_sha256"}): a model's image carries the view and colours it was painted with, not a
 * recipe whose network fields did not paint it. (Images of a sliced network, an animation's cross-section,
 * carry both the recipe and the model.)
 */
public final class ImageMetadata {

    public static final String KEY = "nnpaint";
    public static final String IMAGE_FORMAT = "nnpaint.image/1";
    /** Models with at most this many weights travel inside the PNG. */
    static final long EMBED_LIMIT = 200_000;

    private ImageMetadata() {
    }

    /** Where an image came from: a recipe, and the model file it painted, if any. */
    public record Source(Recipe.Builder recipe, ModelJson.ModelFile model, Path modelPath) {
    }

    /** The text chunks for an image of {@code recipe}, or of {@code model} (read from {@code modelPath}). */
    public static Map<String, String> describe(Recipe recipe, Model model, Path modelPath) {
        StringWriter text = new StringWriter();
        // Streamed rather than built as a tree: Jackson's tree classes take a third of a second to load.
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("format", IMAGE_FORMAT);
            g.writeFieldName("recipe");
            RecipeJson.writeFields(g, recipe);
            if (model != null) {
                writeModel(g, model, recipe.color().toString(), modelPath);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return Map.of(KEY, text.toString());
    }

    /**
     * The text chunks for an image of {@code model} painted with the view and colours of {@code view} (read from
     * {@code modelPath}, or null when it is not a file): the view's fields and the model, no recipe.
     */
    public static Map<String, String> describeModel(Recipe view, Model model, Path modelPath) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("format", IMAGE_FORMAT);
            g.writeObjectFieldStart("view");
            g.writeNumberField("width", view.width());
            g.writeNumberField("height", view.height());
            g.writeNumberField("extent", view.extent());
            g.writeFieldName("center");
            g.writeArray(new double[] {view.centerX(), view.centerY()}, 0, 2);
            g.writeNumberField("rotate", view.rotateDegrees());
            g.writeStringField("color", view.color().toString());
            if (view.zDim() > 0) {
                g.writeNumberField("z_dim", view.zDim());
                g.writeFieldName("z");
                double[] z = view.latent();
                g.writeArray(z, 0, z.length);
            }
            g.writeEndObject();
            writeModel(g, model, view.color().toString(), modelPath);
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return Map.of(KEY, text.toString());
    }

    private static void writeModel(JsonGenerator g, Model model, String color, Path modelPath) throws IOException {
        long weights = model.layers().stream().mapToLong(l -> l.multiplyAdds()).sum();
        if (weights <= EMBED_LIMIT || modelPath == null) {
            g.writeFieldName("model");
            ModelJson.write(g, model, color, false);
        } else {
            g.writeStringField("model_file", modelPath.toAbsolutePath().normalize().toString());
            g.writeStringField("model_sha256", sha256(modelPath));
        }
    }

    /** Reads back what {@link #describe} or {@link #describeModel} wrote. */
    public static Source read(Path png) {
        String text = PngText.read(png).get(KEY);
        if (text == null) {
            throw new BadInputException("'" + png + "' carries no nnpaint recipe (it was not written by nnpaint)");
        }
        JsonNode doc = tree(text, png);
        String format = doc.path("format").asText("");
        if (format.startsWith("nnpaint.grid/")) {
            throw new BadInputException("'" + png + "' is a grid sheet: repaint it with 'nnpaint grid --from'");
        }
        boolean view = !doc.has("recipe") && doc.has("view") && (doc.has("model") || doc.has("model_file"));
        if (!format.equals(IMAGE_FORMAT) || !(doc.has("recipe") || view)) {
            throw new BadInputException("'" + png + "': unsupported nnpaint metadata format '" + format + "'");
        }
        // A model's view is a partial recipe: the fields it leaves out do not change how the model paints.
        Recipe.Builder recipe = view ? RecipeJson.builderFromJson(doc.get("view").toString(), png + " (view)")
                : RecipeJson.builderFromJson(doc.get("recipe").toString(), png + " (recipe)");
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

    private static JsonNode tree(String json, Path png) {
        try {
            JsonNode doc = JsonSupport.mapper().readTree(json);
            if (doc == null || !doc.isObject()) {
                throw new BadInputException("'" + png + "': the nnpaint metadata is not a JSON object");
            }
            return doc;
        } catch (JsonProcessingException e) {
            throw JsonSupport.syntaxError("'" + png + "' (nnpaint metadata)", e);
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
            throw new BadInputException("cannot read '" + file + "': " + AtomicOutput.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
