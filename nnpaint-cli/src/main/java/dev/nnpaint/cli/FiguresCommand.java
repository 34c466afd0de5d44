package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.figures.FigureArguments;
import dev.nnpaint.ops.figures.FigureModels;
import dev.nnpaint.ops.figures.FigureResult;
import dev.nnpaint.ops.figures.FigureSpec;
import dev.nnpaint.ops.figures.FigureIndex;
import dev.nnpaint.ops.figures.Manifest;
import dev.nnpaint.ops.format.AtomicOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nnpaint figures}: makes the figures of the two articles nnpaint grew from, each by running the
 * nnpaint command listed for it in the figure manifest (in this process, through the same command line a
 * user types), and writes a gallery page beside them.
 */
@Command(name = "figures", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make the figures of 'Making deep neural networks paint to understand how they work' and",
                "'A Visual Exploration of Random Neural Networks', each from a recipe kept in nnpaint, with an",
                "index.html gallery giving each figure's caption and the command that makes it again.",
                "Example: nnpaint figures --out figures/ (a few minutes); --scale 0.5 for a quick look."})
final class FiguresCommand implements Callable<Integer> {

    /** The exit code when some figures could not be made (the others still are). */
    static final int SOME_FAILED = 1;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "The folder to write the figures and index.html into.")
    Path out;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "Make only these figures, e.g. chopra-grey-goo,neylon-zoom (see --list).")
    List<String> only = new ArrayList<>();

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
        List<FigureSpec> figures = manifest.select(only);
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            PrintWriter stdout = spec.commandLine().getOut();
            for (FigureSpec f : figures) {
                stdout.printf("%-28s %-8s %s%n", f.id(), f.article(), f.title());
            }
            stdout.flush();
            return 0;
        }
        if (out == null) {
            throw new BadInputException("give the folder to write the figures into: --out DIR");
        }
        if (!(scale > 0) || scale > 8) {
            throw new BadInputException("--scale must be above 0 and at most 8, got " + scale);
        }
        if (threads != null && threads <= 0) {
            throw new BadInputException("--threads must be positive, got " + threads);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out must be a folder, but '" + out + "' is a file");
        }
        Path recipes = out.resolve(FigureArguments.RECIPES);
        Files.createDirectories(recipes);
        Set<String> recipeNames = new LinkedHashSet<>();
        figures.forEach(f -> recipeNames.addAll(FigureArguments.recipesUsed(f)));
        for (String name : recipeNames) {
            AtomicOutput.writeString(recipes.resolve(name), Manifest.resourceText("recipes/" + name));
        }

        long start = System.nanoTime();
        List<FigureResult> results = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            FigureResult r = make(figures.get(i), recipes);
            results.add(r);
            err.printf(Locale.ROOT, "[%2d/%d] %-26s %s%n", i + 1, figures.size(), r.figure().id(),
                    r.made() ? String.format(Locale.ROOT, "%5.1f s  %s", r.seconds(), r.figure().output())
                            : "FAILED: " + r.error());
            err.flush();
        }
        double total = (System.nanoTime() - start) / 1e9;
        Path index = out.resolve("index.html");
        AtomicOutput.writeString(index, FigureIndex.html(manifest, results, total));
        long failed = results.stream().filter(r -> !r.made()).count();
        err.printf(Locale.ROOT, "made %d of %d figures in %.1f s%s; gallery: %s%n", results.size() - failed,
                results.size(), total, failed == 0 ? "" : " (" + failed + " failed)", index);
        err.flush();
        return failed == 0 ? 0 : SOME_FAILED;
    }

    /** Builds the figure's model if it has one, then runs its command; a failure is reported, not thrown. */
    private FigureResult make(FigureSpec figure, Path recipes) {
        String shown = FigureArguments.forDisplay(figure, scale);
        long start = System.nanoTime();
        String error;
        try {
            if (figure.model() != null) {
                FigureModels.write(figure.model(), Manifest.resourceText("recipes/" + figure.model().recipe()),
                        recipes);
            }
            error = runCommand(figure);
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (error == null && !Files.exists(out.resolve(figure.output()))) {
            error = "the command wrote no " + figure.output();
        }
        return new FigureResult(figure, shown, (System.nanoTime() - start) / 1e9, error);
    }

    /** Runs the figure's command line in this process; returns null on success, else the command's complaint. */
    private String runCommand(FigureSpec figure) {
        List<String> args = new ArrayList<>(FigureArguments.forRun(figure, out, scale));
        args.add("--quiet");
        if (threads != null) {
            args.add("--threads");
            args.add(threads.toString());
        }
        CommandLine cl = Main.commandLine();
        StringWriter complaint = new StringWriter();
        cl.setErr(new PrintWriter(complaint, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args.toArray(String[]::new));
        if (code == 0) {
            return null;
        }
        String text = complaint.toString().strip();
        String firstLine = text.isEmpty() ? "" : text.lines().findFirst().orElse("");
        return firstLine.isEmpty() ? "exit code " + code : firstLine + " (exit code " + code + ")";
    }
}
