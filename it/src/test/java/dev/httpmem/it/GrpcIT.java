package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.ExchangeFields;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gRPC-java servers on both its transports, grpc-netty-shaded (Netty relocated under
 * {@code io.grpc.netty.shaded.}) and grpc-netty, at the agent's defaults, called by gRPC's own client: one
 * exchange per call on its own stream, the service's work on the call executor counted to its call (1 MiB ±2%),
 * response messages counted as the DATA frames carry them, and no advice error.
 */
class GrpcIT {
    private static final int CALLS = 40;
    /** Calls before those measured: the first calls also load and link the classes of the call path. */
    private static final int WARM_UP_CALLS = 20;
    private static final long ALLOCATION = 1 << 20;
    private static final int BODY = 64 * 1024;
    private static final int STREAMS = 5;
    private static final int STREAM_MESSAGES = 10;

    static Stream<Arguments> transportsOnEachJdk() {
        return Stream.of("grpc", "grpc-netty").flatMap(example -> Stream.of(Jdk.values()).map(jdk -> Arguments.of(example, jdk)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transportsOnEachJdk")
    void everyCallIsAnExchangeWithTheServiceWorkItDid(String example, Jdk jdk) throws Exception {
        Path home = jdk.homeOrSkip();
        Path recording;
        try (ExampleServerProcess server = ExampleServerProcess.start(home, ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info",
                Artifacts.exampleJar(example), List.of(), Artifacts.workDir("grpc-" + example + "-jdk" + jdk.feature()))) {
            try (GrpcClient client = new GrpcClient(server.port())) {
                client.unary(GrpcClient.ALLOC, 0, WARM_UP_CALLS, 4);
                client.unary(GrpcClient.ALLOC, 0, CALLS, 4);
                client.unary(GrpcClient.ALLOC, ALLOCATION, CALLS, 4);
                client.unary(GrpcClient.BODY, BODY, CALLS, 4);
                for (int i = 0; i < STREAMS; i++) {
                    client.stream(STREAM_MESSAGES);
                }
            }
            recording = server.stop();
        }
        Recorded recorded = Recorded.read(recording);
        List<RecordedEvent> exchanges = recorded.exchanges().stream()
                .sorted(Comparator.comparingLong(e -> e.getLong(ExchangeFields.EXCHANGE_ID))).toList();
        assertEquals(WARM_UP_CALLS + 3 * CALLS + STREAMS, exchanges.size(), "one exchange per call");
        assertTrue(exchanges.stream().allMatch(e -> "HTTP/2".equals(e.getString(ExchangeFields.PROTOCOL)) && "netty".equals(e.getString(ExchangeFields.STACK))
                && "POST".equals(e.getString(ExchangeFields.METHOD)) && e.getInt(ExchangeFields.STATUS) == 200
                && "completed".equals(e.getString(ExchangeFields.OUTCOME))), exchanges.get(0).toString());
        Set<Long> streamIds = new HashSet<>();
        exchanges.forEach(e -> streamIds.add(e.getLong(ExchangeFields.STREAM_ID)));
        assertEquals(exchanges.size(), streamIds.size(), "a stream of its own per call, on one connection");
        assertTrue(streamIds.stream().allMatch(id -> id % 2 == 1), "client-initiated stream ids: " + streamIds);

        List<RecordedEvent> measured = exchanges.subList(WARM_UP_CALLS, exchanges.size());
        List<RecordedEvent> noAllocation = measured.subList(0, CALLS);
        List<RecordedEvent> allocation = measured.subList(CALLS, 2 * CALLS);
        List<RecordedEvent> bodies = measured.subList(2 * CALLS, 3 * CALLS);
        List<RecordedEvent> streams = measured.subList(3 * CALLS, measured.size());
        RecordedEvent statistics = recorded.lastStatistics();
        assertAll(
                () -> assertTrue(allocation.stream().allMatch(e -> e.getString(ExchangeFields.PATH).equals("/httpmem.Example/Alloc"))
                        && streams.stream().allMatch(e -> e.getString(ExchangeFields.PATH).equals("/httpmem.Example/Stream")), "endpoint: the method"),
                () -> assertEquals(ALLOCATION, mean(allocation) - mean(noAllocation), ALLOCATION * 0.02,
                        "Alloc(1048576) minus Alloc(0), bytes per call"),
                () -> assertTrue(bodies.stream().allMatch(e -> e.getLong(ExchangeFields.RESPONSE_BODY_BYTES) == BODY + GrpcClient.MESSAGE_PREFIX),
                        "Body's DATA: " + bodies.get(0)),
                () -> assertTrue(streams.stream().allMatch(e -> e.getLong(ExchangeFields.RESPONSE_BODY_BYTES)
                        == STREAM_MESSAGES * (GrpcClient.STREAM_MESSAGE_BYTES + GrpcClient.MESSAGE_PREFIX)), "Stream's DATA: " + streams.get(0)),
                () -> assertEquals(0, statistics.getLong(AgentStatisticsFields.SUPPRESSED_ERRORS), "suppressed advice errors"),
                () -> assertEquals(0, statistics.getLong(AgentStatisticsFields.OPENED_TWICE), "calls merged"),
                () -> assertEquals(0, statistics.getLong(AgentStatisticsFields.EXCHANGES_OPEN), "exchanges left open"));
    }

    private static double mean(List<RecordedEvent> exchanges) {
        return exchanges.stream().mapToLong(e -> e.getLong(ExchangeFields.ALLOCATED_BYTES)).average().orElseThrow();
    }
}
