package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.examples.common.ConnectionStates;
import dev.httpmem.load.LoadDriver;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.IdleConnectionFields;
import dev.httpmem.schema.OpenExchangeFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exchanges that end early or never, on a real server: a client that cancels mid-body (RST_STREAM), connections
 * dropped mid-body, handlers that never complete ({@code GET /hang}), and connections a client keeps open after
 * their only request. Each early end is one attributed exchange; the never-ending ones are counted open and
 * listed with their age; the idle connections are counted and listed, and the closed ones are not; requests that
 * fail inside the stack (a hook throws on their headers) are exchanges that end failed. A subclass names the
 * server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractExchangeLifecycleIT {
    private static final String BIG_BODY = "/body?size=" + (16 << 20);
    static final int CANCELS = 5;
    static final int DROPS = 5;
    /** How long the idle connections and hanging exchanges age before the last GCs: listed after 5 s. */
    private static final Duration AGE = Duration.ofSeconds(6);
    static final int FAILS = 3;
    /** The requests the load driver sends on one HTTP/1.1 connection it keeps open, which forces the last GCs. */
    private static final int LOAD_DRIVER_REQUESTS = 40;
    /** Requested with the examples' fail header: a stack hook throws before any handler runs. */
    private static final String FAILING_PATH = "/failing";
    private static final String PLANTED_FAILURE = "dev.httpmem.examples.common.ScenarioHooks$PlantedFailure";
    static final int REJECTS = 2;
    /** A connection-specific header, malformed in HTTP/2 (RFC 9113, 8.2.2): the stack must reject the stream. */
    private static final Map<String, String> MALFORMED_HEADERS = Map.of("connection", "close");

    private final ExampleServer example;
    /** The protocols the example speaks, as exchanges name them: HTTP/1.1, and HTTP/2 unless it has none. */
    private final List<String> protocols;
    private ExampleServerProcess server;
    private HttpClient hangingClient;
    private final List<HttpClient> idleClients = new ArrayList<>();
    private final List<RawHttp2.Answer> rejectAnswers = new ArrayList<>();
    /**
     * Dumped while the server ran: stopping it closes its connections and ends its exchanges, and the last listing
     * of the whole recording shows that.
     */
    private Path runningDump;
    private List<RecordedEvent> events;

    AbstractExchangeLifecycleIT(ExampleServer example) {
        this.example = example;
        this.protocols = speaksHttp2(example) ? List.of("HTTP/1.1", "HTTP/2") : List.of("HTTP/1.1");
    }

    private static boolean speaksHttp2(ExampleServer example) {
        return example.protocols().contains(Clients.Protocol.H2C_PRIOR_KNOWLEDGE);
    }

    @BeforeAll
    void driveAndRecord() throws Exception {
        boolean http2 = speaksHttp2(example);
        // A stack that needs a newer JDK than the tests' runs on the JDK 25 beside it, or is skipped.
        Path javaHome = example.oldestJdk() > Jdk.JDK_17.feature() ? Jdk.JDK_25.homeOrSkip() : Jdks.current();
        server = ExampleServerProcess.start(javaHome, ForkedJvms.OPTIONS, Artifacts.agentJar(),
                "log=info,gc-every=20" + (example.agentOptions().isEmpty() ? "" : "," + example.agentOptions()),
                example.jar(), example.serverArgs(), Artifacts.workDir("lifecycle-" + example.name()));
        String base = "http://127.0.0.1:" + server.port();
        idleClients.add(http11Client());
        if (http2) {
            idleClients.add(http2Client());
        }
        for (HttpClient idle : idleClients) {
            assertEquals(200, idle.GET(base + "/alloc/0").getStatus());
        }
        if (http2) {
            hangingClient = http2Client();
            new CompletableResponseListener(hangingClient.newRequest(base + "/hang")).send();
        }
        java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().sendAsync(
                java.net.http.HttpRequest.newBuilder(URI.create(base + "/hang")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        long agingSince = System.nanoTime();
        for (int i = 0; plantsFailures() && i < FAILS; i++) {
            failInsideTheStack(base + FAILING_PATH, http2);
        }
        for (int i = 0; http2 && i < REJECTS; i++) {
            rejectAnswers.add(RawHttp2.send(server.port(), "/rejected", MALFORMED_HEADERS));
        }
        for (int i = 0; http2 && i < CANCELS; i++) {
            cancelAfterFirstContent(base + BIG_BODY);
        }
        for (int i = 0; i < DROPS; i++) {
            dropHttp11AfterFirstBytes(server.port());
            if (http2) {
                dropHttp2AfterFirstContent(base + BIG_BODY);
            }
        }
        // The idle connections and hanging exchanges must be listed with their age: the early ends above spent part
        // of the wait.
        Thread.sleep(Math.max(0, AGE.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - agingSince)));
        // Forced GCs now list both hanging exchanges at their checkpoints.
        LoadDriver.run(LoadDriver.Protocol.HTTP_1_1, URI.create(base + "/alloc/0"), LOAD_DRIVER_REQUESTS, 1, done -> { });
        runningDump = dumpOnceEnded(server, Artifacts.workDir("lifecycle-" + example.name()).resolve("running.jfr"),
                DROPS + (http2 ? CANCELS + DROPS : 0));
        events = RecordingFile.readAllEvents(server.stop());
    }

    @AfterAll
    void stop() throws Exception {
        if (hangingClient != null) {
            hangingClient.stop();
        }
        for (HttpClient idle : idleClients) {
            idle.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void cancelledAndDroppedStreamsAreEachOneEndedAttributedExchange() {
        Assumptions.assumeTrue(speaksHttp2(example), "the example speaks no HTTP/2");
        List<RecordedEvent> http2 = bodyExchanges("HTTP/2");
        assertEquals(CANCELS + DROPS, http2.size(), "HTTP/2 exchanges cancelled or dropped");
        // A client stopping mid-body resets its streams or just closes; either way not completed.
        assertTrue(http2.stream().filter(e -> e.getString(ExchangeFields.OUTCOME).equals("reset")).count() >= CANCELS, "resets");
        for (RecordedEvent exchange : http2) {
            assertTrue(List.of("reset", "closed").contains(exchange.getString(ExchangeFields.OUTCOME)), "ended early: " + exchange);
            // A virtual thread's slice whose clock could not tell its bytes leaves them unknown, and says so.
            assertTrue(exchange.getBoolean(ExchangeFields.ALLOCATION_MEASURED)
                    ? exchange.getLong(ExchangeFields.ALLOCATED_BYTES) > 0 : exchange.getLong(ExchangeFields.ALLOCATED_BYTES) >= 0,
                    "attributed: " + exchange);
            assertTrue(exchange.getLong(ExchangeFields.RESPONSE_BODY_BYTES) < 16 << 20, "cut short: " + exchange);
        }
    }

    @Test
    void aRequestThatFailsInsideTheStackIsAnExchangeThatEndsFailed() throws Exception {
        Assumptions.assumeTrue(plantsFailures(), "the example plants no failure");
        for (String protocol : protocols) {
            List<RecordedEvent> failing = exchanges(protocol, FAILING_PATH);
            assertEquals(FAILS, failing.size(), protocol + " exchanges of failing requests: " + failing);
            for (RecordedEvent exchange : failing) {
                assertEquals("failed", exchange.getString(ExchangeFields.OUTCOME), "failed: " + exchange);
                assertEquals(PLANTED_FAILURE, exchange.getString(ExchangeFields.FAILURE), "the exception's class: " + exchange);
            }
        }
        HttpmemCli.Result report = HttpmemCli.report(runningDump);
        assertEquals(0, report.exitCode(), report.err());
        for (JsonNode protocol : report.json().get("protocols")) {
            assertEquals(FAILS, protocol.get("failures").path(PLANTED_FAILURE).asLong(), "failures in the report: " + protocol);
        }
    }

    @Test
    void aStreamWhoseHeadersBreakTheProtocolIsAnExchangeThatEndsFailed() {
        Assumptions.assumeTrue(speaksHttp2(example), "the example speaks no HTTP/2");
        List<RecordedEvent> malformed = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.EXCHANGE)
                && "/rejected".equals(e.getString(ExchangeFields.PATH))).toList();
        switch (malformedHeadersAnswer()) {
            case CONNECTION_ERROR -> {
                assertEquals(List.of(RawHttp2.Answer.GOAWAY, RawHttp2.Answer.GOAWAY), rejectAnswers, "connection errors");
                assertEquals(List.of(), malformed, "a stream the stack never made is no exchange");
                return;
            }
            case SERVED -> {
                assertEquals(List.of(RawHttp2.Answer.HEADERS, RawHttp2.Answer.HEADERS), rejectAnswers, "answers");
                assertEquals(REJECTS, malformed.size(), "exchanges of the streams served: " + malformed);
                malformed.forEach(exchange -> assertEquals("completed", exchange.getString(ExchangeFields.OUTCOME), exchange::toString));
                return;
            }
            case STREAM_ERROR -> { } // below
        }
        // Jetty answers 400 on the stream, Netty and Tomcat reset it; none may give up the whole connection.
        assertFalse(rejectAnswers.contains(RawHttp2.Answer.GOAWAY), "a stream error, not a connection error: " + rejectAnswers);
        List<RecordedEvent> rejected = events.stream()
                .filter(e -> e.getEventType().getName().equals(EventNames.EXCHANGE) && "HTTP/2".equals(e.getString(ExchangeFields.PROTOCOL))
                        && e.getString(ExchangeFields.FAILURE) != null && e.getString(ExchangeFields.FAILURE).endsWith(rejectedStreamFailure()))
                .toList();
        assertEquals(REJECTS, rejected.size(), "exchanges of rejected streams: " + rejected);
        for (RecordedEvent exchange : rejected) {
            assertEquals("failed", exchange.getString(ExchangeFields.OUTCOME), "failed: " + exchange);
        }
    }

    /** How a stack answers a request header block with a connection-specific header, which RFC 9113 (8.2.2) forbids. */
    enum MalformedHeadersAnswer {
        /** A stream error, as the RFC asks: the stream is an exchange that ends failed. */
        STREAM_ERROR,
        /** GOAWAY: the stack gives up the connection before it makes a stream of it. */
        CONNECTION_ERROR,
        /** None: the stack does not check, and serves the stream. */
        SERVED
    }

    MalformedHeadersAnswer malformedHeadersAnswer() {
        return MalformedHeadersAnswer.STREAM_ERROR;
    }

    /** How the stack's rejection of a stream's headers is named: its exception's class, or the error it answers. */
    String rejectedStreamFailure() {
        return "StreamException";
    }

    /** Whether the example fails requests that carry its fail header in a stack hook. */
    boolean plantsFailures() {
        return true;
    }

    @Test
    void aDroppedHttp11ConnectionEndsItsExchange() {
        List<RecordedEvent> http11 = bodyExchanges("HTTP/1.1");
        assertEquals(DROPS, http11.size(), "HTTP/1.1 exchanges of dropped connections");
        for (RecordedEvent exchange : http11) {
            // A virtual thread's slice whose clock could not tell its bytes leaves them unknown, and says so.
            assertTrue(exchange.getBoolean(ExchangeFields.ALLOCATION_MEASURED)
                    ? exchange.getLong(ExchangeFields.ALLOCATED_BYTES) > 0 : exchange.getLong(ExchangeFields.ALLOCATED_BYTES) >= 0,
                    "attributed: " + exchange);
            if (labelsDroppedHttp11Responses()) {
                assertTrue(List.of("reset", "closed").contains(exchange.getString(ExchangeFields.OUTCOME)), "ended early: " + exchange);
            }
        }
    }

    /** Whether the stack tells a dropped HTTP/1.1 response from a delivered one. */
    boolean labelsDroppedHttp11Responses() {
        return true;
    }

    @Test
    void neverEndingExchangesAreCountedAndListedWithTheirAge() throws Exception {
        RecordedEvent lastForced = lastForcedCheckpoint();
        // A hanging exchange per protocol, and maybe the request in flight while the GC ran.
        assertTrue(lastForced.getLong(HeapCheckpointFields.OPEN_EXCHANGES) >= protocols.size(), "open at the last forced checkpoint: " + lastForced);
        for (String protocol : protocols) {
            assertTrue(events.stream().filter(e -> e.getEventType().getName().equals(EventNames.OPEN_EXCHANGE))
                    .anyMatch(e -> protocol.equals(e.getString(OpenExchangeFields.PROTOCOL)) && "/hang".equals(e.getString(OpenExchangeFields.PATH))
                            && example.stack().equals(e.getString(OpenExchangeFields.STACK))
                            && e.getDuration(OpenExchangeFields.AGE).compareTo(Duration.ofSeconds(5)) > 0),
                    protocol + " /hang listed as open with its age");
        }
        for (HttpmemCli.Result result : List.of(HttpmemCli.report(runningDump), HttpmemCli.run("diff", runningDump.toString(), "--json"))) {
            assertEquals(0, result.exitCode(), result.err());
            JsonNode open = result.json().get("openExchanges");
            assertFalse(open.isEmpty(), "open exchanges listed: " + result.out());
            open.forEach(exchange -> assertEquals("/hang", exchange.get("path").asText()));
        }
    }

    @Test
    void connectionsThatOutliveTheirExchangesAreCountedAndListed() throws Exception {
        RecordedEvent lastForced = lastForcedCheckpoint();
        // An idle one and one carrying /hang per protocol, maybe the load driver's.
        assertTrue(lastForced.getLong(HeapCheckpointFields.IDLE_CONNECTIONS) >= protocols.size(), "idle at the last forced checkpoint: " + lastForced);
        assertTrue(lastForced.getLong(HeapCheckpointFields.OPEN_CONNECTIONS) >= 2L * protocols.size(), "open at the last forced checkpoint: " + lastForced);
        // The cancelled and dropped connections closed long before: only the clients kept open are listed, and the
        // load driver's connection when it has been idle long enough (beside a busy loop, the dump came 11 s after it).
        List<RecordedEvent> listed = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.IDLE_CONNECTION))
                .filter(e -> e.getLong(IdleConnectionFields.LISTING) == lastForced.getLong(HeapCheckpointFields.LISTING))
                .filter(e -> e.getLong(IdleConnectionFields.EXCHANGES) != LOAD_DRIVER_REQUESTS).toList();
        assertEquals(protocols, listed.stream().map(e -> e.getString(IdleConnectionFields.PROTOCOL)).sorted().toList(),
                "idle connections listed: " + listed);
        for (RecordedEvent connection : listed) {
            assertEquals(example.stack(), connection.getString(IdleConnectionFields.STACK));
            assertEquals(1, connection.getLong(IdleConnectionFields.EXCHANGES), "its one request: " + connection);
            assertTrue(connection.getDuration(IdleConnectionFields.IDLE).compareTo(Duration.ofSeconds(5)) > 0, "idle for long: " + connection);
        }
        for (HttpmemCli.Result result : List.of(HttpmemCli.report(runningDump), HttpmemCli.run("diff", runningDump.toString(), "--json"))) {
            assertEquals(0, result.exitCode(), result.err());
            List<JsonNode> idle = new ArrayList<>();
            result.json().get("idleConnections").forEach(connection -> {
                if (connection.get("exchanges").asLong() != LOAD_DRIVER_REQUESTS) {
                    idle.add(connection);
                }
            });
            assertEquals(protocols, idle.stream().map(c -> c.get("protocol").asText()).sorted().toList(),
                    "idle connections listed: " + result.out());
            for (JsonNode connection : idle) {
                assertEquals(example.stack(), connection.get("stack").asText());
                assertEquals(1, connection.get("exchanges").asLong(), "its one request: " + connection);
                assertTrue(connection.get("idleSeconds").asDouble() > 5, "idle for long: " + connection);
            }
        }
        JsonNode counted = HttpmemCli.run("diff", runningDump.toString(), "--json").json().get("connections").get(0);
        assertTrue(counted.get("idle").get("max").asLong() >= protocols.size()
                && counted.get("open").get("max").asLong() >= 2L * protocols.size(), "connections counted at the checkpoints: " + counted);
    }

    @Test
    void adviceNeverFailed() {
        assertEquals(0, lastStatistics().getLong(AgentStatisticsFields.SUPPRESSED_ERRORS));
    }

    @Test
    void theAgentKeepsOnlyTheExchangesStillOpen() throws Exception {
        // The /hang requests: every cancelled, dropped or completed exchange left the agent's tables. Read while
        // the server ran: at exit its shutdown hook may end the /hang exchanges before JFR's hook writes the count.
        RecordedEvent running = lastStatistics(RecordingFile.readAllEvents(runningDump));
        assertEquals(protocols.size(), running.getLong(AgentStatisticsFields.EXCHANGES_OPEN), "open while the server ran: " + running);
    }

    private RecordedEvent lastForcedCheckpoint() {
        return events.stream().filter(e -> e.getEventType().getName().equals(EventNames.HEAP_CHECKPOINT))
                .filter(e -> e.getBoolean(HeapCheckpointFields.FORCED)).reduce((first, second) -> second).orElseThrow();
    }

    private RecordedEvent lastStatistics() {
        return lastStatistics(events);
    }

    private static RecordedEvent lastStatistics(List<RecordedEvent> recorded) {
        return recorded.stream().filter(e -> e.getEventType().getName().equals(EventNames.AGENT_STATISTICS))
                .reduce((first, second) -> second).orElseThrow();
    }

    List<RecordedEvent> bodyExchanges(String protocol) {
        return exchanges(protocol, "/body");
    }

    private List<RecordedEvent> exchanges(String protocol, String path) {
        return events.stream().filter(e -> e.getEventType().getName().equals(EventNames.EXCHANGE))
                .filter(e -> protocol.equals(e.getString(ExchangeFields.PROTOCOL)) && path.equals(e.getString(ExchangeFields.PATH))).toList();
    }

    /**
     * The recording once every cut-short exchange has its event. An exchange ends with its stream or connection
     * but finishes, and is recorded, when the stack's threads leave its work: Tomcat may keep a handler blocked in
     * a write for seconds after its client went away.
     */
    private static Path dumpOnceEnded(ExampleServerProcess server, Path file, int cutShort) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            dumpRecording(server, file);
            List<RecordedEvent> bodies = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(EventNames.EXCHANGE) && "/body".equals(e.getString(ExchangeFields.PATH)))
                    .toList();
            if (bodies.size() >= cutShort || System.nanoTime() > deadline) {
                return file;
            }
            Thread.sleep(500);
        }
    }

    /** The agent's recording so far, by {@code jcmd JFR.dump}, the server running on. */
    private static Path dumpRecording(ExampleServerProcess server, Path file) throws Exception {
        Jcmd.run(Jdks.current(), server.pid(), "JFR.dump", "name=httpmem", "filename=" + file);
        return file;
    }

    /**
     * One request per protocol that a stack hook fails: the stack answers 500, resets the stream or closes the
     * connection, whichever it does; the client's side of it does not matter here.
     */
    private static void failInsideTheStack(String uri, boolean http2) throws Exception {
        List<HttpClient> clients = http2 ? List.of(http11Client(), http2Client()) : List.of(http11Client());
        for (HttpClient client : clients) {
            try {
                client.newRequest(uri).headers(h -> h.put(ConnectionStates.FAIL_HEADER, "lifecycle"))
                        .timeout(30, TimeUnit.SECONDS).send();
            } catch (java.util.concurrent.ExecutionException failed) {
                // The stack reset the stream or closed the connection.
            } finally {
                client.stop();
            }
        }
    }

    private static HttpClient http11Client() throws Exception {
        HttpClient client = new HttpClient();
        client.start();
        return client;
    }

    private static HttpClient http2Client() throws Exception {
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        client.start();
        return client;
    }

    /**
     * Jetty's client aborts the request once the body starts: an RST_STREAM on its HTTP/2 stream. The client
     * stops only once the abort completed, so that the reset, not the connection's close, ends the stream.
     */
    private static void cancelAfterFirstContent(String uri) throws Exception {
        HttpClient client = http2Client();
        try {
            CountDownLatch aborted = new CountDownLatch(1);
            client.newRequest(uri).onResponseContent((response, content) ->
                    response.abort(new IOException("cancelled by the test"))).send(result -> aborted.countDown());
            assertTrue(aborted.await(30, TimeUnit.SECONDS), "request aborted");
            // Another request on the same connection: the server reads its frames in order, so once it answers this
            // one it has read the RST_STREAM. A fixed pause before closing was not always enough on a busy machine,
            // and the close then ended the stream instead of the reset.
            assertEquals(200, client.GET(URI.create(uri).resolve("/alloc/0")).getStatus(), "request after the reset");
        } finally {
            client.stop();
        }
    }

    /** The connection goes away mid-body: the client stops, closing its socket. */
    private static void dropHttp2AfterFirstContent(String uri) throws Exception {
        HttpClient client = http2Client();
        CountDownLatch started = new CountDownLatch(1);
        client.newRequest(uri).onResponseContent((response, content) -> started.countDown()).send(result -> { });
        assertTrue(started.await(30, TimeUnit.SECONDS), "response started");
        client.stop();
    }

    private static void dropHttp11AfterFirstBytes(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + BIG_BODY + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int read = 0; read < buffer.length; ) {
                int n = in.read(buffer, read, buffer.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            socket.setSoLinger(true, 0);
        }
    }
}
