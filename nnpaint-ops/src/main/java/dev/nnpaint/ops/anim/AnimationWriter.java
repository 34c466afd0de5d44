package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
                Mp4Encoder.checkSize(width, height);
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

    /**
     * ffmpeg writes the hidden temporary file next to the target, which is then renamed into place: a run stopped
     * by Ctrl-C or killed leaves no playable partial video anywhere (a later run removes a killed run's file).
     */
    private static void writeMp4(Path target, int width, int height, AnimationSettings settings, int frames,
                                 int threads, FrameSource source, Progress progress) {
        Path ffmpeg = Mp4Encoder.ffmpeg(System.getenv("PATH"));
        AtomicOutput.writeFile(target, video -> {
            Mp4Encoder mp4 = Mp4Encoder.start(ffmpeg, video, width, height, settings.fps());
            try {
                run(mp4, frames, threads, source, progress);
                mp4.finish();
                mp4 = null;
            } finally {
                if (mp4 != null) {
                    mp4.abort();
                }
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

    /**
     * Frames go to a hidden folder next to the target, which replaces the target only when all are written. A
     * killed run's folder is removed by the next run that writes the same target.
     */
    private static void writeFolder(Path target, int width, int height, int frames, int threads, FrameSource source,
                                    Progress progress) {
        Path absolute = target.toAbsolutePath();
        AtomicOutput.Pending pending;
        try {
            pending = AtomicOutput.Pending.folder(absolute);
        } catch (IOException e) {
            throw new BadInputException("cannot write frames into '" + target + "': " + AtomicOutput.reason(e));
        }
        Path folder = pending.path();
        Thread cleanup = new Thread(() -> deleteTree(folder), "remove " + folder.getFileName());
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean done = false;
        try {
            try (pending) {
                run(new PngFolderEncoder(folder, width, height, frames, source::pngText), frames, threads, source,
                        progress);
            }
            if (Files.isDirectory(absolute)) {
                // only earlier frames are in it (checked before rendering)
                deleteTree(absolute);
            }
            Files.move(folder, absolute);
            done = true;
        } catch (IOException e) {
            throw new BadInputException("cannot write frames into '" + target + "': " + AtomicOutput.reason(e));
        } finally {
            if (!done) {
                deleteTree(folder);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs and finds nothing left to delete
            }
        }
    }

    private static void deleteTree(Path root) {
        AtomicOutput.deleteTree(root);
    }
}
