package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recipe options shared by every command that paints (a picocli mixin). An option left out keeps the value
 * of {@code --config} (or of an image given with {@code --from}), and failing that the default of
 * {@link Recipe#defaults()}; the defaults in the help text are checked against it by a test.
 */
public final class RecipeOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the recipe from a JSON file (see README); options given as well override it.")
    public Path config;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random draw (default: 1).")
    public Long seed;

    @Option(names = "--layers", paramLabel = "N", description = "Number of hidden layers (default: 8).")
    public Integer layers;

    @Option(names = "--neurons", paramLabel = "N", description = "Units per hidden layer (default: 16).")
    public Integer neurons;

    @Option(names = "--hidden", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            description = "Hidden layer sizes, e.g. 128,64,32,16 (instead of --layers/--neurons).")
    public int[] hidden;

    @Option(names = "--activation", paramLabel = "ACT",
            description = "Hidden activation of every layer, or mix:A,B,... to draw one per unit (default: tanh). "
                    + "One of: identity, tanh, sigmoid, relu, leaky-relu, elu, softplus, sin, cos, gaussian, abs, "
                    + "hard-tanh, silu.")
    public String activation;

    @Option(names = "--activations", paramLabel = "LIST",
            description = "Activation per hidden layer, e.g. tanh,relu,sin (repeats when the network is deeper; "
                    + "a mixed layer is written mix:tanh+sin).")
    public String activations;

    @Option(names = "--output-activation", paramLabel = "ACT", description = "Output activation (default: sigmoid).")
    public String outputActivation;

    @Option(names = "--weights", paramLabel = "INIT",
            description = "Weight initialisation (default: normal:1). One of: " + Init.SYNTAX + ".")
    public String weights;

    @Option(names = "--biases", paramLabel = "INIT", description = "Bias initialisation (default: normal:1).")
    public String biases;

    @Option(names = "--gain", paramLabel = "G", description = "Multiplies every weight (default: 1).")
    public Double gain;

    @Option(names = "--inputs", paramLabel = "LIST",
            description = "Input features, from x, y, r, z, bias (default: x,y,r).")
    public String inputs;

    @Option(names = "--z-dim", paramLabel = "K", description = "Size of the latent vector z, drawn from the seed.")
    public Integer zDim;

    @Option(names = "--z", paramLabel = "LIST", split = ",", hideParamSyntax = true, description = "The latent vector, e.g. 0.3,-1.2.")
    public double[] z;

    @Option(names = "--size", paramLabel = "N|WxH", converter = SizeConverter.class,
            description = "Image size: 1024 or 1920x1080 (default: 1024).")
    public SizeConverter.Size size;

    @Option(names = "--extent", paramLabel = "E", description = "Half-width of the view in input units (default: 1).")
    public Double extent;

    @Option(names = "--zoom", paramLabel = "Z", description = "Zoom factor: the same as --extent 1/Z.")
    public Double zoom;

    @Option(names = "--center", paramLabel = "X,Y", split = ",", hideParamSyntax = true, description = "Centre of the view (default: 0,0).")
    public double[] center;

    @Option(names = "--rotate", paramLabel = "DEG",
            description = "Rotation of the view, counter-clockwise, in degrees (default: 0).")
    public Double rotate;

    @Option(names = "--color", paramLabel = "MODE",
            description = "Colour mapping: rgb, gray, hsv, hsl or palette:NAME (default: rgb).")
    public String color;

    /** Whether {@code --size} was given. */
    public boolean sizeGiven() {
        return size != null;
    }

    /** The {@code --size} given, or null. */
    public SizeConverter.Size size() {
        return size;
    }

    /** The {@code --config} file, or null. */
    public Path configFile() {
        return config;
    }

    /** Whether any of {@code --inputs}, {@code --z} or {@code --z-dim} was given. */
    public boolean inputsGiven() {
        return inputs != null || z != null || zDim != null;
    }

    /** Whether any of {@code --extent}, {@code --zoom} or {@code --center} was given. */
    public boolean viewGiven() {
        return extent != null || zoom != null || center != null;
    }

    /** The recipe from {@code --config} (or the defaults) with every given option applied. */
    public Recipe toRecipe() {
        return applyTo(startingBuilder()).build();
    }

    /** A builder from {@code --config}, or the defaults when there is none. */
    public Recipe.Builder startingBuilder() {
        if (config == null) {
            return Recipe.builder();
        }
        String json;
        try {
            json = Files.readString(config);
        } catch (IOException e) {
            throw new BadInputException("cannot read recipe '" + config + "': " + describe(e));
        }
        return RecipeJson.builderFromJson(json, config.toString());
    }

    /** Applies the options that were given, leaving the others as they are in {@code b}. */
    public Recipe.Builder applyTo(Recipe.Builder b) {
        if (seed != null) {
            b.seed(seed);
        }
        if (hidden != null && (layers != null || neurons != null)) {
            throw new BadInputException("give either --hidden or --layers/--neurons, not both");
        }
        if (hidden != null) {
            b.hidden(hidden);
        } else if (layers != null || neurons != null) {
            int[] h = b.hiddenSizes();
            int n = neurons != null ? neurons : (h.length > 0 ? h[0] : 16);
            if (n <= 0) {
                throw new BadInputException("--neurons must be positive, got " + n);
            }
            b.layers(layers != null ? layers : h.length, n);
        }
        if (activation != null && activations != null) {
            throw new BadInputException("give either --activation or --activations, not both");
        }
        if (activation != null) {
            b.activations(List.of(ActivationSpec.parse(activation)));
        }
        if (activations != null) {
            List<ActivationSpec> list = new ArrayList<>();
            for (String part : activations.split(",")) {
                list.add(ActivationSpec.parse(part));
            }
            b.activations(list);
        }
        if (outputActivation != null) {
            b.outputActivation(Activation.parse(outputActivation));
        }
        if (weights != null) {
            b.weights(Init.parse(weights));
        }
        if (biases != null) {
            b.biases(Init.parse(biases));
        }
        if (gain != null) {
            b.gain(gain);
        }
        if (inputs != null) {
            b.inputs(Arrays.stream(inputs.split(",")).map(String::trim).toList());
        }
        if (z != null && zDim != null && zDim != z.length) {
            throw new BadInputException("--z has " + z.length + " values but --z-dim is " + zDim);
        }
        if (z != null || zDim != null) {
            b.latent(zDim != null ? zDim : z.length, z);
        }
        if (size != null) {
            b.size(size.width(), size.height());
        }
        if (extent != null && zoom != null) {
            throw new BadInputException("give either --extent or --zoom, not both");
        }
        if (extent != null) {
            b.extent(extent);
        }
        if (zoom != null) {
            if (!(zoom > 0) || Double.isInfinite(zoom)) {
                throw new BadInputException("--zoom must be a positive number, got " + zoom);
            }
            b.extent(1 / zoom);
        }
        if (center != null) {
            if (center.length != 2) {
                throw new BadInputException("--center takes two numbers X,Y, got " + center.length);
            }
            b.center(center[0], center[1]);
        }
        if (rotate != null) {
            b.rotateDegrees(rotate);
        }
        if (color != null) {
            b.color(color);
        }
        return b;
    }

    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
