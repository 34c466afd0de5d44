package dev.nnpaint.ops.options;

import dev.nnpaint.BadInputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * What every nnpaint command line ({@code nnpaint}, {@code nnpaint-spark}) does alike: a bad input (or a
 * malformed option) is one line on stderr and exit code {@link #BAD_INPUT}; anything else is a bug and keeps its
 * stack trace. Help is written {@link #HELP_WIDTH} columns wide.
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
            if (bad == null) {
                throw ex;
            }
            commandLine.getErr().println(name + ": " + bad.getMessage());
            return BAD_INPUT;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(name + ": " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cl.setUsageHelpWidth(HELP_WIDTH);
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
        return new String[] {name + " " + (v == null ? "(development build)" : v),
                "kernel: " + dev.nnpaint.kernel.Kernels.fastest().name()};
    }
}
