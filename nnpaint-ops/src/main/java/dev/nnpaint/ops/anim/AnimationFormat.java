package dev.nnpaint.ops.anim;

import dev.nnpaint.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The output formats of an animation, chosen by the target's name. */
public enum AnimationFormat {
    /** An animated GIF: 256 colours a frame, dithered. */
    GIF,
    /** H.264 video through ffmpeg. */
    MP4,
    /** A folder of numbered PNGs, frame-0001.png, ... */
    PNG_FOLDER;

    /**
     * The format a target names: {@code .gif}, {@code .mp4}, or a folder (a name ending in a separator, without
     * an extension, or an existing folder). Any other extension is refused.
     */
    public static AnimationFormat of(String target) {
        if (target.isBlank()) {
            throw new BadInputException("the animation needs an output: name it *.gif or *.mp4, or give a folder");
        }
        if (target.endsWith("/") || target.endsWith(java.io.File.separator)) {
            return PNG_FOLDER;
        }
        String name = Path.of(target).getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (Files.isDirectory(Path.of(target))) {
            String extension = dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (extension.equals("gif") || extension.equals("mp4")) {
                // a folder named like a file is most likely a mistake: frames there would surprise
                throw new BadInputException("'" + target + "' is a folder; name a ." + extension + " file, or end "
                        + "the name with / to write numbered PNGs into the folder");
            }
            return PNG_FOLDER;
        }
        if (dot <= 0) {
            return PNG_FOLDER;
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        switch (extension) {
            case "gif":
                return GIF;
            case "mp4":
                return MP4;
            default:
                throw new BadInputException("cannot write an animation as '." + extension + "': name the output "
                        + "*.gif or *.mp4, or give a folder (ending in /) for numbered PNGs");
        }
    }
}
