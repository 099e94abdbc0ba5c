package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.BodyWriteFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.FrameWriteFields;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same real-server checks for every stack, version and JDK: a forked example server with the built agent,
 * driven over HTTP/1.1, h2c (Upgrade and prior knowledge) and h2 over TLS (those the example speaks), then its
 * recording read back and reported by the CLI. A subclass names the server and the JDK. On JDK 17 the agent
 * records every slice, frame and body write ({@code detail=all}); on JDK 25 it runs at its defaults, where the
 * accuracy checks must hold just the same and frame and body writes are not recorded on their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractServerSuiteIT {
    static final int BODY_REQUESTS = 120;
    static final int ALLOC_REQUESTS = 30;
    static final long ALLOCATION = 1 << 20;
    static final String HTTP_1_1 = "HTTP/1.1";
    static final String HTTP_2 = "HTTP/2";

    private final Map<Protocol, Integer> bodyRequests = new EnumMap<>(Protocol.class);
    private final Map<String, Integer> requestsPerProtocol = new HashMap<>();
    private ExampleServerProcess server;
    private Path recording;
    private Recorded recorded;

    private final ExampleServer example;
    private final Jdk jdk;

    AbstractServerSuiteIT(ExampleServer example, Jdk jdk) {
        this.example = example;
        this.jdk = jdk;
    }

    /**
     * Whether the agent records every frame and body write: the checks of those run only then, on JDK 17, or on the
     * one JDK a stack that needs a newer one runs on.
     */
    private boolean everyWrite() {
        return jdk == Jdk.JDK_17 || example.oldestJdk() > Jdk.JDK_17.feature();
    }

    private String name() {
        return example.name() + "-" + jdk.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Set<Protocol> protocols() {
        return example.protocols();
    }

    private Set<Protocol> http2Clients() {
        Set<Protocol> http2 = EnumSet.copyOf(protocols());
        http2.remove(Protocol.HTTP_1_1);
        return http2;
    }

    /** Each protocol's body size differs by a byte, so every exchange tells which client sent it. */
    @SuppressWarnings("EnumOrdinal") // any distinct small number per protocol does
    static int bodySize(Protocol protocol) {
        return 90 * 1024 + protocol.ordinal();
    }

    @BeforeAll
    void driveAndRecord() throws Exception {
        Assumptions.assumeTrue(jdk.home().isPresent(), name() + ": no such JDK on this machine (JDK 25: set JAVA25_HOME)");
        String agentOptions = "log=info" + (everyWrite() ? ",detail=all" : "")
                + (example.agentOptions().isEmpty() ? "" : "," + example.agentOptions());
        server = ExampleServerProcess.start(jdk.home().get(), ForkedJvms.OPTIONS, Artifacts.agentJar(), agentOptions, example.jar(),
                example.serverArgs(), Artifacts.workDir(name()));
        for (Protocol protocol : protocols()) {
            String base = protocol == Protocol.H2_TLS
                    ? "https://127.0.0.1:" + server.tlsPort() : "http://127.0.0.1:" + server.port();
            int ok = Clients.send(protocol, base, "/body?size=" + bodySize(protocol), BODY_REQUESTS, 4);
            ok += Clients.send(protocol, base, "/alloc/" + ALLOCATION, ALLOC_REQUESTS, 1);
            ok += Clients.send(protocol, base, "/alloc/0", ALLOC_REQUESTS, 1);
            assertEquals(BODY_REQUESTS + 2 * ALLOC_REQUESTS, ok, protocol + ": responses with status 200");
            bodyRequests.put(protocol, BODY_REQUESTS);
            requestsPerProtocol.merge(protocol == Protocol.HTTP_1_1 ? HTTP_1_1 : HTTP_2, ok, Integer::sum);
        }
        recording = server.stop();
        recorded = Recorded.read(recording);
    }

    private String serverLog() throws java.io.IOException {
        return java.nio.file.Files.readString(server.log());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRequestIsOneExchangeOfItsProtocol() throws Exception {
        assertAll(requestsPerProtocol.entrySet().stream().map(sent -> () -> assertEquals(sent.getValue(),
                recorded.exchanges(sent.getKey()).size(), sent.getKey() + " exchanges; server log:\n" + serverLog())));
        for (Protocol protocol : protocols()) {
            long exchanges = recorded.exchanges().stream()
                    .filter(e -> e.getLong(ExchangeFields.RESPONSE_BODY_BYTES) == bodySize(protocol)).count();
            assertEquals(bodyRequests.get(protocol).longValue(), exchanges, protocol + " /body exchanges");
        }
    }

    @Test
    void exchangesDescribeTheirRequests() {
        for (RecordedEvent exchange : recorded.exchanges()) {
            assertEquals(example.stack(), exchange.getString(ExchangeFields.STACK));
            assertEquals("GET", exchange.getString(ExchangeFields.METHOD));
            assertEquals(200, exchange.getInt(ExchangeFields.STATUS), () -> "status of " + exchange);
            assertEquals("completed", exchange.getString(ExchangeFields.OUTCOME), () -> "outcome of " + exchange);
            String path = exchange.getString(ExchangeFields.PATH);
            assertTrue(path.equals("/body") || path.startsWith("/alloc/"), () -> "path without query: " + path);
        }
    }

    @Test
    void http2StreamIdsAreOddAndUniquePerConnection() {
        Assumptions.assumeFalse(http2Clients().isEmpty(), "the example speaks no HTTP/2");
        Map<Long, List<Long>> streamsByConnection = recorded.exchanges(HTTP_2).stream().collect(Collectors.groupingBy(
                e -> e.getLong(ExchangeFields.CONNECTION_ID), Collectors.mapping(e -> e.getLong(ExchangeFields.STREAM_ID), Collectors.toList())));
        assertTrue(streamsByConnection.size() >= http2Clients().size(), "one connection at least per HTTP/2 client: " + streamsByConnection.keySet());
        streamsByConnection.forEach((connection, streams) -> {
            assertEquals(streams.size(), new HashSet<>(streams).size(), "unique stream ids on connection " + connection);
            assertTrue(streams.stream().allMatch(id -> id % 2 == 1), "odd stream ids on connection " + connection + ": " + streams);
        });
    }

    @Test
    void http11RequestsAreNumberedPerConnection() {
        Map<Long, List<Long>> byConnection = recorded.exchanges(HTTP_1_1).stream().collect(Collectors.groupingBy(
                e -> e.getLong(ExchangeFields.CONNECTION_ID), Collectors.mapping(e -> e.getLong(ExchangeFields.STREAM_ID), Collectors.toList())));
        byConnection.forEach((connection, numbers) -> assertEquals(
                Set.copyOf(java.util.stream.LongStream.rangeClosed(1, numbers.size()).boxed().toList()),
                Set.copyOf(numbers), "request numbers on connection " + connection));
    }

    @Test
    void dataFramePayloadPerStreamIsTheBodySize() {
        Assumptions.assumeFalse(http2Clients().isEmpty(), "the example speaks no HTTP/2");
        Assumptions.assumeTrue(everyWrite(), "frames are recorded with detail=all");
        Map<Long, Long> dataBytesByExchange = recorded.frames().stream()
                .filter(f -> "DATA".equals(f.getString(FrameWriteFields.FRAME_TYPE)))
                .collect(Collectors.groupingBy(f -> f.getLong(FrameWriteFields.EXCHANGE_ID),
                        Collectors.summingLong(f -> f.getLong(FrameWriteFields.PAYLOAD_BYTES))));
        for (RecordedEvent exchange : recorded.exchanges(HTTP_2)) {
            long expected = exchange.getString(ExchangeFields.PATH).equals("/body") ? exchange.getLong(ExchangeFields.RESPONSE_BODY_BYTES) : 2;
            assertEquals(expected, dataBytesByExchange.getOrDefault(exchange.getLong(ExchangeFields.EXCHANGE_ID), 0L).longValue(),
                    () -> "DATA bytes of " + exchange);
        }
        for (Protocol protocol : http2Clients()) {
            assertTrue(recorded.exchanges(HTTP_2).stream().anyMatch(e -> e.getLong(ExchangeFields.RESPONSE_BODY_BYTES) == bodySize(protocol)),
                    protocol + " bodies recorded");
        }
    }

    @Test
    void everyResponseHeadersFrameHasItsHeaderBlock() {
        Assumptions.assumeFalse(http2Clients().isEmpty(), "the example speaks no HTTP/2");
        Assumptions.assumeTrue(everyWrite(), "frames are recorded with detail=all");
        List<RecordedEvent> headers = recorded.frames().stream().filter(f -> "HEADERS".equals(f.getString(FrameWriteFields.FRAME_TYPE))).toList();
        assertFalse(headers.isEmpty(), "HEADERS frames recorded");
        // At least :status, HPACK-indexed: one byte.
        headers.forEach(frame -> assertTrue(frame.getLong(FrameWriteFields.PAYLOAD_BYTES) > 0, () -> "header block of " + frame));
    }

    @Test
    void http11BodyWritesAddUpToTheBody() {
        Assumptions.assumeTrue(everyWrite(), "body writes are recorded with detail=all");
        Map<Long, Long> bytesByExchange = recorded.bodyWrites().stream().collect(Collectors.groupingBy(
                w -> w.getLong(BodyWriteFields.EXCHANGE_ID), Collectors.summingLong(w -> w.getLong(BodyWriteFields.BYTES))));
        for (RecordedEvent exchange : recorded.exchanges(HTTP_1_1)) {
            long expected = exchange.getString(ExchangeFields.PATH).equals("/body") ? bodySize(Protocol.HTTP_1_1) : 2;
            assertEquals(expected, bytesByExchange.getOrDefault(exchange.getLong(ExchangeFields.EXCHANGE_ID), 0L).longValue(),
                    () -> "body bytes of " + exchange);
        }
    }

    @Test
    void allocationPerExchangeMatchesWhatTheHandlerAllocated() {
        for (String protocol : requestsPerProtocol.keySet()) {
            double difference = meanAllocated(protocol, "/alloc/" + ALLOCATION) - meanAllocated(protocol, "/alloc/0");
            assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, protocol + ": /alloc/1048576 minus /alloc/0");
        }
    }

    @Test
    void adviceNeverFailed() throws Exception {
        RecordedEvent statistics = recorded.lastStatistics();
        assertNotNull(statistics, EventNames.AGENT_STATISTICS + " recorded");
        assertEquals(0, statistics.getLong(AgentStatisticsFields.SUPPRESSED_ERRORS), "suppressed advice errors; server log:\n" + serverLog());
        assertEquals(0, statistics.getLong(AgentStatisticsFields.UNTRACKED), "untracked exchanges");
        assertEquals(0, statistics.getLong(AgentStatisticsFields.OPENED_TWICE), "requests merged into an exchange already open");
        assertEquals(0, statistics.getLong(AgentStatisticsFields.SLICES_TOO_DEEP), "slices nested too deep");
        assertEquals(0, statistics.getLong(AgentStatisticsFields.EXCHANGES_OPEN), "exchanges left open");
    }

    @Test
    void reportShowsTheSameNumbers() throws Exception {
        HttpmemCli.Result result = HttpmemCli.report(recording);
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = result.json();
        Map<String, JsonNode> protocols = new HashMap<>();
        json.get("protocols").forEach(p -> protocols.put(p.get("protocol").asText(), p));
        requestsPerProtocol.forEach((protocol, sent) -> {
            assertEquals(sent.intValue(), protocols.get(protocol).get("exchanges").asInt(), protocol + " exchanges in report");
            assertTrue(protocols.get(protocol).get("allocatedBytesPerExchange").get("mean").asDouble() > 0);
        });
        for (String protocol : requestsPerProtocol.keySet()) {
            long clients = protocols().stream().filter(p -> protocol.equals(p == Protocol.HTTP_1_1 ? HTTP_1_1 : HTTP_2)).count();
            double difference = endpointMean(json, protocol, "/alloc/" + ALLOCATION) - endpointMean(json, protocol, "/alloc/0");
            assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, protocol + ": report's /alloc difference");
            assertEquals(ALLOC_REQUESTS * clients,
                    endpoint(json, protocol, "/alloc/0").get("exchanges").asInt(), protocol + " /alloc/0 exchanges in report");
        }
    }

    private double meanAllocated(String protocol, String path) {
        return recorded.exchanges(protocol).stream().filter(e -> path.equals(e.getString(ExchangeFields.PATH)))
                .mapToLong(e -> e.getLong(ExchangeFields.ALLOCATED_BYTES)).average().orElseThrow(() -> new AssertionError("no " + protocol + " " + path));
    }

    private static JsonNode endpoint(JsonNode report, String protocol, String path) {
        for (JsonNode endpoint : report.get("endpoints")) {
            if (protocol.equals(endpoint.get("protocol").asText()) && path.equals(endpoint.get("path").asText())) {
                return endpoint;
            }
        }
        throw new AssertionError("no endpoint " + protocol + " " + path + " in " + report.get("endpoints"));
    }

    private static double endpointMean(JsonNode report, String protocol, String path) {
        return endpoint(report, protocol, path).get("allocatedBytesPerExchange").get("mean").asDouble();
    }
}
