package dev.nnpaint.cli;

import dev.nnpaint.BadInputException;
import dev.nnpaint.ops.options.CommandLines;
import dev.nnpaint.ops.options.KernelWarmUp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nnpaint} command. Each subcommand is one class in this package; picocli builds the help from
 * their annotations. A {@link BadInputException} (or a malformed option) becomes one line on stderr and exit
 * code 2; anything else is a bug and keeps its stack trace.
 */
@Command(name = "nnpaint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neural networks that paint: random CPPNs, training from scratch, and the views that "
                + "explain them.")
public final class Main implements Runnable {

    /** The subcommands in the order of the help, by name. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("render", RenderCommand::new);
        m.put("poster", PosterCommand::new);
        m.put("grid", GridCommand::new);
        m.put("sweep", SweepCommand::new);
        m.put("animate", AnimateCommand::new);
        m.put("plot", PlotCommand::new);
        m.put("stats", StatsCommand::new);
        m.put("figures", FiguresCommand::new);
        m.put("train", TrainCommand::new);
        m.put("fit", FitCommand::new);
        m.put("predict", PredictCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("export", ExportCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return java.util.Collections.unmodifiableMap(m);
    }

    public static final int BAD_INPUT = CommandLines.BAD_INPUT;
    /** Columns of --help: the commands' descriptions are written to this width. */
    public static final int HELP_WIDTH = CommandLines.HELP_WIDTH;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read from the parse result (see {@link #verbose}); inherited, so it may follow the command's name too. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also say which kernel runs and why.")
    boolean verbose;

    public static void main(String[] args) {
        if (warmsUp(args)) {
            KernelWarmUp.start();
        }
        System.exit(run(args));
    }

    /** The commands that paint with the default kernel, which {@link KernelWarmUp} prepares while picocli reads. */
    private static final java.util.Set<String> PAINTERS = java.util.Set.of("render", "grid", "animate", "poster",
            "sweep", "figures");

    /**
     * Whether a run paints with the default kernel: a painting command, not asked for its help or version nor for
     * the scalar kernel. {@code -Dnnpaint.warmUp=false} turns the warm-up off (to measure it).
     */
    static boolean warmsUp(String... args) {
        if (!Boolean.parseBoolean(System.getProperty("nnpaint.warmUp", "true"))) {
            return false;
        }
        int first = 0;
        while (first < args.length && args[first].equals("--verbose")) {
            first++;
        }
        if (first >= args.length || !PAINTERS.contains(args[first])) {
            return false;
        }
        for (int i = first + 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")
                    || a.equals("--kernel=scalar") || a.equals("--kernel") && i + 1 < args.length
                    && args[i + 1].equals("scalar")) {
                return false;
            }
        }
        return true;
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        try {
            return commandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(CommandLines.outOfMemory("nnpaint"));
            return 1;
        }
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine() {
        return build(COMMANDS.keySet());
    }

    /**
     * The command line for {@code args}: only the subcommand they name, when they name one (after any leading
     * --verbose), since picocli reads every option of every subcommand it is given, which costs a good part of a
     * quick command's start; none for a bare --version; every subcommand otherwise (help, mistakes).
     */
    static CommandLine commandLine(String... args) {
        int first = 0;
        while (first < args.length && args[first].equals("--verbose")) {
            first++;
        }
        if (first < args.length && COMMANDS.containsKey(args[first]) && !args[first].equals("help")) {
            return build(java.util.List.of(args[first]));
        }
        if (first == args.length - 1 && (args[first].equals("--version") || args[first].equals("-V"))) {
            return build(java.util.List.of()); // the version names no command: reading them all doubles its time
        }
        return commandLine();
    }

    private static CommandLine build(java.util.Collection<String> names) {
        CommandLine root = new CommandLine(new Main());
        for (String name : names) {
            // built whole first: added as a bare object, a subcommand loses the options the recipe mixin adds to it
            root.addSubcommand(name, new CommandLine(COMMANDS.get(name).get()));
        }
        CommandLine cl = CommandLines.reportingBadInput(root, "nnpaint");
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        if (cl.getSubcommands().containsKey("plot")) {
            PlotCommand.hideRefusedOptions(cl.getSubcommands().get("plot"));
        }
        cl.setExecutionStrategy(parseResult -> {
            if (verbose(parseResult)) {
                cl.getErr().println("nnpaint: " + CommandLines.kernelLine());
                cl.getErr().flush();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl;
    }

    /**
     * The command list of {@code nnpaint --help}: each command's first sentence, whole (the description's first
     * line, which picocli shows by default, often ends mid-sentence).
     */
    static String commandList(CommandLine.Help help) {
        java.util.Map<String, CommandLine.Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int nameWidth = 0;
        for (String name : commands.keySet()) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(nameWidth + 4, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(HELP_WIDTH - nameWidth - 4, 1, CommandLine.Help.Column.Overflow.WRAP));
        for (java.util.Map.Entry<String, CommandLine.Help> e : commands.entrySet()) {
            CommandLine.Model.UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            table.addRowValues(e.getKey(), firstSentence(String.join(" ", lines)));
        }
        return table.toString();
    }

    /** Text up to its first full stop that ends a sentence (or all of it). */
    static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        java.util.regex.Matcher end = java.util.regex.Pattern.compile("[.:](\\s|$)").matcher(flat);
        return end.find() ? flat.substring(0, end.start()) + "." : flat;
    }

    /** Whether --verbose was given, before the command's name or after it. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
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
