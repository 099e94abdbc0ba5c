package dev.httpmem.cli;

import dev.httpmem.analysis.AnalysisException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "httpmem",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {DemoCommand.class, ReportCommand.class, DiffCommand.class, LoadCommand.class,
                AttachCommand.class, WatchCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Profiles allocation and retention of Java HTTP servers per protocol (HTTP/1.1, HTTP/2) and per HTTP/2 stream.",
                "",
                "Try it:  httpmem demo",
                "",
                "Record with the agent, which writes a JFR recording with httpmem events:",
                "  java -javaagent:httpmem-agent.jar=out=rec.jfr \\",
                "       -XX:FlightRecorderOptions:old-object-queue-size=4096 -jar yourserver.jar",
                "then, after stopping the server:",
                "  httpmem report rec.jfr     allocation per protocol, endpoint and site",
                "  httpmem diff rec.jfr       retention per exchange, HTTP/1.1 against HTTP/2 (add gc-every=500",
                "                             to the agent's options for exact numbers; see 'httpmem diff --help')",
                "",
                "Or attach to a running JVM, watch it live, and report:",
                "  httpmem attach PID --out rec.jfr --duration 5m",
                "  httpmem watch PID",
                ""},
        footer = {"", "Exit status: 0 success, 1 bad or unusable data, 2 bad usage, 3 diff --fail-on-retention exceeded.",
                "Run 'httpmem COMMAND --help' for a command's options."})
public final class Main implements Runnable {
    public static final int EXIT_DATA = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_RETENTION = 3;
    private static final int HELP_WIDTH = 120;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs the command line; returns the exit status rather than exiting. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                // The help texts are laid out for this width; picocli's default of 80 would re-wrap their lines.
                .setUsageHelpWidth(HELP_WIDTH)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler(Main::failure);
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

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(name + ": " + e.getMessage());
        err.println("Try '" + name + " --help'");
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parseResult) {
        String message;
        int exitCode;
        if (e instanceof AnalysisException analysis) {
            message = analysis.getMessage();
            exitCode = EXIT_DATA;
        } else if (e instanceof CommandException failure) {
            message = failure.getMessage();
            exitCode = failure.exitCode();
        } else {
            message = "internal error: " + e + Optional.ofNullable(e.getStackTrace())
                    .filter(trace -> trace.length > 0).map(trace -> " at " + trace[0]).orElse("");
            exitCode = EXIT_DATA;
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
