package dev.nnpaint.ops;

import dev.nnpaint.BadInputException;
import dev.nnpaint.kernel.Kernels;
import dev.nnpaint.ops.figures.FigureArguments;
import dev.nnpaint.ops.figures.FigureIndex;
import dev.nnpaint.ops.figures.FigureModels;
import dev.nnpaint.ops.figures.FigureRequests;
import dev.nnpaint.ops.figures.FigureResult;
import dev.nnpaint.ops.figures.FigureSpec;
import dev.nnpaint.ops.figures.Manifest;
import dev.nnpaint.ops.format.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The figures of the two articles nnpaint grew from, each made by the operation its manifest entry names, with a
 * gallery page beside them. A figure that cannot be made is reported and the others are still made.
 */
public final class FiguresOperation {

    /** The exit code when some figures could not be made (the others still are). */
    public static final int SOME_FAILED = 1;

    private FiguresOperation() {
    }

    /** @param threads worker threads of each figure, or null for all cores */
    public record Request(Manifest manifest, List<FigureSpec> figures, Path out, double scale, Integer threads) {

        public Request {
            figures = List.copyOf(figures);
        }
    }

    public record Result(List<FigureResult> results, Path index, double seconds) {

        public long failed() {
            return results.stream().filter(r -> !r.made()).count();
        }
    }

    /** Makes the figures in order; {@code made} hears of each (its number from 1 and its result) when done. */
    public static Result run(Request request, BiConsumer<Integer, FigureResult> made) throws IOException {
        Path out = request.out();
        if (out == null) {
            throw new BadInputException("give the folder to write the figures into: --out DIR");
        }
        double scale = request.scale();
        if (!(scale > 0) || scale > 8) {
            throw new BadInputException("--scale must be above 0 and at most 8, got " + scale);
        }
        Integer threads = request.threads();
        if (threads != null && threads <= 0) {
            throw new BadInputException("--threads must be positive, got " + threads);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out must be a folder, but '" + out + "' is a file");
        }
        Path recipes = out.resolve(FigureArguments.RECIPES);
        try {
            Files.createDirectories(recipes);
        } catch (IOException e) {
            // mkdir in a folder that takes no new entries (such as /proc) fails with "no such file"
            Path failed = e instanceof java.nio.file.NoSuchFileException m && m.getFile() != null
                    ? Path.of(m.getFile()).toAbsolutePath().getParent() : null;
            String reason = failed != null && Files.isDirectory(failed)
                    ? "'" + failed + "' takes no new folders" : AtomicOutput.reason(e);
            throw new BadInputException("cannot create the folder '" + out + "': " + reason);
        }
        Set<String> recipeNames = new LinkedHashSet<>();
        request.figures().forEach(f -> recipeNames.addAll(FigureArguments.recipesUsed(f)));
        for (String name : recipeNames) {
            AtomicOutput.writeString(recipes.resolve(name), Manifest.resourceText("recipes/" + name));
        }
        Execution run = new Execution(Kernels.fastest(),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), false);

        long start = System.nanoTime();
        List<FigureResult> results = new ArrayList<>();
        for (int i = 0; i < request.figures().size(); i++) {
            FigureResult r = make(request.figures().get(i), out, recipes, scale, run);
            results.add(r);
            made.accept(i + 1, r);
        }
        double total = (System.nanoTime() - start) / 1e9;
        Path index = out.resolve("index.html");
        AtomicOutput.writeString(index, FigureIndex.html(request.manifest(), results, total));
        return new Result(results, index, total);
    }

    /** Builds the figure's model if it has one, then runs its operation; a failure is reported, not thrown. */
    private static FigureResult make(FigureSpec figure, Path out, Path recipes, double scale, Execution run) {
        String shown = FigureArguments.forDisplay(figure, scale);
        long start = System.nanoTime();
        String error = null;
        try {
            if (figure.model() != null) {
                FigureModels.write(figure.model(), Manifest.resourceText("recipes/" + figure.model().recipe()),
                        recipes);
            }
            FigureRequests.of(figure, out, scale, run).run(Progress.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (error == null && !Files.exists(out.resolve(figure.output()))) {
            error = "wrote no " + figure.output();
        }
        return new FigureResult(figure, shown, (System.nanoTime() - start) / 1e9, error);
    }
}
