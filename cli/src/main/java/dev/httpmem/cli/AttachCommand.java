package dev.httpmem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Loads the httpmem agent into a running JVM and starts a recording, without restarting it.",
                "The agent instruments the stack classes already loaded; the recording has the settings of the agent's",
                "out= option. JFR in the server writes REC.jfr when the recording stops: after --duration, at",
                "'httpmem attach PID --stop', or when the server exits.",
                "",
                "Attaching again while the recording runs changes nothing and says so. After --stop the agent's",
                "instrumentation stays in place but emits nothing; attaching again starts a new recording.",
                "The server keeps JDK's default of 256 old-object samples (-XX:FlightRecorderOptions:",
                "old-object-queue-size cannot change at run time). JDK 21 and later print a warning when an agent",
                "is loaded at run time; start the server with -XX:+EnableDynamicAgentLoading to allow it silently.",
                "Needs a JDK (jdk.attach module) and the same user as the server.",
                ""},
        footer = {
                "  httpmem attach 4711 --out rec.jfr --duration 5m",
                "  httpmem attach 4711 --out rec.jfr          # until: httpmem attach 4711 --stop"},
        exitCodeList = {"0:the recording started, was running already, or stopped (its line says which)",
                Main.EXIT_DATA + ":the JVM cannot be attached to, or the agent did not start in it (its message says why)",
                Main.EXIT_STATUS_USAGE})
final class AttachCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PID", description = "The JVM's process id (jps or jcmd lists them).")
    private long pid;

    @Option(names = "--out", paramLabel = "REC.jfr",
            description = "Where the server writes the recording (default: httpmem-PID.jfr here). With --stop, write there instead.")
    private Path out;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop the recording after D (e.g. 90s, 5m, 1h) while the server keeps running.")
    private Duration duration;

    @Option(names = "--stop", description = "Stop the recording and write it.")
    private boolean stop;

    /** The names the agent's {@code stacks=} takes (its {@code Stacks.names()}; a test keeps the two alike). */
    static final List<String> KNOWN_STACKS = List.of("jetty", "netty", "tomcat", "undertow", "grizzly", "grpc", "helidon", "jdkhttp", "jdkclient", "jettyclient", "okhttp", "servlet");

    /** {@link #KNOWN_STACKS} for picocli: --stacks' help lists them, as shell completion does. */
    static final class KnownStacks implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return KNOWN_STACKS.iterator();
        }
    }

    // Without --stacks no stacks= option is sent, so the agent's default applies: HelpTest checks the stacks it leaves out.
    @Option(names = "--stacks", paramLabel = "STACK", split = ",", completionCandidates = KnownStacks.class,
            description = "Instrument only these stacks, of: ${COMPLETION-CANDIDATES} (default: every supported stack present"
                    + " but jdkhttp, jdkclient, which need the agent's runtime on the bootstrap class path). Applies at the first attach.")
    private List<String> stacks;

    @Option(names = "--log", paramLabel = "LEVEL", defaultValue = "info",
            description = "The agent's log on the server's standard error: off, info or debug (default: ${DEFAULT-VALUE}). Applies at the first attach.")
    private String log;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (stop && duration != null) {
            throw new ParameterException(spec.commandLine(), "--stop and --duration do not go together");
        }
        if (!List.of("off", "info", "debug").contains(log)) {
            throw new ParameterException(spec.commandLine(), "--log must be off, info or debug: " + log);
        }
        if (stacks != null) {
            for (String stack : stacks) {
                if (!KNOWN_STACKS.contains(stack.toLowerCase(Locale.ROOT))) {
                    throw new ParameterException(spec.commandLine(), "--stacks: no stack called '" + stack + "' (known: "
                            + String.join(", ", KNOWN_STACKS) + ")");
                }
            }
        }
        JdkModules.require("jdk.attach", "that attaching needs");
        List<String> options = new ArrayList<>(List.of("log=" + log));
        if (stop) {
            options.add("stop");
            if (out != null) {
                options.add("out=" + out.toAbsolutePath());
            }
        } else {
            options.add("out=" + (out == null ? Paths.get("httpmem-" + pid + ".jfr") : out).toAbsolutePath());
            if (duration != null) {
                options.add("duration=" + DurationConverter.format(duration));
            }
        }
        if (stacks != null) {
            options.add("stacks=" + String.join(",", stacks));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            TargetJvm.AgentStatus status = target.loadAgent(BundledAgent.extract(), String.join(",", options));
            stdout.println("process " + pid + ": " + status.message()
                    + (status.state().equals("started") && duration == null ? "; stop it with: httpmem attach " + pid + " --stop" : ""));
            target.dynamicAgentNote().ifPresent(stderr::println);
        }
        return 0;
    }
}
