package dev.nnpaint.ops.plot;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;
import dev.nnpaint.paint.View;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A rendered view shown one image pixel to one screen pixel inside a chart whose axes are the view's x and y; the
 * chart's frame line covers the image's outermost ring of pixels.
 */
final class ImagePanel {

    private ImagePanel() {
    }

    /** The chart: its plot area is exactly the image, its ranges those of the (unrotated) view. */
    static Chart chart(BufferedImage image, View view, String title, String xLabel, String yLabel) {
        double halfHeight = view.extent() * view.height() / view.width();
        return Figure.fitted((w, h) -> new Chart(w, h).title(title).xLabel(xLabel).yLabel(yLabel)
                .xRange(view.centerX() - view.extent(), view.centerX() + view.extent())
                .yRange(view.centerY() - halfHeight, view.centerY() + halfHeight)
                .image(image), image.getWidth(), image.getHeight());
    }

    /** Where the image lies in a figure, given the chart's panel in it. */
    static Rectangle area(Chart chart, Rectangle panel) {
        Rectangle a = chart.plotArea();
        return new Rectangle(panel.x + a.x, panel.y + a.y, a.width, a.height);
    }

    static Renderer renderer(Painting painting, Kernel kernel, int threads) {
        return new Renderer(painting, new Evaluator(painting.model(), kernel), threads, Renderer.DEFAULT_TILE);
    }

    /** Interleaved RGB bytes, row 0 first, as an image. */
    static BufferedImage toImage(byte[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        }
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }
}
