package dev.nnpaint.stats;

import dev.nnpaint.net.Activation;
import dev.nnpaint.theory.MeanField;
import dev.nnpaint.theory.NetworkPrediction;
import dev.nnpaint.theory.Saturation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-language reading of the statistics: is the picture grey goo (the output hardly varies), static
 * (neighbouring pixels are unrelated), or neither; and why, from the mean-field phase when there is one.
 *
 * @param kind what the picture is
 * @param text one paragraph for a person, with the reason and what to try
 */
public record Verdict(Kind kind, String text) {

    public enum Kind {
        GREY_GOO("grey goo"), STATIC("static"), SATURATED("saturated"), FINE("fine");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Below this standard deviation (about 5 of 255 grey levels) the output is grey goo. */
    public static final double GREY_GOO_STD = 0.02;
    /** Below this correlation of neighbouring output pixels the picture is static. */
    public static final double STATIC_CORRELATION = 0.5;
    /** Above this share of saturated units in the last hidden layer the picture is flat areas and sharp edges. */
    public static final double SATURATED_SHARE = 0.9;

    /**
     * The verdicts for measured statistics, with the prediction (null when the recipe has no sigma_w) and the
     * sigma_w of the edge of chaos for the governing map (NaN when unknown) for the advice.
     */
    public static List<Verdict> of(NetworkStats measured, NetworkPrediction predicted, double criticalSigmaW) {
        List<Verdict> verdicts = new ArrayList<>();
        NetworkPrediction.MapSummary map = predicted == null ? null : predicted.governing();
        MeanField.Summary s = map == null ? null : map.summary();
        double std = measured.outputVariation();
        double correlation = measured.outputNeighbourCorrelation();
        int hidden = measured.layers().size() - 1;
        String edge = Double.isNaN(criticalSigmaW) ? ""
                : " (the edge of chaos for " + map.phi() + " at sigma_b = " + num(map.sigmaB()) + " is sigma_w = "
                + num(criticalSigmaW) + ": --weights scaled-normal:" + num(criticalSigmaW) + ")";
        NetworkStats.LayerStats output = measured.layers().get(hidden);
        if (std < GREY_GOO_STD && output.saturatedFraction() > SATURATED_SHARE) {
            // Not the ordered phase's goo: the output units are driven so hard that every pixel gets their bound.
            verdicts.add(new Verdict(Kind.SATURATED, "flat: the output varies by only " + num(std) + " over the "
                    + "image because " + percent(output.saturatedFraction()) + " of the output units are pinned at "
                    + "their bounds (their pre-activations are huge: q = " + num(output.meanSquaredPreActivation())
                    + "); try smaller weights" + edge));
        } else if (std < GREY_GOO_STD) {
            StringBuilder why = new StringBuilder();
            if (s != null && s.phase() == MeanField.Phase.ORDERED && hidden > 0) {
                NetworkStats.LayerStats last = measured.layers().get(hidden - 1);
                why.append("the network is in the ordered phase (chi_1 = ").append(num(s.chi1()))
                        .append(" < 1): every layer shrinks the differences between pixels by about that factor, "
                                + "so after ").append(hidden).append(hidden == 1 ? " layer" : " layers")
                        .append(" neighbouring pixels differ by 1-c = ").append(sci(last.neighbourDecorrelation()))
                        .append(" and all pixels drift to the same values");
            } else {
                why.append("the pixels reach the output layer nearly alike");
            }
            NetworkStats.LayerStats out = measured.layers().get(hidden);
            if (out.meanSquaredPreActivation() < 0.01) {
                why.append("; the output layer's pre-activations are tiny (q = ")
                        .append(sci(out.meanSquaredPreActivation())).append("), so the output sits at its midpoint");
            }
            verdicts.add(new Verdict(Kind.GREY_GOO, "grey goo: the output varies by only " + num(std)
                    + " over the image because " + why + "; try --weights normal:1" + edge));
        } else if (correlation < STATIC_CORRELATION) {
            String why;
            if (s != null && s.phase() == MeanField.Phase.CHAOTIC) {
                int first = firstDecorrelated(measured);
                why = "the network is deep in the chaotic phase (chi_1 = " + num(s.chi1()) + " > 1): a small "
                        + "difference between neighbouring pixels grows about " + num(s.chi1()) + "-fold per layer"
                        + (first < 0 ? "" : ", and from layer " + (first + 1) + " on neighbouring pixels are "
                        + "nearly unrelated (1-c = " + num(measured.layers().get(first).neighbourDecorrelation()) + ")")
                        + "; try smaller weights" + edge + ", fewer layers, or zoom in (a smaller --extent)";
            } else {
                why = "the first layer's weights are large against the spacing of the pixels; zoom in (a smaller "
                        + "--extent) or use smaller weights";
            }
            verdicts.add(new Verdict(Kind.STATIC, "static: neighbouring pixels correlate only " + num(correlation)
                    + " because " + why));
        } else {
            String phase = s == null ? "" : "; the network is " + describe(s);
            verdicts.add(new Verdict(Kind.FINE, "neither grey goo nor static: the output varies by " + num(std)
                    + " and neighbouring pixels correlate " + num(correlation) + phase));
        }
        if (hidden > 0) {
            NetworkStats.LayerStats last = measured.layers().get(hidden - 1);
            if (last.saturatedFraction() > SATURATED_SHARE && !isRectifier(measured, predicted)) {
                verdicts.add(new Verdict(Kind.SATURATED, "saturated: " + percent(last.saturatedFraction())
                        + " of the last hidden layer's units are pinned at their bounds, so the picture is made of "
                        + "flat areas with sharp edges"));
            }
        }
        return verdicts;
    }

    /** Dead relu units are not "pinned at a bound" in the sense of the saturated verdict. */
    private static boolean isRectifier(NetworkStats measured, NetworkPrediction predicted) {
        if (predicted == null || predicted.governing() == null) {
            return false;
        }
        for (Activation a : predicted.governing().phi().choices()) {
            if (a == Activation.RELU || a == Activation.LEAKY_RELU) {
                return true;
            }
        }
        return false;
    }

    private static String describe(MeanField.Summary s) {
        switch (s.phase()) {
            case CRITICAL: return "near the edge of chaos (chi_1 = " + num(s.chi1()) + ")";
            case ORDERED: return "in the ordered phase (chi_1 = " + num(s.chi1()) + "), but shallow enough to keep "
                    + "detail";
            default: return "in the chaotic phase (chi_1 = " + num(s.chi1()) + "), but shallow or zoomed in enough "
                    + "to keep structure";
        }
    }

    /** The first hidden layer whose neighbouring pixels have 1-c above 0.1, or -1. */
    private static int firstDecorrelated(NetworkStats measured) {
        for (int k = 0; k < measured.layers().size() - 1; k++) {
            if (measured.layers().get(k).neighbourDecorrelation() > 0.1) {
                return k;
            }
        }
        return -1;
    }

    public static String num(double v) {
        if (Math.abs(v) >= 1000 && Math.abs(v) < 1e5) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v).replaceAll("(\\.[0-9]*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return sci(v);
    }

    public static String sci(double v) {
        return String.format(Locale.ROOT, "%.2g", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }

    /** For reports: the saturation rule of an activation. */
    public static String saturationRule(Activation a) {
        return Saturation.describe(a);
    }
}
