package dev.nnpaint.ops.poster;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.OutputFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A poster on disk, laid out as Deep Zoom viewers expect:
 * <pre>
 *   DIR/poster.json                   what the poster is (recipe, model, layout): written first
 *   DIR/poster_files/LEVEL/C_R.png    the tiles, each written whole or not at all
 *   DIR/poster.dzi                    the Deep Zoom descriptor: written last, once every tile is there
 * </pre>
 * An interrupted render is resumed by painting the same poster into the same folder again: the tiles that are
 * there are kept. A folder that holds something else (another poster, or other files) is never written to.
 */
public final class PosterFolder {

    public static final String MANIFEST = "poster.json";
    public static final String DESCRIPTOR = "poster.dzi";
    public static final String TILES = "poster_files";

    private final Path dir;
    private final DziLayout layout;

    private PosterFolder(Path dir, DziLayout layout) {
        this.dir = dir;
        this.layout = layout;
    }

    /**
     * Makes {@code dir} ready for the poster's tiles: creates it (and the level folders), or checks that it holds
     * this very poster, written by an earlier run; writes {@code poster.json}; removes the temporary files of a
     * run that was killed mid-tile. Fails with a message, before any work, when the folder cannot be used.
     */
    public static PosterFolder prepare(Path dir, PosterSpec spec) {
        return prepare(dir, spec, OutputFormat.DEFAULT);
    }

    /** {@link #prepare(Path, PosterSpec)} for tiles in {@code format}, which poster.json records. */
    public static PosterFolder prepare(Path dir, PosterSpec spec, OutputFormat format) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("cannot write the poster to '" + dir + "': it is a file, not a folder");
        }
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            String existing = read(manifest);
            if (!spec.sameAs(existing, manifest.toString(), format)) {
                throw new BadInputException("'" + dir + "' holds another poster (its " + MANIFEST + " has another "
                        + "recipe, model, tile layout, depth or dpi); choose a new folder, or remove that one first");
            }
        } else if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new BadInputException("'" + dir + "' is not empty and holds no poster; choose a new or empty folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot create the poster folder '" + dir + "': " + AtomicOutput.reason(e));
        }
        AtomicOutput.checkWritable(manifest);
        if (!Files.exists(manifest)) {
            AtomicOutput.writeString(manifest, spec.manifest(format));
        }
        PosterFolder folder = new PosterFolder(dir, spec.layout());
        try {
            for (int level = 0; level <= folder.layout.maxLevel(); level++) {
                Path levelDir = folder.levelDir(level);
                Files.createDirectories(levelDir);
                AtomicOutput.removeTemporaries(levelDir);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write the poster's tiles under '" + dir.resolve(TILES) + "': "
                    + AtomicOutput.reason(e));
        }
        return folder;
    }

    /** A folder that {@link #prepare} has made ready, for the workers that write its tiles. */
    public static PosterFolder existing(Path dir, PosterSpec spec) {
        return new PosterFolder(dir, spec.layout());
    }

    public Path dir() {
        return dir;
    }

    public DziLayout layout() {
        return layout;
    }

    public Path descriptor() {
        return dir.resolve(DESCRIPTOR);
    }

    public Path tile(TileKey t) {
        return dir.resolve(TILES).resolve(t.relativePath());
    }

    private Path levelDir(int level) {
        return dir.resolve(TILES).resolve(Integer.toString(level));
    }

    /** Writes a tile whole or not at all; writing it again (a retried task) replaces it with the same bytes. */
    public void write(TileKey t, byte[] png) {
        AtomicOutput.writeBytes(tile(t), png);
    }

    /** The tiles not yet written, in the layout's order (coarsest level first). */
    public List<TileKey> missing() {
        List<TileKey> missing = new ArrayList<>();
        int level = -1;
        Set<String> present = Set.of();
        for (TileKey t : layout.tiles()) {
            if (t.level() != level) {
                level = t.level();
                present = fileNames(levelDir(level));
            }
            if (!present.contains(t.column() + "_" + t.row() + ".png")) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** Writes the descriptor, which tells viewers (and people) that the poster is complete. */
    public void finish() {
        List<TileKey> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " tiles are missing, the first " + missing.get(0));
        }
        AtomicOutput.writeString(descriptor(), layout.descriptor());
    }

    public boolean finished() {
        return Files.isRegularFile(descriptor());
    }

    private static Set<String> fileNames(Path folder) {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new BadInputException("cannot read the folder '" + dir + "': " + AtomicOutput.reason(e));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + file + "': " + AtomicOutput.reason(e));
        }
    }
}
