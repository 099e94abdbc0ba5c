package dev.httpmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.MiniJson;
import dev.httpmem.analysis.TestRecordings;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    static Path dir;
    static Path recording;
    static volatile Object sink;

    @BeforeAll
    static void record() {
        recording = TestRecordings.record(dir.resolve("rec.jfr"), () -> {
            TestRecordings.slice("HTTP/2", () -> sink = new byte[1 << 20]);
            TestRecordings.exchange("HTTP/2", "GET", "/items", "completed", 4096, 1024, 3);
            TestRecordings.exchange("HTTP/1.1", "GET", "/items", "completed", 2048, 1024, 1);
            TestRecordings.agentStatistics(0, 0, 0);
        });
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void reportsText() {
        Result result = run("report", recording.toString());
        assertEquals(new Result(0, result.out(), ""), result);
        assertTrue(result.out().startsWith("Recording " + recording + ": "), result.out());
        assertTrue(result.out().contains("exchanges: 1 HTTP/1.1, 1 HTTP/2\n"), result.out());
        assertTrue(result.out().contains("\n  HTTP/2    GET     /items"), result.out());
        assertTrue(result.out().contains("Agent: httpmem 0.1.0-test on jetty; suppressed errors 0, untracked exchanges 0"), result.out());
    }

    @Test
    void reportsJson() {
        Result result = run("report", "--json", "--top", "1", recording.toString());
        assertEquals(0, result.exitCode());
        Map<?, ?> json = (Map<?, ?>) MiniJson.parse(result.out());
        assertEquals(2, ((List<?>) json.get("protocols")).size());
        assertEquals(recording.toString(), ((Map<?, ?>) json.get("recording")).get("file"));
    }

    @Test
    void writesOutputFileInsteadOfStdout() throws Exception {
        Path out = dir.resolve("report.json");
        Files.writeString(out, "old");
        Result result = run("report", "--json", "--out", out.toString(), recording.toString());
        assertEquals(new Result(0, "", ""), result);
        assertEquals(run("report", "--json", recording.toString()).out(), Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void unwritableOutputIsOneLine() {
        Path out = dir.resolve("missing/report.txt");
        assertEquals(new Result(1, "", "httpmem report: cannot write " + out + ": no such directory\n"),
                run("report", "--out", out.toString(), recording.toString()));
    }

    @Test
    void missingFile() {
        assertEquals(new Result(1, "", "httpmem report: no such file: x.jfr\n"), run("report", "x.jfr"));
    }

    @Test
    void notAJfrFile() throws Exception {
        Path text = Files.writeString(dir.resolve("x.txt"), "hello, this is not a recording\n");
        assertEquals(new Result(1, "", "httpmem report: not a JFR file: " + text + "\n"), run("report", text.toString()));
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertEquals(new Result(1, "", "httpmem report: empty file: " + empty + "; JFR writes it when the recording stops."
                + " If its JVM was killed, httpmem report --salvage DIR reads what it recorded from its JFR repository"
                + " (the agent's start line names it)\n"), run("report", empty.toString()));
    }

    @Test
    void truncatedJfrFile() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        assertEquals(new Result(1, "", "httpmem report: truncated or corrupt JFR file: " + half
                        + " (chunk 1 of 1 is damaged: the file ends at byte " + whole.length / 2 + ", inside the chunk that"
                        + " begins at byte 0 and has " + whole.length + " bytes; --salvage reads the chunks that are whole)\n"),
                run("report", half.toString()));
    }

    @Test
    void unfinishedJfrFile() throws Exception {
        byte[] bytes = Files.readAllBytes(recording);
        bytes[64] = 1;
        Path running = Files.write(dir.resolve("running.jfr"), bytes);
        assertEquals(new Result(1, "", "httpmem report: truncated or corrupt JFR file: " + running
                        + " (chunk 1 of 1 is unfinished: the recording is still running, or its JVM was killed; --salvage"
                        + " reads it up to its last flush)\n"),
                run("report", running.toString()));
    }

    @Test
    void jfrWithoutHttpmemEvents() {
        Path plain = TestRecordings.record(dir.resolve("plain.jfr"), () -> sink = new byte[1 << 20]);
        assertEquals(new Result(1, "", "httpmem report: no httpmem events in " + plain
                        + "; record with: java -javaagent:httpmem-agent.jar=out=rec.jfr ..."
                        + " (or enable httpmem.* events in your own recording)\n"),
                run("report", plain.toString()));
    }

    @Test
    void usageErrors() {
        assertEquals(new Result(2, "", "httpmem report: Missing required parameter: 'REC.jfr'"
                + " (see 'httpmem report --help')\n"),
                run("report"));
        assertEquals(new Result(2, "", "httpmem report: Unknown option: '--bogus' (see 'httpmem report --help')\n"),
                run("report", "--bogus", recording.toString()));
        assertEquals(new Result(2, "", "httpmem report: --top must not be negative: -1"
                + " (see 'httpmem report --help')\n"),
                run("report", "--top", "-1", recording.toString()));
        assertEquals(2, run("report", "--top", "many", recording.toString()).exitCode());
        assertEquals(new Result(2, "", "httpmem: missing command (see 'httpmem --help')\n"), run());
        assertEquals(new Result(2, "", "httpmem: Unmatched argument at index 0: 'nope'"
                + " (see 'httpmem --help')\n"), run("nope"));
    }

    @Test
    void helpTeachesHowToRecord() {
        Result help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains(
                """
                  java -javaagent:httpmem-agent.jar=out=rec.jfr \\
                       -XX:FlightRecorderOptions:old-object-queue-size=4096 -jar yourserver.jar
                """),
                help.out());
        assertTrue(help.out().contains("httpmem report rec.jfr"), help.out());
        assertTrue(help.out().contains("report "), help.out());
        assertEquals(0, run("report", "--help").exitCode());
        assertEquals(new Result(0, "httpmem (development build)\n", ""), run("--version"));
    }

    @Test
    void diffPrintsVerdictThenTopSiteAndPath() {
        Path leaky = leaky();
        Result result = run("diff", leaky.toString());
        assertEquals(new Result(0, result.out(), ""), result);
        String[] lines = result.out().split("\n");
        assertTrue(lines[0].matches("HTTP/1\\.1 retains -?\\d+ B/exchange \\(95% CI -?\\d+\\.\\.-?\\d+\\); "
                + "HTTP/2 retains \\d{3} B/exchange \\(95% CI \\d{3}\\.\\.\\d{3}\\): HTTP/2-only retention"), lines[0]);
        assertTrue(lines[1].startsWith("Top retained site (HTTP/2, "), lines[1]);
        assertTrue(lines[2].startsWith("  static dev.httpmem.analysis.TestRecordings.RETAINED → "), result.out());
        assertTrue(result.out().contains("\nRetention tracker: "), result.out());
    }

    @Test
    void diffJsonAndFailOnRetention() {
        Path leaky = leaky();
        Result json = run("diff", "--json", leaky.toString());
        assertEquals(0, json.exitCode());
        Map<?, ?> parsed = (Map<?, ?>) MiniJson.parse(json.out());
        String verdict = (String) parsed.get("verdict");
        assertTrue(verdict.endsWith("HTTP/2-only retention"), verdict);
        Map<?, ?> fit = (Map<?, ?>) ((List<?>) parsed.get("fits")).get(0);
        assertEquals(((List<?>) fit.get("steps")).size(), ((Number) fit.get("stepsAbsorbed")).intValue(), fit.toString());
        Result failed = run("diff", "--fail-on-retention", "100", "--json", leaky.toString());
        assertEquals(new Result(3, json.out(), "httpmem diff: retention above 100 B/exchange: " + verdict + "\n"), failed);
        assertEquals(0, run("diff", "--fail-on-retention", "1000", leaky.toString()).exitCode());
    }

    /** The pages are whole, inline everything, and carry their data; a browser draws them in HtmlReportIT. */
    @Test
    void reportAndDiffWriteSelfContainedPages() throws Exception {
        Path leaky = leaky();
        Path report = dir.resolve("report.html");
        Path diff = dir.resolve("diff.html");
        assertEquals(run("report", leaky.toString()), run("report", "--html", report.toString(), leaky.toString()),
                "the text report as without --html");
        assertEquals(0, run("diff", "--html", diff.toString(), leaky.toString()).exitCode());
        for (Path page : List.of(report, diff)) {
            String html = Files.readString(page);
            assertTrue(html.startsWith("<!DOCTYPE html>") && html.endsWith("</html>\n"), page.toString());
            assertTrue(html.contains("uPlot") && html.contains("Produced by"), "charting library and flame graphs inlined");
            assertFalse(html.matches("(?s).*(\\bsrc=[\"']?(https?:)?//|@import).*"), "nothing to load from elsewhere");
        }
        assertTrue(Files.readString(diff).contains("TestRecordings.RETAINED"), "the retained site's root path");
        Path unwritable = dir.resolve("missing/page.html");
        assertEquals(new Result(1, "", "httpmem diff: cannot write --html " + unwritable + ": no such folder: "
                + unwritable.getParent() + "\n"), run("diff", "--html", unwritable.toString(), leaky.toString()));
    }

    @Test
    void diffLabelsNameTheRecordings() {
        Path leaky = leaky();
        Result labelled = run("diff", "--label", "before", "--label", "after", leaky.toString(), leaky.toString());
        assertEquals(0, labelled.exitCode(), labelled.err());
        assertTrue(labelled.out().contains("HTTP/2 (before)") && labelled.out().contains("HTTP/2 (after)"), labelled.out());
        assertEquals(new Result(2, "", "httpmem diff: --label once per recording: 1 labels for 2 recordings"
                + " (see 'httpmem diff --help')\n"), run("diff", "--label", "before", leaky.toString(), leaky.toString()));
        assertEquals(new Result(2, "", "httpmem diff: --label names must be distinct and not blank: [same, same]"
                + " (see 'httpmem diff --help')\n"),
                run("diff", "--label", "same", "--label", "same", leaky.toString(), leaky.toString()));
    }

    @Test
    void diffSaysWhenThereIsTooLittleData() {
        Result result = run("diff", recording.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("HTTP/1.1: too little data; HTTP/2: too little data:"
                + " too little data for HTTP/1.1 and HTTP/2\n"), result.out());
        assertTrue(result.out().contains("- no httpmem.HeapCheckpoint events: "), result.out());
        assertTrue(result.out().contains("- HTTP/2: 0 GCs after warm-up, 8 needed: run longer, or force GCs with the"
                + " agent option gc-every=N\n"), result.out());
    }

    @Test
    void diffErrors() {
        assertEquals(new Result(1, "", "httpmem diff: no such file: x.jfr\n"), run("diff", recording.toString(), "x.jfr"));
        Path plain = TestRecordings.record(dir.resolve("plain-diff.jfr"), () -> sink = new byte[1 << 20]);
        assertEquals(new Result(1, "", "httpmem diff: no httpmem events in " + plain
                        + "; record with: java -javaagent:httpmem-agent.jar=out=rec.jfr ..."
                        + " (or enable httpmem.* events in your own recording)\n"),
                run("diff", plain.toString()));
        assertEquals(2, run("diff", "a.jfr", "b.jfr", "c.jfr").exitCode());
        assertEquals(new Result(2, "", "httpmem diff: --fail-on-retention must be bytes, 0 or more: -1.0"
                + " (see 'httpmem diff --help')\n"), run("diff", "--fail-on-retention", "-1", recording.toString()));
        Result help = run("diff", "--help");
        assertTrue(help.out().contains("gc-every=500") && help.out().contains("old-object-queue-size=4096"), help.out());
    }

    @Test
    void loadSendsOverTheGivenConnectionsRoundRobin() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, Integer> paths = new ConcurrentHashMap<>();
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        server.createContext("/", exchange -> {
            paths.merge(exchange.getRequestURI().toString(), 1, Integer::sum);
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ignored";
            Result result = run("load", url, "--protocol", "h1", "-n", "50", "-c", "3", "--path", "/a", "--path", "b?x=1");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().matches("HTTP/1\\.1: 50 requests, 0 failed, [\\d.]+ s, [\\d,]+ req/s; answered 2xx 50\n"),
                    result.out());
            assertTrue(result.err().contains("  HTTP/1.1 50/50 requests\n"), result.err());
            assertEquals(Map.of("/a", 25, "/b?x=1", 25), paths);
            assertEquals(3, clientPorts.size());

            Result h2 = run("load", url, "--protocol", "h2", "-n", "2");
            assertTrue(h2.err().contains("httpmem load: warning: asked for HTTP/2, the server answered HTTP/1.1"
                    + " (does it accept h2c by Upgrade?)"), h2.err());

            Result misbehaving = run("load", url, "--protocol", "h1", "-n", "1", "--misbehave", "4");
            assertEquals(0, misbehaving.exitCode(), misbehaving.err());
            assertTrue(misbehaving.out().endsWith("HTTP/1.1: 4 misbehaving requests, 0 failed: 2 disconnected, 2 slow readers\n"),
                    misbehaving.out());
            // This server speaks no HTTP/2, which its misbehaving clients need.
            Result refused = run("load", url, "--protocol", "h2", "-n", "1", "--misbehave", "4");
            assertEquals(1, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("httpmem load: 4 of 4 misbehaving HTTP/2 requests failed; the first: "), refused.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void loadFailuresAndUsage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // A port nobody listens on stops the run at once, whatever -n asked for.
        Result refused = run("load", "http://127.0.0.1:" + closedPort + "/", "--protocol", "both", "-n", "300000");
        assertEquals(1, refused.exitCode());
        assertEquals("", refused.out());
        assertTrue(refused.err().endsWith("httpmem load: cannot connect: ConnectException (http://127.0.0.1:" + closedPort
                + "/); is the server listening there?\n"), refused.err());
        assertEquals(new Result(2, "", "httpmem load: --protocol must be h1, h2 or both: h3"
                + " (see 'httpmem load --help')\n"),
                run("load", "http://localhost/", "--protocol", "h3"));
        assertEquals(new Result(2, "", "httpmem load: URL must be http:// or https:// with a host: ftp://x/"
                + " (see 'httpmem load --help')\n"), run("load", "ftp://x/"));
        assertEquals(new Result(2, "", "httpmem load: --misbehave sends its requests over cleartext: give an http:// URL"
                + " (see 'httpmem load --help')\n"), run("load", "https://localhost/", "--misbehave", "10"));
        assertEquals(new Result(2, "", "httpmem load: --misbehave must be 0 or more"
                + " (see 'httpmem load --help')\n"), run("load", "http://localhost/", "--misbehave", "-1"));
    }

    private static Path leaky() {
        Path leaky = dir.resolve("leaky.jfr");
        return Files.exists(leaky) ? leaky : TestRecordings.leakyRun(leaky, 300);
    }

    @Test
    void attachAndWatchUsageErrors() {
        assertEquals(new Result(2, "", "httpmem attach: --stop and --duration do not go together"
                + " (see 'httpmem attach --help')\n"),
                run("attach", "1", "--stop", "--duration", "5s"));
        Result badDuration = run("attach", "1", "--duration", "5 minutes");
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().contains("not a duration: '5 minutes' (e.g. 500ms, 90s, 5m, 1h)"), badDuration.err());
        // Before touching the JVM: process 1 is never attached to.
        assertEquals(new Result(2, "", "httpmem attach: --stacks: no stack called 'bogus' (known: jetty, netty, tomcat, undertow, grizzly, grpc, helidon, jdkhttp, jdkclient, jettyclient, okhttp, servlet)"
                + " (see 'httpmem attach --help')\n"), run("attach", "1", "--stacks", "netty,bogus"));
        assertEquals(2, run("watch").exitCode());
        assertEquals(2, run("watch", "1", "--jmx", "host:1").exitCode());
        assertEquals(new Result(2, "", "httpmem watch: --out needs a PID or --jmx: a repository cannot be asked to write a recording"
                + " (see 'httpmem watch --help')\n"), run("watch", "--repository", dir.toString(), "--out", "x.jfr"));
        Path missing = dir.resolve("no-repository");
        assertEquals(new Result(1, "", "httpmem watch: no such JFR repository: " + missing + "\n"),
                run("watch", "--repository", missing.toString()));
    }

    @Test
    void attachKnowsTheStacksTheAgentKnows() {
        assertEquals(dev.httpmem.agent.stacks.Stacks.names(), AttachCommand.KNOWN_STACKS);
    }

    @Test
    void attachAndWatchHelpShowExamples() {
        assertTrue(run("attach", "--help").out().contains("httpmem attach 4711 --out rec.jfr --duration 5m"));
        assertTrue(run("watch", "--help").out().contains("httpmem watch --jmx db1:9010 --json"));
    }

    /** A bug of httpmem's is one line naming it and where it happened; --debug adds the whole trace. */
    @Test
    void anInternalErrorIsOneLineAndDebugAddsItsTrace() {
        for (boolean debug : new boolean[] {false, true}) {
            String[] args = debug ? new String[] {"report", "--debug", "x.jfr"} : new String[] {"report", "x.jfr"};
            picocli.CommandLine main = Main.commandLine(args);
            main.parseArgs(args);
            picocli.CommandLine report = main.getSubcommands().get("report");
            StringWriter err = new StringWriter();
            report.setErr(new PrintWriter(err, true));
            assertEquals(Main.EXIT_DATA, Main.failure(new IllegalStateException("boom"), report, null));
            List<String> lines = err.toString().lines().toList();
            assertTrue(lines.get(0).startsWith("httpmem report: internal error: java.lang.IllegalStateException: boom at "
                    + "dev.httpmem.cli.MainTest.anInternalErrorIsOneLineAndDebugAddsItsTrace"), lines.get(0));
            if (debug) {
                assertTrue(lines.size() > 2 && lines.get(1).equals("java.lang.IllegalStateException: boom"), err.toString());
            } else {
                assertEquals(List.of(lines.get(0)), lines);
                assertTrue(lines.get(0).endsWith(" (--debug prints the whole trace; please report it)"), lines.get(0));
            }
        }
    }
}
