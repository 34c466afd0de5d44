package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import picocli.CommandLine;

import dev.nnpaint.ops.format.AtomicOutput;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;

/**
 * What every nnpaint command line ({@code nnpaint}, {@code nnpaint-spark}) does alike: a bad input (or a
 * malformed option) is one line on stderr and exit code {@link #BAD_INPUT}; anything else is a bug and keeps its
 * stack trace, except for failures of input and output (a file that cannot be read or written is the person's to
 * fix) and running out of memory, which are one line too. Help is written {@link #HELP_WIDTH} columns wide.
 */
public final class CommandLines {

    public static final int BAD_INPUT = 2;
    /** Columns of --help: the commands' descriptions are written to this width. */
    public static final int HELP_WIDTH = 100;

    private CommandLines() {
    }

    /** Makes {@code cl} print a bad input as one line starting with {@code name} and exit with {@link #BAD_INPUT}. */
    public static CommandLine reportingBadInput(CommandLine cl, String name) {
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            BadInputException bad = badInput(ex);
            if (bad != null) {
                commandLine.getErr().println(name + ": " + bad.getMessage());
                return BAD_INPUT;
            }
            IOException io = ioProblem(ex);
            if (io != null) {
                // a file the person named, a full disk or a vanished folder: theirs to fix, not a bug
                commandLine.getErr().println(name + ": " + ioMessage(io));
                return BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(name + ": " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cl.setUsageHelpWidth(HELP_WIDTH);
    }

    /** The I/O failure behind {@code t}, if that is what it is. */
    private static IOException ioProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    /** {@code cannot use '/proc/figs': folder '/proc' does not allow it}: the file and the reason, in words. */
    static String ioMessage(IOException e) {
        String file = e instanceof FileSystemException fs ? fs.getFile() : null;
        String reason = AtomicOutput.reason(e);
        if (e instanceof FileSystemException fs && fs.getReason() == null
                && !(e instanceof java.nio.file.AccessDeniedException) && !(e instanceof java.nio.file.NoSuchFileException)) {
            reason = e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return file == null ? "input/output error: " + reason : "cannot use '" + file + "': " + reason;
    }

    /**
     * Out of memory: one line that says what to do instead of a stack trace (the guards refuse the jobs they can
     * estimate; this is for the rest).
     */
    public static String outOfMemory(String name) {
        return name + ": out of memory (the Java heap holds at most " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB): make the job smaller, or give Java more memory, e.g. NNPAINT_JAVA_OPTS=-Xmx8g";
    }

    private static BadInputException badInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInputException b) {
                return b;
            }
        }
        return null;
    }

    /** The version lines of a command named {@code name}: its build's version and the kernel it runs. */
    public static String[] version(String name, Class<?> inJar) {
        String v = inJar.getPackage().getImplementationVersion();
        return new String[] {name + " " + (v == null ? "(development build)" : v), kernelLine()};
    }

    /** {@code kernel: vector (16 float lanes (512-bit vectors))}: the default kernel and why. */
    public static String kernelLine() {
        dev.nnpaint.kernel.KernelChoice choice = dev.nnpaint.kernel.Kernels.choice();
        return "kernel: " + choice.kernel().name() + " (" + choice.reason() + ")";
    }
}
