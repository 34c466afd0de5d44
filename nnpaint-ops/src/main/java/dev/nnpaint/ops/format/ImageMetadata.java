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
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a PNG written by nnpaint says about itself: an iTXt entry {@value #KEY} holding
 * <pre>{"format": "nnpaint.image/1", "recipe": {...}}</pre>
 * for a recipe's own network, and for an image of a given network (a model file, a trained or an opened model)
 * <pre>{"format": "nnpaint.image/1", "view": {"width": ..., "height": ..., "extent": ..., "center": [...],
 *  "rotate": ..., "color": ..., "z_dim": ..., "z": [...]}, "model": {...}}</pre>
 * and where the model is: {@code "model_chunk": "npMd"} when it travels inside the PNG, in a private chunk of
 * that type holding its {@link ModelBinary compact form} (float32, compressed), or {@code "model_sidecar":
 * "model-<first 16 hex digits of its SHA-256>.npmodel"} when it is too large to embed ({@value #EMBED_LIMIT_BYTES}
 * bytes of float32), a file of the same compact form beside the image; {@code "model_sha256"} is the hash of that
 * compact form either way. A model's image carries the view and colours it was painted with, not a recipe whose
 * network fields did not paint it. (Images of a sliced network, an animation's cross-section, carry both the
 * recipe and the model.) The text chunk stays a few kilobytes, far under readers' limits on text (Pillow
 * refuses text chunks over 1 MB).
 *
 * <p>Images written before the compact form carry the model as JSON ({@code "model"}) or as an absolute path
 * and hash ({@code "model_file"}, {@code "model_sha256"}); both still read.
 */
public final class ImageMetadata {

    public static final String KEY = "nnpaint";
    public static final String IMAGE_FORMAT = "nnpaint.image/1";
    /** The private chunk type of an embedded model: ancillary, private, safe to copy. */
    public static final String MODEL_CHUNK = "npMd";
    /**
     * The text entry that carries a sidecar's bytes from {@link #describe} to the code writing the PNG (base64):
     * never written into the PNG, and only writers that know the image's path can write the sidecar.
     */
    public static final String SIDECAR_ENTRY = "nnpaint-sidecar";
    /** Models up to this many bytes of float32 (a million weights) travel inside the PNG; larger ones beside it. */
    static final long EMBED_LIMIT_BYTES = 4L << 20;

    private ImageMetadata() {
    }

    /** Where an image came from: a recipe, and the model file it painted, if any. */
    public record Source(Recipe.Builder recipe, ModelJson.ModelFile model, Path modelPath) {
    }

    /** The text chunks for an image of {@code recipe}, or of {@code model} (read from {@code modelPath}). */
    public static Map<String, String> describe(Recipe recipe, Model model, Path modelPath) {
        StringWriter text = new StringWriter();
        Map<String, String> extra = Map.of();
        // Streamed rather than built as a tree: Jackson's tree classes take a third of a second to load.
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("format", IMAGE_FORMAT);
            g.writeFieldName("recipe");
            RecipeJson.writeFields(g, recipe);
            if (model != null) {
                extra = writeModel(g, model, recipe.color().toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return entries(text.toString(), extra);
    }

    private static Map<String, String> entries(String json, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(KEY, json);
        all.putAll(extra);
        return all;
    }

    /**
     * The text chunks for an image of {@code model} painted with the view and colours of {@code view} (read from
     * {@code modelPath}, or null when it is not a file): the view's fields and the model, no recipe.
     */
    public static Map<String, String> describeModel(Recipe view, Model model, Path modelPath) {
        StringWriter text = new StringWriter();
        Map<String, String> extra;
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
            extra = writeModel(g, model, view.color().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        return entries(text.toString(), extra);
    }

    /**
     * Writes where the model is and returns the entries that carry it: the {@value #MODEL_CHUNK} chunk's data, or
     * the sidecar's (both base64).
     */
    private static Map<String, String> writeModel(JsonGenerator g, Model model, String color) throws IOException {
        byte[] compact = ModelBinary.toBytes(model, color);
        String hash = sha256(compact);
        String data = Base64.getEncoder().encodeToString(compact);
        if (ModelBinary.parameterCount(model) * 4 <= EMBED_LIMIT_BYTES) {
            g.writeStringField("model_chunk", MODEL_CHUNK);
            g.writeStringField("model_sha256", hash);
            return Map.of(MODEL_CHUNK, data);
        }
        g.writeStringField("model_sidecar", sidecarName(hash));
        g.writeStringField("model_sha256", hash);
        return Map.of(SIDECAR_ENTRY, data);
    }

    /** The sidecar's file name: by content, so identical models painted into one folder share one file. */
    static String sidecarName(String sha256) {
        return "model-" + sha256.substring(0, 16) + ".npmodel";
    }

    /**
     * Writes the sidecar that {@code text} carries (if any) beside {@code image}, atomically; a file of that
     * name is already the same model (the name is its hash), so it is left as it is.
     */
    public static void writeSidecar(Path image, Map<String, String> text) {
        String data = text == null ? null : text.get(SIDECAR_ENTRY);
        if (data == null) {
            return;
        }
        byte[] bytes = Base64.getDecoder().decode(data);
        Path parent = image.toAbsolutePath().getParent();
        Path sidecar = parent.resolve(sidecarName(sha256(bytes)));
        if (!Files.exists(sidecar)) {
            AtomicOutput.writeBytes(sidecar, bytes);
        }
    }

    /** Reads back what {@link #describe} or {@link #describeModel} wrote. */
    public static Source read(Path png) {
        Map<String, String> text = PngText.read(png);
        String json = text.get(KEY);
        if (json == null) {
            throw new BadInputException("'" + png + "' carries no nnpaint recipe (it was not written by nnpaint)");
        }
        JsonNode doc = tree(json, png);
        String format = doc.path("format").asText("");
        if (format.startsWith("nnpaint.grid/")) {
            throw new BadInputException("'" + png + "' is a grid sheet: repaint it with 'nnpaint grid --from'");
        }
        boolean view = !doc.has("recipe") && doc.has("view") && (doc.has("model") || doc.has("model_file")
                || doc.has("model_chunk") || doc.has("model_sidecar"));
        if (!format.equals(IMAGE_FORMAT) || !(doc.has("recipe") || view)) {
            throw new BadInputException("'" + png + "': unsupported nnpaint metadata format '" + format + "'");
        }
        // A model's view is a partial recipe: the fields it leaves out do not change how the model paints.
        Recipe.Builder recipe = view ? RecipeJson.builderFromJson(doc.get("view").toString(), png + " (view)")
                : RecipeJson.builderFromJson(doc.get("recipe").toString(), png + " (recipe)");
        ModelJson.ModelFile model = null;
        Path modelPath = null;
        String where = "'" + png + "'";
        if (doc.has("model_chunk")) {
            String data = text.get(doc.get("model_chunk").asText());
            if (data == null) {
                throw new BadInputException(where + " has lost its " + MODEL_CHUNK + " chunk (the embedded model); "
                        + "an editor that drops unknown chunks removed it");
            }
            byte[] bytes = Base64.getDecoder().decode(data);
            if (!sha256(bytes).equals(doc.path("model_sha256").asText(""))) {
                throw new BadInputException(where + ": the embedded model does not match its hash (damaged)");
            }
            model = ModelBinary.fromBytes(bytes, png + " (model)");
        } else if (doc.has("model_sidecar")) {
            String name = doc.get("model_sidecar").asText();
            Path file = (png.toAbsolutePath().getParent()).resolve(Path.of(name).getFileName().toString());
            if (!Files.isReadable(file)) {
                throw new BadInputException(where + " keeps its model in '" + file.getFileName()
                        + "' beside it, which is missing: copy that file next to the image");
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new BadInputException("cannot read '" + file + "': " + AtomicOutput.reason(e), e);
            }
            if (!sha256(bytes).equals(doc.path("model_sha256").asText(""))) {
                throw new BadInputException(where + ": '" + file.getFileName() + "' beside it is not the model it "
                        + "was painted from (its hash differs)");
            }
            model = ModelBinary.fromBytes(bytes, file.toString());
            modelPath = file;
        } else if (doc.has("model")) {
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
            model = ModelFiles.read(file);
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

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
