package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.examples.common.Burst;
import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.examples.common.DirectBuffers;
import dev.httpmem.load.LoadDriver;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.SliceFields;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * httpmem diff on the leak shapes real servers show, planted in the examples with clean twins: connections kept
 * after their clients left when a stream on them failed (connection-leak), and one request that keeps 20 MiB
 * once (burst). The verdict must lead with them, size them against what was planted, and flag nothing on the
 * twins.
 */
// Alone: with a second recording beside it and other load, a leaked connection's size went out of bounds.
@Isolated
class LeakShapesIT {
    /** Small bodies: those in flight at a forced GC are noise on the heap, and the shapes here need no volume. */
    private static final int BODY_SIZE = 1024;
    /** A forced GC every round; 5,000 exchanges per protocol get past the pools that fill at first (Tomcat's). */
    private static final int GC_EVERY = 250;
    private static final int ROUNDS = 20;
    private static final int REQUESTS_PER_ROUND = 250;
    /**
     * Rounds of HTTP/2 load with failing connections after them: none before (what each exchange keeps is fitted
     * there), none in the last ones (whose GCs see the last failed connections held).
     */
    private static final int FIRST_FAILING_ROUND = 6;
    private static final int LAST_FAILING_ROUND = ROUNDS - 4;
    private static final int FAILING_CONNECTIONS_PER_ROUND = 2;
    /**
     * The agent reads the kernel's socket states at a GC at least a second after its last read, and calls a
     * connection its stack keeps open after the peer closed leaked once it has seen it so for a second: after the
     * last failures the server idles this long twice, each time before a round of load and its GC.
     */
    private static final long PEER_CLOSE_SETTLES_MILLIS = 1_500;
    private static final long LAST_GC_SETTLES_MILLIS = 1_000;
    /** How each example's planted leak keeps its connections: Netty's stops reading them. */
    private static final Map<String, String> LEAK_KINDS = Map.of(
            "jetty", "closed but still reachable", "netty", "left open in CLOSE_WAIT", "tomcat", "closed but still reachable");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jetty, leaky", "jetty, clean", "netty, leaky", "netty, clean", "tomcat, leaky", "tomcat, clean"})
    void connectionsHeldAfterAFailedStreamLeadTheVerdict(String example, String mode) throws Exception {
        boolean leaky = mode.equals("leaky");
        Path recording = record(example, "connection-leak-" + mode, leaky, (base, round, client) -> {
            if (round >= FIRST_FAILING_ROUND && round <= LAST_FAILING_ROUND) {
                for (int i = 0; i < FAILING_CONNECTIONS_PER_ROUND; i++) {
                    failOnNewConnection(base);
                }
            }
            if (round == LAST_FAILING_ROUND || round == LAST_FAILING_ROUND + 1) {
                Thread.sleep(PEER_CLOSE_SETTLES_MILLIS);
            }
        });
        JsonNode report = HttpmemCli.diffJson(recording);
        JsonNode http2 = HttpmemCli.protocol(report, "HTTP/2");
        JsonNode http11 = HttpmemCli.protocol(report, "HTTP/1.1");
        String verdict = report.get("verdict").asText();
        long failed = (long) (LAST_FAILING_ROUND - FIRST_FAILING_ROUND + 1) * FAILING_CONNECTIONS_PER_ROUND;
        if (!leaky) {
            // A clean Tomcat now and then keeps 1 of the 22 reachable (through its cache of recycled requests): that
            // one is reported as held, not called a leak.
            assertAll(
                    () -> assertTrue(http2.get("connections").get("leaked").asLong() <= 1, http2.toString()),
                    () -> assertFalse(verdict.contains("leaks connections"), verdict),
                    () -> assertTrue(report.get("leakedConnections").size() <= 1, report.get("leakedConnections").toString()));
            return;
        }
        JsonNode perConnection = http2.get("retainedBytesPerLeakedConnection");
        // JFR samples old objects where a thread takes a new TLAB or allocates outside one: a snapshot that fit in
        // its thread's TLAB goes unsampled, all 22 of them now and then; and Netty may refuse a failing stream
        // before it is an exchange of its own, when the snapshot is taken in its connection's work. When one was
        // sampled inside an exchange's slice, the report names it.
        boolean snapshotSampled = sampledInAnExchange(recording, "ConnectionStates");
        assertAll(
                () -> assertTrue(verdict.startsWith("HTTP/2 leaks connections: " + failed + " held after their clients left ("
                        + failed + " " + LEAK_KINDS.get(example) + "), "), verdict),
                () -> assertTrue(verdict.contains("; HTTP/1.1 leaks none; "), verdict),
                () -> assertEquals(failed, http2.get("connections").get("leaked").asLong(), http2.toString()),
                () -> assertEquals(0, http11.get("connections").get("leaked").asLong(), http11.toString()),
                // 22 connections' 256 KiB against a heap that moves by megabytes: the 95% interval is about ±18%
                // wide on Tomcat, and an estimate 15.1% off (its interval holding the planted size) was seen.
                () -> assertEquals(ConnectionStates.STATE_BYTES, perConnection.get("estimate").asDouble(),
                        ConnectionStates.STATE_BYTES * 0.2, "bytes per leaked connection vs planted: " + perConnection),
                () -> {
                    if (snapshotSampled) {
                        assertTrue(report.get("leakedConnectionSites").path(0).path("site").asText().contains("ConnectionStates"),
                                "what the leaked connections' exchanges keep: " + report.get("leakedConnectionSites"));
                        assertTrue(report.get("leakedConnectionSites").path(0).path("rootPath").asText().contains("ConnectionStates.failed"),
                                "held by the registry of failed connections: " + report.get("leakedConnectionSites"));
                    }
                },
                () -> assertEquals(failed, report.get("leakedConnections").size(), "listed: " + report.get("leakedConnections")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jetty, leaky", "jetty, clean", "netty, leaky", "tomcat, leaky"})
    void aOneOffBurstIsAFindingNamedInTheVerdict(String example, String mode) throws Exception {
        boolean leaky = mode.equals("leaky");
        Path recording = record(example, "burst-" + mode, leaky, (base, round, client) -> {
            if (round == ROUNDS / 2) {
                ContentResponse burst = client.newRequest(base + "/burst").timeout(30, TimeUnit.SECONDS).send();
                assertEquals(200, burst.getStatus(), "GET /burst");
            }
        });
        JsonNode report = HttpmemCli.diffJson(recording);
        String verdict = report.get("verdict").asText();
        List<JsonNode> significant = new ArrayList<>();
        report.get("steps").forEach(step -> {
            if (step.get("significant").asBoolean()) {
                significant.add(step);
            }
        });
        if (!leaky) {
            assertEquals(List.of(), significant, verdict);
            assertFalse(verdict.contains("one-off"), verdict);
            return;
        }
        assertEquals(1, significant.size(), report.get("steps").toString());
        JsonNode step = significant.get(0);
        assertAll(
                () -> assertEquals(Burst.BYTES, step.get("bytes").asDouble(), Burst.BYTES * 0.1, step.toString()),
                () -> assertEquals("HTTP/2", step.get("protocol").asText(), step.toString()),
                () -> assertTrue(verdict.contains("; one-off retention of "), verdict),
                () -> assertTrue(step.get("sites").toString().contains("Burst.run"), "the burst's site: " + step.get("sites")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jetty, leaky", "jetty, clean", "netty, leaky", "netty, clean"})
    void directMemoryGrowthIsNamedWithTheSiteOfItsBuffers(String example, String mode) throws Exception {
        boolean leaky = mode.equals("leaky");
        Path recording = record(example, "h2-offheap-growth-" + mode, leaky, (base, round, client) -> { });
        JsonNode report = HttpmemCli.diffJson(recording);
        String verdict = report.get("verdict").asText();
        JsonNode direct = HttpmemCli.protocol(report, "HTTP/2").get("directBytesPerExchange");
        if (!leaky) {
            assertFalse(verdict.contains("grows direct memory"), verdict);
            return;
        }
        assertAll(
                () -> assertTrue(verdict.startsWith("HTTP/2 grows direct memory by "), verdict),
                () -> assertFalse(verdict.contains("HTTP/1.1 grows direct memory"), verdict),
                () -> assertEquals(DirectBuffers.meanSize(), direct.get("estimate").asDouble(), DirectBuffers.meanSize() * 0.15,
                        "direct bytes per HTTP/2 exchange vs planted: " + direct),
                // A buffer's heap object is small: allocation sampling catches one only now and then.
                () -> assertTrue(!sampled(recording, "jdk.ObjectAllocationSample", "DirectBuffers")
                                || report.get("directBufferSites").get(0).get("site").asText().contains("DirectBuffers.take"),
                        "where the buffers come from: " + report.get("directBufferSites")));
    }

    /** What a round of HTTP/2 load is followed by. */
    private interface AfterRound {
        void run(String base, int round, HttpClient http2) throws Exception;
    }

    /**
     * HTTP/1.1 load, then {@link #ROUNDS} rounds of HTTP/2 load on one h2c connection, each followed by
     * {@code afterRound}; a full GC every {@link #GC_EVERY} exchanges.
     */
    private static Path record(String example, String name, boolean leaky, AfterRound afterRound) throws Exception {
        String scenario = name.substring(0, name.lastIndexOf('-'));
        List<String> args = new ArrayList<>(List.of("--scenario", scenario));
        if (leaky) {
            args.add("--leaky");
        }
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), Artifacts.agentJar(),
                "gc-every=" + GC_EVERY, Artifacts.exampleJar(example), args,
                Artifacts.workDir("leak-shapes-" + example + "-" + name))) {
            String base = "http://127.0.0.1:" + server.port();
            URI body = URI.create(base + "/body?size=" + BODY_SIZE);
            int http11 = ROUNDS * REQUESTS_PER_ROUND;
            assertEquals(http11, LoadDriver.run(LoadDriver.Protocol.HTTP_1_1, body, http11, 8, done -> { }).ok());
            HttpClient http2 = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
            http2.start();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    send(http2, body, REQUESTS_PER_ROUND);
                    afterRound.run(base, round, http2);
                }
                // The last round's GC runs on the agent's own thread: let it and its checkpoint be taken while the
                // load's connections are open. Beside a busy loop it once ran after the client had closed them, and
                // saw them closed and still reachable (24 leaked where 22 were planted).
                Thread.sleep(LAST_GC_SETTLES_MILLIS);
            } finally {
                http2.stop();
            }
            return server.stop();
        }
    }

    private static void send(HttpClient client, URI uri, int requests) throws Exception {
        List<CompletableFuture<ContentResponse>> batch = new ArrayList<>();
        for (int sent = 0; sent < requests; sent++) {
            batch.add(new CompletableResponseListener(client.newRequest(uri).timeout(30, TimeUnit.SECONDS), 1 << 20).send());
            if (batch.size() == 8) {
                for (CompletableFuture<ContentResponse> response : batch) {
                    assertEquals(200, response.get().getStatus());
                }
                batch.clear();
            }
        }
        for (CompletableFuture<ContentResponse> response : batch) {
            assertEquals(200, response.get().getStatus());
        }
    }

    /**
     * One request that fails in the example's stack hook, on a connection of its own that the client then closes:
     * the server answers 500 or resets the stream, as its stack does.
     */
    private static void failOnNewConnection(String base) throws Exception {
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        client.start();
        try {
            ContentResponse response = client.newRequest(base + "/body").headers(h -> h.put(ConnectionStates.FAIL_HEADER, "1"))
                    .timeout(30, TimeUnit.SECONDS).send();
            assertEquals(500, response.getStatus(), "a failed request");
        } catch (ExecutionException reset) {
            // the stack reset the stream
        } finally {
            client.stop();
        }
    }

    /** Whether an {@code eventType} sample of {@code recording} was taken under a method of {@code className}. */
    private static boolean sampled(Path recording, String eventType, String className) throws Exception {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(eventType) && e.getStackTrace() != null)
                .anyMatch(e -> e.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod().getType().getName().endsWith("." + className)));
    }

    /**
     * Whether an old-object sample allocated under a method of {@code className} was allocated inside a slice of an
     * exchange (not connection work) on its thread, and still reachable when JFR wrote it (it has a path from a GC
     * root): what the report's join of retained objects to exchanges needs. The example's shutdown closes the held
     * connections, which lets their snapshots go; beside a busy suite JFR once wrote its samples after that, all 22
     * without a path, and the report rightly left them out as garbage.
     */
    private static boolean sampledInAnExchange(Path recording, String className) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        List<RecordedEvent> exchangeSlices = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.SLICE) && e.getLong(SliceFields.EXCHANGE_ID) != 0
                        && e.getThread() != null)
                .toList();
        return events.stream()
                .filter(e -> e.getEventType().getName().equals("jdk.OldObjectSample") && e.getStackTrace() != null
                        && e.getThread() != null && e.getValue("root") != null && e.getStackTrace().getFrames().stream()
                                .anyMatch(f -> f.getMethod().getType().getName().endsWith("." + className)))
                .anyMatch(sample -> exchangeSlices.stream().anyMatch(slice ->
                        slice.getThread().getJavaThreadId() == sample.getThread().getJavaThreadId()
                                && !sample.getInstant("allocationTime").isBefore(slice.getStartTime())
                                && !sample.getInstant("allocationTime").isAfter(slice.getEndTime())));
    }
}
