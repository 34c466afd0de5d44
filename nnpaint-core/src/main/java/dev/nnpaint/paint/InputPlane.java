package dev.nnpaint.paint;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plane through a network's D-dimensional input space, {@code input = origin + x e1 + y e2}: the view of a
 * network with more than two inputs as a picture. The view's (x, y) are the coordinates in the plane.
 *
 * <p>The first layer is affine in its input, so restricting it to the plane is exact:
 * {@code W (origin + x e1 + y e2) + b = x (W e1) + y (W e2) + (W origin + b)}. The slice is an ordinary
 * two-input model (inputs {@code x} and {@code y}) that paints like any other, at the cost of one small matrix
 * product instead of mapping every pixel through D dimensions.
 *
 * @param origin the point of the input space at the plane's (0, 0)
 * @param e1     the input-space direction of the plane's x axis
 * @param e2     the input-space direction of the plane's y axis
 */
public record InputPlane(double[] origin, double[] e1, double[] e2) {

    public InputPlane {
        if (origin.length != e1.length || origin.length != e2.length) {
            throw new BadInputException("a plane needs an origin and two directions of the same dimension, got "
                    + origin.length + ", " + e1.length + " and " + e2.length);
        }
        origin = origin.clone();
        e1 = e1.clone();
        e2 = e2.clone();
    }

    public int dimensions() {
        return origin.length;
    }

    @Override
    public double[] origin() {
        return origin.clone();
    }

    @Override
    public double[] e1() {
        return e1.clone();
    }

    @Override
    public double[] e2() {
        return e2.clone();
    }

    /** The input-space point at plane coordinates (x, y). */
    public double[] pointAt(double x, double y) {
        double[] p = new double[origin.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = origin[k] + x * e1[k] + y * e2[k];
        }
        return p;
    }

    /** The model restricted to this plane; its inputs are named {@code x} and {@code y}. */
    public Model slice(Model model) {
        int d = model.inputCount();
        if (d != origin.length) {
            throw new BadInputException("the model takes " + d + " inputs but the plane lies in " + origin.length
                    + " dimensions");
        }
        Layer first = model.layers().get(0);
        int outputs = first.outputs();
        // Layout: row o of the new weights is (W e1)_o, (W e2)_o, as Layer expects (outputs x inputs).
        float[] weights = new float[outputs * 2];
        float[] bias = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            double wx = 0;
            double wy = 0;
            double shift = first.biasOf(o);
            for (int j = 0; j < d; j++) {
                double w = first.weight(o, j);
                wx += w * e1[j];
                wy += w * e2[j];
                shift += w * origin[j];
            }
            weights[2 * o] = (float) wx;
            weights[2 * o + 1] = (float) wy;
            bias[o] = (float) shift;
        }
        List<Layer> layers = new ArrayList<>(model.layers());
        layers.set(0, first.withWeights(2, weights, bias));
        return new Model(List.of("x", "y"), layers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputPlane p && Arrays.equals(origin, p.origin) && Arrays.equals(e1, p.e1)
                && Arrays.equals(e2, p.e2);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(origin) * 31 + Arrays.hashCode(e1);
    }

    @Override
    public String toString() {
        return "InputPlane[origin=" + Arrays.toString(origin) + ", e1=" + Arrays.toString(e1) + ", e2="
                + Arrays.toString(e2) + "]";
    }
}
