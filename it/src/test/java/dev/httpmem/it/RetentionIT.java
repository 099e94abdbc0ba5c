package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.it.Clients.Protocol;
import dev.httpmem.examples.common.BodyRetention;
import dev.httpmem.examples.common.Bodies;
import dev.httpmem.load.LoadDriver;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * httpmem diff on real recordings of the seeds' scenarios, leaky and clean, on Jetty (h2-body-retention's leaky
 * mode on Netty and Tomcat too): the retention found per
 * protocol against what the example planted, the site and root path that hold it, and the retention tracker
 * telling buffers held by open connections from objects kept beyond their connection's close.
 */
// Its recordings already run two at a time (BackgroundRecordings).
@Isolated
class RetentionIT {
    private static final int BODY_SIZE = Bodies.DEFAULT_SIZE;
    private static final String NO_FORCED_GCS = "jetty without forced GCs";
    private static final String CLEAN = "jetty clean";
    private static final String WRAPPER = "jetty wrapper";
    private static final String HELD_UNTIL_CLOSE = "jetty held until close";
    private static final String GRPC_LEAKY = "grpc leaky";
    private static final String GRPC_CLEAN = "grpc clean";

    /** Forced GCs per protocol in a body-retention run: the fit's points. */
    private static final int CHECKPOINTS = 20;

    private static final BackgroundRecordings RECORDINGS = new BackgroundRecordings();

    @BeforeAll
    static void recordTwoAtATime() {
        // The longest first, so that the two threads finish near together.
        RECORDINGS.schedule(NO_FORCED_GCS, () -> record("jetty", "h2-body-retention-leaky-no-forced-gcs", 50_000, 0,
                List.of("--scenario", "h2-body-retention", "--leaky")));
        bodyRetentionExamples().forEach(arguments -> {
            String example = (String) arguments.get()[0];
            Jdk jdk = (Jdk) arguments.get()[1];
            Protocol client = (Protocol) arguments.get()[2];
            int requests = (Integer) arguments.get()[3];
            jdk.home().ifPresent(home -> RECORDINGS.schedule(bodyRetention(example, jdk), () -> record(home, example,
                    "h2-body-retention-leaky", requests, requests / CHECKPOINTS, List.of("--scenario", "h2-body-retention", "--leaky"),
                    RetentionIT::sendHttp11, client)));
        });
        RECORDINGS.schedule(GRPC_LEAKY, () -> recordGrpc("leaky", List.of("--scenario", "h2-body-retention", "--leaky")));
        RECORDINGS.schedule(GRPC_CLEAN, () -> recordGrpc("clean", List.of("--scenario", "h2-body-retention")));
        RECORDINGS.schedule(CLEAN, () -> record("jetty", "h2-body-retention-clean", 10_000, 500, List.of("--scenario", "h2-body-retention")));
        RECORDINGS.schedule(WRAPPER, () -> record("jetty", "h2-wrapper-retention-leaky", 3_000, 200,
                List.of("--scenario", "h2-wrapper-retention", "--leaky", "--idle-timeout", "1000")));
        RECORDINGS.schedule(HELD_UNTIL_CLOSE, RetentionIT::recordHeldUntilClose);
    }

    @AfterAll
    static void stopRecording() {
        RECORDINGS.close();
    }

    private static String bodyRetention(String example, Jdk jdk) {
        return example + " on " + jdk;
    }

