package dev.nnpaint;

/**
 * A mistake in what a person asked for: a malformed option, an unreadable file, a model whose layers do not
 * chain. The message is written for that person and is shown as one line; the command line exits with code 2.
 * Bugs are other exceptions and keep their stack traces.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
