package dev.nnpaint.cli;

import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.options.RunOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.sheet.AxisLabels;
import dev.nnpaint.ops.sheet.ContactSheet;
import dev.nnpaint.ops.sheet.SheetMetadata;
import dev.nnpaint.ops.vary.Grid;
import dev.nnpaint.ops.vary.GridAxis;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
                "The sheet carries its grid: 'nnpaint grid --from depth.png --size 384' paints it again, and "
                        + "'nnpaint render --from depth.png --cell 3,2 --size 2048' paints one cell large."})
final class GridCommand implements java.util.concurrent.Callable<Integer> {

    static final int DEFAULT_CELL = 192;
    static final int DEFAULT_GAP = 6;

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
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("grid writes PNG images: name the output *.png, got '" + output + "'");
        }
        SheetMetadata.Stored stored = from != null ? SheetMetadata.read(from)
                : new SheetMetadata.Stored(recipe.startingBuilder(), null, null, null, null, null);
        Grid grid = grid(stored);
        int gapPixels = gap != null ? gap : stored.gap() != null ? stored.gap() : DEFAULT_GAP;
        AxisLabels rowAxis = axis(grid.rows());
        AxisLabels columnAxis = grid.columns() == null ? null : axis(grid.columns());
        ContactSheet sheet = new ContactSheet(grid.cellWidth(), grid.cellHeight(), gapPixels,
                rowAxis.title(), rowAxis.labels(), columnAxis == null ? null : columnAxis.title(),
                columnAxis == null ? List.of() : columnAxis.labels());
        AtomicOutput.checkWritable(output);
        checkCost(grid);

        long start = System.nanoTime();
        int threads = run.threads();
        try (ProgressBar bar = ProgressBar.start("grid", run.quiet)) {
            renderCells(grid, sheet, run.kernel(), threads, bar);
        }
        Map<String, String> text = SheetMetadata.describe(grid, gapPixels);
        PngWriter.ColorType type = allGray(grid) ? PngWriter.ColorType.GRAY : PngWriter.ColorType.RGB;
        AtomicOutput.write(output, out -> {
            try (PngWriter png = new PngWriter(out, sheet.width(), sheet.height(), type, text)) {
                int band = 64;
                byte[] rgb = new byte[band * sheet.width() * 3];
                for (int first = 0; first < sheet.height(); first += band) {
                    int count = Math.min(band, sheet.height() - first);
                    sheet.copyRows(first, count, rgb);
                    png.writeRgbRows(rgb, 0, count);
                }
            }
        });
        if (!run.quiet) {
            System.err.printf("wrote %s (%dx%d cells of %dx%d, sheet %dx%d, %.2f s, %s kernel, %d threads)%n",
                    output, grid.rowCount(), grid.columnCount(), grid.cellWidth(), grid.cellHeight(), sheet.width(),
                    sheet.height(), (System.nanoTime() - start) / 1e9, run.kernel().name(), threads);
        }
        return 0;
    }

    /** The grid from the options, falling back on what the --from sheet stored, then on the defaults. */
    private Grid grid(SheetMetadata.Stored stored) {
        String rowSpec = rows != null ? rows : stored.rows();
        if (rowSpec == null) {
            throw new BadInputException("give the rows to sweep, e.g. --rows depth=1..8");
        }
        String columnSpec = columns != null ? columns : stored.columns();
        if (columnSpec != null && columnSpec.trim().equalsIgnoreCase("none")) {
            columnSpec = null;
        }
        int w = recipe.sizeGiven() ? recipe.size().width() : stored.cellWidth() != null ? stored.cellWidth() : DEFAULT_CELL;
        int h = recipe.sizeGiven() ? recipe.size().height() : stored.cellHeight() != null ? stored.cellHeight()
                : DEFAULT_CELL;
        Recipe base = recipe.applyTo(stored.recipe()).size(w, h).build();
        return new Grid(base, GridAxis.parse(rowSpec), columnSpec == null ? null : GridAxis.parse(columnSpec), w, h);
    }

    private static AxisLabels axis(GridAxis sweep) {
        return AxisLabels.of(sweep.field().gridName(), sweep.values().stream().map(v -> v.label()).toList());
    }

    private void checkCost(Grid grid) {
        long cellPixels = (long) grid.cellWidth() * grid.cellHeight();
        double flops = 0;
        for (int i = 0; i < grid.rowCount(); i++) {
            for (int j = 0; j < grid.columnCount(); j++) {
                flops += (double) cellPixels * grid.flopsPerPixel(i, j);
            }
        }
        long pixels = cellPixels * grid.cellCount();
        run.checkCost(pixels, (long) Math.ceil(flops / pixels));
    }

    private static boolean allGray(Grid grid) {
        for (int i = 0; i < grid.rowCount(); i++) {
            for (int j = 0; j < grid.columnCount(); j++) {
                if (grid.recipe(i, j).color().kind() != ColorMode.Kind.GRAY) {
                    return false;
                }
            }
        }
        return true;
    }

    private record Cell(int row, int column, byte[] rgb) {
    }

    /**
     * One cell per task: cells are small, so running many side by side keeps every core busy without splitting a
     * cell into tiles; only when there are fewer cells than threads does each cell get several threads. Finished
     * cells go onto the sheet from this thread, which also moves the progress bar.
     */
    static void renderCells(Grid grid, ContactSheet sheet, Kernel kernel, int threads, ProgressBar bar)
            throws InterruptedException {
        int cellThreads = Math.max(1, threads / grid.cellCount());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, grid.cellCount()), task -> {
            Thread t = new Thread(task, "grid-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Cell> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < grid.rowCount(); i++) {
                for (int j = 0; j < grid.columnCount(); j++) {
                    int row = i;
                    int column = j;
                    done.submit(() -> {
                        Painting p = Painting.of(grid.recipe(row, column));
                        Renderer r = new Renderer(p, new Evaluator(p.model(), kernel), cellThreads,
                                Renderer.DEFAULT_TILE);
                        return new Cell(row, column, r.renderRgb());
                    });
                }
            }
            int total = grid.cellCount();
            for (int n = 1; n <= total; n++) {
                Cell cell;
                try {
                    cell = done.take().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                sheet.placeCell(cell.row(), cell.column(), cell.rgb());
                bar.update(n, total);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