    /**
     * Each example planting h2-body-retention, on JDK 17 (and on JDK 25 those that need Java 21), with the JDK's
     * HTTP/2 client (h2c by Upgrade) or, for Grizzly, which answers it with GOAWAY now and then, Jetty's (prior
     * knowledge), and the requests per protocol that fit its slope well inside the test's bounds and give the planted
     * site old-object samples: 5,000 on Jetty and Tomcat (a 95% interval of ±2..9 B/exchange on 384 planted at 10,000;
     * 24..48 samples on the site at 5,000), 10,000 on Grizzly and Helidon (±50..57: their heaps after GC move more)
     * and on Netty, Reactor Netty and Undertow, whose runs at 5,000 put only 1..6 samples on the site (their buffers
     * are off the heap, so JFR samples fewer allocations) and once none.
     */
    static Stream<Arguments> bodyRetentionExamples() {
        return Stream.of(Arguments.of("jetty", Jdk.JDK_17, Protocol.H2C_UPGRADE, 5_000),
                Arguments.of("netty", Jdk.JDK_17, Protocol.H2C_UPGRADE, 10_000),
                Arguments.of("tomcat", Jdk.JDK_17, Protocol.H2C_UPGRADE, 5_000),
                Arguments.of("undertow", Jdk.JDK_17, Protocol.H2C_UPGRADE, 10_000),
                Arguments.of("reactor-netty", Jdk.JDK_17, Protocol.H2C_UPGRADE, 10_000),
                Arguments.of("grizzly", Jdk.JDK_17, Protocol.H2C_PRIOR_KNOWLEDGE, 10_000),
                Arguments.of("helidon", Jdk.JDK_25, Protocol.H2C_UPGRADE, 10_000));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("bodyRetentionExamples")
    void leakyBodyRetentionIsFoundOnHttp2AtItsSiteAndRoot(String example, Jdk jdk, Protocol client, int requests) throws Exception {
        jdk.homeOrSkip();
        Path recording = RECORDINGS.get(bodyRetention(example, jdk));
        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString(), "--json");
        assertEquals(0, diff.exitCode(), diff.err());
        JsonNode report = diff.json();
        long planted = BodyRetention.plantedBytesPerResponse(BODY_SIZE);
        JsonNode http2 = retained(report, "HTTP/2");
        assertAll(
                () -> assertEquals(planted, http2.get("estimate").asDouble(), planted * 0.25, "HTTP/2 B/exchange vs planted " + planted),
                // Flat, or too noisy to call (Grizzly's HTTP/1.1 read 22 B, CI -34..79, once beside a busy suite; once
                // in CI 42 B, CI 18..65, where a median slope between GCs must agree): never retaining, and far from
                // the planted bytes.
                () -> HttpmemCli.assertNotRetaining(report, "HTTP/1.1", planted / 4.0),
                // HTTP/1.1's interval may be too wide to call it flat (Tomcat: -4..22 B once), and one-off steps the run
                // happened to have (a pool growing at the end) may follow; HTTP/2's retention is stated all the same.
                () -> assertTrue(report.get("verdict").asText().contains(": HTTP/2-only retention")
                        || report.get("verdict").asText().contains(": retention in HTTP/2;"), report.get("verdict").asText()),
                () -> assertTrue(!report.get("verdict").asText().contains("retention in HTTP/1.1"), report.get("verdict").asText()));
        JsonNode site = report.get("topRetainedSite");
        assertEquals("HTTP/2", site.get("protocol").asText(), site.toString());
        assertTrue(site.get("site").asText().contains("BodyRetention.keep"), "planted allocation site: " + site);
        assertTrue(site.get("rootPath").asText().contains("RETAINED"), "root path names the retaining field: " + site);
        assertEquals(3, HttpmemCli.run("diff", recording.toString(), "--fail-on-retention", "100").exitCode(),
                "--fail-on-retention trips below the planted retention");
        assertEquals(0, HttpmemCli.run("diff", recording.toString(), "--fail-on-retention", "10000").exitCode());
    }

    /**
     * gRPC (on its shaded Netty) speaks HTTP/2 only: its calls' retention is fitted alone, found at the planted site
     * and root, and the clean twin keeps nothing.
     */
    @Test
    void leakyBodyRetentionIsFoundOnGrpcCallsAndNotOnItsCleanTwin() throws Exception {
        long planted = BodyRetention.plantedBytesPerResponse(BODY_SIZE);
        JsonNode leaky = diff(RECORDINGS.get(GRPC_LEAKY));
        JsonNode http2 = retained(leaky, "HTTP/2");
        assertEquals(planted, http2.get("estimate").asDouble(), planted * 0.25, "HTTP/2 B/call vs planted " + planted + ": " + leaky.get("verdict"));
        JsonNode site = leaky.get("topRetainedSite");
        assertTrue(site.get("site").asText().contains("BodyRetention.keep"), "planted allocation site: " + site);
        assertTrue(site.get("rootPath").asText().contains("RETAINED"), "root path names the retaining field: " + site);

        JsonNode clean = diff(RECORDINGS.get(GRPC_CLEAN));
        assertTrue(retained(clean, "HTTP/2").get("estimate").asDouble() < 32, "clean twin: " + retained(clean, "HTTP/2"));
    }

