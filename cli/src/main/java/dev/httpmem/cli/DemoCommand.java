package dev.httpmem.cli;

import dev.httpmem.analysis.Report;
import dev.httpmem.analysis.ReportAnalysis;
import dev.httpmem.load.LoadDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Runs httpmem end to end on an example server: starts it in a child JVM with the agent, sends",
                "HTTP/1.1 and HTTP/2 requests (HTTP/1.1 only to jdkhttp) for the seeds' 90 KiB JSON body, stops it,",
                "and reports the recording."})
final class DemoCommand implements Callable<Integer> {
    private static final int BODY_SIZE = 90 * 1024;
    /** The example servers under examples/, by the stack name they report. */
    private static final List<String> STACKS = List.of("jetty", "netty", "tomcat", "jdkhttp");
    /** Example servers that speak no HTTP/2: the demo sends them HTTP/1.1 only. */
    private static final Set<String> HTTP_1_ONLY = Set.of("jdkhttp");

    @Option(names = {"-n", "--requests"}, paramLabel = "N", defaultValue = "2000",
            description = "Requests per protocol (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "8",
            description = "Requests in flight per protocol (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--stack", paramLabel = "STACK", defaultValue = "jetty",
            description = "The example server (default: ${DEFAULT-VALUE}; available: jetty, netty, tomcat, jdkhttp).")
    private String stack;

    @Option(names = "--keep", paramLabel = "REC.jfr", description = "Keep the recording at REC.jfr.")
    private Path keep;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (requests < 1 || concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--requests and --concurrency must be at least 1");
        }
        if (!STACKS.contains(stack)) {
            throw new ParameterException(spec.commandLine(),
                    "unknown stack '" + stack + "' (available: " + String.join(", ", STACKS) + ")");
        }
        PrintWriter progress = spec.commandLine().getErr();
        Installation installation = Installation.locate();
        Path workDir = Files.createTempDirectory("httpmem-demo");
        progress.println("starting the " + stack + " example with the httpmem agent (work folder " + workDir + ")");
        Path recording;
        try (ExampleServerProcess server = ExampleServerProcess.start(Paths.get(System.getProperty("java.home")),
                installation.agentJar(), "log=off", installation.exampleJar(stack), workDir)) {
            URI body = URI.create("http://127.0.0.1:" + server.port() + "/body?size=" + BODY_SIZE);
            drive(LoadDriver.Protocol.HTTP_1_1, body, progress);
            if (!HTTP_1_ONLY.contains(stack)) {
                drive(LoadDriver.Protocol.HTTP_2, body, progress);
            }
            progress.println("stopping the server; JFR writes the recording");
            recording = server.stop();
        }
        if (keep != null) {
            Output.copy(recording, keep);
            progress.println("recording kept at " + keep);
        }
        Report report = ReportAnalysis.analyze(recording, ReportAnalysis.DEFAULT_TOP_SITES);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() : ReportText.format(report));
        out.flush();
        return 0;
    }

    private void drive(LoadDriver.Protocol protocol, URI uri, PrintWriter progress) throws IOException, InterruptedException {
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
