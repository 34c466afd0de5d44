package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes an animation: frames are made and encoded on several threads, a window of them at a time, and stored
 * in order, so memory stays bounded however many frames there are. The output appears whole or not at all:
 * files through {@link AtomicOutput}, a folder of PNGs as a hidden folder renamed into place at the end.
 *
 * <pre>{@code
 * AnimationWriter.write("spin.gif", 256, 256, AnimationSettings.of(20), 60, threads,
 *         i -> renderFrame(i), bar::update);
 * }</pre>
 */
public final class AnimationWriter {

    /** Makes frame {@code index}: {@code width * height * 3} bytes of RGB, row 0 first. Called from many threads. */
    @FunctionalInterface
    public interface FrameSource {
        byte[] render(int index) throws Exception;

        /** Text stored in frame {@code index}'s PNG when writing a folder (e.g. its recipe), or null. */
        default Map<String, String> pngText(int index) {
            return null;
        }
    }

    /** Told how many frames are stored, on the calling thread. */
    @FunctionalInterface
    public interface Progress {
        void update(long framesDone, long frames);

        Progress NONE = (done, total) -> { };
    }

    private AnimationWriter() {
    }

    /**
     * Fails fast, before any rendering, when {@code target} cannot be written in its format: the folder is
     * missing, the extension is unknown, ffmpeg is missing for .mp4, or the GIF limits are exceeded.
     */
    public static AnimationFormat check(String target, int width, int height, AnimationSettings settings) {
        AnimationFormat format = AnimationFormat.of(target);
        Path path = Path.of(target);
        switch (format) {
            case GIF:
                GifEncoder.checkSettings(width, height, settings);
                AtomicOutput.checkWritable(path);
                break;
            case MP4:
                Mp4Encoder.ffmpeg(System.getenv("PATH"));
                AtomicOutput.checkWritable(path);
                break;
            case PNG_FOLDER:
                checkFolderTarget(path);
                break;
            default:
                throw new IllegalStateException(format.toString());
        }
        return format;
    }

    /** Renders and writes {@code frames} frames to {@code target}. */
    public static void write(String target, int width, int height, AnimationSettings settings, int frames,
                             int threads, FrameSource source, Progress progress) {
        if (frames < 1) {
            throw new BadInputException("--frames must be at least 1, got " + frames);
        }
        AnimationFormat format = check(target, width, height, settings);
        Path path = Path.of(target);
        switch (format) {
            case GIF:
                AtomicOutput.write(path, out -> {
                    GifEncoder gif = new GifEncoder(out, width, height, settings);
                    run(gif, frames, threads, source, progress);
                    gif.finish();
                });
                break;
            case MP4:
                writeMp4(path, width, height, settings, frames, threads, source, progress);
                break;
            case PNG_FOLDER:
                writeFolder(path, width, height, frames, threads, source, progress);
                break;
            default:
                throw new IllegalStateException(format.toString());
        }
    }

    private static void run(FrameEncoder encoder, int frames, int threads, FrameSource source, Progress progress)
            throws IOException {
        OrderedPipeline.run(frames, threads, OrderedPipeline.defaultWindow(threads),
                index -> encoder.encode(index, source.render(index)),
                (index, encoded) -> {
                    encoder.append(index, encoded);
                    progress.update(index + 1, frames);
                });
    }

    /** ffmpeg writes a temporary file, which is then copied into place atomically. */
    private static void writeMp4(Path target, int width, int height, AnimationSettings settings, int frames,
                                 int threads, FrameSource source, Progress progress) {
        Path ffmpeg = Mp4Encoder.ffmpeg(System.getenv("PATH"));
        AtomicOutput.write(target, out -> {
            Path video = Files.createTempFile("nnpaint-", ".mp4");
            Mp4Encoder mp4 = null;
            try {
                mp4 = Mp4Encoder.start(ffmpeg, video, width, height, settings.fps());
                run(mp4, frames, threads, source, progress);
                mp4.finish();
                mp4 = null;
                Files.copy(video, out);
            } finally {
                if (mp4 != null) {
                    mp4.abort();
                }
                Files.deleteIfExists(video);
            }
        });
    }

    /**
     * The target may be missing, empty, or hold frames of an earlier animation (which are replaced as a whole);
     * anything else in it is left alone by refusing.
     */
    private static void checkFolderTarget(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new BadInputException("cannot write frames into '" + folder + "': it is a file");
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException("cannot write frames into '" + folder + "': folder '" + parent
                    + "' does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException("cannot write frames into '" + folder + "': '" + parent + "' is not writable");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                Path other = entries.filter(p -> !isFrameFile(p)).findFirst().orElse(null);
                if (other != null) {
                    throw new BadInputException("cannot write frames into '" + folder + "': it holds '"
                            + other.getFileName() + "', which is not a frame; give a new or empty folder");
                }
            } catch (IOException e) {
                throw new BadInputException("cannot read folder '" + folder + "': " + e.getMessage());
            }
        }
    }

    private static boolean isFrameFile(Path p) {
        return p.getFileName().toString().matches("frame-[0-9]+\\.png");
    }

    /** Frames go to a hidden folder next to the target, which replaces the target only when all are written. */
    private static void writeFolder(Path target, int width, int height, int frames, int threads, FrameSource source,
                                    Progress progress) {
        Path absolute = target.toAbsolutePath();
        Path pending = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        Thread cleanup = new Thread(() -> deleteTree(pending), "remove " + pending.getFileName());
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean done = false;
        try {
            Files.createDirectory(pending);
            run(new PngFolderEncoder(pending, width, height, frames, source::pngText), frames, threads, source,
                    progress);
            if (Files.isDirectory(absolute)) {
                // only earlier frames are in it (checked before rendering)
                deleteTree(absolute);
            }
            Files.move(pending, absolute);
            done = true;
        } catch (IOException e) {
            throw new BadInputException("cannot write frames into '" + target + "': " + e.getMessage());
        } finally {
            if (!done) {
                deleteTree(pending);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs and finds nothing left to delete
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: the folder is hidden and named as temporary
        }
    }
}
