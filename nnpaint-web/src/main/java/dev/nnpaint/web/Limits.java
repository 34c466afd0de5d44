package dev.nnpaint.web;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Antialias;

/**
 * What one page may ask of the server, so that a page (or a script posing as one) cannot exhaust the machine.
 *
 * @param maxPreviewPixels      pixels of one live preview
 * @param maxPreviewFlops       multiply-adds of one live preview (pixels x samples a pixel x flops per sample)
 * @param maxDownloadSide       width or height of a download, in pixels (PNG allows more, browsers show less)
 * @param maxDownloadSeconds    estimated seconds of a download before it needs {@code force=true}
 * @param maxParameters         weights and biases of one network
 * @param maxBodyBytes          bytes of a request body
 * @param requestsPerSecond     sustained requests of one page (or one address without a page id)
 * @param burst                 requests one page may make at once before the rate applies
 * @param maxDownloads          downloads and gallery saves running at once, over all pages
 * @param maxPages              pages the server keeps state for at once
 */
public record Limits(long maxPreviewPixels, double maxPreviewFlops, int maxDownloadSide, double maxDownloadSeconds,
                     long maxParameters, int maxBodyBytes, double requestsPerSecond, int burst, int maxDownloads,
                     int maxPages) {

    /** A pessimistic engine speed for estimates, in flop/s, as for the command line's --force. */
    static final double ASSUMED_FLOPS = 10e9;
    /** A pessimistic PNG encoding speed, pixels per second. */
    static final double ASSUMED_PNG_PIXELS = 40e6;

    public static Limits defaults() {
        return new Limits(2048L * 2048, 40e9, 32768, 30 * 60, 4_000_000, 64 * 1024, 40, 80, 2, 256);
    }

    /**
     * Pixels of a download or gallery save made without {@code force}: 10000 x 10000. Past this a picture takes
     * long and makes a file of hundreds of megabytes however simple its network, so the person says so.
     */
    static final long UNFORCED_PIXELS = 100_000_000L;

    /** Estimated seconds of rendering and encoding an image. */
    static double estimatedSeconds(long pixels, long flopsPerPixel) {
        return pixels * (double) flopsPerPixel / ASSUMED_FLOPS + pixels / ASSUMED_PNG_PIXELS;
    }

    /** Refuses a network too big to hold, before its weights are drawn. */
    void checkNetworkSize(Recipe r) {
        long parameters = 0;
        int fanIn = r.inputFeatures().size();
        for (int units : r.hidden()) {
            parameters += (long) (fanIn + 1) * units;
            fanIn = units;
        }
        parameters += (long) (fanIn + 1) * r.outputCount();
        if (parameters > maxParameters) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "the network has %,d weights and biases; the explorer allows at most %,d", parameters,
                    maxParameters));
        }
    }

    void checkPreview(long pixels, long flopsPerPixel) {
        checkPreview(pixels, flopsPerPixel, Antialias.OFF);
    }

    /**
     * Refuses a preview too large or too heavy. Its cost counts every sample anti-aliasing takes: a pixel of
     * {@code antialias} N costs N x N evaluations of the network, one of {@code auto} up to 4 + 16.
     */
    void checkPreview(long pixels, long flopsPerSample, Antialias antialias) {
        if (pixels > maxPreviewPixels) {
            throw new BadInputException("a preview may have at most " + maxPreviewPixels + " pixels, asked for "
                    + pixels);
        }
        long perPixel = flopsPerPixel(flopsPerSample, antialias);
        if (pixels * (double) perPixel > maxPreviewFlops) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "this network is too heavy for a live preview (%s); make it smaller%s",
                    cost(flopsPerSample, antialias), antialias.off() ? "" : " or use less anti-aliasing"));
        }
    }

    /** Multiply-adds of one pixel: the network's per sample, times anti-aliasing's samples in the worst case. */
    static long flopsPerPixel(long flopsPerSample, Antialias antialias) {
        return flopsPerSample * antialias.worstSamplesPerPixel();
    }

    /** {@code 1,234 flop per pixel}, or with anti-aliasing {@code 4x4 samples a pixel of 1,234 flop each}. */
    private static String cost(long flopsPerSample, Antialias antialias) {
        if (antialias.off()) {
            return String.format(java.util.Locale.ROOT, "%,d flop per pixel", flopsPerSample);
        }
        String samples = antialias.adaptive() ? "up to " + antialias.worstSamplesPerPixel() + " samples a pixel"
                : antialias.samples() + "x" + antialias.samples() + " samples a pixel";
        return String.format(java.util.Locale.ROOT, "%s of %,d flop each", samples, flopsPerSample);
    }

    void checkDownload(int width, int height, long flopsPerPixel, boolean force) {
        checkDownload(width, height, flopsPerPixel, Antialias.OFF, force);
    }

    /** Refuses a download too large, or too slow without {@code force}, counting anti-aliasing's samples. */
    void checkDownload(int width, int height, long flopsPerSample, Antialias antialias, boolean force) {
        if (width > maxDownloadSide || height > maxDownloadSide) {
            throw new BadInputException("an image may be at most " + maxDownloadSide + " pixels on a side, asked for "
                    + width + "x" + height);
        }
        long pixels = (long) width * height;
        double seconds = estimatedSeconds(pixels, flopsPerPixel(flopsPerSample, antialias));
        if (!force && seconds > maxDownloadSeconds) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "this image (%dx%d, %s) could take %.0f minutes or more; "
                            + "tick 'force' to render it anyway", width, height, cost(flopsPerSample, antialias),
                    seconds / 60));
        }
        if (!force && pixels > UNFORCED_PIXELS) {
            throw new BadInputException(String.format(java.util.Locale.ROOT,
                    "this image (%dx%d) has %,d pixels, more than %,d; tick 'force' to render it anyway",
                    width, height, pixels, UNFORCED_PIXELS));
        }
    }
}
