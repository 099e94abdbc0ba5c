package dev.httpmem.cli;

import dev.httpmem.analysis.ReportAnalysis;
import dev.httpmem.analysis.RetentionAnalysis;
import dev.httpmem.analysis.model.FlameStacks;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.DamagedChunks;
import dev.httpmem.analysis.model.RetentionReport;
import dev.httpmem.analysis.render.DiffText;
import dev.httpmem.analysis.render.HtmlReport;
import dev.httpmem.analysis.render.PageAssets;
import dev.httpmem.analysis.render.ReportJson;
import dev.httpmem.analysis.render.ReportText;
import dev.httpmem.load.LoadDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Runs httpmem end to end on an example server.",
                "",
                "Starts the server in a child JVM with the agent, sends HTTP/1.1 and HTTP/2 requests (HTTP/1.1 only",
                "to jdkhttp) for the seeds' 90 KiB JSON body, stops it, and reports the recording.",
                "",
                "On every example but jdkhttp it then runs the seeds' bug: the example with a planted leak on HTTP/2's",
                "response path (h2-body-retention, leaky), recorded with a full GC every few hundred exchanges, and",
                "prints what 'httpmem diff' finds: the verdict, the retaining allocation site and its path from a GC",
                "root; then the clean twin, which must show no retention; then a one-off burst (one request keeps",
                "20 MiB once), which the verdict names with its window and site.",
                "",
                "With --client it shows the client side instead: a client service (Reactor Netty's HttpClient, as",
                "Spring WebClient uses it) calls the reactor-netty example over HTTP/1.1 and then h2c, recorded with",
                "the agent, with a leak planted in the client (every HTTP/2 response it reads leaves 1/256 of its body",
                "in a static list), then its clean twin."},
        footer = {
                "  httpmem demo                                 Jetty, then the retention scenarios (about a minute)",
                "  httpmem demo --stack netty --keep rec.jfr    on Netty, keeping the recording for 'httpmem report rec.jfr'",
                "  httpmem demo --stack jdkhttp -n 500",
                "  httpmem demo --html demo.html                  also the planted leak's comparison as a page, to open in a browser",
                "  httpmem demo --client                        a leak in an HTTP client found, with its site and root path"},
        exitCodeList = {"0:the demo ran to its end",
                Main.EXIT_DATA + ":the example servers or the agent are not built, or a server failed (its message names"
                        + " the server's log)",
                Main.EXIT_STATUS_USAGE})
