package dev.nnpaint.ops.bench;

import dev.nnpaint.BadInputException;
import dev.nnpaint.paint.Antialias;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every workload of {@code nnpaint bench}, in the order they run. Add a line here to add a workload: one that
 * takes seconds runs by default, a longer one only when named ({@code nnpaint bench fit-ff}), so that a plain
 * {@code nnpaint bench} stays about as quick as it was.
 */
public final class Workloads {

    /** A workload and whether a plain {@code nnpaint bench} runs it. */
    private record Entry(Supplier<Workload> make, boolean byDefault) {
    }

    private static final List<Entry> ALL = List.of(
            new Entry(() -> new CppnWorkload("cppn-8x16", 8, 16, 1024, 1024), true),
            // anti-aliasing's cost: 9 samples a pixel, and the adaptive 4 to 16 (several seconds a run)
            new Entry(() -> new CppnWorkload("cppn-8x16-aa3", 8, 16, 1024, 1024, Antialias.grid(3)), false),
            new Entry(() -> new CppnWorkload("cppn-8x16-aa-auto", 8, 16, 1024, 1024, Antialias.AUTO), false),
            new Entry(() -> new CppnWorkload("cppn-27x30", 27, 30, 1024, 1024), true),
            new Entry(() -> new CppnWorkload("cppn-14x400", 14, 400, 512, 512), true),
            new Entry(TrainWorkload::new, true),
            // 3 Adam steps on 65,536 pixels a run: about 6 s a run on 2 cores, 45 s with the warm-up and 5 runs
            new Entry(() -> new FitWorkload("fit-ff"), false),
            new Entry(() -> new FitWorkload("fit-siren"), false),
            // the same steps through a hash grid and a small MLP: a quarter of a second a run once warm
            new Entry(() -> new FitWorkload("fit-hash"), true));

    private Workloads() {
    }

    /** Fresh instances of every workload (they hold prepared state, so each bench run gets its own). */
    public static List<Workload> all() {
        return make(false);
    }

    /** Fresh instances of the workloads that {@code nnpaint bench} runs when none is named. */
    public static List<Workload> defaults() {
        return make(true);
    }

    private static List<Workload> make(boolean onlyDefaults) {
        List<Workload> list = new ArrayList<>();
        for (Entry e : ALL) {
            if (e.byDefault() || !onlyDefaults) {
                list.add(e.make().get());
            }
        }
        return list;
    }

    /** Whether a plain {@code nnpaint bench} runs the workload; the others run only when named. */
    public static boolean runsByDefault(Workload w) {
        return defaults().stream().anyMatch(d -> d.name().equals(w.name()));
    }

    /** The named workloads in the order given, or the default ones when {@code names} is empty. */
    public static List<Workload> named(List<String> names) {
        if (names.isEmpty()) {
            return defaults();
        }
        List<Workload> all = all();
        List<Workload> chosen = new ArrayList<>();
        for (String name : names) {
            Workload w = all.stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new BadInputException("unknown workload '" + name + "'; valid: "
                            + all.stream().map(Workload::name).collect(Collectors.joining(", "))));
            chosen.add(w);
        }
        return chosen;
    }
}
