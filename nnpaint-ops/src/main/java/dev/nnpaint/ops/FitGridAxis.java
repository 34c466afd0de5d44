package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.ops.vary.NumberLists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a grid of fits: a field of {@code nnpaint fit} and the values it takes, parsed from
 * {@code FIELD=VALUES} such as {@code encoding=none,pe:8,gauss:256:10} or {@code sigma=1,10,100}. The fields that
 * change a part of the encoding ({@code sigma}, {@code features}, {@code levels}) change the base encoding's spec,
 * so {@code --encoding gauss:256:10 --cols sigma=1,10,100} fits the same 256 Gaussian draws at three scales.
 *
 * @param field  the field's name as written in {@link #FIELDS}
 * @param spec   the text it was parsed from
 * @param values the values in a canonical text form, one per row or column; they are also the labels
 */
public record FitGridAxis(String field, String spec, List<String> values) {

    /** The fields a grid of fits can vary, with what their values are, for help and messages. */
    public static final List<String[]> FIELDS = List.of(
            new String[] {"encoding", "encoding specs: none, pe:L, gauss:M:SIGMA, hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST]"},
            new String[] {"sigma", "scales of a gauss encoding (the same draws at each)"},
            new String[] {"features", "Gaussian features M of a gauss encoding"},
            new String[] {"levels", "frequencies L of a pe encoding, or levels of a hash grid"},
            new String[] {"siren", "SIREN's omega0; 0 for plain layers"},
            new String[] {"hidden", "hidden widths separated by ';', e.g. 64,64;256x4"},
            new String[] {"layers", "hidden layers, as wide as the first (alias depth)"},
            new String[] {"neurons", "units of every hidden layer (alias width)"},
            new String[] {"activation", "hidden activations, e.g. relu,tanh"},
            new String[] {"steps", "updates"},
            new String[] {"lr", "Adam's learning rate"},
            new String[] {"batch", "pixels a step, or all"},
            new String[] {"seed", "seeds"});

