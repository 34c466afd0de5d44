package dev.nnpaint.ops.figures;

/** How making one figure went: {@code error} is null when it was made, else the one-line reason. */
public record FigureResult(FigureSpec figure, String command, double seconds, String error) {

    public boolean made() {
        return error == null;
    }
}
