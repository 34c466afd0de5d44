package dev.nnpaint.ops.options;

import dev.nnpaint.ops.SweepOperation;
import dev.nnpaint.ops.sweep.SweepEntry;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** The options of a recipe sweep (a picocli mixin): {@code nnpaint sweep} and {@code nnpaint-spark sweep}. */
public final class SweepOptions {

    @Parameters(index = "0", paramLabel = "LIST", description = "The recipes: a .csv or .json file.")
    Path list;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Folder for the images and index.html (created if missing).")
    Path output;

    @Option(names = "--size", paramLabel = "N|WxH", converter = SizeConverter.class,
            description = "Paint every entry at this size instead of its own (thumbnails of a big sweep).")
    SizeConverter.Size size;

    @Mixin
    RunOptions run;

    /** The entries of the list, at {@code --size} when it is given. */
    public List<SweepEntry> entries() {
        return size == null ? SweepOperation.entries(list, 0, 0)
                : SweepOperation.entries(list, size.width(), size.height());
    }

    public SweepOperation.Request request() {
        return new SweepOperation.Request(entries(), output, run.execution());
    }

    public Path output() {
        return output;
    }

    public RunOptions run() {
        return run;
    }
}
