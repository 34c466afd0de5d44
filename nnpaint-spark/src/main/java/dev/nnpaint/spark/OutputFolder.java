package dev.nnpaint.spark;

import dev.nnpaint.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's output folder on any Hadoop file system (a local path, {@code file:}, {@code hdfs:}, and the object
 * stores whose connectors are on the classpath: {@code s3a:}, {@code abfs:}, {@code gs:}), shipped to the
 * executors with the driver's Hadoop configuration. Files are named relative to the folder, with {@code /}.
 *
 * <p>Every file is complete before the job's completion marker is written, whatever the file system:
 * <ul>
 * <li>On the object stores whose objects become visible only when their upload completes (S3, GCS and the like)
 *     a file is written under its own name: a task that dies mid-upload leaves nothing behind.
 * <li>Elsewhere a file is written to a hidden temporary name, {@code .NAME.tmp-HEX} as on one machine, synced and
 *     renamed into place. Where rename is atomic (local disks, HDFS) the file appears whole or not at all. Where
 *     it is not (it copies, then deletes: ABFS without a hierarchical namespace, and any file system not known
 *     here) a name can be half-copied for a moment, and a copy that stopped half-way leaves a short file with its
 *     complete temporary beside it. Every attempt writes the same bytes, so a file shorter than a temporary of
 *     its name is such a broken copy: removing the temporaries removes it too ({@link #removeTemporaries}).
 * </ul>
 */
public final class OutputFolder implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Schemes whose rename copies the data: an object appears when its upload is complete, never partially. */
    private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs");
    /** Schemes whose rename of a file or a folder is atomic; any other is assumed to copy. */
    private static final Set<String> ATOMIC_RENAME = Set.of("file", "hdfs", "webhdfs", "swebhdfs", "viewfs");
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.tmp-[0-9a-f]+");

    /** Writes a file's bytes; may throw to abandon the file. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private final String uri;
    private final HashMap<String, String> configuration;
    private transient FileSystem fs;

    private OutputFolder(String uri, HashMap<String, String> configuration) {
        this.uri = uri;
        this.configuration = configuration;
    }

    /**
     * The folder {@code location} names: a URI with a scheme ({@code hdfs://nn:8020/posters/big}), or a local path.
     * An unknown scheme (no connector on the classpath) is a BadInputException.
     */
    public static OutputFolder of(String location, Configuration conf) {
        String text = location.endsWith("/") && location.length() > 1 ? location.substring(0, location.length() - 1)
                : location;
        URI uri;
        if (SCHEME.matcher(text).matches() && !text.startsWith("file:")) {
            uri = new Path(text).toUri();
        } else if (text.startsWith("file:")) {
            uri = new Path(text).toUri();
        } else {
            uri = java.nio.file.Path.of(text).toAbsolutePath().normalize().toUri();
        }
        OutputFolder folder = new OutputFolder(uri.toString().replaceAll("/$", ""), serialize(conf));
        try {
            folder.fs();
        } catch (UncheckedIOException e) {
            String scheme = uri.getScheme();
            throw new BadInputException("cannot write to '" + location + "': no Hadoop file system for '" + scheme
                    + ":' here (" + e.getCause().getMessage() + "); the s3a, abfs and gs connectors need their "
                    + "jars on the classpath (e.g. --packages org.apache.hadoop:hadoop-aws)");
        }
        return folder;
    }

    /** The folder's URI, as given to the executors. */
    public String uri() {
        return uri;
    }

    /**
     * True where a rename (of a file or a whole folder) is atomic: local disks and HDFS. Elsewhere a folder moved
     * into place could be seen half-moved, so a job's completion is said by a marker file written last.
     */
    public boolean atomicRename() {
        return ATOMIC_RENAME.contains(scheme());
    }

    /** True on object stores, where files are written under their own names (see the class comment). */
    public boolean directWrite() {
        return OBJECT_STORES.contains(scheme());
    }

    private String scheme() {
        String scheme = URI.create(uri).getScheme();
        return scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT);
    }

    /** Local folders as the single-machine commands see them, anything else as its URI. */
    public String display() {
        return uri.startsWith("file:") ? new Path(uri).toUri().getPath() : uri;
    }

    public Path path(String relative) {
        return relative.isEmpty() ? new Path(uri) : new Path(uri + "/" + relative);
    }

    /** The same folder's sibling (or any other folder on the same file system), named relative to the parent. */
    public OutputFolder sibling(String name) {
        return new OutputFolder(new Path(new Path(uri).getParent(), name).toUri().toString(), configuration);
    }

    /** The folder this one is in. */
    public OutputFolder parent() {
        return new OutputFolder(new Path(uri).getParent().toUri().toString().replaceAll("(?<!:/)/$", ""),
                configuration);
    }

    public String name() {
        return new Path(uri).getName();
    }

    public FileSystem fs() {
        if (fs == null) {
            try {
                FileSystem any = FileSystem.get(URI.create(uri), deserialize(configuration));
                // The checksumming local file system would add a .crc file beside every tile.
                fs = any instanceof LocalFileSystem local ? local.getRaw() : any;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fs;
    }

    /**
     * Writes {@code relative} (see the class comment), replacing what is there. Outputs are deterministic, so when
     * a retried or speculative attempt finds the file already renamed into place by another, both hold the same
     * bytes and the later copy is simply dropped.
     */
    public void write(String relative, Body body) {
        Path target = path(relative);
        try {
            if (directWrite()) {
                try (FSDataOutputStream out = fs().create(target, true)) {
                    body.write(out);
                }
                return;
            }
            Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            boolean moved = false;
            try {
                try (FSDataOutputStream out = fs().create(temporary, false)) {
                    body.write(out);
                    out.flush();
                    if (out.hasCapability(StreamCapabilities.HSYNC)) {
                        out.hsync(); // else a crash after the rename could leave a short file under the name
                    }
                }
                moved = fs().rename(temporary, target);
                if (!moved && fs().exists(target)) {
                    // HDFS does not rename over a file: put ours in its place (an equal copy: see above)
                    fs().delete(target, false);
                    moved = fs().rename(temporary, target);
                }
                if (!moved) {
                    throw new IOException("could not rename " + temporary + " to " + target.getName());
                }
            } finally {
                if (!moved) {
                    abandon(temporary, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} as UTF-8, whole or not at all. */
    public void writeString(String relative, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(relative, out -> out.write(bytes));
    }

    /** The file's text, or null when there is no such file. */
    public String readString(String relative) {
        try (InputStream in = fs().open(path(relative))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] readBytes(String relative) {
        try (InputStream in = fs().open(path(relative))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String relative) {
        try {
            return fs().exists(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isFolder(String relative) {
        try {
            return fs().getFileStatus(path(relative)).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the files (not folders) in a folder, none when it does not exist. */
    public Set<String> files(String relative) {
        Set<String> names = new TreeSet<>();
        try {
            for (FileStatus s : fs().listStatus(path(relative))) {
                if (s.isFile()) {
                    names.add(s.getPath().getName());
                }
            }
        } catch (FileNotFoundException e) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The names of everything in a folder, none when it does not exist. */
    public Set<String> entries(String relative) {
        Set<String> names = new TreeSet<>();
        try {
            for (FileStatus s : fs().listStatus(path(relative))) {
                names.add(s.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    public static boolean isTemporary(String name) {
        return TEMPORARY.matcher(name).matches();
    }

    /**
     * Removes the temporary files of writes that did not finish (a failed or killed task's) in a folder, and where
     * rename is not atomic the files that a rename stopped half-way through copying: those shorter than a
     * temporary of their name (every attempt writes the same bytes, so a complete file is never shorter). The
     * short file goes before its temporary, so that if this is interrupted the evidence stays. Returns how many
     * files were removed.
     */
    public int removeTemporaries(String relative) {
        Map<String, Long> lengths = new HashMap<>();
        Map<String, Long> longestTemporary = new TreeMap<>();
        try {
            for (FileStatus s : fs().listStatus(path(relative))) {
                if (s.isFile()) {
                    String name = s.getPath().getName();
                    lengths.put(name, s.getLen());
                    Matcher m = TEMPORARY.matcher(name);
                    if (m.matches()) {
                        longestTemporary.merge(m.group(1), s.getLen(), Math::max);
                    }
                }
            }
        } catch (FileNotFoundException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prefix = relative.isEmpty() ? "" : relative + "/";
        int removed = 0;
        if (!atomicRename()) {
            for (Map.Entry<String, Long> e : longestTemporary.entrySet()) {
                Long length = lengths.get(e.getKey());
                if (length != null && length < e.getValue()) {
                    delete(prefix + e.getKey(), false);
                    removed++;
                }
            }
        }
        for (String name : lengths.keySet()) {
            if (isTemporary(name)) {
                delete(prefix + name, false);
                removed++;
            }
        }
        return removed;
    }

    /** Creates a folder and its parents; a BadInputException saying {@code what} could not be created. */
    public void mkdirs(String relative, String what) {
        try {
            if (!fs().mkdirs(path(relative))) {
                throw new IOException("the file system refused");
            }
        } catch (FileAlreadyExistsException | org.apache.hadoop.fs.ParentNotDirectoryException e) {
            throw new BadInputException("cannot create " + what + " '" + display(relative) + "': a file is in the way");
        } catch (IOException e) {
            throw new BadInputException("cannot create " + what + " '" + display(relative) + "': " + e.getMessage());
        }
    }

    private String display(String relative) {
        return relative.isEmpty() ? display() : display() + "/" + relative;
    }

    public void delete(String relative, boolean recursive) {
        try {
            fs().delete(path(relative), recursive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves this whole folder to {@code target}'s name (an atomic rename where {@link #atomicRename()}). */
    public void moveTo(OutputFolder target) {
        try {
            if (!fs().rename(new Path(uri), new Path(target.uri))) {
                throw new IOException("could not rename " + uri + " to " + target.uri);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After a failed write: removes the target if a rename stopped half-way through copying it (it is shorter than
     * the temporary), then the temporary. Quietly: the driver removes leftovers before it declares the output
     * complete.
     */
    private void abandon(Path temporary, Path target) {
        try {
            if (!atomicRename() && fs().exists(temporary) && fs().exists(target)
                    && fs().getFileStatus(target).getLen() < fs().getFileStatus(temporary).getLen()) {
                fs().delete(target, false);
            }
            fs().delete(temporary, false);
        } catch (IOException | RuntimeException ignored) {
            // see above
        }
    }

    /** The settings that differ from Hadoop's defaults (spark.hadoop.* ones, say): all an executor lacks. */
    private static HashMap<String, String> serialize(Configuration conf) {
        Configuration defaults = new Configuration();
        HashMap<String, String> changed = new HashMap<>();
        for (Map.Entry<String, String> e : conf) {
            if (!e.getValue().equals(defaults.getRaw(e.getKey()))) {
                changed.put(e.getKey(), e.getValue());
            }
        }
        return changed;
    }

    private static Configuration deserialize(Map<String, String> changed) {
        Configuration conf = new Configuration();
        changed.forEach(conf::set);
        return conf;
    }

    @Override
    public String toString() {
        return display();
    }
}
