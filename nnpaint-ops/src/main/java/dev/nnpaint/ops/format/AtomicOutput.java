package dev.nnpaint.ops.format;

import dev.nnpaint.BadInputException;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes files so that they appear whole or not at all: the bytes go to a hidden temporary file next to the
 * target ({@code .NAME.tmp-RANDOM}), which is synced and then renamed over the target. A failed or interrupted
 * run leaves the target as it was and removes its temporary file (on Ctrl-C through a shutdown hook).
 */
public final class AtomicOutput {

    /** Writes the content of a file; the stream is buffered and closing it is harmless. */
    @FunctionalInterface
    public interface IoWriter {
        void write(OutputStream out) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;
    /** The names {@link #createTemporary} gives. */
    private static final Pattern TEMPORARY_NAME = Pattern.compile("\\..+\\.tmp-[0-9a-f]+");

    private AtomicOutput() {
    }

    /**
     * Fails fast, before any expensive work, if {@code target} cannot be written: its folder is missing or not
     * writable, or the target is a folder. Creates and deletes a probe file, since permission bits do not tell
     * the whole story (read-only mounts, ACLs, running as root).
     */
    public static void checkWritable(Path target) {
        checkTarget(target);
        Path probe = null;
        try {
            probe = createTemporary(target);
        } catch (IOException e) {
            throw cannotWrite(target, reason(e));
        } finally {
            if (probe != null) {
                deleteQuietly(probe);
            }
        }
    }

