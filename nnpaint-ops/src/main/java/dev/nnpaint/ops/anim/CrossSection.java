package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.paint.InputPlane;

/**
 * A plane moving and turning through a D-dimensional input space along a closed path, so a network with D
 * inputs can be watched as a sequence of 2-D pictures. Four orthonormal directions q1..q4 are drawn from the
 * seed; at time t, with angle a = 2 pi t,
 * <pre>
 *   e1(t) = cos a q1 + sin a q3
 *   e2(t) = cos a q2 + sin a q4          (q2 for D = 3)
 *   origin(t) = r (cos a c1 + sin a c2), with the part inside the plane removed
 * </pre>
 * e1 and e2 stay orthonormal because q1..q4 are; at t = 1 the plane is back where it started.
 *
 * @param dimensions D, at least 3
 * @param directions q1..q4 (q4 absent for D = 3), each of D numbers
 * @param offsets    c1 and c2, each of D numbers, the directions in which the plane drifts
 * @param radius     how far the plane drifts from the origin of the input space
 */
public record CrossSection(int dimensions, double[][] directions, double[][] offsets, double radius) {

    /** A draw stream of its own, so the path is independent of the weights and the latent vector. */
    private static final int STREAM = 0x4353;

    public CrossSection {
        if (dimensions < 3) {
            throw new BadInputException("--cross-section needs at least 3 input dimensions (2 are a plain picture), "
                    + "got " + dimensions);
        }
    }

    /** The path drawn from {@code seed}: a plane drifting up to {@code radius} from the origin. */
    public static CrossSection of(int dimensions, long seed, double radius) {
        if (dimensions < 3) {
            throw new BadInputException("--cross-section needs at least 3 input dimensions (2 are a plain picture), "
                    + "got " + dimensions);
        }
        if (dimensions > 4096) {
            throw new BadInputException("--cross-section takes at most 4096 dimensions, got " + dimensions);
        }
        KeyedRandom random = new KeyedRandom(seed);
        int count = Math.min(4, dimensions);
        double[][] q = new double[count][];
        for (int m = 0; m < count; m++) {
            double[] v = new double[dimensions];
            for (int k = 0; k < dimensions; k++) {
                v[k] = random.normal(STREAM, m, k, 0);
            }
            // Gram-Schmidt, twice for accuracy; random normal vectors are independent almost surely.
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < m; j++) {
                    subtract(v, q[j], dot(v, q[j]));
                }
            }
            scale(v, 1 / Math.sqrt(dot(v, v)));
            q[m] = v;
        }
        double[][] c = new double[2][dimensions];
        for (int m = 0; m < 2; m++) {
            for (int k = 0; k < dimensions; k++) {
                c[m][k] = random.normal(STREAM, 4 + m, k, 0) / Math.sqrt(dimensions);
            }
        }
        return new CrossSection(dimensions, q, c, radius);
    }

    /** The plane at time t: t and t + 1 give the same plane. */
    public InputPlane planeAt(double t) {
        double angle = 2 * Math.PI * t;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[] e1 = new double[dimensions];
        double[] e2 = new double[dimensions];
        double[] origin = new double[dimensions];
        for (int k = 0; k < dimensions; k++) {
            e1[k] = cos * directions[0][k] + sin * directions[2][k];
            e2[k] = directions.length > 3 ? cos * directions[1][k] + sin * directions[3][k] : directions[1][k];
            origin[k] = radius * (cos * offsets[0][k] + sin * offsets[1][k]);
        }
        // Moving within the plane would only shift the picture: keep the part of the drift that leaves it.
        subtract(origin, e1, dot(origin, e1));
        subtract(origin, e2, dot(origin, e2));
        return new InputPlane(origin, e1, e2);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static void subtract(double[] v, double[] direction, double amount) {
        for (int k = 0; k < v.length; k++) {
            v[k] -= amount * direction[k];
        }
    }

    private static void scale(double[] v, double factor) {
        for (int k = 0; k < v.length; k++) {
            v[k] *= factor;
        }
    }
}
