package dev.nnpaint.ops.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nnpaint.BadInputException;

import java.util.function.Function;

/** Where a recipe file's values are read: builds messages of the form {@code source: path: expected X, got Y}. */
public interface JsonIn {

    BadInputException error(String path, String expected, JsonNode got);

    /** Runs a parser (Activation.parse, Init.parse, ...) and puts the path on its message. */
    <T> T parsed(String path, String text, Function<String, T> parser);
}
