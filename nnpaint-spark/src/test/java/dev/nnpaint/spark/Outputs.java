package dev.nnpaint.spark;

import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares output folders file by file. */
public final class Outputs {

    /** The files the Spark jobs add to those of the single-machine commands: their records and summary. */
    public static final String OWN_FILES = "_nnpaint_";

    private Outputs() {
    }

    /** Every file under {@code root}, by its path relative to it. */
    public static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Every file under {@code root} on its file system, by its path relative to it. */
    public static Map<String, byte[]> files(OutputFolder root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        String base = root.fs().getFileStatus(root.path("")).getPath().toUri().getPath();
        RemoteIterator<LocatedFileStatus> all = root.fs().listFiles(root.path(""), true);
        while (all.hasNext()) {
            String path = all.next().getPath().toUri().getPath();
            String relative = path.substring(base.length() + 1);
            files.put(relative, root.readBytes(relative));
        }
        return files;
    }

    /** The same file names with the same bytes. */
    public static void assertSameFiles(Path actual, Path expected) throws IOException {
        assertSame(files(actual), files(expected));
    }

    /** The same file names with the same bytes, besides the Spark jobs' own files (and an animation's marker). */
    public static void assertSameFiles(OutputFolder actual, Path expected) throws IOException {
        Map<String, byte[]> a = files(actual);
        a.keySet().removeIf(name -> name.startsWith(OWN_FILES) || name.equals(AnimationJob.COMPLETE));
        assertSame(a, files(expected));
    }

    private static void assertSame(Map<String, byte[]> a, Map<String, byte[]> e) {
        assertThat(a.keySet()).isEqualTo(e.keySet());
        for (String name : e.keySet()) {
            assertThat(a.get(name)).as(name).isEqualTo(e.get(name));
        }
    }

    /** Names of AtomicOutput's (or a frame folder's) temporary files anywhere under {@code root}. */
    public static long temporaries(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().contains(".tmp-")).count();
        }
    }

    /** Temporary files, and folders of unfinished work, anywhere under {@code root}. */
    public static long temporaries(OutputFolder root) throws IOException {
        long count = 0;
        RemoteIterator<LocatedFileStatus> all = root.fs().listFiles(root.path(""), true);
        while (all.hasNext()) {
            String name = all.next().getPath().getName();
            count += name.contains(".tmp-") ? 1 : 0;
        }
        return count;
    }
}
