package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * H.264 video through ffmpeg: raw RGB frames go down a pipe to an ffmpeg process, which writes an MP4 that
 * browsers play (yuv420p, even dimensions, the index at the front).
 */
final class Mp4Encoder implements FrameEncoder {

    /** Keeps the end of ffmpeg's messages for the error line; its full log is of no use otherwise. */
    private static final int KEPT_LOG_BYTES = 4096;

    private final Process process;
    private final OutputStream frames;
    private final Thread logReader;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private Mp4Encoder(Process process) {
        this.process = process;
        this.frames = process.getOutputStream();
        this.logReader = new Thread(() -> drain(process.getErrorStream()), "ffmpeg-log");
        this.logReader.setDaemon(true);
        this.logReader.start();
    }

    /** ffmpeg on {@code pathVariable} (the PATH), or a one-line error that names the other outputs. */
    static Path ffmpeg(String pathVariable) {
        if (pathVariable != null) {
            boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, windows ? "ffmpeg.exe" : "ffmpeg");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new BadInputException("writing .mp4 needs ffmpeg, which is not on the PATH: install it, or write a "
                + ".gif or a folder of numbered PNGs (-o frames/) instead");
    }

    /**
     * Refuses odd sides: H.264 in yuv420p (what every player decodes) stores colour for 2x2 blocks, so ffmpeg
     * would have to add a row or column the picture does not have.
     */
    static void checkSize(int width, int height) {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new BadInputException(String.format(Locale.ROOT, "an MP4 needs an even width and height "
                    + "(H.264 in yuv420p stores colour for 2x2 blocks); got %dx%d: try %dx%d, or write a .gif or a "
                    + "folder of PNGs", width, height, width + width % 2, height + height % 2));
        }
    }

    /** Starts ffmpeg writing {@code target}. */
    static Mp4Encoder start(Path ffmpeg, Path target, int width, int height, double fps) throws IOException {
        List<String> command = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error",
                "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height,
                "-r", String.format(Locale.ROOT, "%.6f", fps), "-i", "-",
                // yuv420p needs even sizes (checked before): it is what every player decodes
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18",
                "-movflags", "+faststart", "-f", "mp4", target.toString()));
        return new Mp4Encoder(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    @Override
    public byte[] encode(int index, byte[] rgb) {
        return rgb; // ffmpeg does the encoding, in order
    }

    @Override
    public void append(int index, byte[] encoded) throws IOException {
        try {
            frames.write(encoded);
        } catch (IOException e) {
            throw failure("ffmpeg stopped taking frames");
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            frames.close();
            int code = process.waitFor();
            logReader.join();
            if (code != 0) {
                throw failure("ffmpeg failed with exit code " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg finished", e);
        }
    }

    /** Stops ffmpeg if it is still running (after a failure elsewhere). */
    void abort() {
        process.destroyForcibly();
    }

    private IOException failure(String what) {
        try {
            process.waitFor();
            logReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message;
        synchronized (log) {
            message = log.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        }
        return new IOException(what + (message.isEmpty() ? "" : ": " + message));
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[1024];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (log) {
                    if (log.size() < KEPT_LOG_BYTES) {
                        log.write(buffer, 0, Math.min(n, KEPT_LOG_BYTES - log.size()));
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
