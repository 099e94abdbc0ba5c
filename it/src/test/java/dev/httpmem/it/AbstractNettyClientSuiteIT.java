package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ClientDriverProcess;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.examples.common.BodyRetention;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.Outcomes;
import dev.httpmem.schema.Roles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client side on Netty: examples/clients' driver with the built agent, the client JVM's recordings read back by
 * the CLI. Reactor Netty's {@code HttpClient} calls the Reactor Netty example server (run without the agent) over
 * HTTP/1.1 and then h2c, in three runs: with the planted client-side leak (every HTTP/2 response's body leaves a
 * slice of itself in a static list), its clean twin, and one that allocates a known amount per response. gRPC-java's
 * client (its shaded Netty) calls the gRPC example likewise, leaky, and a few calls with and without that
 * allocation. Two more runs offer h2c by Upgrade: to the Reactor Netty example, which takes it, and to the JDK's
 * HTTP/1.1-only server, which does not. A subclass names the JDK the clients run on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractNettyClientSuiteIT {
    static final String CLIENT_HTTP_1_1 = "client HTTP/1.1";
    static final String CLIENT_HTTP_2 = "client HTTP/2";
    /**
     * Per protocol, with a forced full GC every {@link #GC_EVERY} exchanges: 20 GCs per protocol's phase. Over
     * 3,000 gRPC calls JFR once sampled no planted object inside a call, so the site went unnamed.
     */
    private static final int RETENTION_REQUESTS = 5_000;
    private static final int GC_EVERY = 250;
    private static final int ALLOC_REQUESTS = 500;
    private static final String GRPC = "grpc";
    private static final long ALLOCATION = 1 << 20;

    private final Jdk jdk;
    private final List<ExampleServerProcess> servers = new ArrayList<>();
    private Path leaky;
    private Path clean;
    private Path allocating;
    private Path grpcLeaky;
    private Path grpcPlain;
    private Path grpcAllocating;
    private Path upgrading;
    private Path refused;

    AbstractNettyClientSuiteIT(Jdk jdk) {
        this.jdk = jdk;
    }

    @BeforeAll
    void recordClients() throws Exception {
        Path javaHome = jdk.homeOrSkip();
        String name = "netty-clients-" + jdk.name().toLowerCase(Locale.ROOT);
        String retentionOptions = "gc-every=" + GC_EVERY;
        String url = "http://127.0.0.1:" + startServer("reactor-netty", name).port() + "/body";
        String grpcUrl = "http://127.0.0.1:" + startServer(GRPC, name).port();
        String http1OnlyUrl = "http://127.0.0.1:" + startServer("jdkhttp", name).port() + "/body";
        // Two clients at a time: each spends much of its run waiting for its forced GCs and its server's answers,
        // and one after another the six took the suite two minutes per JDK.
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<Path> leakyRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-leaky"), retentionOptions,
                    List.of("--url", url, "--requests", Integer.toString(RETENTION_REQUESTS), "--leaky")));
            Future<Path> grpcLeakyRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-grpc-leaky"),
                    retentionOptions, List.of("--client", GRPC, "--url", grpcUrl, "--requests",
                            Integer.toString(RETENTION_REQUESTS), "--leaky")));
            Future<Path> cleanRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-clean"), retentionOptions,
                    List.of("--url", url, "--requests", Integer.toString(RETENTION_REQUESTS))));
            Future<Path> allocatingRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-alloc"), "",
                    List.of("--url", url, "--requests", Integer.toString(ALLOC_REQUESTS), "--alloc", Long.toString(ALLOCATION))));
            Future<Path> grpcPlainRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-grpc-plain"), "",
                    List.of("--client", GRPC, "--url", grpcUrl, "--requests", Integer.toString(ALLOC_REQUESTS))));
            Future<Path> grpcAllocatingRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-grpc-alloc"), "",
                    List.of("--client", GRPC, "--url", grpcUrl, "--requests", Integer.toString(ALLOC_REQUESTS),
                            "--alloc", Long.toString(ALLOCATION))));
            Future<Path> upgradingRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-upgrade"), "",
                    List.of("--url", url, "--requests", Integer.toString(ALLOC_REQUESTS), "--protocol", "h2c-upgrade")));
            Future<Path> refusedRun = clients.submit(() -> runClient(javaHome, Artifacts.workDir(name + "-upgrade-refused"), "",
                    List.of("--url", http1OnlyUrl, "--requests", Integer.toString(ALLOC_REQUESTS), "--protocol", "h2c-upgrade")));
            leaky = leakyRun.get();
            grpcLeaky = grpcLeakyRun.get();
            clean = cleanRun.get();
            allocating = allocatingRun.get();
            grpcPlain = grpcPlainRun.get();
            grpcAllocating = grpcAllocatingRun.get();
            upgrading = upgradingRun.get();
            refused = refusedRun.get();
        } finally {
            clients.shutdownNow();
        }
    }

    /** An example server without the agent: only the clients' JVMs are recorded. */
    private ExampleServerProcess startServer(String example, String name) throws IOException, InterruptedException {
        ExampleServerProcess server = ExampleServerProcess.startWithoutAgent(Jdks.current(), List.of(),
                Artifacts.exampleJar(example), Artifacts.workDir(name + "-" + example + "-server"));
        servers.add(server);
        return server;
    }

    @AfterAll
    void stopServers() {
        servers.forEach(ExampleServerProcess::close);
    }

    /** Runs the driver with the agent recording to {@code workDir}; returns the recording once it exited 0. */
    private static Path runClient(Path javaHome, Path workDir, String agentOptions, List<String> driverArgs)
            throws IOException, InterruptedException {
        return ClientDriverProcess.run(javaHome, Artifacts.agentJar(), agentOptions, Artifacts.exampleJar("clients"),
                driverArgs, workDir);
    }

    @Test
    void everyRequestSentIsAClientExchangeOfItsProtocol() throws Exception {
        JsonNode report = report(clean);
        assertAll(
                () -> assertEquals(RETENTION_REQUESTS, HttpmemCli.protocol(report, CLIENT_HTTP_1_1).get("exchanges").asLong()),
                () -> assertEquals(RETENTION_REQUESTS, HttpmemCli.protocol(report, CLIENT_HTTP_2).get("exchanges").asLong()),
                () -> assertEquals(2, report.get("protocols").size(), "only client protocols: " + report.get("protocols")),
                () -> assertEquals(Bodies.DEFAULT_SIZE, HttpmemCli.protocol(report, CLIENT_HTTP_1_1).get("responseBytesPerExchange").get("mean").asDouble(),
                        1.0, "HTTP/1.1 response body read per exchange"),
                () -> assertEquals(Bodies.DEFAULT_SIZE, HttpmemCli.protocol(report, CLIENT_HTTP_2).get("responseBytesPerExchange").get("mean").asDouble(),
                        1.0, "HTTP/2 response body read per exchange"));
        Map<String, Long> roles = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(clean)) {
            if (event.getEventType().getName().equals(EventNames.EXCHANGE)) {
                roles.merge(event.getString(ExchangeFields.ROLE) + " " + event.getString(ExchangeFields.OUTCOME), 1L, Long::sum);
            }
        }
        assertEquals(Map.of(Roles.CLIENT + " completed", 2L * RETENTION_REQUESTS), roles, "role and outcome of every exchange");
    }

    @Test
    void everyGrpcCallIsAClientHttp2Exchange() throws Exception {
        JsonNode report = report(grpcLeaky);
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2);
        assertAll(
                () -> assertEquals(RETENTION_REQUESTS, http2.get("exchanges").asLong()),
                () -> assertEquals(1, report.get("protocols").size(), "gRPC is HTTP/2 only: " + report.get("protocols")),
                () -> assertEquals(RETENTION_REQUESTS, http2.get("outcomes").get("completed").asLong(), http2.toString()),
                () -> assertEquals("POST", report.get("endpoints").get(0).get("method").asText()),
                () -> assertEquals("/httpmem.Example/Body", report.get("endpoints").get(0).get("path").asText()));
    }

    /**
     * Reactor Netty offering h2c by Upgrade on each connection's first request (HTTP/1.1 and H2C configured): the
     * server takes it, and each upgraded request is its connection's HTTP/2 stream 1, an exchange of that protocol
     * like the requests after it, read whole and completed (Reactor Netty resets stream 1 as it lets it go).
     */
    @Test
    void upgradedRequestsAreClientHttp2Exchanges() throws Exception {
        JsonNode report = report(upgrading);
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2);
        assertAll(
                () -> assertEquals(ALLOC_REQUESTS, http2.get("exchanges").asLong()),
                () -> assertEquals(ALLOC_REQUESTS, http2.get("outcomes").get("completed").asLong(), http2.toString()),
                () -> assertEquals(Bodies.DEFAULT_SIZE, http2.get("responseBytesPerExchange").get("mean").asDouble(), 1.0,
                        "HTTP/2 response body read per exchange"));
        Map<Long, Long> upgradeStreams = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(upgrading)) {
            if (event.getEventType().getName().equals(EventNames.EXCHANGE)) {
                assertEquals("HTTP/2", event.getString(ExchangeFields.PROTOCOL), event::toString);
                if (event.getLong(ExchangeFields.STREAM_ID) == 1) {
                    upgradeStreams.merge(event.getLong(ExchangeFields.CONNECTION_ID), 1L, Long::sum);
                }
            }
        }
        assertTrue(!upgradeStreams.isEmpty() && upgradeStreams.values().stream().allMatch(n -> n == 1),
                "one upgraded stream 1 per connection: " + upgradeStreams);
    }

    /**
     * The same client against a server that speaks HTTP/1.1 only (the JDK's): it answers each connection's first
     * request, which offered the Upgrade, over HTTP/1.1, and that exchange is told apart as upgrade-refused; the
     * connection's later requests are plain completed ones.
     */
    @Test
    void aRefusedUpgradeIsAnHttp11ExchangeOfItsOwnOutcome() throws Exception {
        Map<Long, List<RecordedEvent>> byConnection = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(refused)) {
            if (event.getEventType().getName().equals(EventNames.EXCHANGE)) {
                assertEquals("HTTP/1.1", event.getString(ExchangeFields.PROTOCOL), event::toString);
                assertEquals(200, event.getInt(ExchangeFields.STATUS), event::toString);
                byConnection.computeIfAbsent(event.getLong(ExchangeFields.CONNECTION_ID), c -> new ArrayList<>()).add(event);
            }
        }
        assertEquals(ALLOC_REQUESTS, byConnection.values().stream().mapToInt(List::size).sum(), "exchanges");
        byConnection.values().forEach(exchanges -> exchanges.forEach(exchange -> assertEquals(
                exchange.getLong(ExchangeFields.STREAM_ID) == 1 ? Outcomes.UPGRADE_REFUSED : Outcomes.COMPLETED,
                exchange.getString(ExchangeFields.OUTCOME), exchange::toString)));
        assertEquals(byConnection.size(), HttpmemCli.protocol(report(refused), CLIENT_HTTP_1_1).get("outcomes")
                .get(Outcomes.UPGRADE_REFUSED).asLong(), "one refused Upgrade per connection");
    }

    @Test
    void adviceNeverFailed() throws Exception {
        for (Path recording : List.of(leaky, clean, allocating, grpcLeaky, grpcPlain, grpcAllocating, upgrading, refused)) {
            JsonNode agent = report(recording).get("agent");
            assertAll(recording.toString(),
                    () -> assertEquals(0, agent.get("suppressedErrors").asLong(), "suppressed advice errors"),
                    () -> assertEquals(0, agent.get("untracked").asLong(), "untracked exchanges"),
                    () -> assertEquals(0, agent.get("openedTwice").asLong(), "requests merged into an exchange already open"),
                    () -> assertEquals(0, agent.get("exchangesOpen").asLong(), "exchanges left open"));
        }
    }

    /** The driver allocates {@link #ALLOCATION} more as it handles each response: per exchange, within 2%. */
    @Test
    void allocationPerExchangeMatchesWhatTheResponseHandlerAllocated() throws Exception {
        JsonNode with = report(allocating);
        JsonNode without = report(clean);
        for (String protocol : List.of(CLIENT_HTTP_1_1, CLIENT_HTTP_2)) {
            double difference = meanAllocated(with, protocol) - meanAllocated(without, protocol);
            assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, protocol + ": --alloc " + ALLOCATION + " minus none");
        }
    }

    @Test
    void allocationPerGrpcCallMatchesWhatTheResponseObserverAllocated() throws Exception {
        double difference = meanAllocated(report(grpcAllocating), CLIENT_HTTP_2) - meanAllocated(report(grpcPlain), CLIENT_HTTP_2);
        assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, "gRPC: --alloc " + ALLOCATION + " minus none");
    }

    @Test
    void diffFindsThePlantedLeakOfGrpcCallsAtItsSiteAndRoot() throws Exception {
        JsonNode report = HttpmemCli.diffJson(grpcLeaky);
        long planted = BodyRetention.plantedBytesPerResponse(Bodies.DEFAULT_SIZE);
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2).get("retainedBytesPerExchange");
        assertEquals(planted, http2.get("estimate").asDouble(), planted * 0.25, "client HTTP/2 B/call vs planted " + planted);
        assertPlantedSite(report.get("topRetainedSite"));
    }

    @Test
    void diffFindsThePlantedClientLeakOnHttp2AtItsSiteAndRoot() throws Exception {
        JsonNode report = HttpmemCli.diffJson(leaky);
        long planted = BodyRetention.plantedBytesPerResponse(Bodies.DEFAULT_SIZE);
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2).get("retainedBytesPerExchange");
        JsonNode http11 = HttpmemCli.protocol(report, CLIENT_HTTP_1_1).get("retainedBytesPerExchange");
        assertAll(
                () -> assertEquals(planted, http2.get("estimate").asDouble(), planted * 0.25, "client HTTP/2 B/exchange vs planted " + planted),
                () -> assertTrue(http11.get("estimate").asDouble() < 32, "client HTTP/1.1 B/exchange: " + http11),
                () -> assertTrue(report.get("verdict").asText().contains("client HTTP/2"), report.get("verdict").asText()));
        assertPlantedSite(report.get("topRetainedSite"));
    }

    private static void assertPlantedSite(JsonNode site) {
        assertEquals(CLIENT_HTTP_2, site.get("protocol").asText(), site.toString());
        assertTrue(site.get("site").asText().contains("BodyRetention.keep"), "planted allocation site: " + site);
        assertTrue(site.get("rootPath").asText().contains("RETAINED"), "root path names the retaining field: " + site);
    }

    @Test
    void theCleanTwinRetainsNothing() throws Exception {
        JsonNode report = HttpmemCli.diffJson(clean);
        long planted = BodyRetention.plantedBytesPerResponse(Bodies.DEFAULT_SIZE);
        for (String protocol : List.of(CLIENT_HTTP_1_1, CLIENT_HTTP_2)) {
            // Over 3,000 exchanges the interval is some ±40 B wide (35 B, CI -4..74, once): not retaining, and far
            // below the leaky twin's planted bytes, is what tells the twins apart.
            JsonNode fitted = HttpmemCli.protocol(report, protocol);
            JsonNode retained = fitted.get("retainedBytesPerExchange");
            assertNotEquals("RETAINS", fitted.get("status").asText(), protocol + ": " + retained);
            assertTrue(retained.get("estimate").asDouble() < planted / 4.0, protocol + ": " + retained);
        }
    }

    private static double meanAllocated(JsonNode report, String protocol) {
        return HttpmemCli.protocol(report, protocol).get("allocatedBytesPerExchange").get("mean").asDouble();
    }

    private static JsonNode report(Path recording) throws Exception {
        HttpmemCli.Result report = HttpmemCli.report(recording);
        assertEquals(0, report.exitCode(), report.err());
        return report.json();
    }
}
