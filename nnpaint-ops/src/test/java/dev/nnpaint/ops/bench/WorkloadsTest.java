package dev.nnpaint.ops.bench;

import dev.nnpaint.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A plain {@code nnpaint bench} runs the quick workloads; fit-ff and fit-siren, which take long, only when named. */
class WorkloadsTest {

    private static List<String> names(List<Workload> workloads) {
        return workloads.stream().map(Workload::name).toList();
    }

    @Test
    void withoutNamesTheQuickWorkloadsRunAndTheLongOnesDoNot() {
        // what ran before the fits and anti-aliasing existed, and fit-hash, which takes seconds
        assertThat(names(Workloads.named(List.of())))
                .containsExactly("cppn-8x16", "cppn-27x30", "cppn-14x400", "train-moons", "fit-hash");
        assertThat(names(Workloads.all())).containsExactly("cppn-8x16", "cppn-8x16-aa3", "cppn-8x16-aa-auto",
                "cppn-27x30", "cppn-14x400",
                "train-moons", "fit-ff", "fit-siren", "fit-hash");
        assertThat(Workloads.all().stream().filter(w -> !Workloads.runsByDefault(w)).map(Workload::name))
                .containsExactly("cppn-8x16-aa3", "cppn-8x16-aa-auto", "fit-ff", "fit-siren");
    }

    @Test
    void aNamedWorkloadRunsWhetherOrNotItRunsByDefault() {
        assertThat(names(Workloads.named(List.of("fit-hash", "cppn-8x16", "fit-ff"))))
                .containsExactly("fit-hash", "cppn-8x16", "fit-ff");
        assertThatThrownBy(() -> Workloads.named(List.of("fit"))).isInstanceOf(BadInputException.class)
                .hasMessage("unknown workload 'fit'; valid: cppn-8x16, cppn-8x16-aa3, cppn-8x16-aa-auto, cppn-27x30, "
                        + "cppn-14x400, train-moons, fit-ff, fit-siren, fit-hash");
    }
}
