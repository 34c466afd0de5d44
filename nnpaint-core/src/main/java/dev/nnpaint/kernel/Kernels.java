package dev.nnpaint.kernel;

import dev.nnpaint.net.Activation;
import dev.nnpaint.net.Layer;

/**
 * Chooses the kernel once, when it is first asked for (see {@link KernelChoice}): the Vector API kernel when the
 * {@code jdk.incubator.vector} module is in the boot layer (the launcher, Surefire and the benchmarks add it) and
 * pays on this CPU and JVM, the scalar reference otherwise. The vector class is loaded by name so that a JVM
 * without the module never links against it.
 */
public final class Kernels {

    /** Samples of a test block: a multiple of every vector width. */
    static final int TEST_SAMPLES = 64;
    /**
     * Units of the test layer. Blocks are small so that many of them fit the budget (the JIT compiles what runs
     * often) and so that one block stays short even on the Vector API's slowest fallback paths.
     */
    static final int TEST_UNITS = 8;
    /** Bound on the time spent timing, in nanoseconds (only on CPUs with narrow vectors). */
    static final long TEST_BUDGET_NANOS = 250_000_000L;

    private Kernels() {
    }

    /** Loaded on first use, so that asking for the scalar kernel never loads the Vector API. */
    private static final class Vector {
        static final String UNAVAILABLE;
        static final Kernel INSTANCE;

        static {
            String why = null;
            Kernel k = null;
            if (Boolean.getBoolean("nnpaint.scalar")) {
                why = "asked for by -Dnnpaint.scalar=true";
            } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                why = "the JVM runs without the module jdk.incubator.vector (--add-modules jdk.incubator.vector)";
            } else {
                try {
                    k = (Kernel) Class.forName("dev.nnpaint.kernel.VectorKernel").getDeclaredField("INSTANCE")
                            .get(null);
                } catch (ReflectiveOperationException | LinkageError e) {
                    why = "the vector kernel did not load: " + e;
                }
            }
            UNAVAILABLE = why;
            INSTANCE = k;
        }
    }

    /** Decided on first use: timing, when it is needed, runs then. */
    private static final class Chosen {
        static final KernelChoice CHOICE = KernelChoice.decide(Vector.INSTANCE, Vector.UNAVAILABLE,
                Vector.INSTANCE == null ? 0 : Vector.INSTANCE.lanes(), () -> time(Vector.INSTANCE));
    }

    /** The kernel to run by default: see {@link #choice()} for why. */
    public static Kernel fastest() {
        return Chosen.CHOICE.kernel();
    }

    /** The default kernel and the reason for it. */
    public static KernelChoice choice() {
        return Chosen.CHOICE;
    }

    public static Kernel scalar() {
        return ScalarKernel.INSTANCE;
    }

    /** True when the Vector API module is present and its kernel loaded (whether or not it is the default). */
    public static boolean vectorAvailable() {
        return Vector.INSTANCE != null;
    }

    /** {@code "vector"} or {@code "scalar"}: the kernel by name, as the {@code --kernel} option spells it. */
    public static Kernel byName(String name) {
        switch (name) {
            case "scalar": return scalar();
            case "vector":
                if (!vectorAvailable()) {
                    throw new dev.nnpaint.BadInputException("the vector kernel is not available: "
                            + Vector.UNAVAILABLE);
                }
                return Vector.INSTANCE;
            default: throw new dev.nnpaint.BadInputException("unknown kernel '" + name + "'; valid: vector, scalar");
        }
    }

    /**
     * The best time of a test block (one dense tanh layer over {@link #TEST_SAMPLES} samples) on each kernel,
     * alternating between them so that both meet the same load, until the JIT has had its chance or the budget
     * is spent.
     */
    static KernelChoice.Timing time(Kernel vector) {
        Kernel scalar = ScalarKernel.INSTANCE;
        float[] weights = new float[TEST_UNITS * TEST_UNITS];
        float[] bias = new float[TEST_UNITS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = ((i * 37) % 17 - 8) / 32f;
        }
        Layer layer = Layer.of(TEST_UNITS, TEST_UNITS, weights, bias, Activation.TANH);
        float[] in = new float[TEST_UNITS * TEST_SAMPLES];
        for (int i = 0; i < in.length; i++) {
            in[i] = ((i * 13) % 29 - 14) / 14f;
        }
        float[] out = new float[TEST_UNITS * TEST_SAMPLES];
        // the first round loads and initialises the Vector API: slow everywhere, so it does not count
        timeBlock(vector, layer, in, out);
        timeBlock(scalar, layer, in, out);
        double bestVector = Double.MAX_VALUE;
        double bestScalar = Double.MAX_VALUE;
        long start = System.nanoTime();
        for (int round = 0; round < 20_000 && System.nanoTime() - start < TEST_BUDGET_NANOS; round++) {
            bestVector = Math.min(bestVector, timeBlock(vector, layer, in, out));
            bestScalar = Math.min(bestScalar, timeBlock(scalar, layer, in, out));
        }
        return new KernelChoice.Timing(bestVector, bestScalar);
    }

    private static double timeBlock(Kernel kernel, Layer layer, float[] in, float[] out) {
        long t0 = System.nanoTime();
        kernel.dense(layer, in, out, null, TEST_SAMPLES);
        return (System.nanoTime() - t0) / 1e9;
    }
}
