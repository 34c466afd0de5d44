package dev.nnpaint.train;

import dev.nnpaint.BadInputException;

/** The loss became NaN or infinite: training stops at once and writes no model. */
public final class TrainingDivergedException extends BadInputException {

    private final int epoch;

    public TrainingDivergedException(int epoch, double loss, double learningRate) {
        super("training diverged at epoch " + epoch + ": the loss became " + (Double.isNaN(loss) ? "NaN" : "infinite")
                + "; try a smaller learning rate (--lr, now " + learningRate + ")");
        this.epoch = epoch;
    }

    /** The epoch during which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }
}