final class DemoCommand implements Callable<Integer> {
    private static final int BODY_SIZE = 90 * 1024;
    /** The example servers under examples/, by the stack name they report. */
    private static final List<String> STACKS = List.of("jetty", "netty", "tomcat", "undertow", "jdkhttp");
    /** Example servers that speak no HTTP/2: the demo sends them HTTP/1.1 only. */
    private static final Set<String> HTTP_1_ONLY = Set.of("jdkhttp");
    /** The example server --client calls, and the driver that calls it (examples/clients). */
    private static final String CLIENT_SERVER = "reactor-netty";
    private static final String CLIENTS = "clients";
    /** Forced GCs per protocol phase in the retention scenarios: enough for the fit after its warm-up share. */
    private static final int CHECKPOINTS_PER_PHASE = 20;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", defaultValue = "2000",
            description = "Requests per protocol (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "8",
            description = "Requests in flight per protocol (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--stack", paramLabel = "STACK", defaultValue = "jetty",
            description = "The example server (default: ${DEFAULT-VALUE}; available: jetty, netty, tomcat, undertow, jdkhttp).")
    private String stack;

    @Option(names = "--keep", paramLabel = "REC.jfr", description = "Keep the recording at REC.jfr, and the work folder (the"
            + " servers' logs, the retention scenarios' recordings), which is otherwise removed when the demo ends, unless"
            + " it fails.")
    private Path keep;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a page with charts and flame graphs to FILE, whole or"
            + " not at all: the planted leak's comparison (httpmem diff --html), or without the retention scenarios the"
            + " report's (httpmem report --html).")
    private Path html;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Option(names = "--retention", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the leaky and clean retention scenarios after the report (not on jdkhttp; default: on).")
    private boolean retention;

    @Option(names = "--retention-requests", paramLabel = "N", defaultValue = "5000",
            description = "Requests per protocol in each retention scenario (default: ${DEFAULT-VALUE}).")
    private int retentionRequests;

    @Option(names = "--client", description = "The client side: a client service with a leak planted, then its clean"
            + " twin, --retention-requests per protocol each (--stack, --requests, --concurrency and --json do not apply).")
    private boolean client;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (requests < 1 || concurrency < 1 || retentionRequests < CHECKPOINTS_PER_PHASE) {
            throw new ParameterException(spec.commandLine(), "--requests and --concurrency must be at least 1, "
                    + "--retention-requests at least " + CHECKPOINTS_PER_PHASE);
        }
        if (!STACKS.contains(stack)) {
            throw new ParameterException(spec.commandLine(),
                    "unknown stack '" + stack + "' (available: " + String.join(", ", STACKS) + ")");
        }
        // now rather than after minutes of recording
        for (Path file : new Path[] {keep, html}) {
            if (file != null) {
                Output.whyUnwritable(file).ifPresent(reason -> {
                    throw new CommandException((file == keep ? "--keep: " : "--html: ") + reason, Main.EXIT_USAGE);
                });
            }
        }
        if (client && json) {
            throw new ParameterException(spec.commandLine(), "--client prints the comparisons' verdicts, no report: drop --json");
        }
        PrintWriter progress = spec.commandLine().getErr();
        Installation installation = Installation.locate();
        // before the work folder: a checkout not built yet is told so and left as it was
        Jars jars = client
                ? new Jars(installation.agentJar(), installation.exampleJar(CLIENT_SERVER), installation.exampleJar(CLIENTS))
                : new Jars(installation.agentJar(), installation.exampleJar(stack), null);
        WorkFolder work = WorkFolder.create(Paths.get(System.getProperty("java.io.tmpdir")), "httpmem-demo", progress);
        try {
            if (client) {
                clientDemo(jars, work.path(), progress, spec.commandLine().getOut());
            } else {
                demo(jars, work.path(), progress, spec.commandLine().getOut());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            work.keep();
            progress.println("the work folder stays, with the servers' logs: " + work.path());
            throw e;
        }
        if (keep == null) {
            work.remove();
        } else {
            work.keep();
            progress.println("work folder kept: " + work.path());
        }
        return 0;
    }

    /** The agent, the example server the demo runs and, with --client, the client driver that calls it. */
    private record Jars(Path agent, Path example, Path clientDriver) {
    }

    /**
     * The client side: the server runs without the agent, the client driver with it, leaky then clean; each
     * recording compared as 'httpmem diff' would.
     */
    private void clientDemo(Jars jars, Path workDir, PrintWriter progress, PrintWriter out)
            throws IOException, InterruptedException {
        progress.println("starting the " + CLIENT_SERVER + " example for the client to call, without the agent (work folder "
                + workDir + ")");
        try (ExampleServerProcess server = ExampleServerProcess.startWithoutAgent(javaHome(), List.of(), jars.example(),
                workDir.resolve("server"))) {
            String url = "http://127.0.0.1:" + server.port() + "/body?size=" + BODY_SIZE;
            out.println("Client-side retention: Reactor Netty's HttpClient keeps 1/256 of every HTTP/2 response body it"
                    + " reads (planted)");
            out.flush();
            Path leakyRecording = clientRecording(jars, url, true, workDir.resolve("client-leaky"), progress);
            if (keep != null) {
                Output.copy(leakyRecording, keep);
                progress.println("recording kept at " + keep);
            }
            RetentionReport leaky = RetentionAnalysis.analyze(List.of(leakyRecording), List.of(),
                    RetentionAnalysis.DEFAULT_TOP, DamagedChunks.REFUSE,
                    html != null ? FlameStacks.Collected.ALLOCATION_AND_LIVE : FlameStacks.Collected.NONE);
            out.print(DiffText.headline(leaky));
            writeHtml(assets -> HtmlReport.diff(leaky, assets), progress);
            out.println();
            out.println("Client-side retention: its clean twin");
            out.flush();
            Path cleanRecording = clientRecording(jars, url, false, workDir.resolve("client-clean"), progress);
            out.print(DiffText.headline(RetentionAnalysis.analyze(List.of(cleanRecording))));
            out.flush();
        }
    }

    /** The client driver's recording: --retention-requests per protocol, a full GC every twentieth of them. */
    private Path clientRecording(Jars jars, String url, boolean leaky, Path workDir, PrintWriter progress)
            throws IOException, InterruptedException {
        progress.println("running the " + (leaky ? "leaky" : "clean") + " client with the httpmem agent: "
                + retentionRequests + " requests over HTTP/1.1, then as many over h2c");
        List<String> args = new ArrayList<>(List.of("--url", url, "--requests", Integer.toString(retentionRequests)));
        if (leaky) {
            args.add("--leaky");
        }
        return ClientDriverProcess.run(javaHome(), List.of(), jars.agent(), "log=off,gc-every=" + gcEvery(),
                jars.clientDriver(), args, workDir);
    }

    private int gcEvery() {
        return Math.max(1, retentionRequests / CHECKPOINTS_PER_PHASE);
    }

    private static Path javaHome() {
        return Paths.get(System.getProperty("java.home"));
    }

    private void demo(Jars jars, Path workDir, PrintWriter progress, PrintWriter out)
            throws IOException, InterruptedException {
        progress.println("starting the " + stack + " example with the httpmem agent (work folder " + workDir + ")");
        // The JDK's own server is instrumented only when named: it needs the bootstrap class path.
        String agentOptions = HTTP_1_ONLY.contains(stack) ? "log=off,stacks=" + stack : "log=off";
        Path recording = record(jars, agentOptions, List.of(), requests, workDir.resolve("allocation"), progress);
        if (keep != null) {
            Output.copy(recording, keep);
            progress.println("recording kept at " + keep);
        }
        // The page is the leaky scenario's comparison where the retention scenarios run, else this report.
        boolean retentionScenarios = retention && !json && !HTTP_1_ONLY.contains(stack);
        Report report = ReportAnalysis.analyze(recording, ReportAnalysis.DEFAULT_TOP_SITES, DamagedChunks.REFUSE,
                html != null && !retentionScenarios ? FlameStacks.Collected.ALLOCATION : FlameStacks.Collected.NONE);
        out.print(json ? ReportJson.toJson(report) : ReportText.format(report));
        out.flush();
        if (retentionScenarios) {
            out.println();
            out.println("Retention: the seeds' bug, planted (HTTP/2 keeps a copy of 1/256 of every response body)");
            RetentionReport leaky = retention(jars, true, workDir.resolve("leaky"), progress);
            out.print(DiffText.headline(leaky));
            writeHtml(assets -> HtmlReport.diff(leaky, assets), progress);
            out.println();
            out.println("Retention: its clean twin");
            out.print(DiffText.headline(retention(jars, false, workDir.resolve("clean"), progress)));
            out.println();
            out.println("Retention in a burst: one HTTP/2 request, halfway through, keeps 20 MiB once");
            out.print(DiffText.headline(burst(jars, workDir.resolve("burst"), progress)));
            out.flush();
        } else {
            writeHtml(assets -> HtmlReport.report(report, assets), progress);
        }
    }

    private void writeHtml(Function<PageAssets, String> page, PrintWriter progress) {
        if (html != null) {
            Output.write(page.apply(HtmlAssets.load()), html);
            progress.println("page written: " + html);
        }
    }

    /** A recording of the leaky burst scenario: /burst requested once, halfway through the HTTP/2 requests. */
    private RetentionReport burst(Jars jars, Path workDir, PrintWriter progress)
            throws IOException, InterruptedException {
        progress.println("starting the leaky burst example");
        String agentOptions = "log=off,gc-every=" + gcEvery();
        Path recording = record(jars, agentOptions, List.of("--scenario", "burst", "--leaky"),
                retentionRequests, workDir, progress, URI.create("/burst"));
        return RetentionAnalysis.analyze(List.of(recording));
    }

    /** A recording of the h2-body-retention scenario with a full GC every twentieth of each protocol's requests. */
    private RetentionReport retention(Jars jars, boolean leaky, Path workDir, PrintWriter progress)
            throws IOException, InterruptedException {
        progress.println("starting the " + (leaky ? "leaky" : "clean") + " h2-body-retention example");
        List<String> scenario = leaky ? List.of("--scenario", "h2-body-retention", "--leaky")
                : List.of("--scenario", "h2-body-retention");
        String agentOptions = "log=off,gc-every=" + gcEvery();
        Path recording = record(jars, agentOptions, scenario, retentionRequests, workDir, progress);
        return RetentionAnalysis.analyze(List.of(recording), List.of(), RetentionAnalysis.DEFAULT_TOP, DamagedChunks.REFUSE,
                leaky && html != null ? FlameStacks.Collected.ALLOCATION_AND_LIVE : FlameStacks.Collected.NONE);
    }

    /** Runs the example with the agent, drives it over each protocol it speaks, and returns its recording. */
    private Path record(Jars jars, String agentOptions, List<String> serverArgs, int perProtocol,
                        Path workDir, PrintWriter progress) throws IOException, InterruptedException {
        return record(jars, agentOptions, serverArgs, perProtocol, workDir, progress, null);
    }

    /** @param halfway requested once over HTTP/2 after half its requests (a path), or null */
    private Path record(Jars jars, String agentOptions, List<String> serverArgs, int perProtocol,
                        Path workDir, PrintWriter progress, URI halfway) throws IOException, InterruptedException {
        try (ExampleServerProcess server = ExampleServerProcess.start(javaHome(), List.of(), jars.agent(), agentOptions,
                jars.example(), serverArgs, workDir)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            URI body = base.resolve("/body?size=" + BODY_SIZE);
            drive(LoadDriver.Protocol.HTTP_1_1, body, perProtocol, progress);
            if (halfway != null) {
                drive(LoadDriver.Protocol.HTTP_2, body, perProtocol / 2, progress);
                drive(LoadDriver.Protocol.HTTP_2, base.resolve(halfway), 1, progress);
                drive(LoadDriver.Protocol.HTTP_2, body, perProtocol - perProtocol / 2, progress);
            } else if (!HTTP_1_ONLY.contains(stack)) {
                drive(LoadDriver.Protocol.HTTP_2, body, perProtocol, progress);
            }
            progress.println("stopping the server; JFR writes the recording");
            return server.stop();
        }
    }

    private void drive(LoadDriver.Protocol protocol, URI uri, int requests, PrintWriter progress)
            throws IOException, InterruptedException {
        String name = protocol == LoadDriver.Protocol.HTTP_1_1 ? "HTTP/1.1" : "HTTP/2 (h2c)";
        int step = Math.max(1, requests / 10);
        LoadDriver.Result result = LoadDriver.run(protocol, uri, requests, concurrency, done -> {
            if (done % step == 0 || done == requests) {
                synchronized (progress) {
                    progress.printf("  %-13s %6d/%d requests%n", name, done, requests);
                    progress.flush();
                }
            }
        });
        if (result.failed() > 0) {
            progress.printf("  %s: %d of %d requests failed%n", name, result.failed(), result.sent());
        }
    }
}
