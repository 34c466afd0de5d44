package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.ops.FitGridOperation;
import dev.nnpaint.ops.FitOperation;
import dev.nnpaint.ops.GridOperation;
import dev.nnpaint.ops.options.FitOptions;
import dev.nnpaint.ops.recipe.Field;
import dev.nnpaint.ops.recipe.RecipeFields;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.SizeConverter;
import dev.nnpaint.ops.sheet.SheetMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * {@code nnpaint grid}: one recipe field swept down the rows and another across the columns, painted as a
 * contact sheet with the values written beside the cells. Cells render in parallel, one per thread.
 */
@Command(name = "grid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Paint a contact sheet: one recipe field swept down the rows, another across the columns.",
                "Values: lists a,b,c; ranges 1..10, 2..30:3 (step; 10..1:-1 counts down), lin:0..1:5, "
                        + "geom:0.5..1.0:6 (count); list-valued fields (hidden, center, z, inputs, activations) "
                        + "separate values with ';', e.g. hidden=16,16;64,32 or activation=tanh;mix:tanh,sin.",
                "Fields: depth (layers), neurons (width), hidden, activation, activations, output-activation, "
                        + "weights, biases, gain, extent, zoom, center, rotate, seed, z, z-dim, inputs, color.",
                "--size is the size of one cell (default: " + GridCommand.DEFAULT_CELL + ").",
                "Example: nnpaint grid --rows depth=1..8 --cols seed=1..4 -o depth.png",
                "With --fit IMAGE each cell is a network fitted to the image (as nnpaint fit), varying fit fields: "
                        + "encoding, sigma, features, levels, siren, hidden, layers, neurons, activation, steps, "
                        + "lr, batch, seed; e.g. nnpaint grid --fit photo.png --encoding gauss:256:10 "
                        + "--cols sigma=1,10,100 -o sigma.png.",
                "The sheet carries its grid: 'nnpaint grid --from depth.png --size 384' paints it again, and "
                        + "'nnpaint render --from depth.png --cell 3,2 --size 2048' paints one cell large."})
final class GridCommand implements java.util.concurrent.Callable<Integer> {

    static final int DEFAULT_CELL = GridOperation.DEFAULT_CELL;
    static final int DEFAULT_GAP = GridOperation.DEFAULT_GAP;

    @Option(names = "--rows", paramLabel = "PARAM=VALUES",
            description = "The field swept down the rows, e.g. depth=1..8 or activation=tanh,relu,sin.")
    String rows;

    @Option(names = {"--cols", "--columns"}, paramLabel = "PARAM=VALUES",
            description = "The field swept across the columns, e.g. seed=1..4 (none: a single column).")
    String columns;

