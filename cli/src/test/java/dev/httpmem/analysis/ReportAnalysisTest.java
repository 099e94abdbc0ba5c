package dev.httpmem.analysis;

import static dev.httpmem.analysis.TestRecordings.agentStatistics;
import static dev.httpmem.analysis.TestRecordings.exchange;
import static dev.httpmem.analysis.TestRecordings.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpmem.analysis.attribution.AllocationSite;
import dev.httpmem.analysis.attribution.SampleSummary;
import dev.httpmem.analysis.model.AgentHealth;
import dev.httpmem.analysis.model.AttributedAllocation;
import dev.httpmem.analysis.model.EndpointStats;
import dev.httpmem.analysis.model.ExchangeStats;
import dev.httpmem.analysis.model.IdleConnection;
import dev.httpmem.analysis.model.OpenExchange;
import dev.httpmem.analysis.model.ProtocolStats;
import dev.httpmem.analysis.model.Report;
import dev.httpmem.analysis.read.AnalysisException;
import dev.httpmem.analysis.read.DamagedChunks;
import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.render.ReportJson;
import dev.httpmem.schema.EventNames;
import dev.httpmem.schema.ExchangeFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportAnalysisTest {
    @TempDir
    static Path dir;
    static Report exchanges;
    static Report allocations;
    static volatile Object sink;

    @BeforeAll
    static void record() {
        exchanges = ReportAnalysis.analyze(TestRecordings.record(dir.resolve("exchanges.jfr"), () -> {
            for (int i = 1; i <= 1000; i++) {
                exchange("HTTP/1.1", "GET", "/items", "completed", i * 100L, 2048, 2);
            }
            exchange("HTTP/2", "GET", "/items", "completed", 4096, 1024, 3);
            exchange("HTTP/2", "POST", "/upload", "reset", 1000, 0, 1);
            agentStatistics(9, 9, 9);
            agentStatistics(0, 2, 1);
        }));
        allocations = ReportAnalysis.analyze(TestRecordings.record(dir.resolve("allocations.jfr"), () -> {
            allocate(() -> new double[100_000]);
            slice("HTTP/1.1", () -> {
                allocate(() -> new long[100_000]);
                slice("HTTP/2", () -> allocate(() -> new int[200_000]));
                allocate(() -> new long[100_000]);
            });
            allocate(() -> new double[100_000]);
            exchange("HTTP/1.1", "GET", "/a", "completed", 0, 0, 0);
            exchange("HTTP/2", "GET", "/b", "completed", 0, 0, 0);
        }), 100, DamagedChunks.REFUSE);
    }

    private static void allocate(java.util.function.Supplier<Object> allocation) {
        for (int i = 0; i < 20; i++) {
            sink = allocation.get();
        }
    }

    @Test
    void theLatestListingIsTheStateAtTheEndEvenWhenItIsEmpty() {
        Report listed = ReportAnalysis.analyze(TestRecordings.record(dir.resolve("listings.jfr"), () -> {
            exchange("HTTP/2", "GET", "/items", "completed", 0, 0, 0);
            TestRecordings.listing(1, List.of("/a", "/b"), List.of(7L));
            TestRecordings.listing(2, List.of("/b"), List.of(7L, 8L));
        }));
        assertEquals(List.of("/b"), listed.openExchanges().stream().map(OpenExchange::path).toList());
        assertEquals(List.of(7L, 8L), listed.idleConnections().stream().map(IdleConnection::connectionId).toList());
        Report nothingLeft = ReportAnalysis.analyze(TestRecordings.record(dir.resolve("emptied.jfr"), () -> {
            exchange("HTTP/2", "GET", "/items", "completed", 0, 0, 0);
            TestRecordings.listing(1, List.of("/a"), List.of(7L));
            TestRecordings.listing(2, List.of(), List.of());
        }));
        assertEquals(List.of(), nothingLeft.openExchanges());
        assertEquals(List.of(), nothingLeft.idleConnections());
    }

    @Test
    void perProtocolNumbers() {
        assertEquals(List.of("HTTP/1.1", "HTTP/2"), exchanges.protocols().stream().map(ProtocolStats::protocol).toList());
        ExchangeStats h1 = exchanges.protocols().get(0).exchanges();
        assertEquals(1000, h1.exchanges());
        assertEquals(50_050.0, h1.allocatedBytes().mean());
        assertEquals(50_000, h1.allocatedBytes().p50(), 500.0);
        assertEquals(99_000, h1.allocatedBytes().p99(), 990.0);
        assertEquals(100_000, h1.allocatedBytes().max());
        assertEquals(2048.0, h1.responseBodyBytesMean());
        assertEquals(50_050.0 / 2, h1.allocatedBytesPerResponseKiB());
        assertEquals(2.0, h1.responseWritesMean());
        assertEquals(Map.of("completed", 1000L), h1.outcomes());

        ExchangeStats h2 = exchanges.protocols().get(1).exchanges();
        assertEquals(2, h2.exchanges());
        assertEquals(2.0, h2.responseWritesMean());
        assertEquals(5096.0, h2.allocatedBytesPerResponseKiB());
        assertEquals(Map.of("completed", 1L, "reset", 1L), h2.outcomes());
    }

    @Test
    void perEndpointNumbers() {
        List<String> endpoints = exchanges.endpoints().stream()
                .map(e -> e.protocol() + " " + e.method() + " " + e.path() + " " + e.exchanges().exchanges()).toList();
        assertEquals(List.of("HTTP/1.1 GET /items 1000", "HTTP/2 GET /items 1", "HTTP/2 POST /upload 1"), endpoints);
        EndpointStats upload = exchanges.endpoints().get(2);
        assertEquals(1000, upload.exchanges().allocatedBytes().max());
        assertTrue(Double.isNaN(upload.exchanges().allocatedBytesPerResponseKiB()));
    }

    @Test
    void attributionCountsOnlySteadyServingPeriods() {
        Report report = ReportAnalysis.analyze(TestRecordings.record(dir.resolve("totals.jfr"), () -> {
            exchange("HTTP/2", "GET", "/items", "completed", 0, 0, 0);
            long[][] totals = {
                    // jvm, profiler, io loop, h1 exchanges, h2 exchanges, h1 exchange bytes, h2 exchange bytes, h1 connection, h2 connection
                    {0, 0, 0, 0, 0, 0, 0, 0, 0},
                    {50_000_000, 1_000, 0, 10, 0, 10_000, 0, 5_000, 0}, // startup and the first requests: left out
                    {51_100_000, 2_000, 10_000, 1_010, 0, 1_010_000, 0, 55_000, 0},
                    {52_200_000, 3_000, 20_000, 1_010, 1_000, 1_010_000, 1_000_000, 55_000, 30_000},
                    {52_300_000, 4_000, 20_000, 1_010, 1_000, 1_010_000, 1_000_000, 55_000, 30_000}, // idle
                    {60_000_000, 5_000, 20_000, 1_010, 1_001, 1_010_000, 1_001_000, 55_000, 30_000}}; // one busy period: left out
            for (long[] t : totals) {
                TestRecordings.allocationTotals(t[0], t[1], t[2], new long[] {t[3], t[4]}, new long[] {t[5], t[6]},
                        new long[] {t[7], t[8]});
                sleep(5);
            }
        }));
        AttributedAllocation attributed = report.attributed().orElseThrow();
        assertEquals(2_200_000, attributed.jvmBytes());
        assertEquals(2_000, attributed.profilerBytes());
        assertEquals(2_000_000, attributed.exchangeBytes());
        assertEquals(80_000, attributed.connectionBytes());
        assertEquals(20_000, attributed.ioLoopBytes());
        assertEquals(2_100_000 / 2_198_000.0, attributed.share(), 1e-9);
        assertEquals(50.0, attributed.protocols().get("HTTP/1.1").connectionBytesPerExchange());
        assertEquals(30.0, attributed.protocols().get("HTTP/2").connectionBytesPerExchange());
    }

    @Test
    void latestAgentStatisticsWin() {
        assertEquals(Optional.of(new AgentHealth("0.1.0-test", "jetty", 0, 0, 1, 0, 2, 0, 0, "", true)), exchanges.agent());
    }

    @Test
    void recordingInfoComesFromChunkHeaders() {
        assertEquals(dir.resolve("exchanges.jfr").toString(), exchanges.recording().file());
        assertEquals(1, exchanges.recording().chunks());
        assertFalse(exchanges.recording().duration().isNegative());
    }

    @Test
    void allocationSamplesJoinTheInnermostSliceOnTheirThread() {
        // Each slice's marker array is its top site and never the other's; the JVM may sample allocations of its
        // own inside a slice too (a String; int[]s of the class it spins for the inner slice's lambda, in the outer).
        assertEquals("long[]", classes("HTTP/1.1").get(0));
        assertEquals("int[]", classes("HTTP/2").get(0));
        assertFalse(markerClasses("HTTP/1.1").contains("int[]"), classes("HTTP/1.1").toString());
        assertFalse(markerClasses("HTTP/2").contains("long[]"), classes("HTTP/2").toString());
        AllocationSite ints = site("HTTP/2", "int[]");
        assertEquals(ints.bytes(), ints.bytesPerExchange());
        assertTrue(ints.bytes() >= 800_000, "int[] bytes " + ints.bytes());
        assertTrue(ints.frames().get(0).startsWith(ReportAnalysisTest.class.getName() + ".lambda$"), ints.frames().toString());
        SampleSummary samples = allocations.samples();
        assertTrue(samples.unattributedSamples() > 0 && samples.unattributedBytes() > 0, samples.toString());
    }

    @Test
    void sharesArePerProtocol() {
        for (String protocol : List.of("HTTP/1.1", "HTTP/2")) {
            double shares = allocations.allocationSites().stream()
                    .filter(s -> s.protocol().equals(protocol)).mapToDouble(AllocationSite::share).sum();
            assertEquals(1.0, shares, 1e-9);
        }
    }

    @Test
    void topLimitsSitesPerProtocol() throws Exception {
        Report one = ReportAnalysis.analyze(dir.resolve("allocations.jfr"), 0, DamagedChunks.REFUSE);
        assertEquals(List.of(), one.allocationSites());
    }

    @Test
    void jsonHasTheDocumentedShape() {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(ReportJson.toJson(exchanges));
        assertEquals(List.of("recording", "exchangesByStack", "protocols", "endpoints", "allocationSites", "allocationSamples",
                        "attribution", "agent",
                        "openExchanges", "idleConnections", "leakedConnections"),
                List.copyOf(json.keySet()));
        Map<?, ?> h1 = (Map<?, ?>) ((List<?>) json.get("protocols")).get(0);
        assertEquals("HTTP/1.1", h1.get("protocol"));
        assertEquals(1000.0, h1.get("exchanges"));
        assertEquals(Map.of("mean", 50_050.0, "p50", (double) exchanges.protocols().get(0).exchanges().allocatedBytes().p50(),
                "p99", (double) exchanges.protocols().get(0).exchanges().allocatedBytes().p99(), "max", 100_000.0),
                h1.get("allocatedBytesPerExchange"));
        assertEquals(Map.of("mean", 2048.0), h1.get("responseBytesPerExchange"));
        assertEquals(25_025.0, h1.get("allocatedBytesPerResponseKiB"));
        assertEquals(Map.of("mean", 2.0), h1.get("writesPerExchange"));
        Map<?, ?> upload = (Map<?, ?>) ((List<?>) json.get("endpoints")).get(2);
        assertEquals(Arrays.asList("HTTP/2", "POST", "/upload", 1.0, null),
                Arrays.asList(upload.get("protocol"), upload.get("method"), upload.get("path"), upload.get("exchanges"),
                        upload.get("allocatedBytesPerResponseKiB")));
        Map<?, ?> agent = (Map<?, ?>) json.get("agent");
        assertEquals(List.of(0.0, 2.0, 1.0),
                List.of(agent.get("suppressedErrors"), agent.get("untracked"), agent.get("exchangesOpen")));

        @SuppressWarnings("unchecked")
        Map<String, Object> sites = (Map<String, Object>) MiniJson.parse(ReportJson.toJson(allocations));
        Map<?, ?> site = (Map<?, ?>) ((List<?>) sites.get("allocationSites")).get(0);
        assertEquals(List.of("protocol", "work", "objectClass", "frames", "bytes", "samples", "bytesPerExchange", "share"),
                List.copyOf(site.keySet().stream().map(Object::toString).toList()));
        assertTrue(site.get("frames") instanceof List<?> frames && frames.size() == Events.SITE_FRAMES);
    }

    @Test
    void recordingWithoutHttpmemEventsIsRejected() {
        Path plain = TestRecordings.record(dir.resolve("plain.jfr"), () -> allocate(() -> new byte[10_000]));
        AnalysisException e = assertThrows(AnalysisException.class, () -> ReportAnalysis.analyze(plain));
        assertEquals(AnalysisException.Kind.NO_EVENTS, e.kind());
    }

    @Test
    void truncatedRecordingIsRejected() throws Exception {
        byte[] whole = Files.readAllBytes(dir.resolve("exchanges.jfr"));
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        AnalysisException e = assertThrows(AnalysisException.class, () -> ReportAnalysis.analyze(half));
        assertEquals(AnalysisException.Kind.CORRUPT, e.kind());
    }

    @Name(EventNames.EXCHANGE)
    static final class IncompatibleExchange extends Event {
        @Name(ExchangeFields.PROTOCOL) String protocol;
    }

    @Test
    void eventsLackingFieldsAreUnsupported() {
        FlightRecorder.register(IncompatibleExchange.class);
        Path old = TestRecordings.record(dir.resolve("old.jfr"), () -> new IncompatibleExchange().commit());
        AnalysisException e = assertThrows(AnalysisException.class, () -> ReportAnalysis.analyze(old));
        assertEquals(AnalysisException.Kind.UNSUPPORTED, e.kind());
        assertEquals("unsupported httpmem events in " + old + ": httpmem.Exchange has no field 'method'", e.getMessage());
    }

    private static List<String> classes(String protocol) {
        return allocations.allocationSites().stream().filter(s -> s.protocol().equals(protocol))
                .map(AllocationSite::objectClass).distinct().toList();
    }

    /** The classes of the test's own allocations (its marker arrays) in {@code protocol}'s slices. */
    private static List<String> markerClasses(String protocol) {
        return allocations.allocationSites().stream()
                .filter(s -> s.protocol().equals(protocol) && !s.frames().isEmpty()
                        && s.frames().get(0).startsWith(ReportAnalysisTest.class.getName()))
                .map(AllocationSite::objectClass).distinct().toList();
    }

    private static AllocationSite site(String protocol, String objectClass) {
        return allocations.allocationSites().stream()
                .filter(s -> s.protocol().equals(protocol) && s.objectClass().equals(objectClass))
                .findFirst().orElseThrow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
