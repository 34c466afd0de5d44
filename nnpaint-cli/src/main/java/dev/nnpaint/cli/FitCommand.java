package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.FitOperation;
import dev.nnpaint.ops.options.FitOptions;
import dev.nnpaint.ops.options.ProgressBar;
import dev.nnpaint.ops.options.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** {@code nnpaint fit}: a network that learns to paint a picture. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a coordinate network (x, y -> colour) to paint an image, through an input encoding:",
                "none, positional (pe:L), Gaussian Fourier features (gauss:M:SIGMA) or a multiresolution hash grid",
                "(hash, the default), or SIREN's sine layers. Writes DIR/model.json (paints at any size with",
                "render --model), fit.png, compare.png (target, fit, error, PSNR) and progress.csv."})
final class FitCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A PNG or JPEG image, colour or grey.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    Path out;

    /** Encoding, SIREN, steps, batch, rate, schedule and holdout, shared with grid --fit. */
    @Mixin
    FitOptions fit;

    @Option(names = "--hidden", paramLabel = "W,W,...", description = "Hidden layer widths, e.g. 64,64 or 256x4 "
            + "(default: 64,64 after a hash grid, 256x4 otherwise).")
    String hidden;

    @Option(names = "--layers", paramLabel = "N", description = "Hidden layers (with --neurons; instead of --hidden).")
    Integer layers;

    @Option(names = "--neurons", paramLabel = "N", description = "Units per hidden layer (with --layers).")
    Integer neurons;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation (default: relu; sin "
            + "with --siren).")
    String activation;

    @Option(names = "--output-activation", paramLabel = "NAME", description = "Output activation (default: "
            + "sigmoid; identity with --siren).")
    String outputActivation;

    @Option(names = "--seconds", paramLabel = "S", description = "A time budget for training (results then "
            + "depend on the machine's speed).")
    Double seconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights, frequencies, tables and batches "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--animate", paramLabel = "FILE", description = "Also write the reconstruction as it learns "
            + "(.gif or .mp4).")
    String animate;

    @Option(names = "--fps", paramLabel = "N", description = "Frames a second of --animate (default: "
            + "${DEFAULT-VALUE}).")
    double fps = 10;

    @Mixin
    RunOptions run;

    @Override
    public void run() {
        int[] widths = null;
        if (hidden != null && (layers != null || neurons != null)) {
            throw new BadInputException("give --hidden or --layers with --neurons, not both");
        }
        if (hidden != null) {
            widths = FitOperation.parseHidden(hidden);
        } else if (layers != null || neurons != null) {
            if (layers == null || neurons == null || layers < 0 || neurons < 1) {
                throw new BadInputException("--layers N needs --neurons M (N >= 0, M >= 1)");
            }
            widths = new int[layers];
            Arrays.fill(widths, neurons);
        }
        int pixels = fit.batchPixels();
        boolean cosine = fit.cosine();
        boolean holdout = fit.holdoutEven();
        double omega = fit.sirenOmega();
        FitOperation.Request request = new FitOperation.Request(image, out, fit.encoding, omega, widths, activation,
                outputActivation, fit.steps, seconds, pixels, fit.lr, cosine, seed, holdout, animate, fps,
                run.execution());
        FitOperation.Result r;
        try (ProgressBar bar = ProgressBar.start("fit", run.quiet())) {
            r = FitOperation.run(request, bar);
        }
        if (!run.quiet()) {
            System.err.println(String.format(Locale.ROOT,
                    "fitted %dx%d %s with %s (%,d parameters): %d steps in %.1fs, PSNR %.2f dB%s -> %s%s",
                    r.width(), r.height(), r.channels() == 3 ? "colour" : "grey", r.encoding()
                            + (omega > 0 ? " + SIREN" : ""), r.parameters(), r.steps(), r.seconds(), r.psnr(),
                    holdout ? String.format(Locale.ROOT, " (train %.2f, test %.2f)", r.trainPsnr(),
                            r.testPsnr()) : "",
                    r.out(), r.animation() == null ? "" : ", " + r.animation() + " (" + r.frames() + " frames)"));
        }
    }
}
