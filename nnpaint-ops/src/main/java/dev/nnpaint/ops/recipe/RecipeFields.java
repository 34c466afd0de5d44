package dev.nnpaint.ops.recipe;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.recipe.Field.Animate;
import dev.nnpaint.ops.recipe.Field.Group;
import dev.nnpaint.ops.recipe.Field.Spec;
import dev.nnpaint.paint.Antialias;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Palette;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The recipe fields, each defined once: the command-line options, the recipe file, grid axes and animations,
 * recipe lists, the web page's controls and the docs' table are all read from this list. The order is the
 * order of the recipe file. Defaults are not repeated here: they are the values of {@link Recipe#defaults()}.
 */
public final class RecipeFields {

    private static final String INIT_HELP = "One of: " + Init.SYNTAX + ".";

    public static final Field<Long> SEED = new Spec<>("seed", Group.NETWORK, ValueType.wholeLong())
            .json("seed").option("--seed", "N")
            .help("Seed of every random draw.")
            .get(Recipe::seed).set(Recipe.Builder::seed)
            .grid(VaryKind.WHOLE).build();

    public static final Field<List<String>> INPUTS = new Spec<>("inputs", Group.NETWORK,
            ValueType.words("an array of names from \"x\", \"y\", \"r\", \"z\", \"bias\"", "input",
                    RecipeFields::input, s -> s, false))
            .json("inputs").option("--inputs", "LIST").choices(List.of("x", "y", "r", "z", "bias"))
            .help("Input features, from x, y, r, z, bias.")
            .get(Recipe::inputs).set(Recipe.Builder::inputs)
            .grid(VaryKind.WORD_LIST)
            // Leaving z out drops the latent vector rather than failing on a z-dim nobody asked for here.
            .vary((b, inputs) -> {
                b.inputs(inputs);
                if (!inputs.contains("z")) {
                    b.zDim(0).z(null);
                }
            }).build();

    public static final Field<Integer> Z_DIM = new Spec<>("z-dim", Group.NETWORK,
            ValueType.whole("a non-negative integer"))
            .json("z_dim").option("--z-dim", "K").min(0)
            .help("Size of the latent vector z, drawn from the seed (z joins the inputs).")
            .get(Recipe::zDim).set((b, k) -> b.latent(k, null)).fromFile(Recipe.Builder::zDim)
            .grid(VaryKind.WHOLE).gridMin(1).build();

    public static final Field<double[]> Z = new Spec<>("z", Group.NETWORK, ValueType.decimals())
            .json("z").option("--z", "LIST")
            .help("The latent vector, e.g. 0.3,-1.2 (z joins the inputs).")
            .get(Recipe::z).set((b, z) -> b.latent(z.length, z)).fromFile(Recipe.Builder::z)
            .grid(VaryKind.VECTOR).animate(Animate.LINEAR).build();

    public static final Field<int[]> HIDDEN = new Spec<>("hidden", Group.NETWORK,
            ValueType.wholes("a positive integer (a layer size)"))
            .json("hidden").option("--hidden", "LIST").min(1)
            .help("Hidden layer sizes, e.g. 128,64,32,16 (instead of --layers/--neurons).")
            .get(Recipe::hidden).set(Recipe.Builder::hidden)
            .grid(VaryKind.WHOLE_VECTOR).build();

    public static final Field<Integer> LAYERS = new Spec<>("layers", Group.NETWORK,
            ValueType.whole("a non-negative integer"))
            .option("--layers", "N").min(0)
            .help("Number of hidden layers.")
            .get(r -> r.hidden().length)
            .set((b, k) -> {
                int[] h = b.hiddenSizes();
                b.layers(k, h.length > 0 ? h[0] : Recipe.defaults().hidden()[0]);
            })
            .grid(VaryKind.WHOLE, "depth", "layers")
            // The first k layers of the recipe's own network, so a depth sweep shows one network growing.
            .vary((b, k) -> {
                int[] h = b.hiddenSizes();
                int widest = h.length > 0 ? h[h.length - 1] : Recipe.defaults().hidden()[0];
                int[] next = new int[k];
                for (int i = 0; i < k; i++) {
                    next[i] = i < h.length ? h[i] : widest;
                }
                b.hidden(next);
            }).build();

    public static final Field<Integer> NEURONS = new Spec<>("neurons", Group.NETWORK,
            ValueType.whole("a positive integer"))
            .option("--neurons", "N").min(1)
            .help("Units per hidden layer.")
            .get(r -> r.hidden().length > 0 ? r.hidden()[0] : null)
            .set((b, n) -> b.layers(b.hiddenSizes().length, n))
            .grid(VaryKind.WHOLE, "neurons", "width").build();

    public static final Field<ActivationSpec> ACTIVATION = new Spec<>("activation", Group.NETWORK,
            ValueType.word("an activation name such as \"tanh\" or \"mix:tanh,sin\"", ActivationSpec::parse,
                    ActivationSpec::toString))
            .option("--activation", "ACT").choices(activationNames())
            .help("Hidden activation of every layer, or mix:A,B,... to draw one per unit. One of: "
                    + String.join(", ", activationNames()) + ".")
            .get(r -> r.activations().size() == 1 ? r.activations().get(0) : null)
            .set((b, a) -> b.activations(List.of(a)))
            .grid(VaryKind.WORD).build();

    public static final Field<List<ActivationSpec>> ACTIVATIONS = new Spec<>("activations", Group.NETWORK,
            ValueType.words("an array of activation names such as \"tanh\" or \"mix:tanh,sin\"", "activation",
                    ActivationSpec::parse, ActivationSpec::toString, true))
            .json("activations").option("--activations", "LIST").choices(activationNames())
            .help("Activation per hidden layer, e.g. tanh,relu,sin (repeats when the network is deeper; "
                    + "a mixed layer is written mix:tanh+sin).")
            .get(Recipe::activations).set(Recipe.Builder::activations)
            .grid(VaryKind.WORD_LIST).build();

    public static final Field<Activation> OUTPUT_ACTIVATION = new Spec<>("output-activation", Group.NETWORK,
            ValueType.word("an activation name", Activation::parse, Activation::id))
            .json("output_activation").option("--output-activation", "ACT").choices(activationNames())
            .help("Output activation.")
            .get(Recipe::outputActivation).set(Recipe.Builder::outputActivation)
            .grid(VaryKind.WORD, "output-activation", "output").build();

    public static final Field<Init> WEIGHTS = new Spec<>("weights", Group.NETWORK, init())
            .json("weights").option("--weights", "INIT").choices(initKinds())
            .help("Weight initialisation. " + INIT_HELP)
            .get(Recipe::weights).set(Recipe.Builder::weights)
            .grid(VaryKind.INIT).animate(Animate.LINEAR).build();

    public static final Field<Init> BIASES = new Spec<>("biases", Group.NETWORK, init())
            .json("biases").option("--biases", "INIT").choices(initKinds())
            .help("Bias initialisation. " + INIT_HELP)
            .get(Recipe::biases).set(Recipe.Builder::biases)
            .grid(VaryKind.INIT).animate(Animate.LINEAR).build();

    public static final Field<Double> GAIN = new Spec<>("gain", Group.NETWORK, ValueType.decimal("a finite number"))
            .json("gain").option("--gain", "G")
            .help("Multiplies every weight.")
            .get(Recipe::gain).set(Recipe.Builder::gain)
            .grid(VaryKind.NUMBER).animate(Animate.LINEAR).build();

    public static final Field<Integer> WIDTH = new Spec<>("width", Group.VIEW, ValueType.whole("a positive integer"))
            .json("width").min(1)
            .help("Image width in pixels (on the command line: --size).")
            .get(Recipe::width).set(Recipe.Builder::width).build();

    public static final Field<Integer> HEIGHT = new Spec<>("height", Group.VIEW, ValueType.whole("a positive integer"))
            .json("height").min(1)
            .help("Image height in pixels (on the command line: --size).")
            .get(Recipe::height).set(Recipe.Builder::height).build();

    public static final Field<int[]> SIZE = new Spec<>("size", Group.VIEW, ValueType.size())
            .option("--size", "N|WxH").min(1)
            .help("Image size: 1024 or 1920x1080.")
            .get(r -> new int[] {r.width(), r.height()}).set((b, s) -> b.size(s[0], s[1])).build();

    public static final Field<Double> EXTENT = new Spec<>("extent", Group.VIEW, ValueType.decimal("a positive number"))
            .json("extent").option("--extent", "E").above(0)
            .help("Half-width of the view in input units.")
            .get(Recipe::extent).set(Recipe.Builder::extent)
            .grid(VaryKind.NUMBER).animate(Animate.GEOMETRIC).build();

    public static final Field<Double> ZOOM = new Spec<>("zoom", Group.VIEW, ValueType.decimal("a positive number"))
            .option("--zoom", "Z").above(0)
            .help("Zoom factor: the same as --extent 1/Z.")
            .get(r -> 1 / r.extent()).set((b, z) -> b.extent(1 / z))
            .grid(VaryKind.NUMBER).animate(Animate.GEOMETRIC).build();

    public static final Field<double[]> CENTER = new Spec<>("center", Group.VIEW, ValueType.pair())
            .json("center").option("--center", "X,Y")
            .help("Centre of the view.")
            .get(r -> new double[] {r.centerX(), r.centerY()}).set((b, c) -> b.center(c[0], c[1]))
            .grid(VaryKind.VECTOR, "center", "centre").animate(Animate.LINEAR).build();

    public static final Field<Double> ROTATE = new Spec<>("rotate", Group.VIEW,
            ValueType.decimal("a finite number of degrees"))
            .json("rotate").option("--rotate", "DEG")
            .help("Rotation of the view, counter-clockwise, in degrees.")
            .get(Recipe::rotateDegrees).set(Recipe.Builder::rotateDegrees)
            .grid(VaryKind.NUMBER, "rotate", "rotation").animate(Animate.LINEAR).build();

    public static final Field<Antialias> ANTIALIAS = new Spec<>("antialias", Group.VIEW, ValueType.antialias())
            .json("antialias").option("--antialias", "N|auto").choices(List.of("1", "2", "3", "4", "auto"))
            .help("Samples a pixel: N paints N x N samples and averages them in linear light (a box filter); "
                    + "auto takes 2 x 2 and 4 x 4 only where those disagree; 1 is off.")
            .get(Recipe::antialias).set(Recipe.Builder::antialias)
            .grid(VaryKind.WORD).omittedAtDefault().build();

    public static final Field<Boolean> TILE = new Spec<>("tile", Group.VIEW, ValueType.bool())
            .json("tile").option("--tile", "true|false")
            .help("Paint a seamless tile: the inputs go round a torus, so the image repeats without a seam.")
            .get(Recipe::tile).set(Recipe.Builder::tile)
            .grid(VaryKind.WORD).omittedAtDefault().build();

    public static final Field<ColorMode> COLOR = new Spec<>("color", Group.COLOR,
            ValueType.word("a colour mode such as \"rgb\" or \"palette:NAME\"", ColorMode::parse, ColorMode::toString))
            .json("color").option("--color", "MODE").choices(colorChoices())
            .help("Colour mapping: rgb, gray, hsv, hsl, palette:NAME (palettes: "
                    + String.join(", ", Palette.names()) + ") or palette:#RRGGBB,#RRGGBB,... "
                    + "(colour stops, interpolated in Oklab).")
            .get(Recipe::color).set(Recipe.Builder::color)
            .grid(VaryKind.WORD, "color", "colour").build();

    /** Every field, in the order of the recipe file. */
    public static final List<Field<?>> ALL = List.of(SEED, INPUTS, Z_DIM, Z, HIDDEN, LAYERS, NEURONS, ACTIVATION,
            ACTIVATIONS, OUTPUT_ACTIVATION, WEIGHTS, BIASES, GAIN, WIDTH, HEIGHT, SIZE, EXTENT, ZOOM, CENTER, ROTATE,
            ANTIALIAS, TILE, COLOR);

    /**
     * Options that say the same thing two ways: at most one of each group may be given, as in "--hidden or
     * --layers/--neurons".
     */
    public static final List<List<Field<?>>> EXCLUSIVE = List.of(List.of(HIDDEN, LAYERS, NEURONS),
            List.of(ACTIVATION, ACTIVATIONS), List.of(EXTENT, ZOOM));

    private RecipeFields() {
    }

    /** The fields of the recipe file, in its order. */
    public static List<Field<?>> inFile() {
        return ALL.stream().filter(f -> f.json() != null).toList();
    }

    /** The fields given as command-line options. */
    public static List<Field<?>> options() {
        return ALL.stream().filter(f -> f.option() != null).toList();
    }

    /** The fields a grid can vary. */
    public static List<Field<?>> varyable() {
        return ALL.stream().filter(f -> f.grid() != null).toList();
    }

    public static Optional<Field<?>> byJson(String key) {
        return ALL.stream().filter(f -> key.equals(f.json())).findFirst();
    }

    /** The field of an option, with or without its dashes. */
    public static Optional<Field<?>> byOption(String name) {
        String option = name.startsWith("--") ? name : "--" + name;
        return ALL.stream().filter(f -> option.equals(f.option())).findFirst();
    }

    /** The field a grid or an animation names ({@code depth}, {@code output}, {@code colour}, ...). */
    public static Field<?> varied(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return varyable().stream().filter(f -> f.answersTo(n)).findFirst().orElseThrow(() ->
                new BadInputException("unknown recipe field '" + name.trim() + "'; valid: " + variedNames()));
    }

    /** The names grids accept, e.g. "depth (or layers)". */
    public static String variedNames() {
        return varyable().stream()
                .map(f -> f.aliases().isEmpty() ? f.gridName()
                        : f.gridName() + " (or " + String.join(", ", f.aliases()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The names animations accept. */
    public static String animatedNames() {
        return varyable().stream().filter(f -> f.animate() != null).map(Field::gridName)
                .collect(Collectors.joining(", "));
    }

    private static String input(String name) {
        if (!Recipe.INPUT_NAMES.contains(name)) {
            throw new BadInputException("unknown input '" + name + "'; valid: x, y, r, z, bias");
        }
        return name;
    }

    private static ValueType<Init> init() {
        return ValueType.word("an initialisation such as \"normal:1\"", Init::parse, Init::toString);
    }

    private static List<String> activationNames() {
        return Arrays.stream(Activation.values()).map(Activation::id).toList();
    }

    private static List<String> initKinds() {
        List<String> kinds = new ArrayList<>();
        for (String syntax : Init.SYNTAX.split(",\\s*")) {
            int colon = syntax.indexOf(':');
            kinds.add(colon < 0 ? syntax : syntax.substring(0, colon));
        }
        return kinds;
    }

    private static List<String> colorChoices() {
        return Stream.concat(Stream.of("rgb", "gray", "hsv", "hsl"),
                Palette.names().stream().map(p -> "palette:" + p)).toList();
    }
}
