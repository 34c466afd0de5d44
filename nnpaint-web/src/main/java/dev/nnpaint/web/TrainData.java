package dev.nnpaint.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.data.Dataset;
import dev.nnpaint.data.SyntheticData;

/**
 * The samples a session trains on, split into training and test points, with the square of the plane the
 * pictures cover (the data with a margin, so that the boundary is seen beyond the points) and the targets' range.
 */
final class TrainData {

    final Dataset all;
    final Dataset train;
    final Dataset test;
    final boolean regression;
    /** Smallest and largest target: a regression's picture scales its predictions to them. */
    final float targetLow;
    final float targetHigh;
    /** The square the pictures cover: centre and half side. */
    final double centerX;
    final double centerY;
    final double half;

    TrainData(TrainConfig config) {
        SyntheticData set = SyntheticData.find(config.data());
        all = config.upload() != null ? config.upload() : set.generate(config.samples(), config.noise(),
                config.dataSeed(), set == SyntheticData.SPIRAL ? config.classes() : 2);
        Dataset.Split split = all.split(config.testRatio(), config.dataSeed());
        train = split.train();
        test = split.test();
        regression = !all.isClassification();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float t : all.targets()) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        targetLow = lo;
        targetHigh = hi;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            minX = Math.min(minX, all.feature(i, 0));
            maxX = Math.max(maxX, all.feature(i, 0));
            minY = Math.min(minY, all.feature(i, 1));
            maxY = Math.max(maxY, all.feature(i, 1));
        }
        centerX = (minX + maxX) / 2;
        centerY = (minY + maxY) / 2;
        half = Math.max(maxX - minX, maxY - minY) / 2 * 1.12 + 1e-3;
    }

    /** The x of column {@code i} of a grid of {@code side} cells over the square (cell centres). */
    double x(int i, int side) {
        return centerX - half + (i + 0.5) * 2 * half / side;
    }

    /** The y of row {@code j}, row 0 at the top. */
    double y(int j, int side) {
        return centerY + half - (j + 0.5) * 2 * half / side;
    }

    /** The points, for the page to draw once: flat {x, y, label} triples; label is the target for regression. */
    ObjectNode points(TrainConfig config) {
        ObjectNode o = Http.JSON.createObjectNode();
        o.set("config", config.toJson());
        o.put("mode", regression ? "value" : config.outputs() > 1 ? "classes" : "binary");
        o.put("classes", regression ? 0 : all.classes());
        ArrayNode extent = o.putArray("extent");
        extent.add(centerX - half).add(centerX + half).add(centerY - half).add(centerY + half);
        o.put("targetLow", targetLow).put("targetHigh", targetHigh);
        o.set("train", triples(train));
        o.set("test", triples(test));
        ArrayNode layers = o.putArray("layers");
        layers.add(config.features().size());
        for (int n : config.hidden()) {
            layers.add(n);
        }
        layers.add(config.outputs());
        if (config.upload() != null) {
            // what was read from the uploaded CSV: the axes and the classes in index order
            ArrayNode features = o.putArray("features");
            config.upload().featureNames().forEach(features::add);
            ArrayNode classNames = o.putArray("classNames");
            config.upload().classNames().forEach(classNames::add);
        }
        return o;
    }

    private static ArrayNode triples(Dataset d) {
        ArrayNode a = Http.JSON.createArrayNode();
        for (int i = 0; i < d.size(); i++) {
            a.add(round(d.feature(i, 0))).add(round(d.feature(i, 1))).add(round(d.target(i)));
        }
        return a;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
