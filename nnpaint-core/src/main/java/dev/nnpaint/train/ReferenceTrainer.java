package dev.nnpaint.train;

import dev.nnpaint.data.Dataset;
import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Encoding;
import dev.nnpaint.net.KeyedRandom;
import dev.nnpaint.net.Layer;
import dev.nnpaint.net.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation written out plainly, one sample at a time, in double precision: the forward pass, the
 * backward pass and the update, as in the "neural network in plain NumPy" exercise. It is slow and clear on
 * purpose; it is the oracle that the fast {@link Trainer} and the finite-difference gradient checks are
 * compared with.
 *
 * <p>Notation for layer k: {@code z = W a_prev + b} (pre-activation), {@code a = act(z)} (output). The
 * backward pass carries {@code dz = dLoss/dz} from the last layer to the first:
 * {@code dW += dz a_prev^T}, {@code db += dz}, {@code dz_prev = (W^T dz) * act_prev'(z_prev)}.
 *
 * <p>A model with input features ({@link Encoding.Features}) reads them, computed here in double precision, as
 * its first layer's inputs.
 */
public final class ReferenceTrainer {

    private final List<String> inputNames;
    /** The input features, or null when the first layer reads the data's columns. */
    private final Encoding.Features features;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int layerCount;
    private final int[] inputs;
    private final int[] outputs;
    private final Activation[][] activations;
    /** weights[k][o * inputs[k] + j]: the weight from input j to unit o of layer k (row-major, like Layer). */
    private final double[][] weights;
    /** biases[k][o], or null for a layer without bias. */
    private final double[][] biases;

    // optimizer state: velocity (momentum, nesterov) or first moment (adam), and adam's second moment
    private final double[][] firstW;
    private final double[][] firstB;
    private final double[][] secondW;
    private final double[][] secondB;
    private long steps;

    public ReferenceTrainer(Model model, Loss loss, Optimizer optimizer) {
        this.inputNames = model.inputNames();
        this.features = model.encoding() instanceof Encoding.Features f ? f : null;
        this.loss = loss;
        this.optimizer = optimizer;
        layerCount = model.layers().size();
        inputs = new int[layerCount];
        outputs = new int[layerCount];
        activations = new Activation[layerCount][];
        weights = new double[layerCount][];
        biases = new double[layerCount][];
        firstW = new double[layerCount][];
        firstB = new double[layerCount][];
        secondW = new double[layerCount][];
        secondB = new double[layerCount][];
        for (int k = 0; k < layerCount; k++) {
            Layer l = model.layers().get(k);
            inputs[k] = l.inputs();
            outputs[k] = l.outputs();
            activations[k] = l.activations().clone();
            weights[k] = toDouble(l.weights());
            biases[k] = l.bias() == null ? null : toDouble(l.bias());
            firstW[k] = new double[weights[k].length];
            secondW[k] = new double[weights[k].length];
            firstB[k] = biases[k] == null ? null : new double[biases[k].length];
            secondB[k] = biases[k] == null ? null : new double[biases[k].length];
        }
    }

    /** The live weights of layer k (row-major): tests nudge them for finite differences. */
    public double[] weights(int layer) {
        return weights[layer];
    }

    /** The live biases of layer k, or null. */
    public double[] biases(int layer) {
        return biases[layer];
    }

    public int layerCount() {
        return layerCount;
    }

    /** The current parameters as a model (rounded to float). */
    public Model model() {
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < layerCount; k++) {
            layers.add(new Layer(inputs[k], outputs[k], toFloat(weights[k]),
                    biases[k] == null ? null : toFloat(biases[k]), activations[k]));
        }
        return new Model(inputNames, layers, features == null ? Encoding.NONE : features, null);
    }

    /** Pre-activations z[k][o] and outputs a[k][o] of every layer for one sample. */
    private record Pass(double[][] z, double[][] a) {
    }

    private Pass forward(Dataset data, int sample) {
        double[][] z = new double[layerCount][];
        double[][] a = new double[layerCount][];
        double[] previous = features(data, sample);
        for (int k = 0; k < layerCount; k++) {
            z[k] = new double[outputs[k]];
            a[k] = new double[outputs[k]];
            for (int o = 0; o < outputs[k]; o++) {
                double sum = biases[k] == null ? 0 : biases[k][o];
                for (int j = 0; j < inputs[k]; j++) {
                    sum += weights[k][o * inputs[k] + j] * previous[j];
                }
                z[k][o] = sum;
                a[k][o] = activations[k][o].apply(sum);
            }
            previous = a[k];
        }
        return new Pass(z, a);
    }

    /** The loss of one sample from the last layer's z and a. */
    private double sampleLoss(double[] z, double[] a, double target) {
        switch (loss) {
            case BINARY_CROSS_ENTROPY:
                // -[y log s(z) + (1 - y) log(1 - s(z))], rearranged so that no log sees 0
                return Math.max(z[0], 0) - z[0] * target + Math.log1p(Math.exp(-Math.abs(z[0])));
            case CROSS_ENTROPY: {
                // -log softmax(z)[y] = log sum_k e^z_k - z_y, with the max subtracted before exp
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double total = 0;
                for (double v : z) {
                    total += Math.exp(v - max);
                }
                return Math.log(total) + max - z[(int) target];
            }
            case MEAN_SQUARED_ERROR: {
                double sum = 0;
                for (int o = 0; o < a.length; o++) {
                    double e = a[o] - oneHotOrValue(a.length, o, target);
                    sum += e * e;
                }
                return sum / a.length;
            }
            default:
                throw new AssertionError(loss);
        }
    }

    /** dLoss/dz of one sample at the last layer. */
    private double[] outputDelta(double[] z, double[] a, double target, Activation[] acts) {
        double[] dz = new double[z.length];
        switch (loss) {
            case BINARY_CROSS_ENTROPY:
                dz[0] = Activation.SIGMOID.apply(z[0]) - target;
                break;
            case CROSS_ENTROPY: {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double total = 0;
                for (double v : z) {
                    total += Math.exp(v - max);
                }
                for (int o = 0; o < z.length; o++) {
                    dz[o] = Math.exp(z[o] - max) / total - (o == (int) target ? 1 : 0);
                }
                break;
            }
            case MEAN_SQUARED_ERROR:
                for (int o = 0; o < z.length; o++) {
                    double e = a[o] - oneHotOrValue(z.length, o, target);
                    dz[o] = 2 * e / z.length * acts[o].derivative(z[o]);
                }
                break;
            default:
                throw new AssertionError(loss);
        }
        return dz;
    }

    private static double oneHotOrValue(int outputs, int o, double target) {
        return outputs == 1 ? target : (o == (int) target ? 1 : 0);
    }

    /** The mean loss over a data set. */
    public double loss(Dataset data) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            Pass pass = forward(data, i);
            sum += sampleLoss(pass.z[layerCount - 1], pass.a[layerCount - 1], data.target(i));
        }
        return sum / data.size();
    }

    /** The mean loss and its gradient with respect to every weight and bias. */
    public record Gradients(double loss, double[][] weights, double[][] biases) {
    }

    /** Gradients of the mean loss over the whole data set. */
    public Gradients gradients(Dataset data) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return gradients(data, all, 0, all.length);
    }

    /** Gradients of the mean loss over samples {@code order[from .. from+count)}. */
    public Gradients gradients(Dataset data, int[] order, int from, int count) {
        double[][] dW = new double[layerCount][];
        double[][] dB = new double[layerCount][];
        for (int k = 0; k < layerCount; k++) {
            dW[k] = new double[weights[k].length];
            dB[k] = biases[k] == null ? null : new double[outputs[k]];
        }
        double lossSum = 0;
        for (int s = from; s < from + count; s++) {
            int i = order[s];
            Pass pass = forward(data, i);
            int top = layerCount - 1;
            lossSum += sampleLoss(pass.z[top], pass.a[top], data.target(i));
            double[] dz = outputDelta(pass.z[top], pass.a[top], data.target(i), activations[top]);
            for (int k = top; k >= 0; k--) {
                double[] below = k > 0 ? pass.a[k - 1] : features(data, i);
                // each weight's gradient: this unit's error times the input the weight multiplied
                for (int o = 0; o < outputs[k]; o++) {
                    for (int j = 0; j < inputs[k]; j++) {
                        dW[k][o * inputs[k] + j] += dz[o] * below[j];
                    }
                    if (dB[k] != null) {
                        dB[k][o] += dz[o];
                    }
                }
                if (k == 0) {
                    break;
                }
                // the error of the layer below: sent back along the same weights, through its activation
                double[] dzBelow = new double[inputs[k]];
                for (int j = 0; j < inputs[k]; j++) {
                    double sum = 0;
                    for (int o = 0; o < outputs[k]; o++) {
                        sum += weights[k][o * inputs[k] + j] * dz[o];
                    }
                    dzBelow[j] = sum * activations[k - 1][j].derivative(pass.z[k - 1][j]);
                }
                dz = dzBelow;
            }
        }
        // the loss is a mean, so is its gradient
        for (int k = 0; k < layerCount; k++) {
            scale(dW[k], 1.0 / count);
            if (dB[k] != null) {
                scale(dB[k], 1.0 / count);
            }
        }
        return new Gradients(lossSum / count, dW, dB);
    }

    /** One optimizer step with these gradients (L2 decay and L1 on weights, not biases). */
    public void step(Gradients g) {
        steps++;
        for (int k = 0; k < layerCount; k++) {
            update(weights[k], g.weights[k], firstW[k], secondW[k], optimizer.weightDecay(), optimizer.l1());
            if (biases[k] != null) {
                update(biases[k], g.biases[k], firstB[k], secondB[k], 0, 0);
            }
        }
    }

    private void update(double[] w, double[] grad, double[] first, double[] second, double decay, double l1) {
        double lr = optimizer.learningRate();
        double mu = optimizer.momentum();
        for (int i = 0; i < w.length; i++) {
            // the gradient of loss + decay/2 |w|² + l1 |w|₁, with sign(0) = 0
            double g = grad[i] + decay * w[i] + l1 * Math.signum(w[i]);
            switch (optimizer.kind()) {
                case GD:
                case SGD:
                    w[i] -= lr * g;
                    break;
                case MOMENTUM:
                    first[i] = mu * first[i] + g;
                    w[i] -= lr * first[i];
                    break;
                case NESTEROV:
                    // look ahead: step with the gradient plus the velocity it is about to build
                    first[i] = mu * first[i] + g;
                    w[i] -= lr * (g + mu * first[i]);
                    break;
                case ADAM: {
                    double b1 = optimizer.beta1();
                    double b2 = optimizer.beta2();
                    first[i] = b1 * first[i] + (1 - b1) * g;
                    second[i] = b2 * second[i] + (1 - b2) * g * g;
                    double mHat = first[i] / (1 - Math.pow(b1, steps));
                    double sHat = second[i] / (1 - Math.pow(b2, steps));
                    w[i] -= lr * mHat / (Math.sqrt(sHat) + optimizer.epsilon());
                    break;
                }
                default:
                    throw new AssertionError(optimizer.kind());
            }
        }
    }

    /**
     * The same loop as {@link Trainer}: full batch when {@code batch} is 0, otherwise shuffled mini-batches in
     * the same keyed order. Returns the mean training loss after each epoch, index 0 before training.
     */
    public double[] train(Dataset data, int epochs, int batch, long seed) {
        double[] curve = new double[epochs + 1];
        curve[0] = loss(data);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int size = batch == 0 ? data.size() : batch;
        KeyedRandom shuffle = new KeyedRandom(seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (batch != 0) {
                Dataset.shuffle(order, shuffle, epoch);
            }
            for (int from = 0; from < order.length; from += size) {
                step(gradients(data, order, from, Math.min(size, order.length - from)));
            }
            curve[epoch] = loss(data);
        }
        return curve;
    }

    /** The first layer's inputs for a sample: its columns, or the features of its (x, y). */
    private double[] features(Dataset data, int sample) {
        if (features != null) {
            double[] f = new double[features.names().size()];
            for (int k = 0; k < f.length; k++) {
                f[k] = Encoding.Features.value(features.names().get(k), data.feature(sample, 0), data.feature(sample, 1));
            }
            return f;
        }
        double[] x = new double[data.featureCount()];
        for (int j = 0; j < x.length; j++) {
            x[j] = data.feature(sample, j);
        }
        return x;
    }

    private static void scale(double[] v, double factor) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
