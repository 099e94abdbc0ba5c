package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.load.LoadDriver;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;

/**
 * A recording of a leak shape planted in an example, or of its clean twin, for the leak-shape ITs
 * ({@link ConnectionLeakIT}, {@link OneOffBurstIT}, {@link DirectMemoryGrowthIT}): HTTP/1.1 load, then rounds of
 * HTTP/2 load, with what the shape needs done after each round.
 */
final class LeakShapeRun {
    /** Small bodies: those in flight at a forced GC are noise on the heap, and the shapes here need no volume. */
    private static final int BODY_SIZE = 1024;
    /** A forced GC every round; 5,000 exchanges per protocol get past the pools that fill at first (Tomcat's). */
    private static final int GC_EVERY = 250;
    static final int ROUNDS = 20;
    private static final int REQUESTS_PER_ROUND = 250;
    private static final long LAST_GC_SETTLES_MILLIS = 1_000;

    private LeakShapeRun() {
    }

    /** What a round of HTTP/2 load is followed by. */
    interface AfterRound {
        void run(String base, int round, HttpClient http2) throws Exception;
    }

    /**
     * HTTP/1.1 load, then {@link #ROUNDS} rounds of HTTP/2 load on one h2c connection, each followed by
     * {@code afterRound}; a full GC every {@link #GC_EVERY} exchanges.
     */
    static Path record(String example, String name, boolean leaky, AfterRound afterRound) throws Exception {
        String scenario = name.substring(0, name.lastIndexOf('-'));
        List<String> args = new ArrayList<>(List.of("--scenario", scenario));
        if (leaky) {
            args.add("--leaky");
        }
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), ForkedJvms.OPTIONS, Artifacts.agentJar(),
                "gc-every=" + GC_EVERY, Artifacts.exampleJar(example), args,
                Artifacts.workDir("leak-shapes-" + example + "-" + name))) {
            String base = "http://127.0.0.1:" + server.port();
            URI body = URI.create(base + "/body?size=" + BODY_SIZE);
            int http11 = ROUNDS * REQUESTS_PER_ROUND;
            assertEquals(http11, LoadDriver.run(LoadDriver.Protocol.HTTP_1_1, body, http11, 8, done -> { }).ok());
            HttpClient http2 = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
            http2.start();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    send(http2, body, REQUESTS_PER_ROUND);
                    afterRound.run(base, round, http2);
                }
                // The last round's GC runs on the agent's own thread: let it and its checkpoint be taken while the
                // load's connections are open. Beside a busy loop it once ran after the client had closed them, and
                // saw them closed and still reachable (24 leaked where 22 were planted).
                Thread.sleep(LAST_GC_SETTLES_MILLIS);
            } finally {
                http2.stop();
            }
            return server.stop();
        }
    }

    private static void send(HttpClient client, URI uri, int requests) throws Exception {
        List<CompletableFuture<ContentResponse>> batch = new ArrayList<>();
        for (int sent = 0; sent < requests; sent++) {
            batch.add(new CompletableResponseListener(client.newRequest(uri).timeout(30, TimeUnit.SECONDS), 1 << 20).send());
            if (batch.size() == 8) {
                for (CompletableFuture<ContentResponse> response : batch) {
                    assertEquals(200, response.get().getStatus());
                }
                batch.clear();
            }
        }
        for (CompletableFuture<ContentResponse> response : batch) {
            assertEquals(200, response.get().getStatus());
        }
    }

    /** Whether an {@code eventType} sample of {@code recording} was taken under a method of {@code className}. */
    static boolean sampled(Path recording, String eventType, String className) throws Exception {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(eventType) && e.getStackTrace() != null)
                .anyMatch(e -> e.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod().getType().getName().endsWith("." + className)));
    }
}
