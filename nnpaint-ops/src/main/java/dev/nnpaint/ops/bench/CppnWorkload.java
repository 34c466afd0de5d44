package dev.nnpaint.ops.bench;

import dev.nnpaint.kernel.Evaluator;
import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Init;
import dev.nnpaint.net.Recipe;
import dev.nnpaint.paint.Antialias;
import dev.nnpaint.paint.Painting;
import dev.nnpaint.paint.Renderer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Paints one image with a random CPPN: inputs x and y over [-0.5, 0.5]^2, {@code layers} hidden tanh layers of
 * {@code neurons} units, a sigmoid RGB output, weights and biases N(0, 1); the whole forward pass through the
 * {@link Renderer} into an RGB byte buffer. The peers in {@code bench/peers} evaluate the same networks.
 */
public final class CppnWorkload implements Workload {

    private final String name;
    private final int layers;
    private final int neurons;
    private final int width;
    private final int height;
    private final Antialias antialias;
    private Renderer renderer;
    private long checksum;

    public CppnWorkload(String name, int layers, int neurons, int width, int height) {
        this(name, layers, neurons, width, height, Antialias.OFF);
    }

    /** The same painting with {@code antialias} samples a pixel: what anti-aliasing costs. */
    public CppnWorkload(String name, int layers, int neurons, int width, int height, Antialias antialias) {
        this.antialias = antialias;
        this.name = name;
        this.layers = layers;
        this.neurons = neurons;
        this.width = width;
        this.height = height;
    }

    /** The painting's recipe: fixed seed, so every run and every machine paints the same image. */
    public Recipe recipe() {
        return Recipe.builder()
                .seed(1)
                .inputs(List.of("x", "y"))
                .layers(layers, neurons)
                .activation(Activation.TANH)
                .outputActivation(Activation.SIGMOID)
                .weights(Init.normal(1))
                .biases(Init.normal(1))
                .size(width, height)
                .extent(0.5)
                .color("rgb")
                .antialias(antialias)
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "%d hidden tanh layers of %d, x,y -> sigmoid RGB, %dx%d pixels%s",
                layers, neurons, width, height, antialias.off() ? "" : ", antialias " + antialias);
    }

    @Override
    public void prepare(int threads) {
        prepare(threads, Kernels.fastest());
    }

    @Override
    public void prepare(int threads, Kernel kernel) {
        Painting painting = Painting.of(recipe());
        Evaluator evaluator = new Evaluator(painting.model(), kernel);
        renderer = new Renderer(painting, evaluator, threads, Renderer.DEFAULT_TILE);
    }

    @Override
    public void run() {
        byte[] rgb = renderer.renderRgb();
        // Read the image so no part of the work can be skipped; the sum also lets a test see real pixels.
        long sum = 0;
        for (byte b : rgb) {
            sum += b & 0xFF;
        }
        checksum = sum;
    }

    /** Sum of the last run's RGB bytes. */
    public long checksum() {
        return checksum;
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public Map<String, String> figures(double bestSeconds) {
        long flops = renderer.evaluator().model().flopsPerSample() * pixels();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("mpx_s", String.format(Locale.ROOT, "%.2f", pixels() / bestSeconds / 1e6));
        f.put("gflop_s", String.format(Locale.ROOT, "%.1f", flops / bestSeconds / 1e9));
        return f;
    }
}
