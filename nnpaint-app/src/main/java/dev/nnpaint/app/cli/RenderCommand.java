package dev.nnpaint.app.cli;

import picocli.CommandLine.Command;

/** Placeholder: replaced by the render command. */
@Command(name = "render", description = "Paint an image with a random network.")
final class RenderCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not yet");
    }
}
