package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every byte a request costs is attributed: what the server allocates on all its threads while it serves one
 * protocol steadily goes to the exchanges, to their connections' work (reads, parsing, frames shared by streams)
 * or to the stacks' I/O loops, 95% of it at least, on every stack; the report says which share, and shows the
 * connection work per exchange beside the exchange's own allocation.
 */
// Alone: each run serves what it can in a fixed time, and needs enough requests in it.
@Isolated
class AllocationAttributionIT {
    /** The report counts the seconds in which exchanges finished as in the second before: load for this long gives several. */
    private static final long LOAD_MILLIS = 5_000;
    private static final int BATCH = 200;
    private static final double MIN_SHARE = 0.95;

    static Stream<Arguments> serversAndProtocols() {
        return Stream.of(
                Arguments.of(ExampleServer.JETTY_12_1, Protocol.HTTP_1_1), Arguments.of(ExampleServer.JETTY_12_1, Protocol.H2C_UPGRADE),
                Arguments.of(ExampleServer.NETTY_4_2, Protocol.HTTP_1_1), Arguments.of(ExampleServer.NETTY_4_2, Protocol.H2C_UPGRADE),
                Arguments.of(ExampleServer.TOMCAT_11, Protocol.HTTP_1_1), Arguments.of(ExampleServer.TOMCAT_11, Protocol.H2C_UPGRADE),
                Arguments.of(ExampleServer.JDK_HTTP, Protocol.HTTP_1_1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndProtocols")
    void exchangesAndTheirConnectionsAccountForWhatTheServerAllocates(ExampleServer example, Protocol protocol) throws Exception {
        Path recording;
        String agentOptions = "log=info" + (example.agentOptions().isEmpty() ? "" : "," + example.agentOptions());
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(), agentOptions,
                example.jar(), example.serverArgs(), Artifacts.workDir("attribution-" + example.name() + "-" + protocol))) {
            String base = "http://127.0.0.1:" + server.port();
            long end = System.nanoTime() + LOAD_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
                assertEquals(BATCH, Clients.send(protocol, base, "/body?size=1024", BATCH, 4), "responses with status 200");
            }
            recording = server.stop();
        }
        HttpmemCli.Result report = HttpmemCli.report(recording);
        assertEquals(0, report.exitCode(), report.err());
        JsonNode attribution = report.json().get("attribution");
        assertTrue(attribution.isObject(), "attribution in " + report.out());
        assertTrue(attribution.get("share").asDouble() >= MIN_SHARE, () -> example + " " + protocol + ": " + attribution);
        for (JsonNode site : report.json().get("allocationSites")) {
            for (JsonNode frame : site.get("frames")) {
                // Classes transformed at their first use inside an exchange: the agent's work, not the exchange's.
                assertFalse(frame.asText().startsWith("dev.httpmem.agent.") || frame.asText().startsWith("dev.httpmem.shaded."),
                        () -> example + " " + protocol + ": " + site);
            }
        }
        String name = protocol == Protocol.HTTP_1_1 ? "HTTP/1.1" : "HTTP/2";
        for (JsonNode p : report.json().get("protocols")) {
            if (p.get("protocol").asText().equals(name)) {
                // jdkhttp reads each request in the exchange's own task: its connections do no work of their own.
                assertTrue(p.get("connectionWorkBytesPerExchange").isNumber(), () -> name + ": " + p);
            }
        }
    }
}
