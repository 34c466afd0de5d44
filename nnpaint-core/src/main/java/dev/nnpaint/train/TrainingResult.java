package dev.nnpaint.train;

import dev.nnpaint.net.Model;

/**
 * What a training run produced: the trained model (every weight finite), its learning curves, the loss used,
 * and the wall-clock time of the epochs.
 */
public record TrainingResult(Model model, History history, Loss loss, double seconds) {

    public double epochsPerSecond() {
        return seconds > 0 ? history.epochs() / seconds : Double.POSITIVE_INFINITY;
    }
}
