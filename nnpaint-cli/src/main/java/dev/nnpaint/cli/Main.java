package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code nnpaint} command. Each subcommand is one class in this package; picocli builds the help from
 * their annotations. A {@link BadInputException} (or a malformed option) becomes one line on stderr and exit
 * code 2; anything else is a bug and keeps its stack trace.
 */
@Command(name = "nnpaint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neural networks that paint: random CPPNs, training from scratch, and the views that "
                + "explain them.",
        subcommands = {RenderCommand.class, PosterCommand.class, GridCommand.class, SweepCommand.class,
                AnimateCommand.class, PlotCommand.class, StatsCommand.class, FiguresCommand.class, TrainCommand.class,
                PredictCommand.class, ServeCommand.class, BenchCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int BAD_INPUT = 2;
    /** Columns of --help: the commands' descriptions are written to this width. */
    public static final int HELP_WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return reportingBadInput(new CommandLine(new Main()), "nnpaint").setUsageHelpWidth(HELP_WIDTH);
    }

    /**
     * Makes {@code cl} print a bad input (or a malformed option) as one line starting with {@code name} and exit
     * with {@link #BAD_INPUT}; other commands built on these classes (the Spark module's) use it too.
     */
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
        return cl;
    }

    private static BadInputException badInput(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInputException b) {
                return b;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"nnpaint " + (v == null ? "(development build)" : v),
                    "kernel: " + dev.nnpaint.kernel.Kernels.fastest().name()};
        }
    }
}
