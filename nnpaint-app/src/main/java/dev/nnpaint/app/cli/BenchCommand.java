package dev.nnpaint.app.cli;

import picocli.CommandLine.Command;

/** Placeholder: replaced by the benchmark runner. */
@Command(name = "bench", description = "Measure the speed of the engine.")
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not yet");
    }
}
