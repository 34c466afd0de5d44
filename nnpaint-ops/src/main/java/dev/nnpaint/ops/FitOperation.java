package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import dev.nnpaint.ops.anim.AnimationSettings;
import dev.nnpaint.ops.anim.AnimationWriter;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ModelJson;
import dev.nnpaint.ops.format.PngWriter;
import dev.nnpaint.train.FitData;
import dev.nnpaint.train.FitModels;
import dev.nnpaint.train.FitSettings;
import dev.nnpaint.train.FitTrainer;
import dev.nnpaint.train.Optimizer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a coordinate network to an image (x, y -> colour) and writes the fitted model, the reconstruction, a
 * comparison with the error and the learning curve into a folder, optionally an animation of the reconstruction
 * as it learns.
 */
public final class FitOperation {

    /** Images above this many pixels need force: a fit of a larger one takes long and much memory. */
    public static final long MAX_PIXELS_WITHOUT_FORCE = 2048L * 2048;
    /** The default number of steps of the default (hash grid) fit. */
    public static final int DEFAULT_STEPS = 100;

    private FitOperation() {
    }

    /**
     * What to fit and how; the fields are the options of {@code nnpaint fit}.
     *
     * @param encoding     none, pe:L, gauss:M:SIGMA or hash[:LEVELS:FEATURES:LOG2T:BASE:FINEST]
     * @param sirenOmega   omega0 of SIREN layers, or 0 for plain layers (then {@code activation} applies)
     * @param hidden       widths of the hidden layers, or null for the encoding's default
     * @param activation   hidden activation, or null (relu; sine for SIREN)
     * @param output       output activation, or null (sigmoid; identity for SIREN)
     * @param steps        updates, or null: {@link #DEFAULT_STEPS} unless {@code seconds} is given
     * @param seconds      a time budget for training, or null
     * @param batch        pixels a step, 0 for every training pixel
     * @param learningRate the base rate, or null for the encoding's (hash 1e-2, none, pe and gauss 1e-3,
     *                     SIREN 1e-4)
     * @param cosine       decay the rate along a half cosine (needs steps)
     * @param holdoutEven  train on the pixels of even row and column, test on all (the Fourier-features protocol)
     * @param animate      a .gif or .mp4 of the reconstruction as it learns, or null
     */
    public record Request(Path image, Path out, String encoding, double sirenOmega, int[] hidden, String activation,
                          String output, Integer steps, Double seconds, int batch, Double learningRate,
                          boolean cosine, long seed, boolean holdoutEven, String animate, double animateFps,
                          Execution run) {

        /** This request with another encoding spec; likewise the other {@code with} methods. */
        public Request withEncoding(String v) {
            return new Request(image, out, v, sirenOmega, hidden, activation, output, steps, seconds, batch,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withOut(Path v) {
            return new Request(image, v, encoding, sirenOmega, hidden, activation, output, steps, seconds, batch,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withSiren(double omega) {
            return new Request(image, out, encoding, omega, hidden, activation, output, steps, seconds, batch,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withHidden(int[] v) {
            return new Request(image, out, encoding, sirenOmega, v, activation, output, steps, seconds, batch,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withActivation(String v) {
            return new Request(image, out, encoding, sirenOmega, hidden, v, output, steps, seconds, batch,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withSteps(Integer v) {
            return new Request(image, out, encoding, sirenOmega, hidden, activation, output, v, seconds, batch,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withBatch(int v) {
            return new Request(image, out, encoding, sirenOmega, hidden, activation, output, steps, seconds, v,
                    learningRate, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withLearningRate(Double v) {
            return new Request(image, out, encoding, sirenOmega, hidden, activation, output, steps, seconds, batch,
                    v, cosine, seed, holdoutEven, animate, animateFps, run);
        }

        public Request withSeed(long v) {
            return new Request(image, out, encoding, sirenOmega, hidden, activation, output, steps, seconds, batch,
                    learningRate, cosine, v, holdoutEven, animate, animateFps, run);
        }
    }

    /**
     * What the fit did, for the summary line.
     *
     * @param psnr      over all pixels
     * @param trainPsnr over the training pixels
     * @param testPsnr  over the test pixels (all pixels; with holdout the held-out ones are among them)
     */
    public record Result(Model model, int width, int height, int channels, String encoding, long parameters,
                         long steps, double seconds, double psnr, double trainPsnr, double testPsnr,
                         String kernels, Path out, String animation, int frames) {
    }

    /** A loaded image: its size, channels (1 grey, 3 colour) and values in [0, 1], pixel-major. */
    public record Image(int width, int height, int channels, float[] values) {
    }

    /**
     * A trained model and what training saw, before anything is written.
     *
     * @param predicted the reconstruction at the image's size, values in [0, 1], pixel-major
     * @param rows      the lines of progress.csv, the header first
     * @param frames    the reconstruction as it learned, as 8-bit RGB (empty without an animation)
     */
    public record Fitted(Model model, Encoding encoding, float[] predicted, long steps, double seconds, double psnr,
                         double trainPsnr, double testPsnr, String kernels, List<String> rows, List<byte[]> frames) {
    }

    /** Fits and writes; {@code progress} hears of steps (or tenths of a second with a budget) and the PSNR. */
    public static Result run(Request q, Progress progress) {
        Image image = readImage(q.image(), q.run().force());
        AtomicOutput.checkOutputFolder(q.out());
        AnimationSettings animation = AnimationSettings.of(q.animateFps());
        if (q.animate() != null) {
            AnimationWriter.check(q.animate(), image.width(), image.height(), animation);
        }
        Fitted f = fit(q, image, progress);
        Encoding encoding = f.encoding();
        Model model = f.model();

        AtomicOutput.createOutputFolder(q.out());
        String color = image.channels() == 3 ? "rgb" : "gray";
        ModelJson.write(q.out().resolve("model.json"), model, color);
        byte[] fit = rgb(f.predicted(), image.width(), image.height(), image.channels());
        Map<String, String> text = Map.of("nnpaint", "{\"format\":\"nnpaint.fit/1\",\"encoding\":\""
                + encoding.spec() + "\"}");
        PngWriter.write(q.out().resolve("fit.png"), image.width(), image.height(), fit, text);
        byte[] target = rgb(image.values(), image.width(), image.height(), image.channels());
        writeCompare(q.out().resolve("compare.png"), image, target, fit, f.psnr(), encoding.spec(), f.steps());
        AtomicOutput.writeString(q.out().resolve("progress.csv"), String.join("\n", f.rows()) + "\n");
        List<byte[]> frames = f.frames();
        if (q.animate() != null) {
            AnimationWriter.write(q.animate(), image.width(), image.height(), animation, frames.size(),
                    q.run().threads(), frames::get, AnimationWriter.Progress.NONE);
        }
        long parameters = parameterCount(model);
        return new Result(model, image.width(), image.height(), image.channels(), encoding.spec(), parameters,
                f.steps(), f.seconds(), f.psnr(), f.trainPsnr(), f.testPsnr(), f.kernels(), q.out(), q.animate(),
                frames.size());
    }

    /**
     * Trains on a loaded image and writes nothing: what {@link #run} does before its files, and what a grid of
     * fits does for each cell. With {@code q.animate()} set, the frames are kept.
     */
    public static Fitted fit(Request q, Image image, Progress progress) {
        FitData data = FitData.of(image.width(), image.height(), image.channels(), image.values(), q.holdoutEven());
        Encoding encoding = Encoding.parse(q.encoding(), q.seed(), Math.max(image.width(), image.height()));
        boolean siren = q.sirenOmega() > 0;
        int[] hidden = q.hidden() != null ? q.hidden() : defaultHidden(encoding, siren);
        Activation activation = q.activation() == null ? (siren ? Activation.SIN : Activation.RELU)
                : Activation.parse(q.activation());
        Activation output = q.output() == null ? (siren ? Activation.IDENTITY : Activation.SIGMOID)
                : Activation.parse(q.output());
        Model initial = FitModels.build(encoding, hidden, activation, q.sirenOmega(), output, image.channels(),
                q.seed());
        double lr = q.learningRate() != null ? q.learningRate() : defaultLearningRate(encoding, siren);
        // instant-ngp's Adam for the hash grid (beta2 0.99, eps 1e-15); PyTorch's defaults otherwise
        Optimizer adam = encoding instanceof Encoding.Hash
                ? new Optimizer(Optimizer.Kind.ADAM, lr, 0, 0, 0.9, 0.99, 1e-15)
                : Optimizer.adam(lr);
        if (q.steps() != null && q.steps() < 1) {
            throw new BadInputException("--steps must be at least 1, got " + q.steps());
        }
        if (q.seconds() != null && !(q.seconds() > 0)) {
            throw new BadInputException("--seconds must be a positive number, got " + q.seconds());
        }
        int steps = q.steps() != null ? q.steps() : (q.seconds() != null ? Integer.MAX_VALUE : DEFAULT_STEPS);
        if (q.cosine() && steps == Integer.MAX_VALUE) {
            throw new BadInputException("--schedule cosine needs --steps (a time budget has no known end)");
        }
        FitSettings settings = new FitSettings(adam, q.batch(), q.seed(), q.run().threads(),
                "scalar".equals(q.run().kernel().name()), q.sirenOmega(), q.cosine(), steps);

        List<byte[]> frames = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        rows.add("step,loss,train_psnr,test_psnr,seconds");
        long start = System.nanoTime();
        double budget = q.seconds() == null ? Double.POSITIVE_INFINITY : q.seconds();
        Model model;
        float[] predicted;
        long done;
        String kernels;
        try (FitTrainer trainer = new FitTrainer(initial, data, settings)) {
            kernels = trainer.path();
            long nextRecord = 0;
            int recorded = 0;
            while (true) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                boolean last = trainer.steps() >= steps || elapsed >= budget;
                if (trainer.steps() == nextRecord || last) {
                    float[] now = trainer.predict();
                    rows.add(String.format(Locale.ROOT, "%d,%s,%.4f,%.4f,%.3f", trainer.steps(),
                            Double.isNaN(trainer.lastLoss()) ? "" : String.format(Locale.ROOT, "%.6g",
                                    trainer.lastLoss()),
                            FitTrainer.psnr(now, data, data.train()), FitTrainer.psnr(now, data, data.test()),
                            (System.nanoTime() - start) / 1e9));
                    if (q.animate() != null) {
                        frames.add(rgb(now, image.width(), image.height(), image.channels()));
                    }
                    recorded++;
                    // geometric spacing: the early steps, where the coarse picture forms, get most frames
                    // (without an animation, fewer rows: each costs a forward pass over the image)
                    double growth = q.animate() != null ? 1.2 : 1.5;
                    nextRecord = Math.max(trainer.steps() + 1, (long) Math.floor(Math.pow(growth, recorded)) - 1);
                }
                if (last) {
                    predicted = trainer.predict();
                    break;
                }
                trainer.step();
                double psnr = -10 * Math.log10(trainer.lastLoss());
                String note = String.format(Locale.ROOT, "PSNR %.2f dB", psnr);
                if (q.seconds() != null && q.steps() == null) {
                    progress.update(Math.min((long) (elapsed * 10), (long) (budget * 10)), (long) (budget * 10), note);
                } else {
                    progress.update(trainer.steps(), steps, note);
                }
            }
            model = trainer.model();
            done = trainer.steps();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Fitted(model, encoding, predicted, done, seconds,
                FitTrainer.psnr(predicted, data, allPixels(data)), FitTrainer.psnr(predicted, data, data.train()),
                FitTrainer.psnr(predicted, data, data.test()), kernels, List.copyOf(rows), frames);
    }

    private static int[] allPixels(FitData data) {
        int[] all = new int[data.pixels()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    static long parameterCount(Model model) {
        long c = model.grid() == null ? 0 : model.grid().parameterCount();
        for (int k = model.frozenLayers(); k < model.layers().size(); k++) {
            var l = model.layers().get(k);
            c += l.weights().length + (l.bias() == null ? 0 : l.bias().length);
        }
        return c;
    }

    /** The hidden layers when none are given: 2 x 64 after a hash grid (instant-ngp), 4 x 256 otherwise. */
    public static int[] defaultHidden(Encoding encoding, boolean siren) {
        if (encoding instanceof Encoding.Hash && !siren) {
            return new int[] {64, 64};
        }
        return new int[] {256, 256, 256, 256};
    }

    public static double defaultLearningRate(Encoding encoding, boolean siren) {
        if (siren) {
            return 1e-4;
        }
        // The paper trains the plain network at 1e-2, but here that drives its relus dead and its sigmoid to a
        // bound within 200 steps (8.7 dB on a 128-pixel camera.png against 19.5 at 1e-3), so plain layers get 1e-3
        if (encoding instanceof Encoding.Hash) {
            return 1e-2;
        }
        return 1e-3;
    }

    /**
     * Reads a PNG, JPEG (or any format ImageIO knows). Grey when the image has one colour channel (its stored
     * levels, 8 or 16 bits) or every pixel has R = G = B; alpha is ignored.
     */
    public static Image readImage(Path path, boolean force) {
        if (Files.isDirectory(path)) {
            throw new BadInputException("cannot read '" + path + "': it is a folder");
        }
        if (!Files.exists(path)) {
            throw new BadInputException("cannot read '" + path + "': no such file");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot read '" + path + "' as an image: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (img == null) {
            throw new BadInputException("'" + path + "' is not an image nnpaint can read (PNG, JPEG, GIF, BMP)");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        if (w <= 0 || h <= 0) {
            throw new BadInputException("'" + path + "' has no pixels (" + w + "x" + h + ")");
        }
        if ((long) w * h > MAX_PIXELS_WITHOUT_FORCE && !force) {
            throw new BadInputException(String.format(Locale.ROOT, "'%s' has %,d pixels (%dx%d); fitting more than "
                    + "%,d takes long and much memory: use --force, or a smaller image", path, (long) w * h, w, h,
                    MAX_PIXELS_WITHOUT_FORCE));
        }
        if (img.getColorModel().getNumColorComponents() == 1) {
            // The stored grey levels themselves: getRGB would treat them as linear light and brighten them into
            // sRGB (a mid grey of 128 comes back as about 186), so a fit would learn a washed-out picture.
            java.awt.image.Raster raster = img.getRaster();
            double max = (1 << img.getColorModel().getComponentSize(0)) - 1;
            float[] values = new float[w * h];
            int[] row = new int[w];
            for (int j = 0; j < h; j++) {
                raster.getSamples(0, j, w, 1, 0, row);
                for (int i = 0; i < w; i++) {
                    values[j * w + i] = (float) (row[i] / max);
                }
            }
            return new Image(w, h, 1, values);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        boolean grey = true;
        for (int v : argb) {
            int r = (v >> 16) & 255;
            if (r != ((v >> 8) & 255) || r != (v & 255)) {
                grey = false;
                break;
            }
        }
        int c = grey ? 1 : 3;
        float[] values = new float[w * h * c];
        for (int p = 0; p < argb.length; p++) {
            int v = argb[p];
            if (grey) {
                values[p] = ((v >> 16) & 255) / 255f;
            } else {
                values[3 * p] = ((v >> 16) & 255) / 255f;
                values[3 * p + 1] = ((v >> 8) & 255) / 255f;
                values[3 * p + 2] = (v & 255) / 255f;
            }
        }
        return new Image(w, h, c, values);
    }

    /** Colours in [0, 1], pixel-major with {@code channels} a pixel, as 8-bit RGB (grey repeated). */
    static byte[] rgb(float[] values, int w, int h, int channels) {
        byte[] rgb = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * p + c] = toByte(values[p * channels + (channels == 3 ? c : 0)]);
            }
        }
        return rgb;
    }

    private static byte toByte(float x) {
        if (!(x > 0)) {
            return 0;
        }
        return x >= 1 ? (byte) 255 : (byte) (int) (x * 255f + 0.5f);
    }

    /** Target, fit and the error as a heat map side by side, with a caption giving the PSNR. */
    private static void writeCompare(Path path, Image image, byte[] target, byte[] fit, double psnr, String encoding,
                                     long steps) {
        int w = image.width();
        int h = image.height();
        int gap = Math.max(4, w / 64);
        int caption = Math.max(22, Math.min(48, h / 12));
        int width = 3 * w + 2 * gap;
        int height = h + caption;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int[] row = new int[w];
        for (int j = 0; j < h; j++) {
            for (int panel = 0; panel < 3; panel++) {
                for (int i = 0; i < w; i++) {
                    int p = 3 * (j * w + i);
                    if (panel == 2) {
                        double err = 0;
                        for (int c = 0; c < 3; c++) {
                            err += Math.abs((target[p + c] & 255) - (fit[p + c] & 255));
                        }
                        row[i] = heat(err / (3 * 255.0));
                    } else {
                        byte[] src = panel == 0 ? target : fit;
                        row[i] = (src[p] & 255) << 16 | (src[p + 1] & 255) << 8 | (src[p + 2] & 255);
                    }
                }
                out.setRGB(panel * (w + gap), j, w, 1, row, 0, w);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, caption * 11 / 20)));
        int base = h + caption * 3 / 4;
        drawCaption(g, 4, base, w - 8, "target");
        drawCaption(g, w + gap + 4, base, w - 8,
                String.format(Locale.ROOT, "fit: %s, %d steps, PSNR %.2f dB", encoding, steps, psnr),
                String.format(Locale.ROOT, "fit: %d steps, PSNR %.2f dB", steps, psnr),
                String.format(Locale.ROOT, "PSNR %.2f dB", psnr));
        drawCaption(g, 2 * (w + gap) + 4, base, w - 8, "|error| (black 0, white >= 25%)", "|error|");
        g.dispose();
        int[] pixels = out.getRGB(0, 0, width, height, null, 0, width);
        byte[] rgb = new byte[width * height * 3];
        for (int p = 0; p < pixels.length; p++) {
            rgb[3 * p] = (byte) (pixels[p] >> 16);
            rgb[3 * p + 1] = (byte) (pixels[p] >> 8);
            rgb[3 * p + 2] = (byte) pixels[p];
        }
        PngWriter.write(path, width, height, rgb, Map.of());
    }

    /**
     * Draws the first of the captions that fits under its panel, in a smaller font if need be, so that a narrow
     * image's captions do not run into each other; the last is cut at the panel's edge if even it is too wide.
     */
    private static void drawCaption(Graphics2D g, int x, int base, int width, String... captions) {
        Font font = g.getFont();
        Font f = font;
        String text = captions[captions.length - 1];
        outer:
        for (String c : captions) {
            for (f = font; f.getSize() >= 9; f = f.deriveFont((float) f.getSize() - 1)) {
                if (g.getFontMetrics(f).stringWidth(c) <= width) {
                    text = c;
                    break outer;
                }
            }
        }
        if (f.getSize() < 9) {
            f = font.deriveFont(9f);
        }
        java.awt.Shape clip = g.getClip();
        g.clipRect(x, 0, Math.max(1, width + 4), base + g.getFontMetrics(f).getDescent() + 1);
        g.setFont(f);
        g.drawString(text, x, base);
        g.setFont(font);
        g.setClip(clip);
    }

    /** Black -> red -> yellow -> white as the error goes from 0 to a quarter of the range. */
    private static int heat(double e) {
        double t = Math.min(1, e * 4) * 3;
        int r = (int) Math.round(255 * Math.min(1, t));
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, t - 1)));
        int b = (int) Math.round(255 * Math.max(0, Math.min(1, t - 2)));
        return r << 16 | g << 8 | b;
    }

    /** Parses a list of hidden widths such as {@code 64,64} or {@code 256x4}. */
    public static int[] parseHidden(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.isEmpty() || t.equals("none")) {
                return new int[0];
            }
            if (t.matches("\\d+x\\d+")) {
                String[] p = t.split("x");
                int[] h = new int[Integer.parseInt(p[1])];
                Arrays.fill(h, Integer.parseInt(p[0]));
                return h;
            }
            return Arrays.stream(t.split("[,-]")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new BadInputException("--hidden: expected widths such as 64,64 or 256x4, got '" + text + "'");
        }
    }
}
