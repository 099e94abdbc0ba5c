package dev.httpmem.cli;

import dev.httpmem.analysis.LiveAnalysis;
import dev.httpmem.analysis.model.LiveSnapshot;
import dev.httpmem.analysis.render.LiveJson;
import dev.httpmem.analysis.render.WatchText;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Shows httpmem's events and the JDK's samples live, refreshed every second.",
                "",
                "Per protocol exchanges/s, allocated bytes per exchange (p50, p99 since the watch began), the heap",
                "after the last GC, the retained bytes per exchange estimated so far from the agent's heap checkpoints",
                "(95%% CI), and the top allocation sites. Ctrl-C ends the watch.",
                "",
                "A local JVM shows what its running recordings enable: start one with 'httpmem attach PID', or with",
                "--out (which starts one for the watch). Over JMX the watch records what it shows itself; the remote",
                "JVM needs the agent (-javaagent or attach) for httpmem's events, and JDK 16 or later. For JMX with",
                "authentication give --jmx-user and the password in HTTPMEM_JMX_PASSWORD (else it is asked for);",
                "for TLS set javax.net.ssl.trustStore (e.g. in JAVA_TOOL_OPTIONS), and --jmx-registry-tls when the",
                "registry uses TLS too.",
                ""},
        footer = {
                "  httpmem attach 4711 && httpmem watch 4711      # a local JVM, through its JFR repository",
                "  httpmem watch --jmx db1:9010 --json            # a remote JVM, through JMX",
                "  httpmem watch --repository /tmp/2025_01_01_12_00_00_4711"},
        exitCodeList = {"0:the watch ended: Ctrl-C, or the JVM exited",
                Main.EXIT_DATA + ":the JVM, its JMX agent or the repository cannot be read, or the event stream failed",
                Main.EXIT_STATUS_USAGE})
final class WatchCommand implements Callable<Integer> {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    static final class Target {
        @Parameters(paramLabel = "PID", description = "A JVM on this machine, of this user.")
        Long pid;

        @Option(names = "--jmx", paramLabel = "HOST:PORT", description = "A JVM's JMX agent.")
        String jmx;

        @Option(names = "--repository", paramLabel = "DIR", description = "A JFR disk repository (the JVM's jdk.jfr.repository).")
        Path repository;
    }

    @Option(names = "--json", description = "Print one JSON object per line and interval instead of the view.")
    private boolean json;

    @Option(names = "--out", paramLabel = "REC.jfr", description = "Keep what the watch saw as a recording (with a PID or --jmx).")
    private Path out;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "Allocation sites to show per protocol (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--jmx-user", paramLabel = "USER", description = "JMX user; the password comes from HTTPMEM_JMX_PASSWORD or is asked for.")
    private String jmxUser;

    @Option(names = "--jmx-registry-tls", description = "The JMX agent's RMI registry uses TLS (com.sun.management.jmxremote.registry.ssl).")
    private boolean jmxRegistryTls;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (top < 0) {
            throw new ParameterException(spec.commandLine(), "--top must not be negative: " + top);
        }
        if (out != null && target.repository != null) {
            throw new ParameterException(spec.commandLine(), "--out needs a PID or --jmx: a repository cannot be asked to write a recording");
        }
        if ((jmxUser != null || jmxRegistryTls) && target.jmx == null) {
            throw new ParameterException(spec.commandLine(), "--jmx-user and --jmx-registry-tls go with --jmx");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (WatchSource source = open(stderr)) {
            LiveAnalysis analysis = new LiveAnalysis(top, Instant.now());
            analysis.subscribe(source.stream());
            source.stream().onError(error -> {
                failure.compareAndSet(null, error);
                stop.countDown();
            });
            source.stream().onClose(stop::countDown);
            Interrupts.onStop(stop::countDown);
            source.stream().startAsync();
            stderr.println("watching " + source.description() + "; Ctrl-C to stop");
            stderr.flush();
            boolean redraw = !json && Terminal.console().isPresent();
            while (!stop.await(INTERVAL.toMillis(), TimeUnit.MILLISECONDS) && !source.ended()) {
                print(analysis.snapshot(Instant.now()), source, redraw, stdout);
            }
            print(analysis.snapshot(Instant.now()), source, redraw, stdout);
            if (source.ended()) {
                stderr.println(source.description() + " ended"); // its stream may fail as the JVM's files go: no news
            } else if (failure.get() != null) {
                Throwable error = failure.get();
                throw new CommandException("the event stream failed: " + (error.getMessage() == null ? error : error.getMessage()),
                        Main.EXIT_DATA);
            }
            if (out != null) {
                source.keep(out);
                stderr.println("kept what the watch saw in " + out);
            }
        }
        return 0;
    }

    private WatchSource open(PrintWriter notes) {
        if (target.repository != null) {
            return RepositorySource.open(target.repository);
        }
        if (target.jmx != null) {
            JdkModules.require("jdk.management.jfr", "that watching over JMX needs");
            return JmxSource.connect(target.jmx, jmxUser == null ? null : new String[] {jmxUser, jmxPassword()}, jmxRegistryTls);
        }
        JdkModules.require("jdk.attach", "that watching a local JVM needs");
        return LocalJvmSource.open(target.pid, out, notes);
    }

    private String jmxPassword() {
        String password = System.getenv("HTTPMEM_JMX_PASSWORD");
        if (password != null) {
            return password;
        }
        Console console = Terminal.console().orElseThrow(
                () -> new CommandException("no JMX password: set HTTPMEM_JMX_PASSWORD", Main.EXIT_USAGE));
        char[] typed = console.readPassword("JMX password for %s: ", jmxUser);
        return typed == null ? "" : new String(typed);
    }

    private void print(LiveSnapshot snapshot, WatchSource source, boolean redraw, PrintWriter stdout) {
        if (json) {
            stdout.print(LiveJson.toJsonLine(snapshot));
        } else {
            stdout.print((redraw ? CLEAR_SCREEN : "") + WatchText.format(snapshot, source.description()) + (redraw ? "" : "\n"));
        }
        stdout.flush();
    }
}
