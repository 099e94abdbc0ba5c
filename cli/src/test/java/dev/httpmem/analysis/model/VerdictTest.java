package dev.httpmem.analysis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpmem.analysis.attribution.DirectBufferOrigin;
import dev.httpmem.analysis.attribution.RetainedPath;
import dev.httpmem.analysis.attribution.RetainedSite;
import dev.httpmem.analysis.retention.Estimate;
import dev.httpmem.analysis.retention.LevelStep;
import dev.httpmem.analysis.retention.OneOffRetention;
import dev.httpmem.analysis.retention.RetentionOverTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static ProtocolRetention protocol(String protocol, Estimate heap, int checkpoints) {
        return protocol(protocol, heap, checkpoints, ProtocolConnections.NONE, Estimate.NONE);
    }

    private static ProtocolRetention protocol(String protocol, Estimate heap, int checkpoints,
                                              ProtocolConnections connections, Estimate perLeaked) {
        return protocol(protocol, heap, Estimate.NONE, checkpoints, connections, perLeaked);
    }

    private static ProtocolRetention protocol(String protocol, Estimate heap, Estimate median, int checkpoints,
                                              ProtocolConnections connections, Estimate perLeaked) {
        return new ProtocolRetention("rec.jfr", protocol, protocol, 10_000, new Distribution(0, 0, 0, 0, 0, 0), 0, heap,
                median, Estimate.NONE, Estimate.NONE, Estimate.NONE, DirectBufferOrigin.UNSAMPLED, Estimate.NONE,
                checkpoints, 0, Verdict.status(heap, median, checkpoints),
                Estimate.NONE, connections, Estimate.NONE, perLeaked);
    }

    private static ProtocolRetention growingDirectMemory(DirectBufferOrigin origin) {
        return new ProtocolRetention("rec.jfr", "HTTP/2", "HTTP/2", 10_000,
                new Distribution(0, 0, 0, 0, 0, 0), 0, new Estimate(2, -1, 5), Estimate.NONE, Estimate.NONE,
                new Estimate(1280, 1250, 1310), new Estimate(1270, 1200, 1340), origin, new Estimate(1900, 1200, 2600),
                30, 0, Verdict.status(new Estimate(2, -1, 5), Estimate.NONE, 30), Estimate.NONE, ProtocolConnections.NONE,
                Estimate.NONE, Estimate.NONE);
    }

    @Test
    void directMemoryGrowthIsNamedBeforeTheHeap() {
        ProtocolRetention http2 = growingDirectMemory(DirectBufferOrigin.OTHER);
        assertEquals("HTTP/2 grows direct memory by 1.3 KiB/exchange (95% CI 1.2 KiB..1.3 KiB) and RSS by"
                        + " 1.9 KiB/exchange (95% CI 1.2 KiB..2.5 KiB), heap flat;"
                        + " HTTP/1.1 retains 1 B/exchange (95% CI -1..3); HTTP/2 retains 2 B/exchange (95% CI -1..5):"
                        + " no retention",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(1, -1, 3), 30), http2)));
    }

    @Test
    void theJdksTemporaryBufferCacheFillingUpIsNoFinding() {
        assertEquals("HTTP/1.1 retains 1 B/exchange (95% CI -1..3); HTTP/2 retains 2 B/exchange (95% CI -1..5):"
                        + " no retention",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(1, -1, 3), 30),
                        growingDirectMemory(DirectBufferOrigin.JDK_TEMPORARY_CACHE))));
    }

    private static RetainedSite liveAt(String protocol, String frame, long samples) {
        return new RetainedSite("rec.jfr", protocol, "byte[]", List.of(frame), samples, -1, "static Leak.KEPT", samples);
    }

    @Test
    void liveOldObjectSamplesSpeakWhereTheHeapLeftItUndecided() {
        ProtocolRetention http11 = protocol("HTTP/1.1", new Estimate(3, -40, 46), 2);
        ProtocolRetention http2 = protocol("HTTP/2", new Estimate(313, -75, 702), 3);
        List<RetainedSite> retained = List.of(liveAt("HTTP/2", "Leak.keep:20", 240), liveAt("HTTP/1.1", "Cache.fill:9", 9),
                liveAt("HTTP/1.1", "dev.httpmem.agent.runtime.RetentionTracker.watch:51", 40));
        assertEquals("HTTP/1.1 retains 3 B/exchange (95% CI -40..46) from 2 GCs; HTTP/2 retains 313 B/exchange"
                        + " (95% CI -75..702) from 3 GCs: too little data for HTTP/1.1 and HTTP/2; but 240 objects sampled"
                        + " from HTTP/2 exchanges are still live (byte[] at Leak.keep:20): likely HTTP/2 retention (from"
                        + " old-object samples; confirm with the agent option gc-every=N)",
                Verdict.line(List.of(http11, http2), List.of(), retained));
        assertEquals(java.util.Optional.empty(), Verdict.liveSampleEvidence(http11, retained, List.of()),
                "a pool's handful, and the agent's own objects, are no evidence");
        ProtocolRetention decided = protocol("HTTP/2", new Estimate(2, -1, 5), 30);
        assertEquals(java.util.Optional.empty(), Verdict.liveSampleEvidence(decided, retained, List.of()), "the heap decided");
    }

    /** A burst that one request kept (20 MiB once) is a step of its own, not evidence of retention per exchange. */
    @Test
    void liveSamplesOfAOneOffStepAreNoEvidenceOfRetentionPerExchange() {
        ProtocolRetention http2 = protocol("HTTP/2", new Estimate(21, -6, 47), 30);
        List<RetainedSite> retained = List.of(liveAt("HTTP/2", "Burst.run:28", 20));
        LevelStep step = new LevelStep(2_500, 2_752, 20 << 20, 1, 2, 40 << 20, "HTTP/2", 2_500, 2_752);
        OneOffRetention burst = new OneOffRetention("rec.jfr", step, 252, 0, 0, 0, retained);
        assertEquals(java.util.Optional.empty(), Verdict.liveSampleEvidence(http2, retained, List.of(burst)));
        assertEquals(retained.get(0), Verdict.liveSampleEvidence(http2, retained, List.of()).orElseThrow(),
                "without the step, the same samples would be evidence");
    }

    @Test
    void leakedConnectionsLeadTheVerdict() {
        assertEquals("HTTP/2 leaks connections: 182 held after their clients left (100 left open in CLOSE_WAIT),"
                        + " 97.0 KiB each"
                        + " (95% CI 95.0 KiB..99.0 KiB), 17.2 MiB in all; HTTP/1.1 leaks none;"
                        + " HTTP/1.1 retains 1 B/exchange (95% CI -1..3); HTTP/2 retains 2 B/exchange (95% CI 0..4):"
                        + " no retention",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(1, -1, 3), 30),
                        protocol("HTTP/2", new Estimate(2, 0, 4), 30, new ProtocolConnections(200, 190, 10, 182,
                                Map.of("close-wait", 100L)),
                                new Estimate(97 * 1024, 95 * 1024, 99 * 1024)))));
    }

    /**
     * Closed connections a stack keeps reachable without measurable heap (Grizzly's per-thread caches of recycled
     * requests: 10 of 40, 2.0 KiB each, 95% CI -11.0..15.0 KiB) are said to be held, not called a leak.
     */
    @Test
    void closedConnectionsHeldWithoutMeasurableHeapAreNotCalledALeak() {
        assertEquals("HTTP/1.1 holds 10 closed connections still reachable two GCs later, with no heap measurable"
                        + " each (2.0 KiB, 95% CI -11.0 KiB..15.0 KiB): a cache of the stack's, or a leak too small for"
                        + " this run to show; HTTP/2 leaks none;"
                        + " HTTP/1.1 retains 1 B/exchange (95% CI -1..3); HTTP/2 retains 2 B/exchange (95% CI 0..4):"
                        + " no retention",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(1, -1, 3), 30, new ProtocolConnections(40, 40, 0, 10,
                                Map.of("held-after-close", 10L)), new Estimate(2 * 1024, -11 * 1024, 15 * 1024)),
                        protocol("HTTP/2", new Estimate(2, 0, 4), 30))));
    }

    /**
     * One closed connection still reachable is sized from the one GC at which it appeared, with whatever else the heap
     * did then (a clean Tomcat: 1 of 22 failed connections, 648 KiB), and a stack's cache holds one as a leak does.
     */
    @Test
    void oneClosedConnectionHeldIsNeitherSizedNorCalledALeak() {
        assertEquals("HTTP/2 holds 1 closed connection still reachable two GCs later: one cannot tell a cache of the"
                        + " stack's from a leak, nor be sized against the heap; connections failing throughout a run tell"
                        + " them apart; HTTP/1.1 leaks none;"
                        + " HTTP/1.1 retains 1 B/exchange (95% CI -1..3); HTTP/2 retains 2 B/exchange (95% CI 0..4):"
                        + " no retention",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(1, -1, 3), 30),
                        protocol("HTTP/2", new Estimate(2, 0, 4), 30, new ProtocolConnections(22, 22, 0, 1,
                                Map.of("held-after-close", 1L)), new Estimate(648 * 1024, 300 * 1024, 996 * 1024)))));
    }

    /**
     * Closed connections whose number never changed between the GCs fitted have no size to fit: a bounded cache holds
     * a constant few as a one-off leak does (Undertow: 5 of RetentionIT's 8 HTTP/1.1 connections), so they are held.
     */
    @Test
    void closedConnectionsOfAConstantCountAreHeldOfAnUnknownSize() {
        assertEquals("HTTP/1.1 holds 5 closed connections still reachable two GCs later, of a size this run cannot tell"
                        + " (their count never changed between the GCs fitted): a cache of the stack's, or a leak;"
                        + " connections opened and closed throughout a run tell them apart; HTTP/2 leaks none;"
                        + " HTTP/1.1 retains 1 B/exchange (95% CI 0..2); HTTP/2 retains 401 B/exchange (95% CI 392..410):"
                        + " HTTP/2-only retention",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(1, 0, 2), 30, new ProtocolConnections(8, 8, 0, 5,
                                Map.of("held-after-close", 5L)), Estimate.NONE),
                        protocol("HTTP/2", new Estimate(401, 392, 410), 30))));
    }

    @Test
    void aDecisiveIntervalIsAVerdictFromFewGcs() {
        assertEquals("HTTP/1.1 retains 2 B/exchange (95% CI -3..6) from 7 GCs; "
                        + "HTTP/2 retains 705 B/exchange (95% CI 699..710) from 7 GCs:"
                        + " HTTP/2-only retention (few GCs: confirm with a longer run)",
                Verdict.line(List.of(protocol("HTTP/1.1", new Estimate(2, -3, 6), 7),
                        protocol("HTTP/2", new Estimate(705, 699, 710), 7))));
    }

    @Test
    void anUndecidedIntervalFromFewGcsAsksForMoreData() {
        assertEquals(Verdict.Status.TOO_LITTLE_DATA, Verdict.status(new Estimate(40, -20, 100), Estimate.NONE, 5));
        assertEquals(Verdict.Status.UNCLEAR, Verdict.status(new Estimate(40, -20, 100), Estimate.NONE, 8));
        assertEquals("HTTP/2 retains 40 B/exchange (95% CI -20..100) from 5 GCs: too little data for HTTP/2",
                Verdict.line(List.of(protocol("HTTP/2", new Estimate(40, -20, 100), 5))));
    }

    @Test
    void aSlopeTheMedianBetweenGcsDoesNotBearOutIsUnclear() {
        ProtocolRetention http11 = protocol("HTTP/1.1", new Estimate(42, 18, 65), new Estimate(6, -3, 31), 16,
                ProtocolConnections.NONE, Estimate.NONE);
        assertEquals(Verdict.Status.UNCLEAR, http11.status());
        assertEquals(Verdict.Status.RETAINS, Verdict.status(new Estimate(42, 18, 65), new Estimate(40, 20, 60), 16));
        assertEquals("HTTP/1.1 retains 42 B/exchange (95% CI 18..65); HTTP/2 retains 344 B/exchange (95% CI 256..432):"
                        + " retention in HTTP/2; unclear for HTTP/1.1 (its slope rests on a few jumps of the heap between"
                        + " GCs; their median slope is 6 B/exchange)",
                Verdict.line(List.of(http11, protocol("HTTP/2", new Estimate(344, 256, 432), 16))));
    }

    @Test
    void manyGcsNeedNoCaveat() {
        assertEquals("HTTP/2 retains 705 B/exchange (95% CI 699..710): retention",
                Verdict.line(List.of(protocol("HTTP/2", new Estimate(705, 699, 710), 30))));
    }

    private static RetainedPath path(String recording, String path, long samples) {
        return new RetainedPath(recording, path + " [7] → byte[]", path + " [] → byte[]", samples, -1,
                List.of(new RetainedSite(recording, null, "byte[]", List.of("Leak.keep:20"), samples, -1, path, samples)));
    }

    @Test
    void withoutExchangesTheHeapOverTimeAndTheTopPathAreTheVerdict() {
        RetentionOverTime before = new RetentionOverTime("a.jfr", new Estimate(1024, -2048, 4096), 20, false,
                List.of(path("a.jfr", "static Cache.ENTRIES → java.lang.Object[]", 12)));
        RetentionOverTime after = new RetentionOverTime("b.jfr", new Estimate(1 << 20, 900_000, 1_200_000), 30, true,
                List.of(path("b.jfr", "static Cache.ENTRIES → java.lang.Object[]", 40),
                        path("b.jfr", "static Streams.MAP → java.lang.Object[]", 25)));
        assertEquals("no exchanges, so no retention per exchange; heap after GC grew 1.0 MiB/min (95% CI 878.9 KiB..1.1 MiB)"
                        + " over 30 forced full GCs: 40 live objects sampled are held through static Cache.ENTRIES → java.lang.Object[] [7]"
                        + " → byte[] (byte[] at Leak.keep:20)",
                Verdict.withoutExchanges(List.of(after), List.of("b.jfr")));
        assertEquals("no exchanges, so no retention per exchange; a.jfr: heap after GC did not grow significantly:"
                        + " 1.0 KiB/min (95% CI -2.0 KiB..4.0 KiB) over 20 GCs: 12 live objects sampled are held through static"
                        + " Cache.ENTRIES → java.lang.Object[] [7] → byte[] (byte[] at Leak.keep:20); b.jfr: heap after GC grew"
                        + " 1.0 MiB/min (95% CI 878.9 KiB..1.1 MiB) over 30 forced full GCs: 40 live objects sampled are held through static"
                        + " Cache.ENTRIES → java.lang.Object[] [7] → byte[] (byte[] at Leak.keep:20); b.jfr keeps what a.jfr does"
                        + " not: 25 live objects sampled are held through static Streams.MAP → java.lang.Object[] [7] → byte[]"
                        + " (byte[] at Leak.keep:20)",
                Verdict.withoutExchanges(List.of(before, after), List.of("a.jfr", "b.jfr")));
        assertEquals("no exchanges, so no retention per exchange; too few GCs to tell how the heap after GC moved"
                        + " (record longer, or run jcmd PID GC.run now and then)",
                Verdict.withoutExchanges(List.of(new RetentionOverTime("c.jfr", Estimate.NONE, 0, false, List.of())), List.of("c.jfr")));
    }
}
