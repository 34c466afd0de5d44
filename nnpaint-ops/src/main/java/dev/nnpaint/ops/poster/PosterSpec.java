package dev.nnpaint.ops.poster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.OutputFormat;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Painting;

import java.io.Serializable;

/**
 * What a poster is: the recipe (its size is the poster's), the model file painted instead of the recipe's random
 * network if any, and the tile layout. Held as text, so it can be written next to the tiles (to resume the same
 * poster, and to refuse to mix two) and shipped to the machines of a cluster.
 *
 * @param recipeJson the recipe, as {@link RecipeJson} writes it
 * @param modelJson  a model file ({@link ModelJson}), or null for the recipe's own network
 */
public record PosterSpec(String recipeJson, String modelJson, int tileSize, int overlap) implements Serializable {

    public static final String FORMAT = "nnpaint.poster/1";
    public static final int DEFAULT_TILE = 256;
    public static final int DEFAULT_OVERLAP = 1;

    public PosterSpec {
        layoutOf(RecipeJson.fromJson(recipeJson, "poster recipe"), tileSize, overlap);
    }

    /** A poster of {@code recipe} at the recipe's size; {@code model} may be null. */
    public static PosterSpec of(Recipe recipe, ModelJson.ModelFile model, int tileSize, int overlap) {
        return new PosterSpec(RecipeJson.toJson(recipe),
                model == null ? null : ModelJson.toJson(model.model(), model.color()), tileSize, overlap);
    }

    private static DziLayout layoutOf(Recipe r, int tileSize, int overlap) {
        return new DziLayout(r.width(), r.height(), tileSize, overlap);
    }

    public Recipe recipe() {
        return RecipeJson.fromJson(recipeJson, "poster recipe");
    }

    public DziLayout layout() {
        return layoutOf(recipe(), tileSize, overlap);
    }

    /** The full-size painting; each level paints the same view at its own size. */
    public Painting painting() {
        Recipe r = recipe();
        return modelJson == null ? Painting.of(r) : Painting.of(ModelJson.fromJson(modelJson, "poster model").model(), r);
    }

    /** {@code poster.json} of a poster of 8-bit tiles without a resolution. */
    public String manifest() {
        return manifest(OutputFormat.DEFAULT);
    }

    /**
     * {@code poster.json}: the format, the layout, the recipe and the model (null for the recipe's own), and the
     * tiles' depth and resolution when they are not the defaults (so that a resume never mixes 8- and 16-bit tiles,
     * and a poster written before they existed still reads as the same poster).
     */
    public String manifest(OutputFormat format) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        DziLayout layout = layout();
        root.put("width", layout.width());
        root.put("height", layout.height());
        root.put("tileSize", tileSize);
        root.put("overlap", overlap);
        root.put("levels", layout.maxLevel() + 1);
        root.put("tiles", layout.tileCount());
        root.set("recipe", RecipeJson.toTree(recipe()));
        root.set("model", modelJson == null ? null : readTree(mapper, modelJson, "poster model"));
        if (format.depth() != OutputFormat.DEFAULT.depth()) {
            root.put("depth", format.depth());
        }
        if (format.dpiGiven()) {
            root.put("dpi", format.dpi());
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e); // a tree of plain values
        }
    }

    /** Whether {@code manifest} (a poster.json read back) describes this same poster of 8-bit tiles. */
    public boolean sameAs(String manifest, String source) {
        return sameAs(manifest, source, OutputFormat.DEFAULT);
    }

    /** Whether {@code manifest} (a poster.json read back) describes this same poster in this tile format. */
    public boolean sameAs(String manifest, String source, OutputFormat format) {
        ObjectMapper mapper = new ObjectMapper();
        return readTree(mapper, manifest, source).equals(readTree(mapper, manifest(format), "poster"));
    }

    private static JsonNode readTree(ObjectMapper mapper, String json, String source) {
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("'" + source + "' is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
