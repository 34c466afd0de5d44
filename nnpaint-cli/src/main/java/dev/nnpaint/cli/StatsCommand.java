package dev.nnpaint.cli;

import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.StatsOperation;
import dev.nnpaint.ops.options.RecipeOptions;
import dev.nnpaint.ops.recipe.RecipeFields;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.ops.format.ModelFiles;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.stats.EncodingStats;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.ActivationSpec;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.stats.NetworkStats;
import dev.nnpaint.stats.StatsReport;
import dev.nnpaint.stats.Verdict;
import dev.nnpaint.theory.MeanField;
import dev.nnpaint.theory.NetworkPrediction;
import dev.nnpaint.theory.Saturation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nnpaint stats}: measures a recipe's network over the image's pixels and sets the mean-field prediction
 * of an infinitely wide network beside it (Poole et al. 2016; Schoenholz et al. 2017), with verdicts in words.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = {"Statistics of a random network over the image's pixels beside the mean-field theory: "
                + "pre-activation size, saturation, correlation of neighbouring pixels, the phase (ordered, "
                + "critical, chaotic) and a verdict (grey goo, static).",
                "'nnpaint stats --critical --activation tanh --sigma-b 0.3' prints the edge of chaos."})
final class StatsCommand implements Callable<Integer> {

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--from", paramLabel = "FILE.png",
            description = "Start from the recipe (or model) stored in a PNG that nnpaint wrote.")
    Path from;

    @Option(names = "--model", paramLabel = "FILE.json|FILE.onnx", description = "Measure this model file (a "
            + "fitted or trained network): its encoded inputs and every layer, without the mean-field prediction, "
            + "which is for random weights.")
    Path model;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "128",
            description = "Measure on an even grid of N pixels per row (each with its neighbour).")
    int samples;

    @Option(names = "--critical", description = "Print the sigma_w of the edge of chaos for --activation and "
            + "--sigma-b instead of measuring a network.")
    boolean critical;

    @Option(names = "--sigma-b", paramLabel = "SB", description = "Bias standard deviation for --critical.")
    Double sigmaB;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw q, 1 - c of neighbouring pixels "
            + "and the curve length per layer, measured beside the mean-field prediction, as a PNG chart.")
    Path plot;

    @Option(names = "--kernel", paramLabel = "NAME", description = "Kernel: scalar or vector (default: fastest).")
    String kernel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (plot != null && !plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new BadInputException("--plot writes a PNG: give a file name ending in .png, got " + plot);
        }
        if (critical) {
            if (plot != null) {
                throw new BadInputException("--plot draws a network's statistics; it does not go with --critical");
            }
            printCritical(out);
            return 0;
        }
        if (sigmaB != null) {
            throw new BadInputException("--sigma-b goes with --critical; a recipe's sigma_b comes from --biases");
        }
        if (model != null && from != null) {
            throw new BadInputException("give either --model or --from, not both");
        }
        ImageMetadata.Source source = from != null ? ImageMetadata.read(from) : null;
        if (model != null || (source != null && source.model() != null)) {
            ModelJson.ModelFile file = model != null ? ModelFiles.read(model) : source.model();
            Recipe.Builder view = source != null ? source.recipe() : recipe.startingBuilder().color(file.color());
            StatsOperation.ModelResult result = StatsOperation.runModel(new StatsOperation.ModelRequest(file.model(),
                    recipe.applyTo(view), samples, kernel == null ? Kernels.fastest() : Kernels.byName(kernel), plot));
            if (json) {
                out.println(toJson(result));
            } else {
                printModelReport(out, result);
            }
            if (plot != null && !json) {
                out.printf(Locale.ROOT, "wrote %s (%dx%d)%n", plot, result.plotWidth(), result.plotHeight());
            }
            out.flush();
            return 0;
        }
        Recipe.Builder start = source != null ? source.recipe() : recipe.startingBuilder();
        StatsOperation.Result result = StatsOperation.run(new StatsOperation.Request(recipe.applyTo(start), samples,
                kernel == null ? Kernels.fastest() : Kernels.byName(kernel), plot));
        Recipe r = result.recipe();
        if (json) {
            out.println(toJson(r, result.report()));
        } else {
            printReport(out, r, result.report());
        }
        if (plot != null && !json) {
            out.printf(Locale.ROOT, "wrote %s (%dx%d)%n", plot, result.plotWidth(), result.plotHeight());
        }
        out.flush();
        return 0;
    }

    private void printCritical(PrintWriter out) throws Exception {
        if (sigmaB == null) {
            throw new BadInputException("--critical needs --sigma-b, e.g. --critical --activation tanh --sigma-b 0.3");
        }
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new BadInputException("--sigma-b must be a number >= 0, got " + sigmaB);
        }
        ActivationSpec phi = recipe.given("activation") ? recipe.value(RecipeFields.ACTIVATION)
                : ActivationSpec.parse("tanh");
        double sw = StatsOperation.criticalSigmaW(phi, sigmaB);
        if (json) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("activation", phi.toString());
            root.put("sigmaB", sigmaB);
            putNumber(root, "criticalSigmaW", sw);
            out.println(MAPPER.writeValueAsString(root));
        } else if (Double.isNaN(sw)) {
            out.printf(Locale.ROOT, "%s at sigma_b = %s has no edge of chaos for sigma_w in [0.001, 1000]%n", phi,
                    Verdict.num(sigmaB));
        } else {
            out.printf(Locale.ROOT, "edge of chaos for %s at sigma_b = %s: sigma_w = %.6f (sigma_w^2 = %.6f)%n", phi,
                    Verdict.num(sigmaB), sw, sw * sw);
            out.printf(Locale.ROOT, "as recipe options: --weights scaled-normal:%.4f --biases normal:%s%n", sw,
                    Verdict.num(sigmaB));
        }
    }

    private static void printReport(PrintWriter out, Recipe r, StatsReport report) {
        NetworkStats m = report.measured();
        NetworkPrediction p = report.predicted();
        int depth = m.layers().size();
        out.printf(Locale.ROOT, "network: %s hidden, %s, output %s, weights %s, biases %s%s%n", StatsOperation.hiddenText(r),
                StatsOperation.activationsText(r), r.outputActivation(), r.weights(), r.biases(),
                r.gain() == 1 ? "" : ", gain " + Verdict.num(r.gain()));
        out.printf(Locale.ROOT, "view: %dx%d, extent %s; measured on %d pixels, each with its right-hand neighbour%n",
                r.width(), r.height(), Verdict.num(r.extent()), m.pixels());
        out.println();
        if (p == null) {
            out.println("mean field: n/a: " + report.theoryNote());
        } else {
            out.println("mean field (infinite width; weights N(0, sigma_w^2/fan_in), biases N(0, sigma_b^2)):");
            if (p.maps().isEmpty()) {
                out.println("  no hidden layers: the output layer reads the inputs directly, there is no map to iterate");
            }
            for (NetworkPrediction.MapSummary map : p.maps()) {
                MeanField.Summary s = map.summary();
                out.printf(Locale.ROOT, "  into %s: %s, sigma_w %s, sigma_b %s%n", layerRange(map, depth), map.phi(),
                        Verdict.num(map.sigmaW()), Verdict.num(map.sigmaB()));
                out.printf(Locale.ROOT, "    q* %s  chi_1 %s  c* %s  correlation depth %s  phase: %s%n",
                        s.unbounded() ? "unbounded" : Verdict.num(s.qStar()), Verdict.num(s.chi1()),
                        Verdict.num(s.cStar()), depthText(s.correlationDepth()), s.phase());
            }
            if (!Double.isNaN(report.criticalSigmaW())) {
                NetworkPrediction.MapSummary g = p.governing();
                out.printf(Locale.ROOT, "  edge of chaos for %s at sigma_b %s: sigma_w = %s%n", g.phi(),
                        Verdict.num(g.sigmaB()), Verdict.num(report.criticalSigmaW()));
            }
            if (report.theoryNote() != null) {
                out.println("  note: " + report.theoryNote());
            }
        }
        out.println();
        out.println("layer  units  q measured  predicted  saturated  predicted  1-c neighbours  predicted  "
                + "curve length");
        out.printf(Locale.ROOT, "input  %5d  %10s  %9s  %9s  %9s  %14s  %9s  %12s%n", r.inputFeatures().size(),
                "", "", "", "", "", "", Verdict.num(m.inputCurveLength()));
        for (int k = 0; k < depth; k++) {
            NetworkStats.LayerStats l = m.layers().get(k);
            NetworkPrediction.LayerPrediction lp = p == null ? null : p.layers().get(k);
            out.printf(Locale.ROOT, "%-5s  %5d  %10s  %9s  %9s  %9s  %14s  %9s  %12s%n",
                    k == depth - 1 ? "out" : Integer.toString(k + 1), l.units(),
                    Verdict.num(l.meanSquaredPreActivation()),
                    lp == null ? "n/a" : Verdict.num(lp.meanSquaredPreActivation()),
                    percent(l.saturatedFraction()), lp == null ? "n/a" : percent(lp.saturatedFraction()),
                    Verdict.sci(l.neighbourDecorrelation()), lp == null ? "n/a" : Verdict.sci(lp.neighbourDecorrelation()),
                    Verdict.num(l.curveLength()));
        }
        out.println("saturated: " + saturationRules(r) + ". curve: a circle of radius "
                + Verdict.num(report.curveRadius()) + " around the view's centre (" + StatsReport.CURVE_POINTS
                + " points), its length after each layer (Raghu et al. 2017).");
        if (m.activationPatterns() >= 0) {
            out.printf(Locale.ROOT, "linear regions: %d distinct activation patterns among the %d pixels%n",
                    m.activationPatterns(), m.pixels());
        }
        out.println();
        StringBuilder stds = new StringBuilder();
        for (double v : m.outputStd()) {
            stds.append(stds.length() == 0 ? "" : ", ").append(Verdict.num(v));
        }
        out.printf(Locale.ROOT, "output: standard deviation over the image %s (per output: %s); neighbouring "
                + "pixels correlate %s%n", Verdict.num(m.outputVariation()), stds, Verdict.num(m.outputNeighbourCorrelation()));
        for (Verdict v : report.verdicts()) {
            out.println("verdict: " + v.text());
        }
    }

    /** A model file's report: its encoded inputs as layer 0, then its dense layers, measured only. */
    private static void printModelReport(PrintWriter out, StatsOperation.ModelResult result) {
        Recipe r = result.view();
        dev.nnpaint.net.Model m = result.model();
        NetworkStats s = result.report().measured();
        EncodingStats e = result.encoding();
        int frozen = m.frozenLayers();
        StringBuilder widths = new StringBuilder();
        for (int k = frozen; k < m.layers().size() - 1; k++) {
            widths.append(widths.length() == 0 ? "" : ",").append(m.layers().get(k).outputs());
        }
        dev.nnpaint.net.Layer last = m.layers().get(m.layers().size() - 1);
        out.printf(Locale.ROOT, "model: inputs %s, encoding %s, hidden %s, output %d %s%n",
                String.join(",", m.inputNames()), m.encoding().spec(), widths.length() == 0 ? "none" : widths,
                last.outputs(), activationNames(last));
        out.printf(Locale.ROOT, "view: %dx%d, extent %s; measured on %d pixels, each with its right-hand neighbour%n",
                r.width(), r.height(), Verdict.num(r.extent()), s.pixels());
        out.println();
        out.println("mean field: n/a: " + result.report().theoryNote());
        out.println();
        out.println("layer  units  activation  q (mean h^2)  saturated  1-c neighbours  curve length");
        out.printf(Locale.ROOT, "input  %5d  %10s  %12s  %9s  %14s  %12s%n", m.inputCount(), "", "", "", "",
                Verdict.num(s.inputCurveLength()));
        if (e != null) {
            out.printf(Locale.ROOT, "0 enc  %5d  %10s  %12s  %9s  %14s  %12s%n", e.features(),
                    m.grid() != null ? "hash grid" : "sin, cos", Verdict.num(e.meanSquare()), "-",
                    Verdict.sci(e.neighbourDecorrelation()), Verdict.num(e.curveLength()));
        }
        int depth = s.layers().size();
        for (int k = frozen; k < depth; k++) {
            NetworkStats.LayerStats l = s.layers().get(k);
            out.printf(Locale.ROOT, "%-5s  %5d  %10s  %12s  %9s  %14s  %12s%n",
                    k == depth - 1 ? "out" : Integer.toString(k - frozen + 1), l.units(),
                    activationNames(m.layers().get(k)), Verdict.num(l.meanSquaredPreActivation()),
                    percent(l.saturatedFraction()), Verdict.sci(l.neighbourDecorrelation()),
                    Verdict.num(l.curveLength()));
        }
        if (e != null) {
            out.printf(Locale.ROOT, "layer 0 is the encoded inputs (%s): q is the mean square of the features, "
                    + "which vary over the image by %s (rms of their standard deviations)%n", e.encoding(),
                    Verdict.num(e.featureStd()));
        }
        out.println("q: mean squared pre-activation; curve: a circle of radius " + Verdict.num(result.report()
                .curveRadius()) + " around the view's centre, its length after each layer.");
        if (s.activationPatterns() >= 0 && frozen == 0) {
            out.printf(Locale.ROOT, "linear regions: %d distinct activation patterns among the %d pixels%n",
                    s.activationPatterns(), s.pixels());
        }
        StringBuilder stds = new StringBuilder();
        for (double v : s.outputStd()) {
            stds.append(stds.length() == 0 ? "" : ", ").append(Verdict.num(v));
        }
        out.printf(Locale.ROOT, "output: standard deviation over the image %s (per output: %s); neighbouring "
                + "pixels correlate %s%n", Verdict.num(s.outputVariation()), stds,
                Verdict.num(s.outputNeighbourCorrelation()));
    }

    /** A layer's activation, or its activations joined when its units differ. */
    private static String activationNames(dev.nnpaint.net.Layer layer) {
        Set<String> names = new LinkedHashSet<>();
        for (Activation a : layer.activations()) {
            names.add(a.id());
        }
        return String.join("+", names);
    }

    static String toJson(StatsOperation.ModelResult result) throws Exception {
        dev.nnpaint.net.Model m = result.model();
        NetworkStats s = result.report().measured();
        EncodingStats e = result.encoding();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("pixels", s.pixels());
        root.put("encoding", m.encoding().spec());
        putNumber(root, "outputStd", s.outputVariation());
        putNumber(root, "outputNeighbourCorrelation", s.outputNeighbourCorrelation());
        putNumber(root, "inputCurveLength", s.inputCurveLength());
        ArrayNode layers = root.putArray("layers");
        if (e != null) {
            ObjectNode n = layers.addObject();
            n.put("layer", "0");
            n.put("kind", "encoding");
            n.put("units", e.features());
            ObjectNode meas = n.putObject("measured");
            putNumber(meas, "meanSquare", e.meanSquare());
            putNumber(meas, "featureStd", e.featureStd());
            putNumber(meas, "neighbourDecorrelation", e.neighbourDecorrelation());
            putNumber(meas, "curveLength", e.curveLength());
        }
        int depth = s.layers().size();
        for (int k = m.frozenLayers(); k < depth; k++) {
            NetworkStats.LayerStats l = s.layers().get(k);
            ObjectNode n = layers.addObject();
            n.put("layer", k == depth - 1 ? "out" : Integer.toString(k - m.frozenLayers() + 1));
            n.put("kind", "dense");
            n.put("units", l.units());
            n.put("activation", activationNames(m.layers().get(k)));
            ObjectNode meas = n.putObject("measured");
            putNumber(meas, "q", l.meanSquaredPreActivation());
            putNumber(meas, "saturated", l.saturatedFraction());
            putNumber(meas, "neighbourDecorrelation", l.neighbourDecorrelation());
            putNumber(meas, "curveLength", l.curveLength());
        }
        root.putObject("meanField").put("note", result.report().theoryNote());
        return MAPPER.writeValueAsString(root);
    }

    private static String layerRange(NetworkPrediction.MapSummary map, int depth) {
        String last = map.lastLayer() == depth - 1 ? "out" : Integer.toString(map.lastLayer() + 1);
        if (map.firstLayer() == map.lastLayer()) {
            return "layer " + last;
        }
        return "layers " + (map.firstLayer() + 1) + "-" + last;
    }

    private static String depthText(double depth) {
        return Double.isInfinite(depth) ? "infinite" : Verdict.num(depth) + " layers";
    }

    private static String saturationRules(Recipe r) {
        Set<String> rules = new LinkedHashSet<>();
        for (ActivationSpec spec : r.activations()) {
            for (Activation a : spec.choices()) {
                rules.add(Saturation.describe(a));
            }
        }
        rules.add(Saturation.describe(r.outputActivation()));
        return String.join("; ", rules);
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, f > 0 && f < 0.001 ? "%.2f%%" : "%.1f%%", 100 * f);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** JSON has no NaN or infinity: those become null. */
    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    static String toJson(Recipe r, StatsReport report) throws Exception {
        NetworkStats m = report.measured();
        NetworkPrediction p = report.predicted();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("pixels", m.pixels());
        putNumber(root, "outputStd", m.outputVariation());
        ArrayNode perOutput = root.putArray("outputStdPerChannel");
        for (double v : m.outputStd()) {
            perOutput.add(v);
        }
        putNumber(root, "outputNeighbourCorrelation", m.outputNeighbourCorrelation());
        if (m.activationPatterns() >= 0) {
            root.put("activationPatterns", m.activationPatterns());
        }
        putNumber(root, "inputCurveLength", m.inputCurveLength());
        putNumber(root, "curveRadius", report.curveRadius());
        ArrayNode layers = root.putArray("layers");
        for (int k = 0; k < m.layers().size(); k++) {
            NetworkStats.LayerStats l = m.layers().get(k);
            ObjectNode n = layers.addObject();
            n.put("layer", k == m.layers().size() - 1 ? "out" : Integer.toString(k + 1));
            n.put("units", l.units());
            ObjectNode meas = n.putObject("measured");
            putNumber(meas, "q", l.meanSquaredPreActivation());
            putNumber(meas, "saturated", l.saturatedFraction());
            putNumber(meas, "neighbourDecorrelation", l.neighbourDecorrelation());
            putNumber(meas, "curveLength", l.curveLength());
            if (p != null) {
                NetworkPrediction.LayerPrediction lp = p.layers().get(k);
                ObjectNode pred = n.putObject("predicted");
                putNumber(pred, "q", lp.meanSquaredPreActivation());
                putNumber(pred, "saturated", lp.saturatedFraction());
                putNumber(pred, "neighbourDecorrelation", lp.neighbourDecorrelation());
            }
        }
        ObjectNode theory = root.putObject("meanField");
        if (report.theoryNote() != null) {
            theory.put("note", report.theoryNote());
        }
        if (p != null) {
            ArrayNode maps = theory.putArray("maps");
            for (NetworkPrediction.MapSummary map : p.maps()) {
                MeanField.Summary s = map.summary();
                ObjectNode n = maps.addObject();
                n.put("firstLayer", map.firstLayer() + 1);
                n.put("lastLayer", map.lastLayer() + 1);
                n.put("activation", map.phi().toString());
                putNumber(n, "sigmaW", map.sigmaW());
                putNumber(n, "sigmaB", map.sigmaB());
                putNumber(n, "qStar", s.qStar());
                putNumber(n, "chi1", s.chi1());
                putNumber(n, "cStar", s.cStar());
                putNumber(n, "chiC", s.chiC());
                putNumber(n, "correlationDepth", s.correlationDepth());
                n.put("phase", s.phase().id());
            }
            NetworkPrediction.MapSummary g = p.governing();
            if (g != null) {
                theory.put("phase", g.summary().phase().id());
            }
            putNumber(theory, "criticalSigmaW", report.criticalSigmaW());
        }
        ArrayNode verdicts = root.putArray("verdicts");
        for (Verdict v : report.verdicts()) {
            ObjectNode n = verdicts.addObject();
            n.put("kind", v.kind().id());
            n.put("text", v.text());
        }
        return MAPPER.writeValueAsString(root);
    }
}
