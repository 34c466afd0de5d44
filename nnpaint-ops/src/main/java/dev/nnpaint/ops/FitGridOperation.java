package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.ops.sheet.AxisLabels;
import dev.nnpaint.ops.sheet.ContactSheet;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A contact sheet of fits: one field of {@code nnpaint fit} down the rows and another across the columns, each
 * cell the fitted network painted at the cell's size (by default the image's own, where a cell is the very
 * picture {@code nnpaint fit} writes as fit.png). Cells fit one after the other, each with every thread, so each
 * is the fit the single command gives with the same settings.
 */
public final class FitGridOperation {

    private FitGridOperation() {
    }

    /**
     * @param base       the fit every cell starts from (its output folder, time budget and animation are unused)
     * @param rows       the field down the rows, such as {@code steps=100,300}, or null for one row
     * @param columns    the field across the columns, such as {@code sigma=1,10,100}, or null for one column
     * @param cellWidth  the cells' size, or 0 for the image's (likewise {@code cellHeight})
     */
    public record Request(FitOperation.Request base, String rows, String columns, int cellWidth, int cellHeight,
                          int gap, Path output) {
    }

    /**
     * One fitted cell.
     *
     * @param x         the cell's left edge on the sheet (likewise {@code y}, the top)
     * @param encoding  the encoding it fitted with
     */
    public record Cell(int row, int column, int x, int y, String encoding, long steps, double psnr,
                       double trainPsnr, double testPsnr, double seconds) {
    }

    public record Result(Path output, int rows, int columns, int cellWidth, int cellHeight, int sheetWidth,
                         int sheetHeight, double seconds, List<Cell> cells) {
    }

    public static Result run(Request request, Progress progress) {
        GridOperation.checkOutputName(request.output());
        FitOperation.Request base = request.base();
        if (base.seconds() != null || base.animate() != null) {
            throw new BadInputException("a grid of fits runs a number of steps in each cell (no time budget, no "
                    + "animation), so that each cell is reproducible");
        }
        if (request.rows() == null && request.columns() == null) {
            throw new BadInputException("give the field to vary, e.g. --cols sigma=1,10,100 (and --rows steps=100,300)");
        }
        FitGridAxis rows = request.rows() == null ? null : FitGridAxis.parse(request.rows());
        FitGridAxis columns = request.columns() == null ? null : FitGridAxis.parse(request.columns());
        FitOperation.Image image = FitOperation.readImage(base.image(), base.run().force());
        int finest = Math.max(image.width(), image.height());
        int rowCount = rows == null ? 1 : rows.size();
        int columnCount = columns == null ? 1 : columns.size();
        FitOperation.Request[][] cells = new FitOperation.Request[rowCount][columnCount];
        long totalSteps = 0;
        for (int i = 0; i < rowCount; i++) {
            for (int j = 0; j < columnCount; j++) {
                FitOperation.Request q = rows == null ? base : rows.apply(base, i, finest);
                q = columns == null ? q : columns.apply(q, j, finest);
                if (q.steps() == null) {
                    q = q.withSteps(FitOperation.DEFAULT_STEPS);
                }
                if (q.steps() < 1) {
                    throw new BadInputException("--steps must be at least 1, got " + q.steps());
                }
                Encoding.parse(q.encoding(), q.seed(), finest); // a bad combination is refused before any fit
                cells[i][j] = q;
                totalSteps += q.steps();
            }
        }
        int w = request.cellWidth() > 0 ? request.cellWidth() : image.width();
        int h = request.cellHeight() > 0 ? request.cellHeight() : image.height();
        AxisLabels rowAxis = rows == null ? new AxisLabels("image", List.of(base.image().getFileName().toString()))
                : AxisLabels.of(rows.field(), rows.values());
        AxisLabels columnAxis = columns == null ? null : AxisLabels.of(columns.field(), columns.values());
        ContactSheet sheet = new ContactSheet(w, h, request.gap(), rowAxis.title(), rowAxis.labels(),
                columnAxis == null ? null : columnAxis.title(), columnAxis == null ? List.of() : columnAxis.labels());
        AtomicOutput.checkWritable(request.output());

        long start = System.nanoTime();
        String color = image.channels() == 3 ? "rgb" : "gray";
        Recipe view = Recipe.builder().size(w, h).color(color).build();
        List<Cell> done = new ArrayList<>();
        long before = 0;
        for (int i = 0; i < rowCount; i++) {
            for (int j = 0; j < columnCount; j++) {
                FitOperation.Request q = cells[i][j];
                long offset = before;
                String where = rowCount * columnCount > 1 ? String.format(Locale.ROOT, "cell %d of %d, ",
                        i * columnCount + j + 1, rowCount * columnCount) : "";
                long total = totalSteps;
                FitOperation.Fitted f = FitOperation.fit(q, image, new Progress() {
                    @Override
                    public void update(long d, long t) {
                        progress.update(offset + d, total);
                    }

                    @Override
                    public void update(long d, long t, String note) {
                        progress.update(offset + d, total, where + note);
                    }
                });
                before += q.steps();
                Model model = f.model();
                Painting painting = Painting.of(model, view);
                int threads = q.run().threads();
                byte[] rgb = new Renderer(painting, new Evaluator(model, q.run().kernel()), threads,
                        Renderer.DEFAULT_TILE).renderRgb();
                sheet.placeCell(i, j, rgb);
                done.add(new Cell(i, j, sheet.cellX(j), sheet.cellY(i), f.encoding().spec(), f.steps(), f.psnr(),
                        f.trainPsnr(), f.testPsnr(), f.seconds()));
            }
        }
        Map<String, String> text = Map.of("Software", "nnpaint grid --fit",
                "Description", "fits of " + base.image().getFileName() + (rows == null ? "" : "; rows " + rows.spec())
                        + (columns == null ? "" : "; columns " + columns.spec()));
        PngWriter.ColorType type = image.channels() == 1 ? PngWriter.ColorType.GRAY : PngWriter.ColorType.RGB;
        AtomicOutput.write(request.output(), out -> {
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
        return new Result(request.output(), rowCount, columnCount, w, h, sheet.width(), sheet.height(),
                (System.nanoTime() - start) / 1e9, List.copyOf(done));
    }
}
