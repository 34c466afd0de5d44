package dev.nnpaint.data;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.KeyedRandom;

import java.util.List;

/**
 * A table of samples: numeric features and one target per sample.
 *
 * <p>Layout: sample-major, feature {@code j} of sample {@code i} at {@code features[i * featureCount() + j]}
 * (the order of a CSV file; the trainer transposes batches into the kernels' feature-major layout).
 * {@code targets[i]} is a class index {@code 0 .. classes-1} for classification, or a real value for regression
 * ({@code classes == 0}). {@code classNames} names the classes in index order (empty for regression).
 */
public record Dataset(List<String> featureNames, String targetName, float[] features, float[] targets,
                      List<String> classNames) {

    public Dataset {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (featureNames.isEmpty()) {
            throw new BadInputException("a data set needs at least one feature");
        }
        if (features.length != targets.length * featureNames.size()) {
            throw new IllegalArgumentException(features.length + " feature values for " + targets.length
                    + " samples of " + featureNames.size() + " features");
        }
        if (classNames.size() == 1) {
            throw new BadInputException("the target '" + targetName + "' has only one class ("
                    + classNames.get(0) + "); a classifier needs at least two");
        }
        for (float t : targets) {
            if (!classNames.isEmpty() && (t != (int) t || t < 0 || t >= classNames.size())) {
                throw new IllegalArgumentException("class index " + t + " out of range");
            }
        }
    }

    /** A classification set whose classes are named {@code 0 .. classes-1}. */
    public static Dataset classification(List<String> featureNames, float[] features, int[] labels, int classes) {
        float[] t = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            t[i] = labels[i];
        }
        return new Dataset(featureNames, "label", features, t, numberedClasses(classes));
    }

    /** A regression set with a real-valued target. */
    public static Dataset regression(List<String> featureNames, float[] features, float[] targets) {
        return new Dataset(featureNames, "target", features, targets, List.of());
    }

    static List<String> numberedClasses(int classes) {
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) {
            names[c] = Integer.toString(c);
        }
        return List.of(names);
    }

    public int size() {
        return targets.length;
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** Number of classes, or 0 for a regression target. */
    public int classes() {
        return classNames.size();
    }

    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    public float feature(int sample, int feature) {
        return features[sample * featureCount() + feature];
    }

    public float target(int sample) {
        return targets[sample];
    }

    /** Class index of a sample (classification only). */
    public int label(int sample) {
        return (int) targets[sample];
    }

    /** How many samples each class has. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (float t : targets) {
            counts[(int) t]++;
        }
        return counts;
    }

    /** The samples at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        int d = featureCount();
        float[] f = new float[indices.length * d];
        float[] t = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * d, f, k * d, d);
            t[k] = targets[indices[k]];
        }
        return new Dataset(featureNames, targetName, f, t, classNames);
    }

    /** The same samples with other feature values (same count): standardised, for instance. */
    public Dataset withFeatures(float[] newFeatures) {
        return new Dataset(featureNames, targetName, newFeatures, targets, classNames);
    }

    /** Smallest and largest value of each feature: {@code {min0, max0, min1, max1, ...}}. */
    public double[] ranges() {
        int d = featureCount();
        double[] r = new double[2 * d];
        for (int j = 0; j < d; j++) {
            r[2 * j] = Double.POSITIVE_INFINITY;
            r[2 * j + 1] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < size(); i++) {
            for (int j = 0; j < d; j++) {
                float v = features[i * d + j];
                r[2 * j] = Math.min(r[2 * j], v);
                r[2 * j + 1] = Math.max(r[2 * j + 1], v);
            }
        }
        return r;
    }

    /** A training set and a test set drawn from one data set. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Shuffles the samples with {@code seed} and holds out {@code round(testFraction * size)} of them (at least
     * one) as the test set. The same seed gives the same split.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new BadInputException("test split must be a fraction between 0 and 1, got " + testFraction);
        }
        int n = size();
        int testCount = (int) Math.max(1, Math.round(testFraction * n));
        if (testCount >= n) {
            throw new BadInputException("a test split of " + testFraction + " leaves no training samples out of "
                    + n);
        }
        int[] order = shuffled(n, new KeyedRandom(seed), 0);
        int[] test = java.util.Arrays.copyOfRange(order, 0, testCount);
        int[] train = java.util.Arrays.copyOfRange(order, testCount, n);
        java.util.Arrays.sort(test);
        java.util.Arrays.sort(train);
        return new Split(subset(train), subset(test));
    }

    /** {@code 0 .. n-1} in a random order keyed by (seed, round): Fisher-Yates with keyed draws. */
    public static int[] shuffled(int n, KeyedRandom random, long round) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random, round);
        return order;
    }

    /** Shuffles {@code order} in place; the permutation depends only on (seed, round, length). */
    public static void shuffle(int[] order, KeyedRandom random, long round) {
        for (int i = order.length - 1; i > 0; i--) {
            int k = (int) (random.uniform(KeyedRandom.SHUFFLE, round, i, 0) * (i + 1));
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && featureNames.equals(d.featureNames) && targetName.equals(d.targetName)
                && java.util.Arrays.equals(features, d.features) && java.util.Arrays.equals(targets, d.targets)
                && classNames.equals(d.classNames);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "Dataset[" + size() + " samples, features " + featureNames + ", "
                + (isClassification() ? classes() + " classes" : "regression") + "]";
    }
}
