package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server killed with SIGKILL (the out-of-memory killer's way) never writes its {@code out=} file; what it
 * recorded is in JFR's repository, its last chunk unfinished. The agent's start line names that folder, {@code report}
 * refuses it with a line that says what to do, and {@code report --salvage} reads every exchange flushed before the
 * kill, saying first that the recording is incomplete.
 */
class KilledServerIT {
    private static final int REQUESTS = 200;
    private static final Pattern REPOSITORY = Pattern.compile("httpmem report --salvage (\\S+) reads what it recorded");
    /** Where JFR keeps a chunk's generation: 0 once finished, else the number of flushes so far. */
    private static final int GENERATION = 64;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aKilledServersRepositoryIsReadUpToItsLastFlush(Jdk jdk) throws Exception {
        Path home = jdk.homeOrSkip();
        Path work = Artifacts.workDir("killed-server-" + jdk.feature());
        Path repository;
        try (ExampleServerProcess server = ExampleServerProcess.start(home, ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info",
                ExampleServer.JETTY_12_1.jar(), ExampleServer.JETTY_12_1.serverArgs(), work)) {
            Matcher named = REPOSITORY.matcher(Files.readString(server.log()));
            assertTrue(named.find(), "the agent's start line names JFR's repository: " + Files.readString(server.log()));
            repository = Paths.get(named.group(1));
            assertTrue(repository.startsWith(work.resolve("jfr-repository")), repository.toString());
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(REQUESTS, Clients.send(Protocol.HTTP_1_1, base, "/body?size=1024", REQUESTS, 4));
            assertEquals(REQUESTS, Clients.send(Protocol.H2C_PRIOR_KNOWLEDGE, base, "/body?size=1024", REQUESTS, 4));
            awaitFlushes(repository, 2); // the second began after the last exchange ended
            server.kill();
        }
        Path out = work.resolve("recording.jfr");
        assertEquals(0, Files.size(out), "JFR creates the out= file at the start and fills it at the end");
        HttpmemCli.Result empty = HttpmemCli.run("report", out.toString());
        assertEquals(1, empty.exitCode(), empty.out());
        assertTrue(empty.err().startsWith("httpmem report: empty file: " + out + "; JFR writes it when the recording"
                + " stops. If its JVM was killed, httpmem report --salvage DIR reads"), empty.err());

        HttpmemCli.Result refused = HttpmemCli.run("report", repository.toString());
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().matches("httpmem report: truncated or corrupt JFR file: " + Pattern.quote(repository.toString())
                + " \\(chunk \\d+ of \\d+ \\(\\S+\\.jfr\\) is unfinished: the recording is still running, or its JVM was"
                + " killed; --salvage reads it up to its last flush\\)\n"), refused.err());

        HttpmemCli.Result text = HttpmemCli.run("report", "--salvage", repository.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("Incomplete recording: read chunk "), text.out());
        assertTrue(text.out().contains("up to its last flush: it was never finished (its JVM was killed, or it is still"
                + " recording)\nRecording " + repository), text.out());

        HttpmemCli.Result json = HttpmemCli.run("report", "--salvage", "--json", repository.toString());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode report = json.json();
        assertTrue(report.get("recording").get("incomplete").asText().contains("up to its last flush"), json.out());
        for (JsonNode protocol : report.get("protocols")) {
            assertEquals(REQUESTS, protocol.get("exchanges").asLong(), protocol.toString());
        }
        assertEquals(2, report.get("protocols").size(), json.out());

        HttpmemCli.Result diff = HttpmemCli.run("diff", "--salvage", repository.toString());
        assertEquals(0, diff.exitCode(), diff.err());
        assertTrue(diff.out().startsWith("incomplete recording: read chunk "), diff.out());
    }

    /** Waits until the chunk JFR is writing has been flushed {@code flushes} more times. */
    private static void awaitFlushes(Path repository, int flushes) throws IOException, InterruptedException {
        Path chunk = newestChunk(repository);
        int first = generation(chunk);
        int seen = first;
        int changes = 0;
        for (long deadline = System.nanoTime() + 60_000_000_000L; changes < flushes; ) {
            assertTrue(System.nanoTime() < deadline, "JFR did not flush " + chunk + " within 60 s");
            Thread.sleep(100);
            Path newest = newestChunk(repository);
            int now = generation(newest);
            if (!newest.equals(chunk) || now != seen) {
                changes++;
                chunk = newest;
                seen = now;
            }
        }
    }

    private static Path newestChunk(Path repository) throws IOException {
        try (Stream<Path> files = Files.list(repository)) {
            return files.filter(f -> f.toString().endsWith(".jfr")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static int generation(Path chunk) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(chunk.toFile(), "r")) {
            file.seek(GENERATION);
            return file.read();
        }
    }
}
