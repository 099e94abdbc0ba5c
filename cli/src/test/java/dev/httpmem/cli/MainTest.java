package dev.httpmem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.MiniJson;
import dev.httpmem.analysis.TestRecordings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        assertEquals(new Result(1, "", "httpmem report: not a JFR file: " + empty + "\n"), run("report", empty.toString()));
    }

    @Test
    void truncatedJfrFile() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        assertEquals(new Result(1, "", "httpmem report: truncated or corrupt JFR file: " + half
                        + " (file ends inside chunk 1, at " + whole.length / 2 + " of its " + whole.length + " bytes)\n"),
                run("report", half.toString()));
    }

    @Test
    void unfinishedJfrFile() throws Exception {
        byte[] bytes = Files.readAllBytes(recording);
        bytes[64] = 1;
        Path running = Files.write(dir.resolve("running.jfr"), bytes);
        assertEquals(new Result(1, "", "httpmem report: truncated or corrupt JFR file: " + running
                        + " (chunk 1 is unfinished; is the recording still running?)\n"),
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
        assertEquals(new Result(2, "", "httpmem report: Missing required parameter: 'REC.jfr'\nTry 'httpmem report --help'\n"),
                run("report"));
        assertEquals(new Result(2, "", "httpmem report: Unknown option: '--bogus'\nTry 'httpmem report --help'\n"),
                run("report", "--bogus", recording.toString()));
        assertEquals(new Result(2, "", "httpmem report: --top must not be negative: -1\nTry 'httpmem report --help'\n"),
                run("report", "--top", "-1", recording.toString()));
        assertEquals(2, run("report", "--top", "many", recording.toString()).exitCode());
        assertEquals(new Result(2, "", "httpmem: missing command\nTry 'httpmem --help'\n"), run());
        assertEquals(new Result(2, "", "httpmem: Unmatched argument at index 0: 'nope'\nTry 'httpmem --help'\n"), run("nope"));
    }

    @Test
    void helpTeachesHowToRecord() {
        Result help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains(
                "  java -javaagent:httpmem-agent.jar=out=rec.jfr \\\n"
                + "       -XX:FlightRecorderOptions:old-object-queue-size=4096 -jar yourserver.jar\n"),
                help.out());
        assertTrue(help.out().contains("httpmem report rec.jfr"), help.out());
        assertTrue(help.out().contains("report "), help.out());
        assertEquals(0, run("report", "--help").exitCode());
        assertEquals(new Result(0, "httpmem (development build)\n", ""), run("--version"));
    }

    @Test
    void attachAndWatchUsageErrors() {
        assertEquals(new Result(2, "", "httpmem attach: --stop and --duration do not go together\nTry 'httpmem attach --help'\n"),
                run("attach", "1", "--stop", "--duration", "5s"));
        Result badDuration = run("attach", "1", "--duration", "5 minutes");
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().contains("not a duration: '5 minutes' (e.g. 500ms, 90s, 5m, 1h)"), badDuration.err());
        assertEquals(2, run("watch").exitCode());
        assertEquals(2, run("watch", "1", "--jmx", "host:1").exitCode());
        assertEquals(new Result(2, "", "httpmem watch: --out needs a PID or --jmx: a repository cannot be asked to write a recording\n"
                + "Try 'httpmem watch --help'\n"), run("watch", "--repository", dir.toString(), "--out", "x.jfr"));
        Path missing = dir.resolve("no-repository");
        assertEquals(new Result(1, "", "httpmem watch: no such JFR repository: " + missing + "\n"),
                run("watch", "--repository", missing.toString()));
    }

    @Test
    void attachAndWatchHelpShowExamples() {
        assertTrue(run("attach", "--help").out().contains("httpmem attach 4711 --out rec.jfr --duration 5m"));
        assertTrue(run("watch", "--help").out().contains("httpmem watch --jmx db1:9010 --json"));
    }
}