    /** The checks that need no probe file. */
    private static void checkTarget(Path target) {
        Path folder = folderOf(target);
        if (Files.isDirectory(target)) {
            throw cannotWrite(target, "it is a folder");
        }
        if (!Files.exists(folder)) {
            throw cannotWrite(target, "folder '" + folder + "' does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw cannotWrite(target, "'" + folder + "' is not a folder");
        }
    }

    /**
     * Writes {@code target} through {@code body}. Any exception from the body (checked or not) deletes the
     * temporary file and propagates; an {@link IOException} becomes a {@link BadInputException} naming the
     * target, because a full disk or a vanished folder is something the person has to fix.
     */
    public static void write(Path target, IoWriter body) {
        commit(target, pending -> {
            // the claim's own channel: on POSIX systems closing any other channel to the file drops the lock
            OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(pending.channel),
                    BUFFER_BYTES);
            body.write(new FilterOutputStream(buffered) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the channel stays open until it is synced
                }
            });
            buffered.flush();
        });
    }

    /** Writes the content of a file through its path (for a program such as ffmpeg that writes the file itself). */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path temporary) throws IOException;
    }

    /**
     * As {@link #write(Path, IoWriter)}, for a body that writes the temporary file by its path: it may replace the
     * (empty) file. The file is synced and renamed over the target afterwards. Temporary files of the same target
     * that a killed run left behind are removed first.
     */
    public static void writeFile(Path target, PathWriter body) {
        commit(target, pending -> body.write(pending.path()));
    }

    private interface PendingWriter {
        void write(Pending pending) throws IOException;
    }

    private static void commit(Path target, PendingWriter body) {
        checkTarget(target);
        Pending pending;
        try {
            pending = Pending.file(target);
        } catch (IOException e) {
            throw cannotWrite(target, reason(e));
        }
        removeAbandoned(target, pending.path());
        Thread cleanup = new Thread(() -> deleteQuietly(pending.path()), "remove " + pending.path().getFileName());
        boolean hooked = addShutdownHook(cleanup);
        boolean moved = false;
        try (pending) {
            body.write(pending);
            // Without the sync a crash soon after the rename could leave an empty file under the target name.
            pending.channel.force(false);
            move(pending.path(), target);
            moved = true;
        } catch (IOException e) {
            throw cannotWrite(target, reason(e));
        } finally {
            if (!moved) {
                deleteQuietly(pending.path());
            }
            if (hooked) {
                removeShutdownHook(cleanup);
            }
        }
    }

    /**
     * A hidden temporary file or folder next to a target ({@code .NAME.tmp-HEX}), claimed by a lock that this
     * process holds until {@link #close()}. The operating system releases the lock when the process dies, however
     * it dies, which is how a later run tells a killed run's leftover from a running run's work in progress.
     */
    public static final class Pending implements AutoCloseable {
        /** Inside a temporary folder: the file that carries its lock. */
        static final String FOLDER_LOCK = ".lock";
        /**
         * The temporaries this process claims. The operating system's lock does not tell a process its own
         * claims, and probing one of them (open, try, close) would drop the lock on POSIX systems.
         */
        private static final java.util.Set<Path> CLAIMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final Path path;
        private final FileChannel channel;
        private final Path lockFile;

        private Pending(Path path, FileChannel channel, Path lockFile) {
            this.path = path;
            this.channel = channel;
            this.lockFile = lockFile;
            CLAIMED.add(path.toAbsolutePath());
        }

        /** Creates and claims an empty temporary file for {@code target}. */
        static Pending file(Path target) throws IOException {
            Path path = createTemporary(target);
            FileChannel channel = null;
            try {
                channel = FileChannel.open(path, StandardOpenOption.WRITE);
                lock(channel);
                return new Pending(path, channel, null);
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                deleteQuietly(path);
                throw e;
            }
        }

        /**
         * Creates and claims an empty temporary folder for {@code target}, which the caller fills and then renames
         * over the target after {@link #close()} (which removes the lock file from it). Folders of the same target
         * that a killed run left behind are removed first.
         */
        public static Pending folder(Path target) throws IOException {
            Path absolute = target.toAbsolutePath();
            for (int attempt = 0; ; attempt++) {
                Path path = absolute.resolveSibling(temporaryName(absolute));
                try {
                    Files.createDirectory(path);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                    continue;
                }
                Path lockFile = path.resolve(FOLDER_LOCK);
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    lock(channel);
                } catch (IOException | RuntimeException e) {
                    if (channel != null) {
                        channel.close();
                    }
                    deleteTree(path);
                    throw e;
                }
                Pending pending = new Pending(path, channel, lockFile);
                removeAbandoned(absolute, path);
                return pending;
            }
        }

        public Path path() {
            return path;
        }

        /** Releases the claim (and removes a folder's lock file); the temporary itself stays. */
        @Override
        public void close() throws IOException {
            CLAIMED.remove(path.toAbsolutePath());
            channel.close();
            if (lockFile != null) {
                Files.deleteIfExists(lockFile);
            }
        }

        private static void lock(FileChannel channel) throws IOException {
            try {
                channel.lock();
            } catch (IOException e) {
                // a file system without locks (some network mounts): the temporary is then never taken for
                // abandoned by another run, which only means it is not cleaned up after a kill
            }
        }
    }

    /**
     * Removes the temporaries of {@code target} (files and folders) that no living process claims: what a run
     * killed mid-write left behind. {@code keep}, this run's own, is left alone.
     */
    static void removeAbandoned(Path target, Path keep) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        String prefix = "." + absolute.getFileName() + ".tmp-";
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && TEMPORARY_NAME.matcher(name).matches();
        })) {
            for (Path p : candidates) {
                if (!p.equals(keep) && abandoned(p)) {
                    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(p);
                    } else {
                        deleteQuietly(p);
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: leftovers are hidden and named as temporary
        }
    }

    /** True when no process holds the lock of a temporary (a folder's lies in its lock file, if it has one). */
    static boolean abandoned(Path temporary) {
        if (Pending.CLAIMED.contains(temporary.toAbsolutePath())) {
            return false;
        }
        Path lockFile = Files.isDirectory(temporary, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? temporary.resolve(Pending.FOLDER_LOCK) : temporary;
        if (!Files.exists(lockFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // a folder without its lock file: killed before it was claimed, or renamed into place just now
            return Files.exists(temporary, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process is writing it
            }
            lock.release();
            return true;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false; // this process is writing it
        } catch (IOException e) {
            return false; // cannot tell: leave it
        }
    }

    /**
     * Removes the temporary files that runs killed mid-write (no shutdown hook runs on SIGKILL or a power cut)
     * left in {@code folder}: only names of the form this class makes, {@code .NAME.tmp-HEX}, that no living
     * process claims.
     */
    public static void removeTemporaries(Path folder) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(folder, ".*.tmp-*")) {
            for (Path p : stale) {
                if (TEMPORARY_NAME.matcher(p.getFileName().toString()).matches() && abandoned(p)) {
                    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        deleteTree(p);
                    } else {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code bytes} as they are. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    private static Path folderOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw cannotWrite(target, "it is not a file name");
        }
        return parent;
    }

    /** Hidden, next to the target so the rename stays within one file system. */
    private static Path createTemporary(Path target) throws IOException {
        Path folder = folderOf(target);
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve(temporaryName(target));
            try {
                // Created with the default permissions (unlike Files.createTempFile's owner-only ones), since
                // the file becomes the target.
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** {@code .NAME.tmp-HEX}, a new random name each time. */
    private static String temporaryName(Path target) {
        return "." + target.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Deletes a folder and all in it, as far as it can. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(AtomicOutput::deleteQuietly);
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: the folder is hidden and named as temporary
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false; // already shutting down: the finally block still cleans up
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // shutting down: the hook runs and finds nothing to delete
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: the file is hidden and named as temporary
        }
    }

    private static BadInputException cannotWrite(Path target, String reason) {
        return new BadInputException("cannot write '" + target + "': " + reason);
    }

    /**
     * Refuses an output folder that is a file or under no writable folder: operations that write a folder of
     * results (train, fit) call it before their long work, not after.
     */
    public static void checkOutputFolder(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a file, not a folder");
        }
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            throw new BadInputException("cannot write to " + out + ": " + (existing == null ? "no such folder"
                    : existing + " is not writable"));
        }
    }

    /** Creates the output folder checked by {@link #checkOutputFolder}. */
    public static void createOutputFolder(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new BadInputException("cannot create the output folder " + out + ": " + e.getMessage());
        }
    }

    /** A short reason in words; the JDK's messages for these are just the path. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException missing) {
            return missingWhat(missing);
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text (a binary file?)";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    /** "no such file" when the folder is there, "folder ... does not exist" when it is not. */
    private static String missingWhat(NoSuchFileException e) {
        if (e.getFile() == null) {
            return "no such file or folder";
        }
        Path missing = Path.of(e.getFile()).toAbsolutePath();
        Path parent = missing.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Path first = parent;
            while (first.getParent() != null && !Files.isDirectory(first.getParent())) {
                first = first.getParent();
            }
            return "folder '" + first + "' does not exist";
        }
        return "no such file";
    }

    /** Error messages are shown as one line. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
