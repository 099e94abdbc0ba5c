package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A servlet container httpmem does not instrument still gets an exchange per request from the servlet fallback:
 * Tomcat's example, with Tomcat left out of {@code stacks=}, stands in for one. Each exchange is the servlet's
 * work, so what the servlet allocates is its exchange's, to the byte; the protocol is what the request says.
 */
class ServletFallbackIT {
    private static final int REQUESTS = 40;
    private static final long ALLOCATION = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aContainerLeftOutGetsServletExchangesWithWhatTheServletAllocated(Jdk jdk) throws Exception {
        Path home = jdk.homeOrSkip();
        Path recording;
        try (ExampleServerProcess server = ExampleServerProcess.start(home, Artifacts.agentJar(), "log=info,stacks=servlet",
                Artifacts.exampleJar("tomcat"), List.of(), Artifacts.workDir("servlet-fallback-jdk" + jdk.feature()))) {
            String base = "http://127.0.0.1:" + server.port();
            for (Protocol protocol : List.of(Protocol.HTTP_1_1, Protocol.H2C_PRIOR_KNOWLEDGE)) {
                assertEquals(REQUESTS, Clients.send(protocol, base, "/alloc/0", REQUESTS, 4));
                assertEquals(REQUESTS, Clients.send(protocol, base, "/alloc/" + ALLOCATION, REQUESTS, 4));
            }
            recording = server.stop();
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        List<RecordedEvent> exchanges = events.stream().filter(e -> e.getEventType().getName().equals("httpmem.Exchange")).toList();
        assertEquals(4 * REQUESTS, exchanges.size(), "one exchange per request");
        assertTrue(exchanges.stream().allMatch(e -> "servlet".equals(e.getString("stack"))
                && e.getInt("status") == 200 && "completed".equals(e.getString("outcome"))), exchanges.get(0).toString());
        RecordedEvent statistics = events.stream().filter(e -> e.getEventType().getName().equals("httpmem.AgentStatistics"))
                .reduce((first, second) -> second).orElseThrow();
        assertAll(
                () -> assertEquals(0, statistics.getLong("suppressedErrors"), "suppressed advice errors"),
                () -> assertEquals(0, statistics.getLong("openedTwice"), "requests merged"),
                () -> assertEquals(0, statistics.getLong("exchangesOpen"), "exchanges left open"));

        JsonNode report = HttpmemCli.report(recording).json();
        for (String protocol : List.of("HTTP/1.1", "HTTP/2")) {
            double difference = mean(report, protocol, "/alloc/" + ALLOCATION) - mean(report, protocol, "/alloc/0");
            assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, protocol + ": /alloc/1048576 minus /alloc/0");
        }
    }

    private static double mean(JsonNode report, String protocol, String path) {
        for (JsonNode endpoint : report.get("endpoints")) {
            if (protocol.equals(endpoint.get("protocol").asText()) && path.equals(endpoint.get("path").asText())) {
                assertEquals(REQUESTS, endpoint.get("exchanges").asInt(), protocol + " " + path);
                return endpoint.get("allocatedBytesPerExchange").get("mean").asDouble();
            }
        }
        throw new AssertionError("no endpoint " + protocol + " " + path + " in " + report.get("endpoints"));
    }
}
