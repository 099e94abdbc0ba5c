package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import dev.httpmem.schema.AgentStatisticsFields;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A servlet container httpmem does not instrument still gets an exchange per request from the servlet fallback, under
 * both names of the servlet API. Tomcat's example with Tomcat left out of {@code stacks=} stands in for a Jakarta
 * Servlet container; Jetty 9.4, a Jetty httpmem does not support, is a {@code javax.servlet} one at the agent's
 * defaults. Each exchange is the servlet's work, so what the servlet allocates is its exchange's, to the byte; the
 * protocol is what the request says.
 */
class ServletFallbackIT {
    private static final int REQUESTS = 40;
    private static final long ALLOCATION = 1 << 20;
    private static final BackgroundRecordings RECORDINGS = new BackgroundRecordings();

    /** A container that is not instrumented, the servlet API it implements, and what it speaks. */
    enum Container {
        TOMCAT_LEFT_OUT("tomcat", "stacks=servlet", List.of(Protocol.HTTP_1_1, Protocol.H2C_PRIOR_KNOWLEDGE)),
        JETTY_9_4_JAVAX("jetty-9.4", "", List.of(Protocol.HTTP_1_1));

        final String example;
        final String agentOptions;
        @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
        final List<Protocol> protocols;

        Container(String example, String agentOptions, List<Protocol> protocols) {
            this.example = example;
            this.agentOptions = agentOptions;
            this.protocols = protocols;
        }
    }

    static Stream<Arguments> containersOnEachJdk() {
        return Stream.of(Container.values()).flatMap(container -> Stream.of(Jdk.values()).map(jdk -> Arguments.of(container, jdk)));
    }

    @BeforeAll
    static void recordTwoAtATime() {
        containersOnEachJdk().forEach(arguments -> {
            Container container = (Container) arguments.get()[0];
            Jdk jdk = (Jdk) arguments.get()[1];
            jdk.home().ifPresent(home -> RECORDINGS.schedule(name(container, jdk), () -> record(container, home, jdk)));
        });
    }

    @AfterAll
    static void stopRecording() {
        RECORDINGS.close();
    }

    private static String name(Container container, Jdk jdk) {
        return container.example + "-jdk" + jdk.feature();
    }

    private static Path record(Container container, Path home, Jdk jdk) throws Exception {
        String options = container.agentOptions.isEmpty() ? "log=info" : "log=info," + container.agentOptions;
        try (ExampleServerProcess server = ExampleServerProcess.start(home, ForkedJvms.OPTIONS, Artifacts.agentJar(), options,
                Artifacts.exampleJar(container.example), List.of(), Artifacts.workDir("servlet-fallback-" + name(container, jdk)))) {
            String base = "http://127.0.0.1:" + server.port();
            for (Protocol protocol : container.protocols) {
                assertEquals(REQUESTS, Clients.send(protocol, base, "/alloc/0", REQUESTS, 4));
                assertEquals(REQUESTS, Clients.send(protocol, base, "/alloc/" + ALLOCATION, REQUESTS, 4));
            }
            return server.stop();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("containersOnEachJdk")
    void aContainerLeftOutGetsServletExchangesWithWhatTheServletAllocated(Container container, Jdk jdk) throws Exception {
        jdk.homeOrSkip();
        Path recording = RECORDINGS.get(name(container, jdk));
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        List<RecordedEvent> exchanges = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.EXCHANGE)).toList();
        assertEquals(2 * REQUESTS * container.protocols.size(), exchanges.size(), "one exchange per request");
        assertTrue(exchanges.stream().allMatch(e -> "servlet".equals(e.getString(ExchangeFields.STACK))
                && e.getInt(ExchangeFields.STATUS) == 200 && "completed".equals(e.getString(ExchangeFields.OUTCOME))), exchanges.get(0).toString());
        RecordedEvent statistics = events.stream().filter(e -> e.getEventType().getName().equals(EventNames.AGENT_STATISTICS))
                .reduce((first, second) -> second).orElseThrow();
        assertAll(
                () -> assertEquals(0, statistics.getLong(AgentStatisticsFields.SUPPRESSED_ERRORS), "suppressed advice errors"),
                () -> assertEquals(0, statistics.getLong(AgentStatisticsFields.OPENED_TWICE), "requests merged"),
                () -> assertEquals(0, statistics.getLong(AgentStatisticsFields.EXCHANGES_OPEN), "exchanges left open"));

        JsonNode report = HttpmemCli.report(recording).json();
        for (Protocol protocol : container.protocols) {
            String name = protocol == Protocol.HTTP_1_1 ? "HTTP/1.1" : "HTTP/2";
            double difference = mean(report, name, "/alloc/" + ALLOCATION) - mean(report, name, "/alloc/0");
            assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, name + ": /alloc/1048576 minus /alloc/0");
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
