package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.sheet.AxisLabels;
import dev.nnpaint.ops.sheet.ContactSheet;
import dev.nnpaint.ops.sheet.SheetMetadata;
import dev.nnpaint.ops.vary.Grid;
import dev.nnpaint.ops.vary.GridAxis;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;

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
 * A contact sheet: one recipe field swept down the rows and another across the columns, the values written
 * beside the cells, into a PNG that carries its grid. Cells render in parallel, one per thread.
 */
public final class GridOperation {

    public static final int DEFAULT_CELL = 192;
    public static final int DEFAULT_GAP = 6;

    private GridOperation() {
    }

    /**
     * @param base      the recipe every cell starts from (its size is ignored)
     * @param rows      the field swept down the rows, as text such as {@code depth=1..8}
     * @param columns   the field swept across the columns, or null (or {@code none}) for a single column
     * @param cellWidth the size of one cell (likewise {@code cellHeight})
     */
    public record Request(Recipe.Builder base, String rows, String columns, int cellWidth, int cellHeight, int gap,
                          Path output, Execution run) {
    }

    public record Result(Path output, int rows, int columns, int cellWidth, int cellHeight, int sheetWidth,
                         int sheetHeight, double seconds, String kernel, int threads) {
    }

    /** Checks the output's name before anything is read. */
    public static void checkOutputName(Path output) {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("grid writes PNG images: name the output *.png, got '" + output + "'");
        }
    }

    public static Result run(Request request, Progress progress) throws InterruptedException {
        checkOutputName(request.output());
        if (request.rows() == null) {
            throw new BadInputException("give the rows to sweep, e.g. --rows depth=1..8");
        }
        String columnSpec = request.columns();
        if (columnSpec != null && columnSpec.trim().equalsIgnoreCase("none")) {
            columnSpec = null;
        }
        int w = request.cellWidth();
        int h = request.cellHeight();
        Recipe base = request.base().size(w, h).build();
        Grid grid = new Grid(base, GridAxis.parse(request.rows()),
                columnSpec == null ? null : GridAxis.parse(columnSpec), w, h);
        AxisLabels rowAxis = axis(grid.rows());
        AxisLabels columnAxis = grid.columns() == null ? null : axis(grid.columns());
        ContactSheet sheet = new ContactSheet(grid.cellWidth(), grid.cellHeight(), request.gap(),
                rowAxis.title(), rowAxis.labels(), columnAxis == null ? null : columnAxis.title(),
                columnAxis == null ? List.of() : columnAxis.labels());
        Path output = request.output();
        AtomicOutput.checkWritable(output);
        Execution run = request.run();
        checkCost(grid, run);

        long start = System.nanoTime();
        renderCells(grid, sheet, run.kernel(), run.threads(), progress);
        Map<String, String> text = SheetMetadata.describe(grid, request.gap());
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
        return new Result(output, grid.rowCount(), grid.columnCount(), grid.cellWidth(), grid.cellHeight(),
                sheet.width(), sheet.height(), (System.nanoTime() - start) / 1e9, run.kernel().name(), run.threads());
    }

    private static AxisLabels axis(GridAxis sweep) {
        return AxisLabels.of(sweep.field().gridName(), sweep.values().stream().map(v -> v.label()).toList());
    }

    private static void checkCost(Grid grid, Execution run) {
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
     * cells go onto the sheet from this thread, which also reports progress.
     */
    static void renderCells(Grid grid, ContactSheet sheet, Kernel kernel, int threads, Progress progress)
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
                progress.update(n, total);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
