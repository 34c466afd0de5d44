package dev.nnpaint.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.format.AtomicOutput;
import dev.nnpaint.ops.format.RecipeJson;
import dev.nnpaint.ops.poster.DziLayout;
import dev.nnpaint.ops.poster.PosterFolder;
import dev.nnpaint.ops.poster.PosterSpec;
import dev.nnpaint.net.Recipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A poster folder that {@code nnpaint serve --poster DIR} shows in the zoom view, read once at start-up from its
 * {@code poster.json}. A poster still being painted is served too: its descriptor follows from the manifest, the
 * tiles that exist are shown and the others are simply not found yet.
 *
 * @param dir     the folder, as given
 * @param name    its own name, for the page
 * @param spec    what the poster is
 * @param layout  its tile pyramid
 * @param recipe  its recipe (the view's coordinates come from it)
 * @param version a digest of {@code poster.json}: tile URLs carry it, so a browser may keep their bytes for good
 */
record ServedPoster(Path dir, String name, PosterSpec spec, DziLayout layout, Recipe recipe, String version) {

    /** Reads the poster in {@code dir}, refusing with one line a folder that is not one. */
    static ServedPoster load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--poster: '" + dir + "' is not a folder");
        }
        Path manifest = dir.resolve(PosterFolder.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException("--poster: '" + dir + "' holds no " + PosterFolder.MANIFEST
                    + "; give a folder written by 'nnpaint poster -o DIR'");
        }
        String text;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("--poster: cannot read '" + manifest + "': " + AtomicOutput.reason(e));
        }
        PosterSpec spec = parse(text, manifest.toString());
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new ServedPoster(dir, name == null ? "poster" : name.toString(), spec, spec.layout(), spec.recipe(),
                digest(text));
    }

    private static PosterSpec parse(String text, String source) {
        JsonNode root;
        try {
            root = Http.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("--poster: '" + source + "' is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !PosterSpec.FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException("--poster: '" + source + "' is not a poster manifest (format "
                    + PosterSpec.FORMAT + " expected)");
        }
        if (!root.path("recipe").isObject() || !root.path("tileSize").isInt() || !root.path("overlap").isInt()) {
            throw new BadInputException("--poster: '" + source + "' lacks its recipe, tileSize or overlap");
        }
        Recipe recipe = RecipeJson.fromTree(root.get("recipe"), source);
        JsonNode model = root.path("model");
        PosterSpec spec = new PosterSpec(RecipeJson.toJson(recipe), model.isObject() ? model.toString() : null,
                root.get("tileSize").intValue(), root.get("overlap").intValue());
        DziLayout layout = spec.layout();
        if (root.path("width").intValue() != layout.width() || root.path("height").intValue() != layout.height()) {
            throw new BadInputException("--poster: '" + source + "' gives a size that is not its recipe's ("
                    + layout.width() + "x" + layout.height() + ")");
        }
        return spec;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e); // every JDK has SHA-256
        }
    }

    PosterFolder folder() {
        return PosterFolder.existing(dir, spec);
    }
}
