package dev.nnpaint.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The default kernel is the vector one only where it pays; measurements are injected, nothing is timed. */
class KernelChoiceTest {

    /** A stand-in for the Vector API kernel: the decision only compares identities. */
    private static final Kernel VECTOR = new Kernel() {
        @Override
        public String name() {
            return "vector";
        }

        @Override
        public int lanes() {
            return 4;
        }

        @Override
        public void dense(dev.nnpaint.net.Layer layer, float[] in, float[] out, float[] pre, int n) {
            throw new UnsupportedOperationException();
        }
    };

    private final AtomicInteger timings = new AtomicInteger();

    private Supplier<KernelChoice.Timing> timing(double vectorSeconds, double scalarSeconds) {
        return () -> {
            timings.incrementAndGet();
            return new KernelChoice.Timing(vectorSeconds, scalarSeconds);
        };
    }

    @Test
    void wideVectorsChooseTheVectorKernelWithoutTiming() {
        KernelChoice c = KernelChoice.decide(VECTOR, null, 16, timing(1, 1e-3));
        assertThat(c.kernel()).isSameAs(VECTOR);
        assertThat(c.reason()).isEqualTo("16 float lanes (512-bit vectors)");
        assertThat(KernelChoice.decide(VECTOR, null, 8, timing(1, 1e-3)).kernel()).isSameAs(VECTOR);
        assertThat(timings).hasValue(0);
    }

    @Test
    void narrowVectorsThatLoseTheTimingChooseScalarAndSaySo() {
        // as measured with -XX:UseAVX=0: the Vector API's fallback paths are far slower than plain loops
        KernelChoice c = KernelChoice.decide(VECTOR, null, 4, timing(0.672, 0.0134));
        assertThat(c.kernel()).isSameAs(Kernels.scalar());
        assertThat(c.reason()).isEqualTo("4 float lanes (128-bit vectors); a test block took 672 ms on the vector "
                + "kernel, 13.4 ms on the scalar one: the vector kernel does not pay here");
        assertThat(timings).hasValue(1);
    }

    @Test
    void narrowVectorsThatWinTheTimingClearlyChooseTheVectorKernel() {
        KernelChoice c = KernelChoice.decide(VECTOR, null, 4, timing(0.5e-3, 1e-3));
        assertThat(c.kernel()).isSameAs(VECTOR);
        assertThat(c.reason()).startsWith("4 float lanes (128-bit vectors); a test block took 0.500 ms");
    }

    @Test
    void aNarrowWinWithinTheMarginIsNotEnough() {
        assertThat(KernelChoice.decide(VECTOR, null, 4, timing(0.9e-3, 1e-3)).kernel())
                .isSameAs(Kernels.scalar());
        assertThat(KernelChoice.decide(VECTOR, null, 4, timing(KernelChoice.MARGIN * 1e-3, 1e-3)).kernel())
                .isSameAs(VECTOR);
    }

    @Test
    void fewerThanFourLanesChooseScalarWithoutTiming() {
        KernelChoice c = KernelChoice.decide(VECTOR, null, 2, timing(1e-6, 1));
        assertThat(c.kernel()).isSameAs(Kernels.scalar());
        assertThat(c.reason()).isEqualTo("the JVM offers only 2 float lanes a vector: the Vector API would not pay");
        assertThat(timings).hasValue(0);
    }

    @Test
    void withoutTheVectorModuleTheReasonSaysWhy() {
        KernelChoice c = KernelChoice.decide(null, "the JVM runs without the module jdk.incubator.vector", 0,
                timing(1, 1));
        assertThat(c.kernel()).isSameAs(Kernels.scalar());
        assertThat(c.reason()).isEqualTo("the JVM runs without the module jdk.incubator.vector");
        assertThat(timings).hasValue(0);
    }

    @Test
    void thisJvmsChoiceHasAReason() {
        KernelChoice c = Kernels.choice();
        assertThat(c.reason()).isNotBlank();
        assertThat(Kernels.fastest()).isSameAs(c.kernel());
    }
}
