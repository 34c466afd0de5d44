package dev.nnpaint.web;

/**
 * A request the server refuses, with the HTTP status and a message for the person at the page. Bad parameters
 * arrive as {@link dev.nnpaint.BadInputException} and become 400; this type carries the other refusals.
 */
final class HttpProblem extends RuntimeException {

    private final int status;

    HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static HttpProblem notFound(String what) {
        return new HttpProblem(404, "not found: " + what);
    }

    static HttpProblem tooMany(String message) {
        return new HttpProblem(429, message);
    }
}
