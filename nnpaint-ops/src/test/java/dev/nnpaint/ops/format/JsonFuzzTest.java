package dev.nnpaint.ops.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Malformed recipes, models and images thrown at the readers, from a fixed seed per case. Targeted damage must
 * be refused with a {@link BadInputException} whose one-line message names the file, the place (a field path
 * such as {@code layers[2].weights[3][1]}) and what was expected; random damage must be either read or refused
 * that way, never any other exception.
 */
class JsonFuzzTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Marks a raw JSON token (NaN, 1e400, [1, "a"]) kept as hex in a string, since a tree cannot hold one. */
    private static final String RAW = "raw-json-";
    private static final String[] ACTIVATIONS = {"tanh", "sin", "gaussian", "relu", "sigmoid", "identity"};

    @TempDir
    Path dir;

    static Stream<Integer> seeds() {
        return IntStream.range(0, 300).boxed();
    }

    /** What a damaged file must be refused with. */
    record Case(String json, String path, String expected) {
    }

    // ---- models ----

    /** A valid random model: 1 to 4 layers of 1 to 5 units, bias or not, one activation or one per unit. */
    private static ObjectNode randomModel(Random random) {
        ObjectNode model = F.objectNode();
        model.put("format", ModelJson.FORMAT);
        List<String> names = new ArrayList<>(List.of("x", "y", "r", "z0", "bias"));
        Collections.shuffle(names, random);
        ArrayNode inputs = model.putArray("inputs");
        names.subList(0, 1 + random.nextInt(names.size())).forEach(inputs::add);
        ArrayNode layers = model.putArray("layers");
        int fanIn = inputs.size();
        int count = 1 + random.nextInt(4);
        for (int k = 0; k < count; k++) {
            int outputs = k == count - 1 ? (random.nextBoolean() ? 1 : 3) : 1 + random.nextInt(5);
            ObjectNode layer = layers.addObject();
            if (outputs > 1 && random.nextInt(3) == 0) {
                ArrayNode perUnit = layer.putArray("activation");
                for (int o = 0; o < outputs; o++) {
                    perUnit.add(ACTIVATIONS[random.nextInt(ACTIVATIONS.length)]);
                }
            } else {
                layer.put("activation", ACTIVATIONS[random.nextInt(ACTIVATIONS.length)]);
            }
            ArrayNode weights = layer.putArray("weights");
            for (int o = 0; o < outputs; o++) {
                ArrayNode row = weights.addArray();
                for (int i = 0; i < fanIn; i++) {
                    row.add((float) random.nextGaussian());
                }
            }
            if (random.nextBoolean()) {
                ArrayNode bias = layer.putArray("bias");
                for (int o = 0; o < outputs; o++) {
                    bias.add((float) random.nextGaussian());
                }
            }
            fanIn = outputs;
        }
        return model;
    }

    private static JsonNode raw(String token) {
        return F.textNode(RAW + HexFormat.of().formatHex(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(JsonNode tree, Random random) {
        String json = random.nextBoolean() ? tree.toPrettyString() : tree.toString();
        return Pattern.compile("\"" + RAW + "([0-9a-f]*)\"").matcher(json).replaceAll(m ->
                Matcher.quoteReplacement(new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.UTF_8)));
    }

    private static Case damageModel(int seed) {
        Random random = new Random(seed);
        ObjectNode model = randomModel(random);
        ArrayNode layers = (ArrayNode) model.get("layers");
        int k = random.nextInt(layers.size());
        ObjectNode layer = (ObjectNode) layers.get(k);
        ArrayNode weights = (ArrayNode) layer.get("weights");
        int outputs = weights.size();
        int columns = weights.get(0).size();
        int r = random.nextInt(outputs);
        int c = random.nextInt(columns);
        String at = "layers[" + k + "]";
        ArrayNode row = (ArrayNode) weights.get(r);
        switch (seed % 17) {
            case 0: {
                JsonNode[] wrong = {F.textNode("0.5"), F.booleanNode(true), F.nullNode(), F.objectNode(), F.arrayNode()};
                row.set(c, wrong[random.nextInt(wrong.length)]);
                return new Case(text(model, random), at + ".weights[" + r + "][" + c + "]", "expected a number");
            }
            case 1: {
                String[] huge = {"1e39", "-3.5e38", "1e400", "-1E+999"};
                row.set(c, raw(huge[random.nextInt(huge.length)]));
                return new Case(text(model, random), at + ".weights[" + r + "][" + c + "]", "float range");
            }
            case 2: {
                if (outputs >= 2) {
                    int ragged = 1 + random.nextInt(outputs - 1);
                    ((ArrayNode) weights.get(ragged)).add(1.0);
                    return new Case(text(model, random), at + ".weights[" + ragged + "]",
                            "expected " + columns + (columns == 1 ? " number" : " numbers") + " like weights[0]");
                }
                row.add(1.0); // the only row grows: the layer no longer fits its inputs
                return new Case(text(model, random), at + ".weights", "rows have " + (columns + 1) + " numbers");
            }
            case 3: {
                for (JsonNode each : weights) {
                    ((ArrayNode) each).add(0.5);
                }
                String fanIn = k == 0 ? "the model has " + columns + (columns == 1 ? " input" : " inputs")
                        : "layers[" + (k - 1) + "] has " + columns + (columns == 1 ? " output" : " outputs");
                return new Case(text(model, random), at + ".weights", fanIn);
            }
            case 4: {
                String bad = new String[] {"swish", "tanh2", "mix:tanh,sin", "", "relu6"}[random.nextInt(5)];
                if (layer.get("activation").isArray()) {
                    int u = random.nextInt(outputs);
                    ((ArrayNode) layer.get("activation")).set(u, F.textNode(bad));
                    return new Case(text(model, random), at + ".activation[" + u + "]",
                            "valid: identity, tanh, sigmoid");
                }
                layer.put("activation", bad);
                return new Case(text(model, random), at + ".activation", "valid: identity, tanh, sigmoid");
            }
            case 5: {
                ArrayNode perUnit = layer.putArray("activation");
                for (int o = 0; o < outputs + 1; o++) {
                    perUnit.add("tanh");
                }
                return new Case(text(model, random), at + ".activation",
                        "expected one name or " + outputs + " (one per unit), got " + (outputs + 1));
            }
            case 6: {
                ArrayNode bias = layer.putArray("bias");
                int length = random.nextBoolean() ? outputs + 1 : outputs - 1;
                for (int o = 0; o < length; o++) {
                    bias.add(0.25);
                }
                return new Case(text(model, random), at + ".bias", "(one per row of weights), got " + length);
            }
            case 7:
                layer.putArray("weights");
                return new Case(text(model, random), at + ".weights", "expected at least one row");
            case 8:
                weights.set(0, F.arrayNode());
                return new Case(text(model, random), at + ".weights[0]", "expected one number per input");
            case 9:
                row.set(c, raw(new String[] {"NaN", "Infinity", "-Infinity"}[random.nextInt(3)]));
                return new Case(text(model, random), "invalid JSON at line", "is not a JSON number");
            case 10:
                layer.set("weights", random.nextBoolean() ? F.numberNode(3) : F.objectNode().put("a", 1));
                return new Case(text(model, random), at + ".weights", "expected an array of rows");
            case 11: {
                String unknown = new String[] {"biases", "weight", "activaton", "kernel"}[random.nextInt(4)];
                layer.put(unknown, 1);
                return new Case(text(model, random), at + ": unknown field '" + unknown + "'",
                        unknown.equals("kernel") ? "valid: activation, weights, bias" : "did you mean");
            }
            case 12:
                layer.remove(random.nextBoolean() ? "weights" : "activation");
                return new Case(text(model, random), at + ": missing field", "'");
            case 13: {
                ArrayNode inputs = (ArrayNode) model.get("inputs");
                int choice = random.nextInt(3);
                if (choice == 0) {
                    inputs.removeAll();
                    return new Case(text(model, random), "inputs", "expected at least one input name");
                }
                if (choice == 1) {
                    inputs.add(inputs.get(0).asText());
                    return new Case(text(model, random), "inputs[" + (inputs.size() - 1) + "]", "appears twice");
                }
                inputs.insert(0, 7);
                return new Case(text(model, random), "inputs[0]", "expected an input name, got 7");
            }
            case 14:
                model.putArray("layers");
                return new Case(text(model, random), "layers", "expected at least one layer");
            case 15: {
                String full = text(model, random);
                int cut = 1 + random.nextInt(full.lastIndexOf('}'));
                return new Case(full.substring(0, cut), "invalid JSON at line", "");
            }
            default: {
                int last = ((ArrayNode) layers.get(layers.size() - 1).get("weights")).size();
                model.put("color", last == 3 ? "gray" : "rgb");
                return new Case(text(model, random), "color", "but the last layer has " + last);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aDamagedModelIsRefusedSayingWhereAndWhat(int seed) {
        Case c = damageModel(seed);
        assertRefused(() -> ModelJson.fromJson(c.json(), "fuzz-model.json"), "fuzz-model.json", c);
    }

    // ---- recipes ----

    /** Bad values per field, with the path the message must name and what it must say was expected. */
    private static final List<Object[]> BAD_RECIPE_VALUES = List.of(
            new Object[] {"seed", "\"7\"", "seed", "expected an integer"},
            new Object[] {"seed", "1.5", "seed", "expected an integer"},
            new Object[] {"seed", "1e30", "seed", "expected an integer"},
            new Object[] {"seed", "123456789012345678901234567890", "seed", "expected an integer"},
            new Object[] {"inputs", "\"x,y\"", "inputs", "expected an array of names"},
            new Object[] {"inputs", "[\"x\", 3]", "inputs[1]", "expected a string"},
            new Object[] {"inputs", "[\"x\", \"q\"]", "inputs", "unknown input 'q'; valid: x, y, r, z, bias"},
            new Object[] {"inputs", "[]", "inputs", "at least one"},
            new Object[] {"z_dim", "-1", "z_dim", "expected a non-negative integer"},
            new Object[] {"z_dim", "2.5", "z_dim", "expected a non-negative integer"},
            new Object[] {"z", "[0.5, \"a\", 1]", "z[1]", "expected a finite number"},
            new Object[] {"z", "[1e400, 0, 0]", "z[0]", "expected a finite number"},
            new Object[] {"z", "{}", "z", "expected an array of finite numbers"},
            new Object[] {"hidden", "[16, -2]", "hidden[1]", "expected a positive integer"},
            new Object[] {"hidden", "[0]", "hidden[0]", "expected a positive integer"},
            new Object[] {"hidden", "[4, 1.5]", "hidden[1]", "expected a positive integer"},
            new Object[] {"hidden", "[1e10]", "hidden[0]", "expected a positive integer"},
            new Object[] {"hidden", "16", "hidden", "expected an array of positive integers"},
            new Object[] {"activations", "[\"tanh\", \"swish\"]", "activations[1]", "unknown activation 'swish'; valid:"},
            new Object[] {"activations", "[]", "activations", "expected at least one activation"},
            new Object[] {"activations", "[3]", "activations[0]", "expected a string"},
            new Object[] {"activations", "\"mix:tanh,nope\"", "activations", "nope"},
            new Object[] {"output_activation", "\"soft\"", "output_activation", "unknown activation 'soft'"},
            new Object[] {"output_activation", "[\"tanh\"]", "output_activation", "expected an activation name"},
            new Object[] {"weights", "\"normal:abc\"", "weights", "abc"},
            new Object[] {"weights", "\"gauss:1\"", "weights", "valid: normal:S"},
            new Object[] {"biases", "1", "biases", "expected an initialisation"},
            new Object[] {"gain", "\"big\"", "gain", "expected a finite number"},
            new Object[] {"gain", "1e400", "gain", "beyond the range"},
            new Object[] {"gain", "NaN", "invalid JSON at line", "is not a JSON number"},
            new Object[] {"width", "0", "width", "expected a positive integer"},
            new Object[] {"width", "-640", "width", "expected a positive integer"},
            new Object[] {"width", "\"640\"", "width", "expected a positive integer"},
            new Object[] {"width", "3000000000", "width", "expected a positive integer"},
            new Object[] {"height", "-1", "height", "expected a positive integer"},
            new Object[] {"height", "12.5", "height", "expected a positive integer"},
            new Object[] {"extent", "0", "extent", "expected a positive number"},
            new Object[] {"extent", "-2", "extent", "expected a positive number"},
            new Object[] {"center", "[1]", "center", "expected [x, y]"},
            new Object[] {"center", "[1, \"a\"]", "center[1]", "expected a finite number"},
            new Object[] {"rotate", "\"90\"", "rotate", "expected a finite number"},
            new Object[] {"color", "\"cmyk\"", "color", "unknown colour mode 'cmyk'; valid: rgb"},
            new Object[] {"color", "\"palette:nope\"", "color", "viridis"},
            new Object[] {"format", "\"nnpaint.recipe/2\"", "format", "expected \"nnpaint.recipe/1\""});

    @ParameterizedTest
    @MethodSource("seeds")
    void aDamagedRecipeIsRefusedSayingWhereAndWhat(int seed) {
        Random random = new Random(seed);
        Object[] bad = BAD_RECIPE_VALUES.get(seed % BAD_RECIPE_VALUES.size());
        // Any subset of the other fields, in any order; inputs, z_dim and z only together, as they depend on
        // each other.
        ObjectNode rich = RecipeJson.toTree(RecipeJsonTest.RICH);
        List<String> fields = new ArrayList<>(RecipeJson.FIELDS);
        Collections.shuffle(fields, random);
        boolean latent = random.nextBoolean() || List.of("inputs", "z_dim", "z").contains((String) bad[0]);
        ObjectNode recipe = F.objectNode();
        for (String f : fields) {
            boolean dependent = List.of("inputs", "z_dim", "z").contains(f);
            if (f.equals(bad[0])) {
                recipe.set(f, raw((String) bad[1]));
            } else if (dependent ? latent : random.nextBoolean()) {
                recipe.set(f, rich.get(f));
            }
        }
        Case c = new Case(text(recipe, random), (String) bad[2], (String) bad[3]);
        assertRefused(() -> RecipeJson.fromJson(c.json(), "fuzz-recipe.json"), "fuzz-recipe.json", c);
    }

    // ---- random damage, on disk ----

    /**
     * Random byte damage to valid files on disk (truncation, flips, deletions, insertions of bytes that are
     * not UTF-8): each reader either reads the file or refuses it naming it; nothing else escapes.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomlyDamagedFilesAreReadOrRefusedNeverAnythingElse(int seed) throws Exception {
        Random random = new Random(seed);
        Recipe recipe = RecipeJsonTest.RICH.toBuilder().size(8, 8).build();
        byte[] recipeFile = RecipeJson.toJson(recipe).getBytes(StandardCharsets.UTF_8);
        byte[] modelFile = ModelJson.toJson(Recipe.builder().hidden(3, 2).build().toModel(), "rgb")
                .getBytes(StandardCharsets.UTF_8);
        byte[] png = pngOf(recipe);

        Path r = dir.resolve("recipe-" + seed + ".json");
        Files.write(r, damage(recipeFile, random));
        assertReadOrRefused(() -> RecipeJson.read(r).toModel(), r);

        Path m = dir.resolve("model-" + seed + ".json");
        Files.write(m, damage(modelFile, random));
        assertReadOrRefused(() -> ModelJson.read(m), m);

        Path p = dir.resolve("image-" + seed + ".png");
        Files.write(p, damage(png, random));
        assertReadOrRefused(() -> ImageMetadata.read(p), p);
    }

    private static byte[] pngOf(Recipe recipe) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Map<String, String> text = ImageMetadata.describe(recipe, recipe.toModel(), null);
        try (PngWriter png = new PngWriter(out, 8, 8, text)) {
            png.writeRows(new byte[8 * 8 * 3], 0, 8);
        }
        return out.toByteArray();
    }

    private static byte[] damage(byte[] valid, Random random) {
        List<Byte> b = new ArrayList<>();
        for (byte x : valid) {
            b.add(x);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.size() > 1; e++) {
            int at = random.nextInt(b.size());
            switch (random.nextInt(6)) {
                case 0: b.subList(at, b.size()).clear(); break;
                case 1: b.set(at, (byte) (b.get(at) ^ (1 << random.nextInt(8)))); break;
                case 2: b.remove(at); break;
                case 3: b.add(at, b.get(at)); break;
                case 4: b.add(at, (byte) (0x80 + random.nextInt(128))); break;
                default:
                    byte[] token = new String[] {"NaN", "1e999", "-0", "null", "[]", "{}", "\"\"", "-7", ",", "]"}
                            [random.nextInt(10)].getBytes(StandardCharsets.UTF_8);
                    for (int i = token.length - 1; i >= 0; i--) {
                        b.add(at, token[i]);
                    }
                    break;
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    // ---- assertions ----

    private static void assertRefused(Runnable read, String source, Case c) {
        Throwable t = catchThrowable(read::run);
        assertThat(t).as("no error for:%n%s", c.json()).isNotNull();
        assertThat(t).as("input:%n%s", c.json()).isInstanceOf(BadInputException.class);
        assertThat(t.getMessage()).as("input:%n%s", c.json())
                .startsWith(source + ": ")
                .contains(c.path())
                .contains(c.expected());
        assertOneLineForPeople(t.getMessage());
    }

    private static void assertReadOrRefused(Runnable read, Path file) {
        Throwable t = catchThrowable(read::run);
        if (t != null) {
            assertThat(t).as("reading %s", file.getFileName()).isInstanceOf(BadInputException.class);
            assertThat(t.getMessage()).contains(file.getFileName().toString());
            assertOneLineForPeople(t.getMessage());
        }
    }

    private static void assertOneLineForPeople(String message) {
        assertThat(message).doesNotContain("\n").doesNotContain("\r").doesNotContain("Exception")
                .doesNotContain("com.fasterxml").doesNotContain("Feature").doesNotContain("[Source")
                .doesNotContain("\tat ").doesNotContain("\u0000");
    }
}
