package dev.nnpaint.kernel;

/**
 * Chooses the kernel once, at start-up: the Vector API kernel when the {@code jdk.incubator.vector} module is
 * in the boot layer (the launcher, Surefire and the benchmarks add it), the scalar reference otherwise.
 * The vector class is loaded by name so that a JVM without the module never links against it.
 */
public final class Kernels {

    private static final Kernel FASTEST = choose();

    private Kernels() {
    }

    public static Kernel fastest() {
        return FASTEST;
    }

    public static Kernel scalar() {
        return ScalarKernel.INSTANCE;
    }

    /** True when the Vector API module is present and its kernel loaded. */
    public static boolean vectorAvailable() {
        return FASTEST != ScalarKernel.INSTANCE;
    }

    /** {@code "vector"} or {@code "scalar"}: the kernel by name, as the {@code --kernel} option spells it. */
    public static Kernel byName(String name) {
        switch (name) {
            case "scalar": return scalar();
            case "vector":
                if (!vectorAvailable()) {
                    throw new dev.nnpaint.BadInputException(
                            "the vector kernel needs the JVM flag --add-modules jdk.incubator.vector");
                }
                return fastest();
            default: throw new dev.nnpaint.BadInputException("unknown kernel '" + name + "'; valid: vector, scalar");
        }
    }

    private static Kernel choose() {
        if (Boolean.getBoolean("nnpaint.scalar")
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarKernel.INSTANCE;
        }
        try {
            return (Kernel) Class.forName("dev.nnpaint.kernel.VectorKernel")
                    .getDeclaredField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarKernel.INSTANCE;
        }
    }
}