    @Option(names = "--gap", paramLabel = "PX", description = "Space between cells in pixels (default: "
            + DEFAULT_GAP + ").")
    Integer gap;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.png", defaultValue = "grid.png",
            description = "Where to write the sheet (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--from", paramLabel = "FILE.png",
            description = "Start from a sheet (its grid and recipe) or an image that nnpaint wrote.")
    Path from;

    @Option(names = "--fit", paramLabel = "IMAGE", description = "Fit a network to this image in every cell; the "
            + "rows and columns vary fit fields (see above), cells are the image's size unless --size is given.")
    Path fit;

    /** The options of nnpaint fit, used with --fit. */
    @Mixin
    FitOptions fitOptions;

    /** Every recipe option; here {@code --size} is the size of one cell (default 192). */
    @Mixin
    RecipeOptions recipe = RecipeOptions.withSizeDefault(DEFAULT_CELL + " a cell");

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        if (from != null && recipe.configFile() != null) {
            throw new BadInputException("give either --config or --from, not both");
        }
        GridOperation.checkOutputName(output);
        if (fit != null) {
            return fitGrid();
        }
        if (fitOptions.given()) {
            throw new BadInputException("--encoding, --siren, --steps, --batch, --lr, --schedule and --holdout go "
                    + "with --fit IMAGE");
        }
        SheetMetadata.Stored stored = from != null ? SheetMetadata.read(from)
                : new SheetMetadata.Stored(recipe.startingBuilder(), null, null, null, null, null);
        String rowSpec = rows != null ? rows : stored.rows();
        if (rowSpec == null) {
            throw new BadInputException("give the rows to sweep, e.g. --rows depth=1..8");
        }
        SizeConverter.Size size = recipe.size();
        int w = size != null ? size.width() : stored.cellWidth() != null ? stored.cellWidth() : DEFAULT_CELL;
        int h = size != null ? size.height() : stored.cellHeight() != null ? stored.cellHeight() : DEFAULT_CELL;
        GridOperation.Request request = new GridOperation.Request(recipe.applyTo(stored.recipe()), rowSpec,
                columns != null ? columns : stored.columns(), w, h,
                gap != null ? gap : stored.gap() != null ? stored.gap() : DEFAULT_GAP, output, run.execution());
        GridOperation.Result r;
        try (ProgressBar bar = ProgressBar.start("grid", run.quiet)) {
            r = GridOperation.run(request, bar);
        }
        if (!run.quiet) {
            System.err.printf("wrote %s (%dx%d cells of %dx%d, sheet %dx%d, %.2f s, %s kernel, %d threads)%n",
                    r.output(), r.rows(), r.columns(), r.cellWidth(), r.cellHeight(), r.sheetWidth(),
                    r.sheetHeight(), r.seconds(), r.kernel(), r.threads());
        }
        return 0;
    }

    /** The options of a grid of fits that the recipe options give: the network's shape, activations and seed. */
    private static final Set<String> FIT_RECIPE_FIELDS = Set.of("seed", "hidden", "layers", "neurons", "activation",
            "output-activation", "size");

    private Integer fitGrid() {
        if (from != null || recipe.configFile() != null) {
            throw new BadInputException("--fit starts from the image and the fit options; it does not go with "
                    + "--from or --config");
        }
        for (Field<?> f : RecipeFields.options()) {
            if (recipe.given(f.name()) && !FIT_RECIPE_FIELDS.contains(f.name())) {
                throw new BadInputException(f.option() + " does not apply to a grid of fits (--fit)");
            }
        }
        int[] hidden = recipe.value(RecipeFields.HIDDEN);
        Integer layers = recipe.value(RecipeFields.LAYERS);
        Integer neurons = recipe.value(RecipeFields.NEURONS);
        if (hidden != null && (layers != null || neurons != null)) {
            throw new BadInputException("give --hidden or --layers with --neurons, not both");
        }
        if (hidden == null && (layers != null || neurons != null)) {
            if (layers == null || neurons == null) {
                throw new BadInputException("--layers N needs --neurons M with --fit");
            }
            hidden = new int[layers];
            Arrays.fill(hidden, neurons);
        }
        ActivationSpec activation = recipe.value(RecipeFields.ACTIVATION);
        if (activation != null && activation.isMix()) {
            throw new BadInputException("a fitted network has one hidden activation, not a mix: " + activation);
        }
        Activation outputActivation = recipe.value(RecipeFields.OUTPUT_ACTIVATION);
        Long seed = recipe.value(RecipeFields.SEED);
        FitOperation.Request base = new FitOperation.Request(fit, null, fitOptions.encoding, fitOptions.sirenOmega(),
                hidden, activation == null ? null : activation.toString(), outputActivation == null ? null : outputActivation.id(),
                fitOptions.steps, null, fitOptions.batchPixels(), fitOptions.lr, fitOptions.cosine(),
                seed == null ? 1 : seed, fitOptions.holdoutEven(), null, 10, run.execution());
        SizeConverter.Size size = recipe.size();
        FitGridOperation.Request request = new FitGridOperation.Request(base, rows, columns,
                size == null ? 0 : size.width(), size == null ? 0 : size.height(), gap != null ? gap : DEFAULT_GAP,
                output);
        FitGridOperation.Result r;
        try (ProgressBar bar = ProgressBar.start("grid", run.quiet)) {
            r = FitGridOperation.run(request, bar);
        }
        if (!run.quiet) {
            for (FitGridOperation.Cell c : r.cells()) {
                System.err.printf(Locale.ROOT, "cell %d,%d: %s, %d steps, PSNR %.2f dB%s, %.1f s%n", c.row() + 1,
                        c.column() + 1, c.encoding(), c.steps(), c.psnr(), base.holdoutEven()
                                ? String.format(Locale.ROOT, " (train %.2f, test %.2f)", c.trainPsnr(), c.testPsnr())
                                : "", c.seconds());
            }
            System.err.printf(Locale.ROOT, "wrote %s (%dx%d fits, cells of %dx%d, sheet %dx%d, %.1f s)%n", r.output(),
                    r.rows(), r.columns(), r.cellWidth(), r.cellHeight(), r.sheetWidth(), r.sheetHeight(),
                    r.seconds());
        }
        return 0;
    }
}
