package dev.nnpaint.kernel;

/**
 * Chooses the backward kernel once, like {@link Kernels}: the Vector API version when {@code jdk.incubator.vector}
 * is in the boot layer, the scalar reference otherwise. The vector class is loaded by name so that a JVM without
 * the module never links against it.
 */
public final class Backprops {

    private static final Backprop FASTEST = choose();

    private Backprops() {
    }

    public static Backprop fastest() {
        return FASTEST;
    }

    public static Backprop scalar() {
        return ScalarBackprop.INSTANCE;
    }

    /** The backward kernel that goes with a forward kernel: vector with vector, scalar with scalar. */
    public static Backprop matching(Kernel kernel) {
        return kernel.name().equals(FASTEST.name()) ? FASTEST : ScalarBackprop.INSTANCE;
    }

    private static Backprop choose() {
        if (Boolean.getBoolean("nnpaint.scalar")
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarBackprop.INSTANCE;
        }
        try {
            return (Backprop) Class.forName("dev.nnpaint.kernel.VectorBackprop")
                    .getDeclaredField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarBackprop.INSTANCE;
        }
    }
}