    public FitGridAxis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new BadInputException(field + ": no values given");
        }
    }

    /** Parses {@code FIELD=VALUES}; values are checked here, before any fit starts. */
    public static FitGridAxis parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("a fit axis looks like FIELD=VALUES, e.g. sigma=1,10,100; got '" + text + "'");
        }
        String name = canonical(text.substring(0, eq).trim().toLowerCase(Locale.ROOT));
        String body = text.substring(eq + 1).trim();
        if (body.isEmpty()) {
            throw new BadInputException(name + ": no values given");
        }
        List<String> values = new ArrayList<>();
        switch (name) {
            case "encoding" -> {
                for (String item : body.split(",")) {
                    String v = item.trim().toLowerCase(Locale.ROOT);
                    Encoding.parse(v, 1, 512); // refuses a bad spec now, not after the first cells' fits
                    values.add(v);
                }
            }
            case "hidden" -> {
                for (String item : body.split(";")) {
                    int[] h = FitOperation.parseHidden(item);
                    if (Arrays.stream(h).anyMatch(v -> v < 1)) {
                        throw new BadInputException("hidden: layer widths must be at least 1, got '" + item + "'");
                    }
                    values.add(item.trim().toLowerCase(Locale.ROOT));
                }
            }
            case "activation" -> {
                for (String item : body.split(",")) {
                    values.add(Activation.parse(item.trim()).toString().toLowerCase(Locale.ROOT));
                }
            }
            case "batch" -> {
                for (String item : body.split(",")) {
                    String v = item.trim().toLowerCase(Locale.ROOT);
                    if (v.equals("all")) {
                        values.add(v);
                    } else {
                        for (long n : whole(name, v, 1)) {
                            values.add(Long.toString(n));
                        }
                    }
                }
            }
            case "sigma", "lr", "siren" -> {
                for (double v : NumberLists.parseList(name, body)) {
                    boolean ok = name.equals("siren") ? v >= 0 : v > 0;
                    if (!ok || !Double.isFinite(v)) {
                        throw new BadInputException(name + ": expected " + (name.equals("siren") ? "numbers >= 0"
                                : "positive numbers") + ", got " + NumberLists.format(v));
                    }
                    values.add(text(v));
                }
            }
            case "features", "levels", "steps", "seed", "layers", "neurons" -> {
                long min = name.equals("seed") || name.equals("layers") ? 0 : 1;
                for (long n : whole(name, body, min)) {
                    values.add(Long.toString(n));
                }
            }
            default -> throw new BadInputException("a grid of fits cannot vary '" + text.substring(0, eq).trim()
                    + "'; it varies " + String.join(", ", FIELDS.stream().map(f -> f[0]).toList()));
        }
        return new FitGridAxis(name, text.trim(), values);
    }

    /** The number as short as it can be written and still read back exactly. */
    private static String text(double v) {
        String s = NumberLists.format(v);
        return Double.parseDouble(s) == v ? s : Double.toString(v);
    }

    private static String canonical(String name) {
        return switch (name) {
            case "depth" -> "layers";
            case "width" -> "neurons";
            case "omega", "omega0" -> "siren";
            case "learning-rate", "rate" -> "lr";
            default -> name;
        };
    }

    private static long[] whole(String name, String text, long min) {
        long[] values = NumberLists.wholeNumbers(name, NumberLists.parseList(name, text));
        for (long v : values) {
            if (v < min || v > Integer.MAX_VALUE) {
                throw new BadInputException(name + ": expected whole numbers of at least " + min + ", got " + v);
            }
        }
        return values;
    }

    public int size() {
        return values.size();
    }

    /**
     * The request with value {@code i} set. {@code finest} is the image's larger side: a bare {@code hash} takes
     * it as its finest level, as {@code nnpaint fit} does.
     */
    public FitOperation.Request apply(FitOperation.Request q, int i, int finest) {
        String v = values.get(i);
        return switch (field) {
            case "encoding" -> q.withEncoding(v);
            case "sigma", "features", "levels" -> q.withEncoding(encodingWith(q, v, finest));
            case "siren" -> q.withSiren(Double.parseDouble(v));
            case "hidden" -> q.withHidden(FitOperation.parseHidden(v));
            case "layers" -> {
                int[] h = new int[Integer.parseInt(v)];
                Arrays.fill(h, hidden(q, finest)[0]);
                yield q.withHidden(h);
            }
            case "neurons" -> {
                int[] h = new int[hidden(q, finest).length];
                Arrays.fill(h, Integer.parseInt(v));
                yield q.withHidden(h);
            }
            case "activation" -> q.withActivation(v);
            case "steps" -> q.withSteps(Integer.parseInt(v));
            case "lr" -> q.withLearningRate(Double.parseDouble(v));
            case "batch" -> q.withBatch(v.equals("all") ? 0 : Integer.parseInt(v));
            case "seed" -> q.withSeed(Long.parseLong(v));
            default -> throw new IllegalStateException(field);
        };
    }

    /** The hidden widths the request fits with: its own, or the default for its encoding. */
    private static int[] hidden(FitOperation.Request q, int finest) {
        if (q.hidden() != null && q.hidden().length > 0) {
            return q.hidden();
        }
        return FitOperation.defaultHidden(Encoding.parse(q.encoding(), q.seed(), finest), q.sirenOmega() > 0);
    }

    private String encodingWith(FitOperation.Request q, String v, int finest) {
        Encoding e = Encoding.parse(q.encoding(), q.seed(), finest);
        if (field.equals("sigma") && e instanceof Encoding.Gaussian g) {
            return "gauss:" + g.features() + ":" + v;
        }
        if (field.equals("features") && e instanceof Encoding.Gaussian g) {
            return "gauss:" + v + ":" + text(g.sigma());
        }
        if (field.equals("levels") && e instanceof Encoding.Positional) {
            return "pe:" + v;
        }
        if (field.equals("levels") && e instanceof Encoding.Hash h) {
            return "hash:" + v + ":" + h.features() + ":" + h.log2Table() + ":" + h.base() + ":" + h.finest();
        }
        throw new BadInputException(field + " changes " + (field.equals("levels") ? "a pe or hash" : "a gauss")
                + " encoding, but the encoding is " + e.spec() + ": give one with --encoding, e.g. "
                + (field.equals("levels") ? "--encoding pe:8" : "--encoding gauss:256:10"));
    }
}
