package dev.nnpaint.ops.plot;

import dev.nnpaint.paint.Palette;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChartTest {

    @TempDir
    Path dir;

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTenInsideTheRange() {
        assertThat(Chart.niceTicks(0, 1, 5)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, within(1e-12));
        assertThat(Chart.niceTicks(-2.3, 7.9, 5)).containsExactly(new double[] {-2, 0, 2, 4, 6}, within(1e-12));
        assertThat(Chart.niceTicks(0, 10_000, 4)).containsExactly(new double[] {0, 2000, 4000, 6000, 8000, 10_000},
                within(1e-9));
        assertThat(Chart.niceTicks(0.0013, 0.0061, 4)).containsExactly(new double[] {0.002, 0.003, 0.004, 0.005,
            0.006}, within(1e-12));
    }

    @Test
    void tickLabelsShowAsManyDecimalsAsTheStepNeeds() {
        double[] tenths = Chart.niceTicks(0, 1, 5);
        assertThat(Chart.format(tenths[2], tenths)).isEqualTo("0.4");
        assertThat(Chart.format(0, tenths)).isEqualTo("0.0");
        double[] thousands = Chart.niceTicks(0, 10_000, 4);
        assertThat(Chart.format(thousands[1], thousands)).isEqualTo("2000");
        double[] small = Chart.niceTicks(0.0013, 0.0061, 4);
        assertThat(Chart.format(small[0], small)).isEqualTo("0.002");
    }

    @Test
    void pointsLinesAndTheHeatMapLandWhereTheirDataIs() throws Exception {
        double[] grid = new double[20 * 10];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i % 20 < 10 ? 0 : 1; // left half at the map's start, right half at its end
        }
        Palette viridis = Palette.named("viridis");
        Chart chart = new Chart(400, 300).title("t").xLabel("x").yLabel("y").xRange(0, 2).yRange(0, 1)
                .heatMap(grid, 20, 10, viridis, 0, 1)
                .line(new double[] {0, 2}, new double[] {0.8, 0.8}, Chart.RED, "line")
                .scatter(new double[] {1.5}, new double[] {0.3}, Chart.PURPLE, Chart.Marker.DOT, "point");
        Path file = dir.resolve("chart.png");
        chart.writePng(file, Map.of());
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);

        assertThat(colourAt(image, chart.pixelOf(0.3, 0.2))).isEqualTo(paletteColour(viridis, 0));
        assertThat(colourAt(image, chart.pixelOf(1.2, 0.2))).isEqualTo(paletteColour(viridis, 1));
        assertThat(colourAt(image, chart.pixelOf(0.6, 0.8))).isEqualTo(Chart.RED);
        assertThat(colourAt(image, chart.pixelOf(1.5, 0.3))).isEqualTo(Chart.PURPLE);
        // the frame's corners are drawn in dark grey; outside it the image is white
        Point2D corner = chart.pixelOf(0, 0);
        assertThat(colourAt(image, corner).getRed()).isLessThan(120);
        assertThat(colourAt(image, new Point2D.Double(corner.getX() - 3, corner.getY() - 20))).isEqualTo(Color.WHITE);
    }

    @Test
    void withoutRangesTheAxesCoverTheDataWidenedToWholeTicks() {
        Chart chart = new Chart(600, 400).line(new double[] {3, 50, 97}, new double[] {0.12, 0.5, 0.93},
                Chart.BLUE, "");
        Point2D origin = chart.pixelOf(0, 0);
        Point2D end = chart.pixelOf(100, 1);
        Point2D first = chart.pixelOf(3, 0.12);
        assertThat(origin.getX()).isLessThan(first.getX());
        assertThat(origin.getY()).isGreaterThan(first.getY());
        // 0 and 100 are the frame's edges: the next tick out would leave the image
        assertThat(end.getX()).isLessThan(600).isGreaterThan(500);
        assertThat(end.getY()).isGreaterThan(0).isLessThan(40);
    }

    private static Color colourAt(BufferedImage image, Point2D p) {
        // the pixel whose square starts at the point lies wholly inside a 2-pixel line through it
        return new Color(image.getRGB((int) Math.floor(p.getX()), (int) Math.floor(p.getY())));
    }

    private static Color paletteColour(Palette palette, float t) {
        byte[] rgb = new byte[3];
        palette.rgb(t, rgb, 0);
        return new Color(rgb[0] & 0xFF, rgb[1] & 0xFF, rgb[2] & 0xFF);
    }

    @Test
    void svgSegmentsAreClippedToThePlotArea() {
        // inside: unchanged; crossing the right edge: cut there; wholly outside: nothing
        assertThat(SvgFigure.clip(1, 1, 5, 5, 0, 0, 10, 10)).containsExactly(1, 1, 5, 5);
        assertThat(SvgFigure.clip(5, 5, 15, 5, 0, 0, 10, 10)).containsExactly(5, 5, 10, 5);
        assertThat(SvgFigure.clip(-10, 20, 20, -10, 0, 0, 10, 10)).containsExactly(0, 10, 10, 0);
        assertThat(SvgFigure.clip(11, 0, 20, 5, 0, 0, 10, 10)).isNull();
    }
}
