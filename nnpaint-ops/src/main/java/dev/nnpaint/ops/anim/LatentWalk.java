package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.KeyedRandom;

/**
 * A closed path through latent space, {@code z(t) = a cos(2 pi t) + b sin(2 pi t)} for t in [0, 1]: it starts at
 * {@code a} (the still picture's latent vector) and comes back to it, so a looping animation has no seam. With
 * a and b independent standard normal vectors every point of the path is itself a typical latent vector.
 *
 * @param start the point at t = 0 (and t = 1)
 * @param side  the point a quarter turn along
 */
public record LatentWalk(double[] start, double[] side) {

    public LatentWalk {
        if (start.length == 0 || start.length != side.length) {
            throw new BadInputException("a latent walk needs two vectors of the same positive size, got "
                    + start.length + " and " + side.length);
        }
        start = start.clone();
        side = side.clone();
    }

    /** A walk from {@code start}; the second direction is drawn from the seed (apart from the recipe's own z). */
    public static LatentWalk from(double[] start, long seed) {
        KeyedRandom random = new KeyedRandom(seed);
        double[] side = new double[start.length];
        for (int k = 0; k < side.length; k++) {
            side[k] = random.normal(KeyedRandom.LATENT, k, 1, 0);
        }
        return new LatentWalk(start, side);
    }

    /**
     * A walk from {@code start} through the same values shifted by one component ({@code side[k] = start[k + 1]},
     * wrapping): the explorer's live latent walk, which needs nothing but the vector it starts from.
     */
    public static LatentWalk shifted(double[] start) {
        double[] side = new double[start.length];
        for (int k = 0; k < side.length; k++) {
            side[k] = start[(k + 1) % start.length];
        }
        return new LatentWalk(start, side);
    }

    public int dimensions() {
        return start.length;
    }

    /** z at time t: t and t + 1 give the same point. */
    public double[] at(double t) {
        double angle = 2 * Math.PI * t;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] z = new double[start.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = start[k] * c + side[k] * s;
        }
        return z;
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    @Override
    public double[] side() {
        return side.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentWalk w && java.util.Arrays.equals(start, w.start)
                && java.util.Arrays.equals(side, w.side);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(start) * 31 + java.util.Arrays.hashCode(side);
    }
}
