package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.options.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
                FitCommand.class,
                PredictCommand.class, ServeCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int BAD_INPUT = CommandLines.BAD_INPUT;
    /** Columns of --help: the commands' descriptions are written to this width. */
    public static final int HELP_WIDTH = CommandLines.HELP_WIDTH;

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
        return CommandLines.reportingBadInput(new CommandLine(new Main()), "nnpaint");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return CommandLines.version("nnpaint", Main.class);
        }
    }
}
