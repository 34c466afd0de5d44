package dev.nnpaint.train;

import java.util.Arrays;

/**
 * The learning curves: row {@code e} describes the model after {@code e} epochs (row 0 is the untrained
 * network), evaluated on the whole training set and, when there is one, the test set. Accuracy is NaN for
 * regression; the test columns are NaN without a test set. Rows are added during training without allocation.
 */
public final class History {

    private final double[] trainLoss;
    private final double[] trainAccuracy;
    private final double[] testLoss;
    private final double[] testAccuracy;
    private int rows;

    public History(int epochs) {
        trainLoss = new double[epochs + 1];
        trainAccuracy = new double[epochs + 1];
        testLoss = new double[epochs + 1];
        testAccuracy = new double[epochs + 1];
    }

    void add(double trainLossValue, double trainAccuracyValue, double testLossValue, double testAccuracyValue) {
        trainLoss[rows] = trainLossValue;
        trainAccuracy[rows] = trainAccuracyValue;
        testLoss[rows] = testLossValue;
        testAccuracy[rows] = testAccuracyValue;
        rows++;
    }

    /** Rows recorded so far: epochs done + 1. */
    public int rows() {
        return rows;
    }

    /** Epochs done: the index of the last row. */
    public int epochs() {
        return rows - 1;
    }

    public double trainLoss(int epoch) {
        return check(epoch, trainLoss);
    }

    public double trainAccuracy(int epoch) {
        return check(epoch, trainAccuracy);
    }

    public double testLoss(int epoch) {
        return check(epoch, testLoss);
    }

    public double testAccuracy(int epoch) {
        return check(epoch, testAccuracy);
    }

    public boolean hasTest() {
        return rows > 0 && !Double.isNaN(testLoss[0]);
    }

    public boolean hasAccuracy() {
        return rows > 0 && !Double.isNaN(trainAccuracy[0]);
    }

    /** The last row, as {@link Row}. */
    public Row last() {
        return row(rows - 1);
    }

    public Row row(int epoch) {
        return new Row(epoch, trainLoss(epoch), trainAccuracy(epoch), testLoss(epoch), testAccuracy(epoch));
    }

    /** One row of the history. */
    public record Row(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
    }

    /** A column as a new array of {@link #rows()} values: trainLoss, trainAccuracy, testLoss or testAccuracy. */
    public double[] column(String name) {
        double[] c = switch (name) {
            case "trainLoss" -> trainLoss;
            case "trainAccuracy" -> trainAccuracy;
            case "testLoss" -> testLoss;
            case "testAccuracy" -> testAccuracy;
            default -> throw new IllegalArgumentException("no column " + name);
        };
        return Arrays.copyOf(c, rows);
    }

    private double check(int epoch, double[] column) {
        if (epoch < 0 || epoch >= rows) {
            throw new IndexOutOfBoundsException("epoch " + epoch + " of " + rows + " rows");
        }
        return column[epoch];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h && rows == h.rows && Arrays.equals(column("trainLoss"), h.column("trainLoss"))
                && Arrays.equals(column("trainAccuracy"), h.column("trainAccuracy"))
                && Arrays.equals(column("testLoss"), h.column("testLoss"))
                && Arrays.equals(column("testAccuracy"), h.column("testAccuracy"));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(column("trainLoss"));
    }
}