    private static Path recordGrpc(String name, List<String> serverArgs) throws Exception {
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(), "log=info,gc-every=500",
                Artifacts.exampleJar("grpc"), serverArgs, Artifacts.workDir("retention-grpc-" + name))) {
            try (GrpcClient client = new GrpcClient(server.port())) {
                client.unary(GrpcClient.BODY, BODY_SIZE, 10_000, 8);
            }
            return server.stop();
        }
    }

    private static JsonNode diff(Path recording) throws Exception {
        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString(), "--json");
        assertEquals(0, diff.exitCode(), diff.err());
        return diff.json();
    }

    /**
     * Production runs force no GCs: the few young GCs of 50,000 requests per protocol (G1, default heap) do not decide the heap's
     * slope reliably, and the verdict must still name HTTP/2's retention, from the heap or from the old-object samples still
     * live at the end, and say which signal carried it.
     */
    @Test
    void aLeakIsFoundWithoutForcedGcs() throws Exception {
        Path recording = RECORDINGS.get(NO_FORCED_GCS);
        JsonNode report = HttpmemCli.run("diff", recording.toString(), "--json").json();
        String verdict = report.get("verdict").asText();
        JsonNode http2 = HttpmemCli.protocol(report, "HTTP/2");
        JsonNode http11 = HttpmemCli.protocol(report, "HTTP/1.1");
        if (http2.get("signal").asText().equals("heap")) {
            // Without forced GCs HTTP/1.1 has few GCs and a wide interval: flat, unclear or too little data; it must
            // not read as retaining (below).
            assertTrue(verdict.contains(": HTTP/2-only retention") || verdict.contains(": retention in HTTP/2; "), verdict);
        } else {
            assertEquals("old-object-samples", http2.get("signal").asText(), http2.toString());
            assertTrue(http2.get("liveSampleSite").get("site").asText().contains("BodyRetention.keep"), http2.toString());
            assertTrue(verdict.contains("likely HTTP/2 retention (from old-object samples"), verdict);
        }
        assertAll(
                () -> assertTrue(!http11.get("status").asText().equals("RETAINS"), http11.toString()),
                () -> assertTrue(!http11.get("signal").asText().equals("old-object-samples"), http11.toString()),
                () -> assertTrue(!verdict.contains("likely HTTP/1.1"), verdict));
    }

    @Test
    void cleanTwinShowsNoRetention() throws Exception {
        Path recording = RECORDINGS.get(CLEAN);
        HttpmemCli.Result diff = HttpmemCli.run("diff", recording.toString(), "--json", "--fail-on-retention", "32");
        assertEquals(0, diff.exitCode(), diff.out() + diff.err());
        JsonNode report = diff.json();
        for (String protocol : List.of("HTTP/1.1", "HTTP/2")) {
            assertTrue(retained(report, protocol).get("estimate").asDouble() < 32, protocol + ": " + retained(report, protocol));
        }
    }

    @Test
    void wrapperRetentionIsHttp2AndOutlivesItsConnection() throws Exception {
        Path recording = RECORDINGS.get(WRAPPER);
        JsonNode report = HttpmemCli.run("diff", recording.toString(), "--json").json();
        assertTrue(retained(report, "HTTP/2").get("ciLow").asDouble() > 100, "HTTP/2 retains: " + retained(report, "HTTP/2"));
        HttpmemCli.assertNotRetaining(report, "HTTP/1.1", 100);
        assertTrue(trackerRetained(report, "HTTP/2", false) > 0, "kept after the connection closed: " + report.get("retentionTracker"));
    }

    @Test
    void heldUntilCloseIsHttp11AndHeldByOpenConnections() throws Exception {
        Path recording = RECORDINGS.get(HELD_UNTIL_CLOSE);
        JsonNode report = HttpmemCli.run("diff", recording.toString(), "--json").json();
        assertTrue(retained(report, "HTTP/1.1").get("ciLow").asDouble() > BODY_SIZE / 2.0, "HTTP/1.1 retains: " + retained(report, "HTTP/1.1"));
        assertTrue(retained(report, "HTTP/2").get("estimate").asDouble() < 1024, "HTTP/2: " + retained(report, "HTTP/2"));
        // Jetty keeps a closed endpoint, its connection's attributes with it, until the endpoint's idle-timeout
        // task fires; so buffers of connections the client closed may still be reported, as closed.
        assertTrue(trackerRetained(report, "HTTP/1.1", true) > 0, "held by open connections: " + report.get("retentionTracker"));
    }

    private static Path recordHeldUntilClose() throws Exception {
        // A client of the test's own keeps its HTTP/1.1 connections open to the end: the JDK's would close them
        // whenever the test JVM collects it, and the server would then release what it held.
        org.eclipse.jetty.client.HttpClient http11 = new org.eclipse.jetty.client.HttpClient();
        http11.start();
        try {
            return record(Jdks.current(), "jetty", "h1-held-until-close-leaky", 2_000, 100,
                    List.of("--scenario", "h1-held-until-close", "--leaky"), (uri, requests) -> sendHttp11(http11, uri, requests),
                    Protocol.H2C_UPGRADE);
        } finally {
            http11.stop();
        }
    }

    /**
     * HTTP/1.1 then HTTP/2 load on the example, each {@code requests} times the seeds' body, with a full GC every
     * {@code gcEvery} exchanges (none forced when 0); with an idle timeout, then waits for the connections to close
     * and sends a few more
     * requests so that forced GCs see them closed.
     */
    private static Path record(String example, String name, int requests, int gcEvery, List<String> serverArgs)
            throws Exception {
        return record(Jdks.current(), example, name, requests, gcEvery, serverArgs, RetentionIT::sendHttp11, Protocol.H2C_UPGRADE);
    }

    private static void sendHttp11(URI uri, int requests) throws Exception {
        assertEquals(requests, LoadDriver.run(LoadDriver.Protocol.HTTP_1_1, uri, requests, 8, done -> { }).ok());
    }

    /** Sends HTTP/1.1 load to a URI and checks the answers. */
    private interface Http11Load {
        void send(URI uri, int requests) throws Exception;
    }

    private static Path record(Path javaHome, String example, String name, int requests, int gcEvery, List<String> serverArgs,
                               Http11Load http11, Protocol http2)
            throws Exception {
        try (ExampleServerProcess server = ExampleServerProcess.start(javaHome, ForkedJvms.OPTIONS, Artifacts.agentJar(),
                "log=info" + (gcEvery > 0 ? ",gc-every=" + gcEvery : ""), Artifacts.exampleJar(example), serverArgs, Artifacts.workDir("retention-" + example + "-" + name))) {
            String base = "http://127.0.0.1:" + server.port();
            http11.send(URI.create(base + "/body?size=" + BODY_SIZE), requests);
            assertEquals(requests, Clients.send(http2, base, "/body?size=" + BODY_SIZE, requests, 8), "HTTP/2 responses");
            if (serverArgs.contains("--idle-timeout")) {
                Thread.sleep(3_000);
                LoadDriver.run(LoadDriver.Protocol.HTTP_2,
                        URI.create("http://127.0.0.1:" + server.port() + "/alloc/0"), 1_500, 4, done -> { });
            }
            return server.stop();
        }
    }

    private static void sendHttp11(org.eclipse.jetty.client.HttpClient client, URI uri, int requests) throws Exception {
        for (int sent = 0; sent < requests; ) {
            List<java.util.concurrent.CompletableFuture<org.eclipse.jetty.client.ContentResponse>> batch = new ArrayList<>();
            for (int i = 0; i < 8 && sent < requests; i++, sent++) {
                batch.add(new org.eclipse.jetty.client.CompletableResponseListener(client.newRequest(uri), 1 << 20).send());
            }
            for (var response : batch) {
                assertEquals(200, response.get().getStatus(), "HTTP/1.1 response");
            }
        }
    }

    private static JsonNode retained(JsonNode report, String protocol) {
        return HttpmemCli.protocol(report, protocol).get("retainedBytesPerExchange");
    }

    private static long trackerRetained(JsonNode report, String protocol, boolean connectionOpen) {
        return StreamSupport.stream(report.get("retentionTracker").spliterator(), false)
                .filter(t -> protocol.equals(t.get("protocol").asText()) && t.get("connectionOpen").asBoolean() == connectionOpen)
                .mapToLong(t -> t.get("retained").asLong()).sum();
    }
}
