package dev.nnpaint.train;

import dev.nnpaint.BadInputException;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.HashGrid;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * The initial networks of image fitting: inputs x, y; an {@link Encoding}; hidden layers; one output per colour
 * channel. Weights are keyed by (seed, layer, row, column) like every network of nnpaint.
 *
 * <p>Plain layers: He-uniform weights {@code U(+-sqrt(6/n))} for ReLU-like units, Xavier-uniform for the others
 * and the output, biases zero. SIREN layers (Sitzmann et al. 2020): {@code sin(omega0 (W x + b))} with the first
 * layer's W from {@code U(-1/n, 1/n)}, the others' from {@code U(+-sqrt(6/n)/omega0)}, biases PyTorch's default
 * {@code U(+-1/sqrt(n))}, the output layer linear with the hidden layers' init. omega0 is folded into the
 * weights ({@code W' = omega0 W}, {@code b' = omega0 b}), so a SIREN is a plain sine network on every kernel; the
 * trainer gives those layers omega0 times the learning rate (Adam's step does not depend on the gradient's scale,
 * up to eps), which moves W exactly as SIREN's lr moves it.
 */
public final class FitModels {

    private FitModels() {
    }

    /**
     * @param encoding   the input encoding (a hash grid gets fresh tables from the seed)
     * @param hidden     widths of the hidden layers (may be empty)
     * @param activation the hidden layers' activation (ignored for SIREN, which is sine)
     * @param sirenOmega omega0 of SIREN layers, or 0 for plain layers
     * @param output     the output activation (sigmoid for colours in [0, 1], identity for SIREN)
     * @param channels   outputs: 3 for colour, 1 for grey
     */
    public static Model build(Encoding encoding, int[] hidden, Activation activation, double sirenOmega,
                              Activation output, int channels, long seed) {
        refuseFeatures(encoding);
        KeyedRandom random = new KeyedRandom(seed);
        List<String> inputs = List.of("x", "y");
        List<Layer> layers = new ArrayList<>();
        HashGrid grid = null;
        int width;
        if (encoding.isFixed()) {
            Layer frozen = encoding.frozenLayer(2);
            layers.add(frozen);
            width = frozen.outputs();
        } else if (encoding instanceof Encoding.Hash hash) {
            grid = HashGrid.initial(hash, seed);
            width = grid.outputs();
        } else {
            width = 2;
        }
        boolean siren = sirenOmega > 0;
        // the index keys the draws: a layer keeps its weights when layers are added after it
        int key = 0;
        boolean firstTrainable = true;
        for (int h : hidden) {
            if (h <= 0) {
                throw new BadInputException("a hidden layer needs at least one unit, got " + h);
            }
            if (siren) {
                double bound = firstTrainable ? 1.0 / width : Math.sqrt(6.0 / width) / sirenOmega;
                layers.add(uniform(random, key, width, h, bound, 1 / Math.sqrt(width), sirenOmega, Activation.SIN));
            } else {
                double bound = reluLike(activation) ? Math.sqrt(6.0 / width) : Math.sqrt(6.0 / (width + h));
                layers.add(uniform(random, key, width, h, bound, 0, 1, activation));
            }
            width = h;
            key++;
            firstTrainable = false;
        }
        if (siren) {
            // SIREN fits targets in [-1, 1]; painting wants [0, 1]: out = (out' + 1) / 2, folded into the layer
            // (the trainer halves its learning rate, so it moves as SIREN's would)
            double bound = hidden.length == 0 ? 1.0 / width : Math.sqrt(6.0 / width) / sirenOmega;
            Layer last = uniform(random, 1000, width, channels, bound, 1 / Math.sqrt(width), 0.5, output);
            for (int o = 0; o < channels; o++) {
                last.bias()[o] += 0.5f;
            }
            layers.add(last);
        } else {
            layers.add(uniform(random, 1000, width, channels, Math.sqrt(6.0 / (width + channels)), 0, 1, output));
        }
        return new Model(inputs, layers, encoding, grid);
    }

    private static boolean reluLike(Activation a) {
        return a == Activation.RELU || a == Activation.LEAKY_RELU || a == Activation.ELU || a == Activation.SILU;
    }

    /** Weights U(+-bound), biases U(+-biasBound), both times {@code fold}. */
    private static Layer uniform(KeyedRandom random, int key, int inputs, int outputs, double bound, double biasBound,
                                 double fold, Activation activation) {
        float[] w = new float[inputs * outputs];
        float[] b = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            for (int j = 0; j < inputs; j++) {
                double u = random.uniform(KeyedRandom.WEIGHTS, key, o, j) * 2 - 1;
                w[o * inputs + j] = (float) (fold * bound * u);
            }
            double u = random.uniform(KeyedRandom.BIASES, key, o, 0) * 2 - 1;
            b[o] = (float) (fold * biasBound * u);
        }
        return Layer.of(inputs, outputs, w, b, activation);
    }

    /** Input features are Playground's inputs for {@code nnpaint train}; image fitting has encodings of its own. */
    static void refuseFeatures(Encoding encoding) {
        if (encoding instanceof Encoding.Features) {
            throw new BadInputException("the encoding " + encoding.spec() + " is for nnpaint train (--features); "
                    + "fitting an image takes none, pe:L, gauss:M:SIGMA or hash");
        }
    }
}
