package dev.nnpaint.ops.figures;

/** One of the articles whose figures the gallery regenerates; figures refer to it by {@code id}. */
public record Article(String id, String title, String author, String url) {
}
