package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.FitOperation;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * How a network is fitted to an image (a picocli mixin): the options of {@code nnpaint fit} that {@code nnpaint
 * grid --fit} shares. The network's shape, activation and seed are not here: {@code fit} has its own options for
 * them, and a grid takes them from its recipe options.
 */
public final class FitOptions {

    @Option(names = "--encoding", paramLabel = "SPEC", description = "none, pe:L, gauss:M:SIGMA, or "
            + "hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST] (default: ${DEFAULT-VALUE}: 16:2:19:16 and the image's "
            + "larger side).")
    public String encoding = "hash";

    @Option(names = "--siren", paramLabel = "OMEGA0", arity = "0..1", fallbackValue = "30",
            description = "Sine layers with SIREN's omega0 (default 30 when given without a value) and init.")
    public Double siren;

    @Option(names = "--steps", paramLabel = "N", description = "Updates (default: " + FitOperation.DEFAULT_STEPS
            + "; fit: or as many as --seconds allows).")
    public Integer steps;

    @Option(names = "--batch", paramLabel = "PIXELS", description = "Pixels a step, drawn at random from the "
            + "seed; 'all' for every training pixel (default: ${DEFAULT-VALUE}).")
    public String batch = "all";

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: 1e-2 for hash, "
            + "1e-3 for none, pe and gauss, 1e-4 for SIREN).")
    public Double lr;

    @Option(names = "--schedule", paramLabel = "NAME", description = "constant or cosine (default: "
            + "${DEFAULT-VALUE}).")
    public String schedule = "constant";

    @Option(names = "--holdout", paramLabel = "even", description = "'even': train on the pixels of even row and "
            + "column, test on all (the Fourier-features paper's protocol).")
    public String holdout;

    /** Whether any of these options was set away from its default (a command can refuse them alone). */
    public boolean given() {
        return !encoding.equals("hash") || siren != null || steps != null || !batch.equals("all") || lr != null
                || !schedule.equals("constant") || holdout != null;
    }

    /** Pixels a step: 0 for every training pixel. */
    public int batchPixels() {
        if (batch.equalsIgnoreCase("all")) {
            return 0;
        }
        int pixels;
        try {
            pixels = Integer.parseInt(batch.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--batch: expected a number of pixels or 'all', got '" + batch + "'");
        }
        if (pixels < 1) {
            throw new BadInputException("--batch must be at least 1 pixel, got " + pixels);
        }
        return pixels;
    }

    /** Whether the rate decays along a half cosine. */
    public boolean cosine() {
        return switch (schedule.trim().toLowerCase(Locale.ROOT)) {
            case "constant" -> false;
            case "cosine" -> true;
            default -> throw new BadInputException("--schedule: expected constant or cosine, got '" + schedule + "'");
        };
    }

    /** Whether the even pixels train and all of them test. */
    public boolean holdoutEven() {
        if (holdout != null && !holdout.equals("even")) {
            throw new BadInputException("--holdout: expected 'even', got '" + holdout + "'");
        }
        return holdout != null;
    }

    /** SIREN's omega0, or 0 for plain layers. */
    public double sirenOmega() {
        if (siren != null && !(siren > 0)) {
            throw new BadInputException("--siren: omega0 must be a positive number, got " + siren);
        }
        return siren == null ? 0 : siren;
    }
}
