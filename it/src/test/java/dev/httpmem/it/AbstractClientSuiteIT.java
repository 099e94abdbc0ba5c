package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ClientDriverProcess;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.examples.common.BodyRetention;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import dev.httpmem.schema.HeapCheckpointFields;
import dev.httpmem.schema.Outcomes;
import dev.httpmem.schema.Roles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The client side, one client library at a time: examples/clients' driver with the built agent, the client JVM's
 * recordings read back by the CLI. The client calls the Reactor Netty example server (run without the agent) over
 * HTTP/1.1 and then over HTTP/2 as it speaks it: one run that allocates a known amount per response and one that
 * does not, as many requests at a time; where retention is fitted ({@link #fitsRetention}), one with the planted
 * client-side leak (every HTTP/2 response's body leaves a slice of itself in a static list) and its clean twin.
 * Another offers h2c by Upgrade, if the client offers it, to the JDK's HTTP/1.1-only server, which refuses it. A
 * subclass names the client, the JDK the clients run on, and runs of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractClientSuiteIT {
    static final String CLIENT_HTTP_1_1 = "client HTTP/1.1";
    static final String CLIENT_HTTP_2 = "client HTTP/2";
    /**
     * Per protocol, with a forced full GC every 250 exchanges ({@link #RETENTION_OPTIONS}): 20 GCs per protocol's
     * phase. Over 3,000 gRPC calls JFR once sampled no planted object inside a call, so the site went unnamed.
     */
    static final int RETENTION_REQUESTS = 5_000;
    private static final String RETENTION_OPTIONS = "gc-every=250";
    static final int ALLOC_REQUESTS = 500;
    /** Requests the driver has in flight at a time (its default). */
    static final int DRIVER_CONCURRENCY = 4;
    static final long ALLOCATION = 1 << 20;
    private static final String LEAKY = "leaky";
    private static final String CLEAN = "clean";
    static final String ALLOCATING = "alloc";
    private static final String PLAIN = "plain";
    private static final String REFUSED = "upgrade-refused";

    private final Jdk jdk;
    private final String name;
    private final List<String> client;
    private final String stacks;
    private final UpgradeOffers upgradeOffers;
    private final boolean retentionFitted;
    private final List<ExampleServerProcess> servers = new ArrayList<>();
    private final Map<String, Path> recordings = new LinkedHashMap<>();
    /** The Reactor Netty example's {@code /body}, once it runs. */
    String bodyUrl;

    /**
     * @param name   what the work directories are named after
     * @param client the driver's arguments that choose the client
     * @param stacks the agent's {@code stacks=} option for it, or empty for its default stacks
     * @param retentionFitted whether the client's retention is fitted, on JDK 17 ({@link #fitsRetention})
     */
    AbstractClientSuiteIT(Jdk jdk, String name, List<String> client, String stacks, UpgradeOffers upgradeOffers,
                          boolean retentionFitted) {
        this.jdk = jdk;
        this.name = name + "-" + jdk.name().toLowerCase(Locale.ROOT);
        this.client = List.copyOf(client);
        this.stacks = stacks;
        this.upgradeOffers = upgradeOffers;
        this.retentionFitted = retentionFitted;
    }

    /** One run of the client's JVM: its work directory's suffix, whether it forces GCs to fit retention, and its driver's arguments. */
    record ClientRun(String name, boolean retention, List<String> driverArgs) {
    }

    /**
     * Whether the suite fits retention: the leaky and clean runs, 5,000 requests per protocol each, most of the
     * suite's time. On JDK 17 only (what is fitted is the same on every JDK; the suite must stay under 20 minutes on
     * CI's two cores), and for Netty's clients: what the runs check (the fit, the retained site) is the client
     * role's. The JDK's, Jetty's and OkHttp's clients read each response into heap buffers, and what is in flight at
     * a forced GC is the fit's noise: the JDK client's clean twin once read 94 B/exchange (95% CI 67..122), a false
     * "retains", one request at a time on a quiet machine. Their figures (README, Client side) are from runs of this
     * suite with them.
     * Counts, stream ids, allocation and Upgrades are checked for every client on every JDK.
     */
    final boolean fitsRetention() {
        return retentionFitted && jdk == Jdk.JDK_17;
    }

    /** Runs of the subclass's own, against {@link #bodyUrl} or servers it starts with {@link #startServer}. */
    List<ClientRun> moreRuns() throws IOException, InterruptedException {
        return List.of();
    }

    /** When a client offers h2c by Upgrade. */
    enum UpgradeOffers {
        /** Never of its own accord (Jetty's: only with headers the application sets). */
        NEVER,
        /** On a new connection's first request (Reactor Netty with HTTP/1.1 and H2C configured). */
        FIRST_ON_A_CONNECTION,
        /** On every request while it has no h2c connection to the server, learning nothing from a refusal (the JDK's). */
        WHILE_NO_H2C_CONNECTION
    }

    /** The run whose HTTP/2 requests went by h2c Upgrade, and how many HTTP/2 requests it made; none if it never offers it. */
    String upgradingRun() {
        return null;
    }

    int upgradingRequests() {
        return 0;
    }

    @BeforeAll
    void recordClients() throws Exception {
        Path javaHome = jdk.homeOrSkip();
        bodyUrl = "http://127.0.0.1:" + startServer("reactor-netty").port() + "/body";
        List<String> retention = new ArrayList<>(List.of("--url", bodyUrl, "--requests", Integer.toString(RETENTION_REQUESTS)));
        List<String> leaky = new ArrayList<>(retention);
        leaky.add("--leaky");
        List<ClientRun> runs = new ArrayList<>(List.of(
                new ClientRun(ALLOCATING, false, List.of("--url", bodyUrl, "--requests", Integer.toString(ALLOC_REQUESTS),
                        "--alloc", Long.toString(ALLOCATION))),
                new ClientRun(PLAIN, false, List.of("--url", bodyUrl, "--requests", Integer.toString(ALLOC_REQUESTS)))));
        if (fitsRetention()) {
            runs.add(new ClientRun(LEAKY, true, leaky));
            runs.add(new ClientRun(CLEAN, true, retention));
        }
        if (upgradeOffers != UpgradeOffers.NEVER) {
            String http1OnlyUrl = "http://127.0.0.1:" + startServer("jdkhttp").port() + "/body";
            runs.add(new ClientRun(REFUSED, false, List.of("--url", http1OnlyUrl, "--requests", Integer.toString(ALLOC_REQUESTS),
                    "--protocol", "h2c-upgrade")));
        }
        runs.addAll(moreRuns());
        // Two clients at a time: each spends much of its run waiting for its forced GCs and its server's answers,
        // and one after another the Netty suite's eight took two minutes per JDK.
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<Path>> running = new LinkedHashMap<>();
            for (ClientRun run : runs) {
                running.put(run.name(), clients.submit(() -> runClient(javaHome, run)));
            }
            for (Map.Entry<String, Future<Path>> run : running.entrySet()) {
                recordings.put(run.getKey(), run.getValue().get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** An example server without the agent: only the clients' JVMs are recorded. */
    ExampleServerProcess startServer(String example) throws IOException, InterruptedException {
        ExampleServerProcess server = ExampleServerProcess.startWithoutAgent(Jdks.current(), ForkedJvms.OPTIONS,
                Artifacts.exampleJar(example), Artifacts.workDir(name + "-" + example + "-server"));
        servers.add(server);
        return server;
    }

    @AfterAll
    void stopServers() {
        servers.forEach(ExampleServerProcess::close);
    }

    /** Runs the driver with the agent recording to the run's work directory; returns the recording once it exited 0. */
    private Path runClient(Path javaHome, ClientRun run) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        if (!stacks.isEmpty()) {
            options.add("stacks=" + stacks);
        }
        if (run.retention()) {
            options.add(RETENTION_OPTIONS);
        }
        List<String> driverArgs = new ArrayList<>(client);
        driverArgs.addAll(run.driverArgs());
        // A retention run keeps the JVM's default compilers: its planted site needs old-object samples, which JFR
        // takes where an allocation needs a new TLAB, and with C1 alone the gRPC client's planted objects got 2
        // over 10,000 calls, once none over 5,000, where with C2 they get 10..14 over 5,000.
        List<String> jvmOptions = run.retention() ? List.of() : ForkedJvms.OPTIONS;
        return ClientDriverProcess.run(javaHome, jvmOptions, Artifacts.agentJar(), String.join(",", options),
                Artifacts.exampleJar("clients"), driverArgs, Artifacts.workDir(name + "-" + run.name()));
    }

    /** The recording of the run so named. */
    Path recording(String run) {
        return recordings.get(run);
    }

    @Test
    void everyRequestSentIsAClientExchangeOfItsProtocol() throws Exception {
        Path plain = recording(PLAIN);
        JsonNode report = report(plain);
        assertAll(
                () -> assertEquals(ALLOC_REQUESTS, HttpmemCli.protocol(report, CLIENT_HTTP_1_1).get("exchanges").asLong()),
                () -> assertEquals(ALLOC_REQUESTS, HttpmemCli.protocol(report, CLIENT_HTTP_2).get("exchanges").asLong()),
                () -> assertEquals(2, report.get("protocols").size(), "only client protocols: " + report.get("protocols")),
                () -> assertEquals(Bodies.DEFAULT_SIZE, HttpmemCli.protocol(report, CLIENT_HTTP_1_1).get("responseBytesPerExchange").get("mean").asDouble(),
                        1.0, "HTTP/1.1 response body read per exchange"),
                () -> assertEquals(Bodies.DEFAULT_SIZE, HttpmemCli.protocol(report, CLIENT_HTTP_2).get("responseBytesPerExchange").get("mean").asDouble(),
                        1.0, "HTTP/2 response body read per exchange"));
        Map<String, Long> roles = new HashMap<>();
        for (RecordedEvent event : exchanges(plain)) {
            roles.merge(event.getString(ExchangeFields.ROLE) + " " + event.getString(ExchangeFields.OUTCOME), 1L, Long::sum);
        }
        assertEquals(Map.of(Roles.CLIENT + " completed", 2L * ALLOC_REQUESTS), roles, "role and outcome of every exchange");
    }

    /**
     * Requests upgraded by h2c: each one the server took is its connection's HTTP/2 stream 1, an exchange of that
     * protocol like the requests after it, read whole and completed (Reactor Netty resets stream 1 as it lets it go).
     */
    @Test
    void upgradedRequestsAreClientHttp2Exchanges() throws Exception {
        Assumptions.assumeTrue(upgradeOffers != UpgradeOffers.NEVER, "the client offers no h2c Upgrade");
        Path upgrading = recording(upgradingRun());
        JsonNode http2 = HttpmemCli.protocol(report(upgrading), CLIENT_HTTP_2);
        assertAll(
                () -> assertEquals(upgradingRequests(), http2.get("exchanges").asLong()),
                () -> assertEquals(upgradingRequests(), http2.get("outcomes").get("completed").asLong(), http2.toString()),
                () -> assertEquals(Bodies.DEFAULT_SIZE, http2.get("responseBytesPerExchange").get("mean").asDouble(), 1.0,
                        "HTTP/2 response body read per exchange"));
        Map<Long, Long> upgradeStreams = new HashMap<>();
        for (RecordedEvent event : exchanges(upgrading)) {
            if (event.getString(ExchangeFields.PROTOCOL).equals("HTTP/2") && event.getLong(ExchangeFields.STREAM_ID) == 1) {
                upgradeStreams.merge(event.getLong(ExchangeFields.CONNECTION_ID), 1L, Long::sum);
            }
        }
        assertTrue(!upgradeStreams.isEmpty() && upgradeStreams.values().stream().allMatch(n -> n == 1),
                "one upgraded stream 1 per connection: " + upgradeStreams);
    }

    /**
     * The client offering h2c by Upgrade to a server that speaks HTTP/1.1 only (the JDK's): each request that offered
     * it is answered over HTTP/1.1 and told apart as upgrade-refused; any later requests of a connection that did
     * not offer it are plain completed ones.
     */
    @Test
    void aRefusedUpgradeIsAnHttp11ExchangeOfItsOwnOutcome() throws Exception {
        Assumptions.assumeTrue(upgradeOffers != UpgradeOffers.NEVER, "the client offers no h2c Upgrade");
        boolean everyRequest = upgradeOffers == UpgradeOffers.WHILE_NO_H2C_CONNECTION;
        Path refused = recording(REFUSED);
        Map<Long, List<RecordedEvent>> byConnection = new HashMap<>();
        for (RecordedEvent event : exchanges(refused)) {
            assertEquals("HTTP/1.1", event.getString(ExchangeFields.PROTOCOL), event::toString);
            assertEquals(200, event.getInt(ExchangeFields.STATUS), event::toString);
            byConnection.computeIfAbsent(event.getLong(ExchangeFields.CONNECTION_ID), c -> new ArrayList<>()).add(event);
        }
        assertEquals(ALLOC_REQUESTS, byConnection.values().stream().mapToInt(List::size).sum(), "exchanges");
        byConnection.values().forEach(exchanges -> exchanges.forEach(exchange -> assertEquals(
                everyRequest || exchange.getLong(ExchangeFields.STREAM_ID) == 1
                        ? Outcomes.UPGRADE_REFUSED : Outcomes.COMPLETED,
                exchange.getString(ExchangeFields.OUTCOME), exchange::toString)));
        assertEquals(everyRequest ? ALLOC_REQUESTS : byConnection.size(),
                HttpmemCli.protocol(report(refused), CLIENT_HTTP_1_1).get("outcomes").get(Outcomes.UPGRADE_REFUSED).asLong(),
                "refused Upgrades");
    }

    /**
     * The client's pools at each checkpoint, per protocol: some connection at some GC of each protocol's phase, and
     * never more than twice the requests in flight (a connection may close as the next opens); no server's.
     */
    @Test
    void checkpointsCountTheClientsPooledConnections() throws Exception {
        List<RecordedEvent> checkpoints = RecordingFile.readAllEvents(recording(ALLOCATING)).stream()
                .filter(event -> event.getEventType().getName().equals(EventNames.HEAP_CHECKPOINT)).toList();
        for (String field : List.of(HeapCheckpointFields.CLIENT_HTTP1_OPEN_CONNECTIONS, HeapCheckpointFields.CLIENT_HTTP2_OPEN_CONNECTIONS)) {
            long most = checkpoints.stream().mapToLong(checkpoint -> checkpoint.getLong(field)).max().orElse(0);
            assertTrue(most >= 1 && most <= 2 * DRIVER_CONCURRENCY, field + " at most " + most + " over " + checkpoints.size() + " checkpoints");
        }
        for (String field : List.of(HeapCheckpointFields.HTTP1_OPEN_CONNECTIONS, HeapCheckpointFields.HTTP2_OPEN_CONNECTIONS)) {
            assertTrue(checkpoints.stream().allMatch(checkpoint -> checkpoint.getLong(field) == 0), field + ": a client's JVM serves nothing");
        }
    }

    @Test
    void adviceNeverFailed() throws Exception {
        for (Path recording : recordings.values()) {
            JsonNode agent = report(recording).get("agent");
            assertAll(recording.toString(),
                    () -> assertEquals(0, agent.get("suppressedErrors").asLong(), "suppressed advice errors"),
                    () -> assertEquals(0, agent.get("untracked").asLong(), "untracked exchanges"),
                    () -> assertEquals(0, agent.get("openedTwice").asLong(), "requests merged into an exchange already open"),
                    () -> assertEquals(0, agent.get("exchangesOpen").asLong(), "exchanges left open"));
        }
    }

    /**
     * The driver allocates {@link #ALLOCATION} more as it handles each response: per exchange, within 2%, against the
     * same requests, as many at a time, without it (a client's own allocation per exchange varies with that).
     */
    @Test
    void allocationPerExchangeMatchesWhatTheResponseHandlerAllocated() throws Exception {
        JsonNode with = report(recording(ALLOCATING));
        JsonNode without = report(recording(PLAIN));
        for (String protocol : List.of(CLIENT_HTTP_1_1, CLIENT_HTTP_2)) {
            double difference = meanAllocated(with, protocol) - meanAllocated(without, protocol);
            assertEquals(ALLOCATION, difference, ALLOCATION * 0.02, protocol + ": --alloc " + ALLOCATION + " minus none");
        }
    }

    /**
     * The planted leak, on HTTP/2 only. HTTP/1.1's interval may be wide (its bodies are live at some GCs and not at
     * others), so it is asked only not to read as retaining and to stay far below the planted bytes.
     */
    @Test
    void diffFindsThePlantedClientLeakOnHttp2AtItsSiteAndRoot() throws Exception {
        Assumptions.assumeTrue(fitsRetention(), "retention is fitted on JDK 17");
        JsonNode report = HttpmemCli.diffJson(recording(LEAKY));
        long planted = BodyRetention.plantedBytesPerResponse(Bodies.DEFAULT_SIZE);
        JsonNode http2 = HttpmemCli.protocol(report, CLIENT_HTTP_2).get("retainedBytesPerExchange");
        assertAll(
                () -> assertEquals(planted, http2.get("estimate").asDouble(), planted * 0.25, "client HTTP/2 B/exchange vs planted " + planted),
                () -> HttpmemCli.assertNotRetaining(report, CLIENT_HTTP_1_1, planted / 4.0),
                () -> assertTrue(report.get("verdict").asText().contains("client HTTP/2"), report.get("verdict").asText()));
        assertPlantedSite(report);
        // The connection table's legend speaks of a client's pool, not of what a server's stack holds.
        String text = HttpmemCli.run("diff", recording(LEAKY).toString()).out();
        assertTrue(text.contains("a client's connections are its pool's") && !text.contains("closed by the server's stack"),
                text);
    }

    /** The planted site among the retained sites, of the client's HTTP/2 exchanges, with the root path that holds it. */
    static void assertPlantedSite(JsonNode diff) {
        assertEquals(CLIENT_HTTP_2, diff.get("topRetainedSite").get("protocol").asText(), diff.get("topRetainedSite").toString());
        JsonNode planted = null;
        for (JsonNode site : diff.get("retainedSites")) {
            if (planted == null && site.get("site").asText().contains("BodyRetention.keep")) {
                planted = site;
            }
        }
        assertNotNull(planted, "planted allocation site among " + diff.get("retainedSites"));
        assertEquals(CLIENT_HTTP_2, planted.get("protocol").asText(), planted.toString());
        assertTrue(planted.get("rootPath").asText().contains("RETAINED"), "root path names the retaining field: " + planted);
    }

    @Test
    void theCleanTwinRetainsNothing() throws Exception {
        Assumptions.assumeTrue(fitsRetention(), "retention is fitted on JDK 17");
        JsonNode report = HttpmemCli.diffJson(recording(CLEAN));
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

    static double meanAllocated(JsonNode report, String protocol) {
        return HttpmemCli.protocol(report, protocol).get("allocatedBytesPerExchange").get("mean").asDouble();
    }

    static JsonNode report(Path recording) throws Exception {
        HttpmemCli.Result report = HttpmemCli.report(recording);
        assertEquals(0, report.exitCode(), report.err());
        return report.json();
    }

    /** The recording's httpmem.Exchange events. */
    static List<RecordedEvent> exchanges(Path recording) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals(EventNames.EXCHANGE)).toList();
    }
}
