package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.SliceFields;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * httpmem diff on connections kept after their clients left when a stream on them failed (the connection-leak
 * scenario), planted in Jetty, Netty and Tomcat with clean twins: the verdict must lead with them and size them
 * against what was planted, and flag nothing on the twins.
 */
// Alone: with a second recording beside it and other load, a leaked connection's size went out of bounds.
@Isolated
class ConnectionLeakIT {
    /**
     * Rounds of HTTP/2 load with failing connections after them: none before (what each exchange keeps is fitted
     * there), none in the last ones (whose GCs see the last failed connections held).
     */
    private static final int FIRST_FAILING_ROUND = 6;
    private static final int LAST_FAILING_ROUND = LeakShapeRun.ROUNDS - 4;
    private static final int FAILING_CONNECTIONS_PER_ROUND = 2;
    /**
     * The agent reads the kernel's socket states at a GC at least a second after its last read, and calls a
     * connection its stack keeps open after the peer closed leaked once it has seen it so for a second: after the
     * last failures the server idles this long twice, each time before a round of load and its GC.
     */
    private static final long PEER_CLOSE_SETTLES_MILLIS = 1_500;
    /** How each example's planted leak keeps its connections: Netty's stops reading them. */
    private static final Map<String, String> LEAK_KINDS = Map.of(
            "jetty", "closed but still reachable", "netty", "left open in CLOSE_WAIT", "tomcat", "closed but still reachable");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jetty, leaky", "jetty, clean", "netty, leaky", "netty, clean", "tomcat, leaky", "tomcat, clean"})
    void connectionsHeldAfterAFailedStreamLeadTheVerdict(String example, String mode) throws Exception {
        boolean leaky = mode.equals("leaky");
        Path recording = LeakShapeRun.record(example, "connection-leak-" + mode, leaky, (base, round, client) -> {
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
