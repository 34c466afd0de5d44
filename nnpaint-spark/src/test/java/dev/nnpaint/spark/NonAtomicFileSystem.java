package dev.nnpaint.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local file system, {@code nonatomic:///PATH}, that behaves as the worst object stores do: a file is visible
 * while it is being written, and rename copies the bytes, then deletes the source, so that a renamed file can be
 * seen half-copied under its new name (and a folder half-moved). Registered as a Hadoop file system in the tests'
 * {@code META-INF/services}, or with {@code fs.nonatomic.impl}.
 *
 * <p>For the tests it records what it saw: files seen half-copied, the folder as it was when a completion marker
 * was renamed into place, and the failures it was asked to inject half-way through copying a file. Hadoop keeps
 * one instance per scheme in a JVM, so a test reaches the instance its jobs use through the output folder.
 */
public final class NonAtomicFileSystem extends RawLocalFileSystem {

    public static final String SCHEME = "nonatomic";
    private static final URI ROOT = URI.create(SCHEME + ":///");
    /** The files a job writes last, each saying its output is complete. */
    private static final Set<String> MARKERS = Set.of("poster.dzi", "index.html", AnimationJob.COMPLETE);

    /** A file seen under its new name while a rename had copied only part of it. */
    public record HalfCopied(Path path, long visible, long length) {
    }

    /** A folder's files (relative names, with {@code /}) at the moment its completion marker began to appear. */
    public record AtMarker(Path marker, List<String> files) {
    }

    private final List<HalfCopied> halfCopied = new CopyOnWriteArrayList<>();
    private final List<AtMarker> atMarkers = new CopyOnWriteArrayList<>();
    /** File names whose next rename fails half-way, and how many more times it does. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Path> injected = new CopyOnWriteArrayList<>();

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public URI getUri() {
        return ROOT;
    }

    /**
     * Statuses without the local file system's lazily read permissions, which it reads through a {@code file:}
     * URI that this scheme's paths are not.
     */
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return plain(super.getFileStatus(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus[] all = super.listStatus(f);
        for (int i = 0; i < all.length; i++) {
            all[i] = plain(all[i]);
        }
        return all;
    }

    private static FileStatus plain(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(),
                s.getModificationTime(), s.getPath());
    }

    /** Makes the next {@code times} renames to a file named {@code name} copy half of it, then fail. */
    public void failWhileRenaming(String name, int times) {
        failures.put(name, times);
    }

    /** Forgets the failures asked for and not yet used (the instance is shared by the tests of a JVM). */
    public void clearFailures() {
        failures.clear();
    }

    /** The renames that failed half-way as asked, under {@code root}. */
    public List<Path> injectedFailures(Path root) {
        return under(injected, root, p -> p);
    }

    public List<HalfCopied> halfCopied(Path root) {
        return under(halfCopied, root, HalfCopied::path);
    }

    public List<AtMarker> atMarkers(Path root) {
        return under(atMarkers, root, AtMarker::marker);
    }

    private <T> List<T> under(List<T> all, Path root, java.util.function.Function<T, Path> path) {
        String prefix = makeQualified(root).toUri().getPath() + "/";
        List<T> found = new ArrayList<>();
        for (T t : all) {
            if (makeQualified(path.apply(t)).toUri().getPath().startsWith(prefix)) {
                found.add(t);
            }
        }
        return found;
    }

    /** Copies, then deletes the source: not atomic. False when the target exists, as HDFS and S3A answer. */
    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        FileStatus source;
        try {
            source = getFileStatus(src);
        } catch (FileNotFoundException e) {
            return false;
        }
        if (exists(dst)) {
            return false;
        }
        if (source.isDirectory()) {
            mkdirs(dst);
            for (FileStatus child : listStatus(src)) {
                if (!rename(child.getPath(), new Path(dst, child.getPath().getName()))) {
                    throw new IOException("could not move " + child.getPath());
                }
            }
            return delete(src, true);
        }
        if (MARKERS.contains(dst.getName())) {
            atMarkers.add(new AtMarker(dst, filesUnder(dst.getParent())));
        }
        byte[] bytes;
        try (FSDataInputStream in = open(src)) {
            bytes = in.readAllBytes();
        }
        int half = bytes.length / 2;
        try (FSDataOutputStream out = create(dst, false)) {
            out.write(bytes, 0, half);
            out.hflush();
            long visible = getFileStatus(dst).getLen();
            if (visible < bytes.length) {
                halfCopied.add(new HalfCopied(dst, visible, bytes.length));
            }
            if (takeFailure(dst.getName())) {
                injected.add(dst);
                throw new IOException("injected failure half-way through copying " + src + " to " + dst);
            }
            out.write(bytes, half, bytes.length - half);
        }
        return delete(src, false);
    }

    /** Whether a failure was asked for on this name (and one fewer is, from now on). */
    private boolean takeFailure(String name) {
        boolean[] fire = {false};
        failures.computeIfPresent(name, (k, n) -> {
            fire[0] = true;
            return n > 1 ? n - 1 : null;
        });
        return fire[0];
    }

    private List<String> filesUnder(Path folder) throws IOException {
        List<String> files = new ArrayList<>();
        String base = makeQualified(folder).toUri().getPath();
        var all = listFiles(folder, true);
        while (all.hasNext()) {
            files.add(all.next().getPath().toUri().getPath().substring(base.length() + 1));
        }
        return files;
    }
}
