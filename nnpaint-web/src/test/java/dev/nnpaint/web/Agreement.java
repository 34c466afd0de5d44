package dev.nnpaint.web;

/**
 * How far a GPU picture (RGBA) is from the CPU's (RGB): a pixel's difference is its largest channel difference in
 * levels.
 *
 * @param pixels       pixels compared
 * @param within1      pixels at most 1 level apart
 * @param over2        pixels more than 2 levels apart
 * @param maxDifference the largest difference of any pixel
 */
record Agreement(int pixels, int within1, int over2, int maxDifference) {

    static Agreement of(byte[] gpuRgba, byte[] cpuRgb) {
        int n = cpuRgb.length / 3;
        int within1 = 0;
        int over2 = 0;
        int max = 0;
        for (int p = 0; p < n; p++) {
            int d = 0;
            for (int c = 0; c < 3; c++) {
                d = Math.max(d, Math.abs((gpuRgba[4 * p + c] & 0xff) - (cpuRgb[3 * p + c] & 0xff)));
            }
            within1 += d <= 1 ? 1 : 0;
            over2 += d > 2 ? 1 : 0;
            max = Math.max(max, d);
        }
        return new Agreement(n, within1, over2, max);
    }

    double shareWithin1() {
        return pixels == 0 ? 1 : (double) within1 / pixels;
    }
}
