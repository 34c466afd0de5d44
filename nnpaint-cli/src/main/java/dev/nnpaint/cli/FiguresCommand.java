package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.FiguresOperation;
import dev.nnpaint.ops.figures.FigureSpec;
import dev.nnpaint.ops.figures.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code nnpaint figures}: makes the figures of the two articles nnpaint grew from, each with the operation
 * its manifest entry names ({@link FiguresOperation}), and writes a gallery page beside them.
 */
@Command(name = "figures", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make the figures of 'Making deep neural networks paint to understand how they work' and",
                "'A Visual Exploration of Random Neural Networks', each from a recipe kept in nnpaint, with an",
                "index.html gallery giving each figure's caption and the command that makes it again.",
                "Example: nnpaint figures --out figures/ (about 20 seconds on two cores); --scale 0.5 for a quick look."})
final class FiguresCommand implements Callable<Integer> {

    /** The exit code when some figures could not be made (the others still are). */
    static final int SOME_FAILED = FiguresOperation.SOME_FAILED;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "The folder to write the figures and index.html into.")
    Path out;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "Make only these figures, e.g. chopra-grey-goo,neylon-zoom (see --list).")
    List<String> only;

    @Option(names = "--list", description = "List the figures (id, article, title) and exit.")
    boolean list;

    @Option(names = "--scale", paramLabel = "F", defaultValue = "1",
            description = "Multiply every figure's size in pixels by F, e.g. 0.5 for a quick run (default: 1).")
    double scale;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of each figure (default: all cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Manifest manifest = Manifest.load();
        if (only != null && only.stream().allMatch(String::isBlank)) {
            throw new BadInputException("--only needs figure ids, e.g. --only chopra-grey-goo,neylon-zoom "
                    + "('nnpaint figures --list' shows them all)");
        }
        List<FigureSpec> figures = manifest.select(only == null ? List.of()
                : only.stream().filter(id -> !id.isBlank()).toList());
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            PrintWriter stdout = spec.commandLine().getOut();
            for (FigureSpec f : figures) {
                stdout.printf("%-28s %-8s %s%n", f.id(), f.article(), f.title());
            }
            stdout.flush();
            return 0;
        }
        FiguresOperation.Result result = FiguresOperation.run(
                new FiguresOperation.Request(manifest, figures, out, scale, threads), (n, r) -> {
                    err.printf(Locale.ROOT, "[%2d/%d] %-26s %s%n", n, figures.size(), r.figure().id(),
                            r.made() ? String.format(Locale.ROOT, "%5.1f s  %s", r.seconds(), r.figure().output())
                                    : "FAILED: " + r.error());
                    err.flush();
                });
        long failed = result.failed();
        err.printf(Locale.ROOT, "made %d of %d figures in %.1f s%s; gallery: %s%n", result.results().size() - failed,
                result.results().size(), result.seconds(), failed == 0 ? "" : " (" + failed + " failed)",
                result.index());
        err.flush();
        return failed == 0 ? 0 : SOME_FAILED;
    }
}
