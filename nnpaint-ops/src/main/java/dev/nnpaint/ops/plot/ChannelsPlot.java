package dev.nnpaint.ops.plot;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.paint.ColorMode;
import dev.nnpaint.paint.Colorizer;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.View;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A three-output painting taken apart: each output channel on its own (gray, or tinted in its colour), then the
 * combined picture, all of one view with x and y axes.
 *
 * @param figure the picture: the three channels left to right, then the combined image
 * @param areas  where each of the four images lies in the figure, pixel for pixel
 * @param view   the view every panel shows
 */
public record ChannelsPlot(Figure figure, List<Rectangle> areas, View view) {

    public ChannelsPlot {
        areas = List.copyOf(areas);
    }

    /**
     * Renders the plot of {@code painting} (its view's centre and extent; rotation is not shown), each panel
     * {@code width x height} pixels.
     */
    public static ChannelsPlot of(Painting painting, int width, int height, boolean tint, Kernel kernel,
                                  int threads) {
        ColorMode mode = painting.colorizer().mode();
        if (painting.model().outputCount() != 3) {
            throw new BadInputException("plot channels takes a network with three outputs (--color rgb, hsv or hsl), "
                    + "this one has " + painting.model().outputCount());
        }
        View base = painting.view();
        View view = new View(width, height, base.extent(), base.centerX(), base.centerY(), 0);
        Painting p = painting.withView(view);
        int pixels = width * height;
        float[] outputs = ImagePanel.renderer(p, kernel, threads).renderOutputs();
        byte[] combined = new byte[pixels * 3];
        p.colorizer().toRgb(outputs, pixels, pixels, combined, 0);
        String[] names = channelNames(mode);
        List<Chart> charts = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            byte[] rgb = channel(outputs, c, pixels, tint && mode.kind() == ColorMode.Kind.RGB,
                    c == 0 && mode.kind() != ColorMode.Kind.RGB);
            charts.add(ImagePanel.chart(ImagePanel.toImage(rgb, width, height), view, names[c], "x", "y"));
        }
        charts.add(ImagePanel.chart(ImagePanel.toImage(combined, width, height), view, "combined (" + mode + ")",
                "x", "y"));
        List<BufferedImage> images = new ArrayList<>();
        for (Chart chart : charts) {
            images.add(chart.render());
        }
        Figure figure = Figure.sideBySide("the network's three outputs, one at a time, and the painting they make",
                images);
        List<Rectangle> areas = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            areas.add(ImagePanel.area(charts.get(i), figure.panels().get(i)));
        }
        return new ChannelsPlot(figure, areas, view);
    }

    static String[] channelNames(ColorMode mode) {
        switch (mode.kind()) {
            case HSV: return new String[] {"output 0: hue", "output 1: saturation", "output 2: value"};
            case HSL: return new String[] {"output 0: hue", "output 1: saturation", "output 2: lightness"};
            default: return new String[] {"output 0: red", "output 1: green", "output 2: blue"};
        }
    }

    /**
     * Output {@code c} as RGB bytes: its value on [0, 1] as gray (a hue wraps around, as the painting reads it),
     * or in its own colour: red, green or blue with the other two at zero.
     */
    static byte[] channel(float[] outputs, int c, int pixels, boolean tint, boolean wraps) {
        float[] values = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            float v = outputs[c * pixels + i];
            values[i] = wraps ? (float) (v - Math.floor(v)) : v;
        }
        byte[] rgb = new byte[pixels * 3];
        Colorizer.of("gray").toRgb(values, pixels, pixels, rgb, 0);
        if (tint) {
            for (int i = 0; i < pixels; i++) {
                for (int k = 0; k < 3; k++) {
                    if (k != c) {
                        rgb[3 * i + k] = 0;
                    }
                }
            }
        }
        return rgb;
    }
}
