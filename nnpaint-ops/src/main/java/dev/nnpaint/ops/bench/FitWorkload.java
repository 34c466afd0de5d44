package dev.nnpaint.ops.bench;

import dev.nnpaint.kernel.Kernel;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.Model;
import dev.nnpaint.train.FitData;
import dev.nnpaint.train.FitModels;
import dev.nnpaint.train.FitSettings;
import dev.nnpaint.train.FitTrainer;
import dev.nnpaint.train.Optimizer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Image fitting, a few Adam steps on 65,536 pixels (a 256 x 256 synthetic image, the whole image a step):
 * {@code fit-ff} 256 Gaussian features (sigma 10) -> 4 relu layers of 256 -> 3 sigmoid; {@code fit-siren}
 * 2 -> 4 sine layers of 256 (omega0 30) -> 3; {@code fit-hash} a hash grid of 16 levels x 2 features, 2^19
 * entries a level (resolutions 16 .. 2048) -> 2 relu layers of 64 -> 3 sigmoid. The peers in
 * {@code bench/peers/fit_*_torch.py} run the same steps in PyTorch.
 */
public final class FitWorkload implements Workload {

    static final int SIZE = 256;
    static final int STEPS = 3;

    private final String name;
    private FitTrainer trainer;
    private Model initial;
    private Kernel kernel = Kernels.fastest();

    public FitWorkload(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return switch (name) {
            case "fit-ff" -> "gauss:256:10 -> 4x256 relu -> 3 sigmoid, 65,536 pixels a step, Adam";
            case "fit-siren" -> "2 -> 4x256 sine (omega0 30) -> 3, 65,536 pixels a step, Adam";
            default -> "hash 16x2, 2^19 a level -> 2x64 relu -> 3 sigmoid, 65,536 pixels a step, Adam";
        };
    }

    @Override
    public void prepare(int threads) {
        prepare(threads, Kernels.fastest());
    }

    @Override
    public void prepare(int threads, Kernel k) {
        kernel = k;
        float[] t = new float[SIZE * SIZE * 3];
        for (int j = 0; j < SIZE; j++) {
            for (int i = 0; i < SIZE; i++) {
                int p = j * SIZE + i;
                t[3 * p] = (float) (0.5 + 0.4 * Math.sin(i * 0.05 + Math.cos(j * 0.13)));
                t[3 * p + 1] = (float) (0.5 + 0.4 * Math.sin(j * 0.31) * Math.cos(i * 0.07));
                t[3 * p + 2] = ((i / 16 + j / 16) % 2) * 0.8f + 0.1f;
            }
        }
        FitData data = FitData.of(SIZE, SIZE, 3, t, false);
        double omega = 0;
        Optimizer adam = Optimizer.adam(1e-3);
        switch (name) {
            case "fit-ff" -> initial = FitModels.build(new Encoding.Gaussian(256, 10, 1), new int[] {256, 256, 256, 256},
                    Activation.RELU, 0, Activation.SIGMOID, 3, 1);
            case "fit-siren" -> {
                omega = 30;
                adam = Optimizer.adam(1e-4);
                initial = FitModels.build(Encoding.NONE, new int[] {256, 256, 256, 256}, Activation.SIN, omega,
                        Activation.IDENTITY, 3, 1);
            }
            default -> {
                adam = new Optimizer(Optimizer.Kind.ADAM, 1e-2, 0, 0, 0.9, 0.99, 1e-15);
                initial = FitModels.build(new Encoding.Hash(16, 2, 19, 16, 2048), new int[] {64, 64},
                        Activation.RELU, 0, Activation.SIGMOID, 3, 1);
            }
        }
        if (trainer != null) {
            trainer.close();
        }
        trainer = new FitTrainer(initial, data, new FitSettings(adam, 0, 1, threads,
                "scalar".equals(kernel.name()), omega, false, 0));
    }

    @Override
    public void run() {
        for (int s = 0; s < STEPS; s++) {
            trainer.step();
        }
    }

    @Override
    public Map<String, String> figures(double bestSeconds) {
        Map<String, String> f = new LinkedHashMap<>();
        double perStep = bestSeconds / STEPS;
        f.put("s_step", String.format(Locale.ROOT, "%.3f", perStep));
        // forward, and the backward's two products for every trainable layer (none for a frozen one)
        long forward = initial.flopsPerSample();
        long frozen = initial.frozenLayers() == 1 ? 2 * initial.layers().get(0).multiplyAdds() : 0;
        long flops = (3 * forward - 2 * frozen) * (long) SIZE * SIZE;
        f.put("gflop_s", String.format(Locale.ROOT, "%.1f", flops / perStep / 1e9));
        f.put("loss", String.format(Locale.ROOT, "%.5f", trainer.lastLoss()));
        return f;
    }
}
