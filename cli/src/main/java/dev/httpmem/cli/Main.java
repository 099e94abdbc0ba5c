package dev.httpmem.cli;

import dev.httpmem.analysis.read.AnalysisException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "httpmem",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Profiles allocation and retention of Java HTTP servers per protocol (HTTP/1.1, HTTP/2) and per HTTP/2 stream.",
                "",
                "Record with the agent, which writes a JFR recording with httpmem events:",
                "  java -javaagent:httpmem-agent.jar=out=rec.jfr \\",
                "       -XX:FlightRecorderOptions:old-object-queue-size=4096 -jar yourserver.jar",
                "then stop the server and read the recording with report and diff; or attach the agent to a running JVM",
                "and watch it live.",
                ""},
        commandListHeading = "%nCommands ('httpmem COMMAND --help' for a command's options):%n",
        footer = {
                "  httpmem demo                                        try it on an example server",
                "  httpmem report rec.jfr                              allocation per protocol, endpoint and site",
                "  httpmem diff rec.jfr                                retention per exchange, HTTP/1.1 against HTTP/2",
                "                                                      (exact with the agent's gc-every=500: see 'httpmem diff --help')",
                "  httpmem attach 4711 --out rec.jfr --duration 5m     record a running JVM for 5 minutes",
                "  httpmem watch 4711                                  watch it live",
                "  httpmem export rec.jfr --format pprof -o a.pb.gz    labelled allocation samples for pprof, Pyroscope"},
        exitCodeList = {
                "0:success",
                Main.EXIT_DATA + ":bad or unusable data (a recording, a server, a JVM), or the command could not finish;"
                        + " its message says why",
                Main.EXIT_STATUS_USAGE,
                Main.EXIT_RETENTION + ":diff --fail-on-retention exceeded"})
public final class Main implements Runnable {
    public static final int EXIT_DATA = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_RETENTION = 3;
    /** What exit status 2 means, the same for every command. */
    static final String EXIT_STATUS_USAGE = EXIT_USAGE + ":bad usage: an unknown option, a missing or invalid argument";
    /** What exit status 1 means for the commands that read recordings. */
    static final String EXIT_STATUS_BAD_RECORDING = EXIT_DATA + ":a recording is missing, damaged (see --salvage) or holds"
            + " no httpmem events, or --out or --html cannot be written";
    private static final int HELP_WIDTH = 120;
    /** The commands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, ReportCommand.class, DiffCommand.class,
            LoadCommand.class, AttachCommand.class, WatchCommand.class, ExportCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error (a bug of httpmem's), print its whole stack trace after the one line.")
    private boolean debug;

    public static void main(String[] args) {
        // The platform's charset, as the terminal expects: said, not left implicit.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        System.exit(run(args, out, err));
    }

    /** Runs the command line; returns the exit status rather than exiting. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out)
                .setErr(err)
                // The help texts are laid out for this width; picocli's default of 80 would re-wrap their lines.
                .setUsageHelpWidth(HELP_WIDTH)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::failure);
        layOutHelp(commandLine);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("httpmem: out of memory; give it more heap: HTTPMEM_JAVA_OPTS=-Xmx2g bin/httpmem ...,"
                    + " or java -Xmx2g -jar httpmem.jar ...");
            return EXIT_DATA;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command line for {@code args}: with the command they name, or with all (help, a mistyped name). */
    static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        for (Class<?> command : invoked(args).map(List::<Class<?>>of).orElse(COMMANDS)) {
            commandLine.addSubcommand(command); // named by its @Command
        }
        return commandLine;
    }

    /**
     * The command the arguments name, if they name one: only it is built, as picocli reads each command's options by
     * reflection, a tenth of a second for all of them. Without one (help, a mistyped name) all are, to be listed.
     */
    private static Optional<Class<?>> invoked(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(arg)).findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * Every command's help ends alike: its examples (each command's {@code footer} holds them), then what each exit
     * status means for it (its {@code exitCodeList}).
     */
    private static void layOutHelp(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        List<String> sections = new ArrayList<>(usage.sectionKeys());
        List<String> examples = List.of(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING, UsageMessageSpec.SECTION_KEY_FOOTER);
        sections.removeAll(examples);
        sections.addAll(sections.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), examples);
        usage.sectionKeys(sections).footerHeading("%nExamples:%n").exitCodeListHeading("%nExit status:%n");
        command.getSubcommands().values().forEach(Main::layOutHelp);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        // One line, as every error: what is wrong, then where the usage is.
        err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return EXIT_USAGE;
    }

    static int failure(Exception e, CommandLine command, ParseResult parseResult) {
        String message;
        int exitCode;
        if (e instanceof AnalysisException analysis) {
            message = analysis.getMessage();
            exitCode = EXIT_DATA;
        } else if (e instanceof CommandException failure) {
            message = failure.getMessage();
            exitCode = failure.exitCode();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            // A file, a process or a connection that failed: the machine's state, not a bug of httpmem's.
            message = e instanceof UncheckedIOException unchecked ? unchecked.getCause().getMessage() : e.getMessage();
            exitCode = EXIT_DATA;
        } else {
            boolean wholeTrace = command.getCommandSpec().root().userObject() instanceof Main main && main.debug;
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": internal error: " + e
                    + Optional.ofNullable(e.getStackTrace()).filter(trace -> trace.length > 0)
                            .map(trace -> " at " + trace[0]).orElse("")
                    + (wholeTrace ? "" : " (--debug prints the whole trace; please report it)"));
            if (wholeTrace) {
                e.printStackTrace(command.getErr());
            }
            return EXIT_DATA;
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message);
        return exitCode;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"httpmem " + (version == null ? "(development build)" : version)};
        }
    }
}
