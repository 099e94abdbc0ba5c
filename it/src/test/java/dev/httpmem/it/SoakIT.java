package dev.httpmem.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.httpmem.cli.ExampleServerProcess;
import dev.httpmem.load.LoadDriver;
import dev.httpmem.load.LoadDriver.Protocol;
import dev.httpmem.load.MisbehavingClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The short version of {@code bench/soak.sh}: 50,000 requests to an example with the agent, HTTP/1.1 and h2c at
 * once, 2% of them from clients that misbehave (streams cancelled once answered, GOAWAYs with streams in flight,
 * connections reset mid-response, slow readers). Nothing may be lost (every exchange the agent opened ended, or is
 * open at the end), the agent may fail nowhere (no suppressed advice error), and its own heap may not grow with the
 * requests once warmed up: but for the retention tracker's records of objects the stack still holds, which follow the
 * stack (Tomcat's pool of recycled HTTP/2 requests grew through these rounds) and are bounded by the tracker.
 */
// Alone: its load keeps both cores busy; a second class beside it would gain nothing.
@Isolated
class SoakIT {
    private static final int WARM_UP_REQUESTS = 5_000;
    private static final int ROUNDS = 3;
    private static final int REQUESTS_PER_ROUND = 15_000;
    /** One request in this many misbehaves. */
    private static final int MISBEHAVING_ONE_IN = 50;
    /**
     * What the agent's own objects may grow by over a round of 15,000 requests once warmed up: 2 bytes a request,
     * far below anything kept per request, above what a pool thread the server starts (with its slice state) costs.
     */
    private static final long MAX_GROWTH_PER_ROUND = 32 * 1024;
    private static final Set<String> TRACKER_RECORDS = Set.of("dev.httpmem.agent.runtime.RetentionTracker$Watched",
            "dev.httpmem.agent.runtime.Connection");

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "netty", "tomcat"})
    void misbehavingClientsAmongFiftyThousandRequestsLoseNothingAndGrowNothing(String example) throws Exception {
        Path recording;
        List<Long> agentBytes = new ArrayList<>();
        // The JVM's default compilers, unlike the suite's other JVMs (ForkedJvms): C2 compiles the advice woven into
        // the stack's hot methods, as in production.
        try (ExampleServerProcess server = ExampleServerProcess.start(Jdks.current(), List.of(), Artifacts.agentJar(), "",
                Artifacts.exampleJar(example), Artifacts.workDir("soak-" + example))) {
            URI body = URI.create("http://127.0.0.1:" + server.port() + "/body?size=4096");
            round(body, WARM_UP_REQUESTS);
            agentBytes.add(agentHeapBytes(server.pid()));
            for (int round = 0; round < ROUNDS; round++) {
                round(body, REQUESTS_PER_ROUND);
                agentBytes.add(agentHeapBytes(server.pid()));
            }
            recording = server.stop();
        }
        JsonNode agent = HttpmemCli.report(recording).json().get("agent");
        long started = agent.get("exchangesStarted").asLong();
        assertAll(
                () -> assertEquals(0, agent.get("suppressedErrors").asLong(), "suppressed advice errors"),
                () -> assertTrue(started >= WARM_UP_REQUESTS + ROUNDS * REQUESTS_PER_ROUND, "exchanges: " + agent),
                () -> assertEquals(started, agent.get("exchangesEnded").asLong() + agent.get("exchangesOpen").asLong(),
                        "every exchange started ended or is open: " + agent),
                () -> {
                    // The first round after the warm-up may still fill pools and tables to the load's concurrency.
                    for (int i = 2; i < agentBytes.size(); i++) {
                        assertTrue(agentBytes.get(i) - agentBytes.get(i - 1) <= MAX_GROWTH_PER_ROUND,
                                "the agent's own objects after the warm-up and each round of " + REQUESTS_PER_ROUND
                                        + " requests, bytes: " + agentBytes);
                    }
                });
    }

    /** {@code requests} at once over HTTP/1.1 and h2c, half each, one in {@link #MISBEHAVING_ONE_IN} misbehaving. */
    private static void round(URI body, int requests) throws Exception {
        int misbehaving = requests / MISBEHAVING_ONE_IN / 2;
        int wellBehaved = requests / 2 - misbehaving;
        List<CompletableFuture<String>> runs = List.of(
                CompletableFuture.supplyAsync(() -> load(new LoadDriver.Plan(Protocol.HTTP_1_1, List.of(body), wellBehaved, 8, 1))),
                CompletableFuture.supplyAsync(() -> load(new LoadDriver.Plan(Protocol.HTTP_2, List.of(body), wellBehaved, 2, 8))),
                CompletableFuture.supplyAsync(() -> misbehave(new MisbehavingClient.Plan(Protocol.HTTP_1_1, List.of(body), misbehaving, 2))),
                CompletableFuture.supplyAsync(() -> misbehave(new MisbehavingClient.Plan(Protocol.HTTP_2, List.of(body), misbehaving, 2))));
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<String> run : runs) {
            String failure = run.get(5, TimeUnit.MINUTES);
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertEquals(List.of(), failures);
    }

    /** @return why some requests failed, or null */
    private static String load(LoadDriver.Plan plan) {
        try {
            LoadDriver.Result result = LoadDriver.run(plan, done -> { });
            return result.ok() == plan.requests() ? null
                    : plan.protocol() + ": " + result.failed() + " of " + plan.requests() + " failed: " + result.firstFailure();
        } catch (IOException | InterruptedException e) {
            return plan.protocol() + ": " + e;
        }
    }

    /** @return why some misbehaving requests failed, or null */
    private static String misbehave(MisbehavingClient.Plan plan) {
        try {
            MisbehavingClient.Result result = MisbehavingClient.run(plan);
            return result.failed() == 0 ? null : "misbehaving " + plan.protocol() + ": " + result.failed() + " of "
                    + plan.requests() + " failed: " + result.firstFailure();
        } catch (InterruptedException e) {
            return "misbehaving " + plan.protocol() + ": " + e;
        }
    }

    /**
     * The bytes of the agent's own objects in the server, after the full GC {@code jcmd GC.class_histogram} runs, but
     * for the retention tracker's records of objects the stack still holds and the connection records they name.
     */
    private static long agentHeapBytes(long pid) throws Exception {
        String histogram = Jcmd.run(Jdks.current(), pid, "GC.class_histogram");
        long bytes = 0;
        for (String line : histogram.split("\n")) {
            // " 12:  345  67890  dev.httpmem.agent.runtime.Exchange (java.base@17...)": number, instances, bytes, class
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].startsWith("dev.httpmem.agent.") && !TRACKER_RECORDS.contains(columns[3])) {
                bytes += Long.parseLong(columns[2]);
            }
        }
        return bytes;
    }
}
