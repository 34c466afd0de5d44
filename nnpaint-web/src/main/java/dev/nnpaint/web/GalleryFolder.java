package dev.nnpaint.web;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.ImageMetadata;
import dev.nnpaint.net.Recipe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The gallery folder: the only place on disk the server reads or writes. A file is named by a plain name
 * ({@link #NAME}: letters, digits, '.', '-', '_', ending in .png, no path separators, no "..") and must be a
 * regular file directly inside the folder, not a link; anything else is refused before the disk is touched.
 */
final class GalleryFolder {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.png");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;

    GalleryFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    /** One picture of the gallery; {@code recipe} is null for a PNG that nnpaint did not write. */
    record Item(String name, long bytes, long modifiedMillis, Recipe recipe) {
    }

    /** The pictures, newest first. An absent folder is an empty gallery. */
    List<Item> list() {
        List<Item> items = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return items;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.png")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!NAME.matcher(name).matches()) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    continue;
                }
                Recipe recipe = null;
                try {
                    recipe = ImageMetadata.read(file).recipe().build();
                } catch (BadInputException e) {
                    // a PNG from elsewhere: listed, but it cannot be opened in the paint view
                }
                items.add(new Item(name, a.size(), a.lastModifiedTime().toMillis(), recipe));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list the gallery '" + folder + "': " + e.getMessage());
        }
        items.sort(Comparator.comparingLong(Item::modifiedMillis).reversed().thenComparing(Item::name));
        return items;
    }

    /**
     * The file for a name from a request, checked: refuses anything that is not a plain name, and anything that
     * does not resolve to a regular file directly in the folder (links included).
     */
    Path existing(String name) {
        Path file = resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw HttpProblem.notFound("no picture '" + name + "' in the gallery");
        }
        return file;
    }

    /** A name checked to be plain, resolved inside the folder. */
    Path resolve(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new BadInputException("not a gallery picture name: expected letters, digits, '.', '-' or '_' "
                    + "ending in .png, got '" + shorten(name) + "'");
        }
        Path file = folder.resolve(name).normalize();
        if (!folder.equals(file.getParent())) {
            throw new BadInputException("not a gallery picture name: '" + shorten(name) + "'");
        }
        return file;
    }

    /** A fresh name for a picture of this recipe: the seed and the time, with a counter if that is taken. */
    Path newFile(Recipe recipe) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException("cannot create the gallery folder '" + folder + "': " + e.getMessage());
        }
        String base = "nnpaint-" + recipe.seed() + "-" + LocalDateTime.now().format(STAMP);
        for (int i = 1; ; i++) {
            Path file = resolve(base + (i == 1 ? "" : "-" + i) + ".png");
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                AtomicOutput.checkWritable(file);
                return file;
            }
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }
}
