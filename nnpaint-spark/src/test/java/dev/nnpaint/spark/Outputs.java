package dev.nnpaint.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares output folders file by file. */
public final class Outputs {

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

    /** The same file names with the same bytes. */
    public static void assertSameFiles(Path actual, Path expected) throws IOException {
        Map<String, byte[]> a = files(actual);
        Map<String, byte[]> e = files(expected);
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
}
