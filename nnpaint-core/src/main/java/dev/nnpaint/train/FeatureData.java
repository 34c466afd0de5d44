package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Encoding;

/** A data set of (x, y) samples seen through input features: what the first layer of a featured model trains on. */
public final class FeatureData {

    private FeatureData() {
    }

    /**
     * The same samples and targets with the features of {@code features} in place of (x, y), named by their ids;
     * each value is {@link Encoding.Features#value} rounded to float, as the evaluator computes it when painting.
     */
    public static Dataset apply(Encoding.Features features, Dataset data) {
        if (data.featureCount() != 2) {
            throw new BadInputException("input features are made from two columns (x, y), but the data has "
                    + data.featureCount() + " (" + String.join(", ", data.featureNames()) + ")");
        }
        return new Dataset(features.names(), data.targetName(), features.encodeRows(data.features(), data.size()),
                data.targets(), data.classNames());
    }
}
