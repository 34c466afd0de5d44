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
        checkTarget(target);
        Path temporary;
        try {
            temporary = createTemporary(target);
        } catch (IOException e) {
            throw cannotWrite(target, reason(e));
        }
        Thread cleanup = new Thread(() -> deleteQuietly(temporary), "remove " + temporary.getFileName());
        boolean hooked = addShutdownHook(cleanup);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                body.write(new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the channel stays open until it is synced below
                    }
                });
                buffered.flush();
                // Without the sync a crash soon after the rename could leave an empty file under the target name.
                channel.force(false);
            }
            move(temporary, target);
            moved = true;
        } catch (IOException e) {
            throw cannotWrite(target, reason(e));
        } finally {
            if (!moved) {
                deleteQuietly(temporary);
            }
            if (hooked) {
                removeShutdownHook(cleanup);
            }
        }
    }

    /**
     * Removes the temporary files that runs killed mid-write (no shutdown hook runs on SIGKILL or a power cut)
     * left in {@code folder}: only names of the form this class makes, {@code .NAME.tmp-HEX}.
     */
    public static void removeTemporaries(Path folder) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(folder, ".*.tmp-*")) {
            for (Path p : stale) {
                if (TEMPORARY_NAME.matcher(p.getFileName().toString()).matches()) {
                    Files.deleteIfExists(p);
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
        String name = target.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path candidate = folder.resolve("." + name + ".tmp-" + suffix);
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

    /** A short reason in words; the JDK's messages for these are just the path. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "folder does not exist";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    /** Error messages are shown as one line. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
