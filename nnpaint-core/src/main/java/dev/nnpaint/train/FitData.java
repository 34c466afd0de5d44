package dev.nnpaint.train;

import dev.nnpaint.BadInputException;

/**
 * An image to fit: each pixel's input-plane coordinates and its colour, and which pixels train and which test.
 *
 * @param width    image width in pixels
 * @param height   image height in pixels
 * @param channels 3 for colour, 1 for grey
 * @param coords   {@code coords[2 * p]} = x, {@code coords[2 * p + 1]} = y of row-major pixel p
 * @param targets  {@code targets[p * channels + c]}: channel c of pixel p in [0, 1]
 * @param train    the pixels the network learns from (row-major indices, increasing)
 * @param test     the pixels it is scored on
 */
public record FitData(int width, int height, int channels, float[] coords, float[] targets, int[] train,
                      int[] test) {

    public FitData {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new BadInputException("the image has no pixels (" + width + "x" + height + ")");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (coords.length != 2 * pixels || targets.length != channels * pixels) {
            throw new IllegalArgumentException("coordinates or targets do not match " + width + "x" + height);
        }
        if (train.length == 0) {
            throw new BadInputException("no pixel to train on");
        }
    }

    public int pixels() {
        return width * height;
    }

    /**
     * The pixels of a {@code width x height} image in the view convention of {@code dev.nnpaint.paint.View} with
     * extent 1: x in (-1, 1) across the width, y = the same scale upwards (the aspect kept). {@code holdoutEven}
     * trains on the pixels with even row and column (the Fourier-features paper's protocol) and tests on all.
     */
    public static FitData of(int width, int height, int channels, float[] targets, boolean holdoutEven) {
        int n = width * height;
        float[] coords = new float[2 * n];
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                int p = j * width + i;
                coords[2 * p] = (float) (2 * (i + 0.5) / width - 1);
                coords[2 * p + 1] = (float) ((1 - 2 * (j + 0.5) / height) * height / width);
            }
        }
        int[] all = new int[n];
        for (int p = 0; p < n; p++) {
            all[p] = p;
        }
        int[] train = all;
        if (holdoutEven) {
            train = new int[((width + 1) / 2) * ((height + 1) / 2)];
            int k = 0;
            for (int j = 0; j < height; j += 2) {
                for (int i = 0; i < width; i += 2) {
                    train[k++] = j * width + i;
                }
            }
        }
        return new FitData(width, height, channels, coords, targets, train, all);
    }
}
