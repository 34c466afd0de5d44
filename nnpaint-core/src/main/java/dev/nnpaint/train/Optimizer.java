package dev.nnpaint.train;

import dev.nnpaint.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How parameters move along the gradient. With {@code g} the gradient of the mean loss (plus
 * {@code weightDecay * w + l1 * sign(w)} for weights: L2 decay and the L1 penalty's subgradient, neither applied to
 * biases), learning rate {@code lr}:
 * <pre>
 *   gd, sgd:   w -= lr g                                  (gd on the full batch, sgd on shuffled mini-batches)
 *   momentum:  v = mu v + g;  w -= lr v
 *   nesterov:  v = mu v + g;  w -= lr (g + mu v)
 *   adam:      m = b1 m + (1 - b1) g;  s = b2 s + (1 - b2) g^2;
 *              w -= lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)
 * </pre>
 * These are PyTorch's formulas ({@code torch.optim.SGD} with and without {@code nesterov}, {@code Adam}), so
 * results carry over. {@link #start} makes the per-parameter state.
 */
public record Optimizer(Kind kind, double learningRate, double momentum, double weightDecay, double l1,
                        double beta1, double beta2, double epsilon) {

    public enum Kind {
        GD("gd"), SGD("sgd"), MOMENTUM("momentum"), NESTEROV("nesterov"), ADAM("adam");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Kind parse(String name) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.id.equals(key)) {
                    return k;
                }
            }
            throw new BadInputException("unknown optimizer '" + name.trim() + "'; valid: " + validNames());
        }

        public static String validNames() {
            return Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", "));
        }
    }

    public static final double DEFAULT_MOMENTUM = 0.9;

    public Optimizer {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new BadInputException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new BadInputException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new BadInputException("weight decay must be a number >= 0, got " + weightDecay);
        }
        if (!(l1 >= 0) || !Double.isFinite(l1)) {
            throw new BadInputException("L1 rate must be a number >= 0, got " + l1);
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new BadInputException("adam needs 0 <= beta1, beta2 < 1 and epsilon > 0");
        }
    }

    /** An optimizer without L1. */
    public Optimizer(Kind kind, double learningRate, double momentum, double weightDecay, double beta1, double beta2,
                     double epsilon) {
        this(kind, learningRate, momentum, weightDecay, 0, beta1, beta2, epsilon);
    }

    /** An optimizer of the given kind with the usual defaults: momentum 0.9, Adam's betas (0.9, 0.999), eps 1e-8. */
    public static Optimizer of(Kind kind, double learningRate) {
        return new Optimizer(kind, learningRate, kind == Kind.MOMENTUM || kind == Kind.NESTEROV ? DEFAULT_MOMENTUM : 0,
                0, 0.9, 0.999, 1e-8);
    }

    public static Optimizer gd(double learningRate) {
        return of(Kind.GD, learningRate);
    }

    public static Optimizer sgd(double learningRate) {
        return of(Kind.SGD, learningRate);
    }

    public static Optimizer adam(double learningRate) {
        return of(Kind.ADAM, learningRate);
    }

    public Optimizer withMomentum(double mu) {
        return new Optimizer(kind, learningRate, mu, weightDecay, l1, beta1, beta2, epsilon);
    }

    /** L2 regularisation: {@code decay * w} added to each weight's gradient (the loss plus decay/2 |w|²). */
    public Optimizer withWeightDecay(double decay) {
        return new Optimizer(kind, learningRate, momentum, decay, l1, beta1, beta2, epsilon);
    }

    /** L1 regularisation: {@code rate * sign(w)} added to each weight's gradient (the loss plus rate |w|₁). */
    public Optimizer withL1(double rate) {
        return new Optimizer(kind, learningRate, momentum, weightDecay, rate, beta1, beta2, epsilon);
    }

    /** Whether this optimizer wants mini-batches when the batch size is not given (only sgd does). */
    public boolean prefersMiniBatches() {
        return kind == Kind.SGD;
    }

    @Override
    public String toString() {
        String s = kind.id + " lr=" + learningRate;
        if (kind == Kind.MOMENTUM || kind == Kind.NESTEROV) {
            s += " momentum=" + momentum;
        }
        if (weightDecay > 0) {
            s += " weight-decay=" + weightDecay;
        }
        return l1 > 0 ? s + " l1=" + l1 : s;
    }

    /** The optimizer's state for parameter arrays shaped like {@code params} (velocities, moments, step count). */
    public State start(float[][] params) {
        return new State(params);
    }

    /** Per-parameter state; {@link #step} updates the parameters in place and allocates nothing. */
    public final class State {
        private final float[][] first;
        private final float[][] second;
        private long steps;

        State(float[][] params) {
            boolean needsFirst = kind == Kind.MOMENTUM || kind == Kind.NESTEROV || kind == Kind.ADAM;
            first = needsFirst ? zerosLike(params) : null;
            second = kind == Kind.ADAM ? zerosLike(params) : null;
        }

        public long steps() {
            return steps;
        }

        /**
         * One update. {@code decayed[i]} says whether array i takes weight decay (weights do, biases do not).
         */
        public void step(float[][] params, float[][] grads, boolean[] decayed) {
            step(params, grads, decayed, null);
        }

        /**
         * One update with array i's learning rate multiplied by {@code scales[i]} (null: all 1). A schedule scales
         * every array alike; a SIREN layer whose omega0 is folded into its weights takes omega0 times the rate.
         */
        public void step(float[][] params, float[][] grads, boolean[] decayed, float[] scales) {
            steps++;
            for (int a = 0; a < params.length; a++) {
                update(a, params[a], grads[a], decayed[a], scales == null ? 1f : scales[a], 0, params[a].length);
            }
        }

        /**
         * Starts an update made range by range with {@link #updateRange}: counts the step (once, however many
         * ranges follow). {@code advance} and then every range of every array is {@link #step}, to the bit.
         */
        public void advance() {
            steps++;
        }

        /**
         * Updates elements {@code from .. to-1} of array {@code a} ({@code w}, gradient {@code g}) as the step
         * counted by the last {@link #advance} would. The update is element-wise, so disjoint ranges of a step may
         * run on different threads in any order and give the same bits; with {@code clearGradient} the range of
         * {@code g} is zeroed after use, while it is still in cache, for a gradient that is summed into next time.
         */
        public void updateRange(int a, float[] w, float[] g, boolean decays, float scale, int from, int to,
                                boolean clearGradient) {
            update(a, w, g, decays, scale, from, to);
            if (clearGradient) {
                Arrays.fill(g, from, to, 0f);
            }
        }

        private void update(int a, float[] w, float[] g, boolean decays, float scale, int from, int to) {
            float lr = (float) (learningRate * scale);
            float mu = (float) momentum;
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            // 1 - beta in double, then rounded: 1 - 0.999f would be off by 1.3e-5, and Adam's step with it
            float c1 = (float) (1 - beta1);
            float c2 = (float) (1 - beta2);
            // Adam's bias corrections, folded into one step size and one scale on the root
            float adamStep = (float) (learningRate * scale / (1 - Math.pow(beta1, steps)));
            float rootScale = (float) (1 / Math.sqrt(1 - Math.pow(beta2, steps)));
            float eps = (float) epsilon;
            {
                float decay = decays ? (float) weightDecay : 0f;
                float lasso = decays ? (float) l1 : 0f;
                switch (kind) {
                    case GD:
                    case SGD:
                        for (int i = from; i < to; i++) {
                            w[i] -= lr * regularised(g[i], w[i], decay, lasso);
                        }
                        break;
                    case MOMENTUM: {
                        float[] v = first[a];
                        for (int i = from; i < to; i++) {
                            v[i] = mu * v[i] + regularised(g[i], w[i], decay, lasso);
                            w[i] -= lr * v[i];
                        }
                        break;
                    }
                    case NESTEROV: {
                        float[] v = first[a];
                        for (int i = from; i < to; i++) {
                            float gi = regularised(g[i], w[i], decay, lasso);
                            v[i] = mu * v[i] + gi;
                            w[i] -= lr * (gi + mu * v[i]);
                        }
                        break;
                    }
                    case ADAM: {
                        float[] m = first[a];
                        float[] s = second[a];
                        for (int i = from; i < to; i++) {
                            float gi = regularised(g[i], w[i], decay, lasso);
                            m[i] = b1 * m[i] + c1 * gi;
                            s[i] = b2 * s[i] + c2 * gi * gi;
                            w[i] -= adamStep * m[i] / ((float) Math.sqrt(s[i]) * rootScale + eps);
                        }
                        break;
                    }
                    default:
                        throw new AssertionError(kind);
                }
            }
        }
    }

    /**
     * A weight's gradient with L2 decay and L1's subgradient ({@code sign(0) = 0}). Without L1 it is the sum the
     * optimizer always made, to the bit.
     */
    private static float regularised(float g, float w, float decay, float lasso) {
        float r = g + decay * w;
        return lasso == 0f ? r : r + lasso * Math.signum(w);
    }

    private static float[][] zerosLike(float[][] arrays) {
        float[][] z = new float[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            z[i] = new float[arrays[i].length];
        }
        return z;
    }
}
