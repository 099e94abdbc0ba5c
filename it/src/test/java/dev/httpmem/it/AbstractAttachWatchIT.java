package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import dev.httpmem.schema.ExchangeFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * httpmem attach and watch on a server that runs without the agent: attach, watch while HTTP/1.1 and HTTP/2
 * load runs, and check that the watch, the watch's recording and the attach recording each saw every request,
 * and that the server answers after the recording stopped; and the watch over JMX of a server started with the
 * agent. Subclasses say which JDK runs server and CLI.
 */
abstract class AbstractAttachWatchIT {
    private static final int REQUESTS = 150;
    private static final Map<String, Long> SENT = Map.of("HTTP/1.1", (long) REQUESTS, "HTTP/2", (long) REQUESTS);
    private static final Duration WATCH_WAIT = Duration.ofSeconds(30);

    private ExampleServerProcess server;
    private Process watch;

    abstract String name();

    /** Empty when this machine lacks the JDK: the test is skipped, not failed. */
    abstract Optional<Path> javaHome();

    private List<String> java() throws IOException {
        return HttpmemCli.java(javaHome().orElseThrow());
    }

    @AfterEach
    void stopWhatWasStarted() {
        if (watch != null) {
            watch.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void attachWatchAndStopWhileTheServerServes() throws Exception {
        Assumptions.assumeTrue(javaHome().isPresent(), name() + ": no such JDK on this machine (JDK 25: set JAVA25_HOME)");
        Path work = Artifacts.workDir(name());
        server = ExampleServerProcess.startWithoutAgent(javaHome().get(), ForkedJvms.OPTIONS, Artifacts.exampleJar("jetty"), work);
        String pid = Long.toString(server.pid());
        Path attachRecording = work.resolve("attach.jfr");
        Path watchRecording = work.resolve("watch.jfr");
        Files.deleteIfExists(attachRecording);
        Files.deleteIfExists(watchRecording);

        HttpmemCli.Result attach = HttpmemCli.runWith(java(), "attach", pid, "--out", attachRecording.toString());
        assertEquals(0, attach.exitCode(), attach.err());
        assertTrue(attach.out().matches("process " + pid + ": recording 'httpmem' to " + Pattern.quote(attachRecording.toString())
                + "; should the JVM be killed, httpmem report --salvage \\S+ reads what it recorded; stop it with: httpmem attach "
                + pid + " --stop\n"), attach.out());
        if (javaHome().map(Jdks::feature).orElse(0) >= 21) {
            assertTrue(attach.err().contains("start it with -XX:+EnableDynamicAgentLoading"), attach.err());
        }
        HttpmemCli.Result again = HttpmemCli.runWith(java(), "attach", pid, "--out", work.resolve("other.jfr").toString(),
                "--stacks", "netty");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("already recording 'httpmem' to " + attachRecording), again.out());
        // Every stack enabled by default, which a new stack lengthens.
        assertTrue(again.out().matches("(?s).*; stacks=netty not applied: this JVM has instrumented jetty,netty,tomcat,[a-z,]*servlet"
                + " since the agent's first start.*"), again.out());

        String watchErr = watchDuringLoad(watchRecording, pid);
        assertTrue(watchErr.contains("kept what the watch saw in " + watchRecording), watchErr);

        HttpmemCli.Result stop = HttpmemCli.runWith(java(), "attach", pid, "--stop");
        assertEquals(0, stop.exitCode(), stop.err());
        assertTrue(stop.out().startsWith("process " + pid + ": wrote " + attachRecording + " ("), stop.out());
        assertEquals(SENT, exchangesPerProtocol(attachRecording), "exchanges in the attach recording");

        String base = "http://127.0.0.1:" + server.port();
        assertEquals(20, Clients.send(Protocol.HTTP_1_1, base, "/body?size=4096", 20, 4), "HTTP/1.1 after stop");
        assertEquals(20, Clients.send(Protocol.H2C_PRIOR_KNOWLEDGE, base, "/body?size=4096", 20, 4), "HTTP/2 after stop");
        HttpmemCli.Result stopAgain = HttpmemCli.runWith(java(), "attach", pid, "--stop");
        assertEquals(new HttpmemCli.Result(1, "", "httpmem attach: process " + pid + ": no recording 'httpmem' is running\n"), stopAgain);
        assertTrue(Files.readString(server.log()).contains("INFO [httpmem] - wrote " + attachRecording));
    }

    @Test
    void watchOverJmxRecordsWhatItShows() throws Exception {
        Assumptions.assumeTrue(javaHome().isPresent(), name() + ": no such JDK on this machine (JDK 25: set JAVA25_HOME)");
        Path work = Artifacts.workDir(name() + "-jmx");
        Path watchRecording = work.resolve("watch.jfr");
        Files.createDirectories(work);
        Files.deleteIfExists(watchRecording);
        int jmxPort = freePort();
        // The agent without out=: it instruments, and the watch's remote recording turns its events on.
        server = ExampleServerProcess.startWithoutAgent(javaHome().get(), List.of("-javaagent:" + Artifacts.agentJar(),
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"),
                Artifacts.exampleJar("jetty"), work);

        watchDuringLoad(watchRecording, "--jmx", "127.0.0.1:" + jmxPort);
        assertEquals(20, Clients.send(Protocol.HTTP_1_1, "http://127.0.0.1:" + server.port(), "/body?size=4096", 20, 4),
                "HTTP/1.1 after the watch");
    }

    /**
     * Runs {@code httpmem watch TARGET... --json --out watchRecording} while HTTP/1.1 and HTTP/2 load runs, and
     * checks that its intervals and its recording saw every request.
     *
     * @return the watch's standard error
     */
    private String watchDuringLoad(Path watchRecording, String... target) throws Exception {
        List<String> args = new ArrayList<>(List.of("watch"));
        args.addAll(List.of(target));
        args.addAll(List.of("--json", "--out", watchRecording.toString()));
        watch = HttpmemCli.start(java(), args.toArray(new String[0]));
        CompletableFuture<String> watchErr = CompletableFuture.supplyAsync(() -> text(watch.getErrorStream()));
        BlockingQueue<JsonNode> intervals = jsonLines(watch);
        assertTrue(intervals.poll(WATCH_WAIT.toSeconds(), TimeUnit.SECONDS) != null, "the watch printed no interval");

        String base = "http://127.0.0.1:" + server.port();
        assertEquals(REQUESTS, Clients.send(Protocol.HTTP_1_1, base, "/body?size=4096", REQUESTS, 4));
        assertEquals(REQUESTS, Clients.send(Protocol.H2C_PRIOR_KNOWLEDGE, base, "/body?size=4096", REQUESTS, 4));

        assertEquals(SENT, watchedUntil(intervals, SENT), "exchanges the watch reported");
        // SIGTERM, which the watch takes like Ctrl-C. Not Process.destroy: it closes the streams too. Not SIGINT:
        // a process started in the background of a non-interactive shell, as a build may be, ignores it.
        watch.toHandle().destroy();
        assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "the watch ended");
        assertEquals(0, watch.exitValue(), watchErr.get());
        assertEquals(SENT, exchangesPerProtocol(watchRecording), "exchanges in the watch's recording");
        return watchErr.get();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The watch's totals once they reach {@code expected}, or the last ones seen when time runs out. */
    private static Map<String, Long> watchedUntil(BlockingQueue<JsonNode> intervals, Map<String, Long> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WATCH_WAIT);
        Map<String, Long> totals = Map.of();
        while (!totals.equals(expected) && Instant.now().isBefore(deadline)) {
            JsonNode interval = intervals.poll(1, TimeUnit.SECONDS);
            if (interval != null) {
                totals = new TreeMap<>();
                for (JsonNode protocol : interval.get("protocols")) {
                    totals.put(protocol.get("protocol").asText(), protocol.get("exchangesTotal").asLong());
                }
            }
        }
        return totals;
    }

    private static BlockingQueue<JsonNode> jsonLines(Process process) {
        BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            ObjectMapper mapper = new ObjectMapper();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(mapper.readTree(line));
                }
            } catch (Exception e) {
                // the process ended or printed something that is not JSON: the waits above then time out
            }
        }, "watch-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Map<String, Long> exchangesPerProtocol(Path recording) throws Exception {
        return Recorded.read(recording).exchanges().stream()
                .collect(Collectors.groupingBy(e -> e.getString(ExchangeFields.PROTOCOL), TreeMap::new, Collectors.counting()));
    }
}
