package dev.nnpaint.ops.format;

import dev.nnpaint.net.Model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Model files by their extension: {@code .onnx} is ONNX ({@link OnnxModel}), {@code .npmodel} the compact form of an
 * image's sidecar ({@link ModelBinary}), anything else nnpaint.model/1 JSON.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static boolean isOnnx(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    public static ModelJson.ModelFile read(Path path) {
        if (isOnnx(path)) {
            return OnnxModel.read(path);
        }
        Path name = path.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".npmodel")) {
            return ModelBinary.read(path);
        }
        return ModelJson.read(path);
    }

    /**
     * Refuses a model that the format of {@code path} cannot hold (ONNX: a hash grid or a layer mixing activations;
     * JSON: numbers that are not finite), before anything is written.
     */
    public static void checkWritable(Path path, Model model) {
        if (isOnnx(path)) {
            OnnxModel.checkWritable(model);
        } else {
            ModelJson.checkFinite(model);
        }
    }

    /** Writes atomically; {@code color} may be null to leave it to the default. */
    public static void write(Path path, Model model, String color) {
        if (isOnnx(path)) {
            OnnxModel.write(path, model, color);
        } else {
            ModelJson.write(path, model, color);
        }
    }
}
