package dev.nnpaint.ops.bench;

import dev.nnpaint.BadInputException;
import dev.nnpaint.paint.Antialias;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Every workload of {@code nnpaint bench}, in the order they run. Add a line here to add a workload. */
public final class Workloads {

    private static final List<Supplier<Workload>> ALL = List.of(
            () -> new CppnWorkload("cppn-8x16", 8, 16, 1024, 1024),
            () -> new CppnWorkload("cppn-8x16-aa3", 8, 16, 1024, 1024, Antialias.grid(3)),
            () -> new CppnWorkload("cppn-8x16-aa-auto", 8, 16, 1024, 1024, Antialias.AUTO),
            () -> new CppnWorkload("cppn-27x30", 27, 30, 1024, 1024),
            () -> new CppnWorkload("cppn-14x400", 14, 400, 512, 512),
            TrainWorkload::new);

    private Workloads() {
    }

    /** Fresh instances of every workload (they hold prepared state, so each bench run gets its own). */
    public static List<Workload> all() {
        List<Workload> list = new ArrayList<>();
        for (Supplier<Workload> s : ALL) {
            list.add(s.get());
        }
        return list;
    }

    /** The named workloads in the order given, or all of them when {@code names} is empty. */
    public static List<Workload> named(List<String> names) {
        List<Workload> all = all();
        if (names.isEmpty()) {
            return all;
        }
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
