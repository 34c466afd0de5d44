package dev.nnpaint.train;

import dev.nnpaint.BadInputException;

/**
 * How {@link FitTrainer} learns an image, apart from the network and the image.
 *
 * @param optimizer  update rule and base learning rate (the hash grid's tables and the layers share it)
 * @param batch      pixels a step; 0 or at least the training pixels means all of them every step, fewer are drawn
 *                   at random (with replacement) from the seed, step and position in the batch
 * @param seed       key of the random batches
 * @param threads    worker threads; results do not depend on it
 * @param scalar     the scalar reference kernels instead of the vector ones
 * @param sirenOmega omega0 of SIREN layers folded into their weights (0 when there are none): their learning
 *                   rate is omega0 times the base rate, so each step moves the unfolded weights as SIREN's does;
 *                   the output layer, which maps SIREN's [-1, 1] to colours, takes half the rate
 * @param cosine     decay the learning rate along a half cosine to 0 over {@code steps} steps (else constant)
 * @param steps      the planned number of steps, for the cosine schedule
 */
public record FitSettings(Optimizer optimizer, int batch, long seed, int threads, boolean scalar,
                          double sirenOmega, boolean cosine, int steps) {

    public FitSettings {
        if (batch < 0) {
            throw new BadInputException("batch must be a number of pixels >= 1, got " + batch);
        }
        if (threads <= 0) {
            throw new BadInputException("threads must be positive, got " + threads);
        }
        if (!(sirenOmega >= 0) || !Double.isFinite(sirenOmega)) {
            throw new BadInputException("omega0 must be a positive number, got " + sirenOmega);
        }
        if (cosine && steps <= 0) {
            throw new BadInputException("the cosine schedule needs a number of steps");
        }
    }

    /** Learning-rate multiplier at step t (1-based). */
    public double scheduleAt(long t) {
        if (!cosine) {
            return 1;
        }
        double progress = Math.min(1, (t - 1) / (double) steps);
        return 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
