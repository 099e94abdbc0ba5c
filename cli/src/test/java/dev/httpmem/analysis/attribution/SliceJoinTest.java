package dev.httpmem.analysis.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SliceJoinTest {
    private static final Site A = new Site("A", List.of());
    private static final Site B = new Site("B", List.of());
    private static final Site C = new Site("C", List.of());

    private final SiteTable sites = new SiteTable(100);
    private final SliceJoin<SiteTable.Sample> join = SliceJoin.streaming(sites);

    @Test
    void innermostSliceWinsBecauseItEndsFirst() {
        sample(1, 2, A, 100);
        sample(1, 5, B, 10);
        sample(1, 8, A, 1);
        join.slice(1, 4, 6, "HTTP/2", 1);
        join.slice(1, 1, 10, "HTTP/1.1", 1);
        join.finish();
        assertEquals(Map.of("HTTP/1.1", 101L, "HTTP/2", 10L), sites.bytesByProtocol());
        assertEquals(new SampleSummary(3, 111, 0, 0, 0, 0, 0), sites.summary());
    }

    @Test
    void aSampleReadAfterItsSliceInTheSameFlushSegmentIsFound() {
        join.slice(1, 4, 6, "HTTP/2", 1);
        sample(1, 5, A, 10);
        join.flush();
        join.finish();
        assertEquals(Map.of("HTTP/2", 10L), sites.bytesByProtocol());
    }

    @Test
    void theInnermostSliceWinsWhicheverIsReadFirst() {
        sample(1, 5, A, 10);
        join.slice(1, 1, 10, "HTTP/1.1", 1);
        join.slice(1, 4, 6, "HTTP/2", 2);
        sample(1, 5, B, 100);
        join.flush();
        join.finish();
        assertEquals(Map.of("HTTP/2", 110L), sites.bytesByProtocol());
    }

    /**
     * A sample read after its slice in a segment of many finds it and the innermost among those that hold it, whether
     * the slices came in the order of time or not (an outer slice after those nested in it, one out of order first).
     */
    @Test
    void aSampleReadAfterManySlicesFindsItsInnermostInOrderOrNot() {
        for (boolean inTimeOrder : new boolean[] {true, false}) {
            SiteTable table = new SiteTable(100);
            SliceJoin<SiteTable.Sample> many = SliceJoin.streaming(table);
            if (!inTimeOrder) {
                many.slice(1, 20_001, 20_003, "HTTP/1.1", 3000);
            }
            for (int i = 0; i < 1000; i++) {
                many.slice(1, 10L * i, 10L * i + 5, "HTTP/2", i);
            }
            many.slice(1, 20_000, 20_004, "HTTP/2", 2000);
            many.slice(1, 19_000, 21_000, "HTTP/1.1", 1000); // the outer slice, ended last
            for (long time : new long[] {3, 5000, 5006, 9995, 20_000, 20_002, 20_500}) {
                many.sample(1, time, new SiteTable.Sample(table.intern(A), time, 1));
            }
            many.flush();
            many.finish();
            // The samples weigh their times: 3, 5000 and 9995 in the run of HTTP/2 slices, 20,000 in the one nested in
            // the outer, 20,002 too or, read first, in the one nested in that, 20,500 in the outer alone; 5006 in none.
            assertEquals(inTimeOrder ? Map.of("HTTP/2", 3L + 5000 + 9995 + 20_000 + 20_002, "HTTP/1.1", 20_500L)
                            : Map.of("HTTP/2", 3L + 5000 + 9995 + 20_000, "HTTP/1.1", 20_002L + 20_500),
                    table.bytesByProtocol(), inTimeOrder ? "in time order" : "out of order");
        }
    }

    /** JFR writes a sample by the first flush after it was taken, so it is never read after its slice's segment. */
    @Test
    void aSliceIsForgottenAtTheEndOfItsFlushSegment() {
        join.slice(1, 4, 6, "HTTP/2", 1);
        join.flush();
        sample(1, 5, A, 10);
        join.finish();
        assertEquals(Map.of(), sites.bytesByProtocol());
    }

    @Test
    void sliceBoundsAreInclusive() {
        sample(1, 4, A, 1);
        sample(1, 6, A, 2);
        join.slice(1, 4, 6, "HTTP/2", 1);
        join.finish();
        assertEquals(Map.of("HTTP/2", 3L), sites.bytesByProtocol());
    }

    @Test
    void samplesOutsideSlicesOrOnOtherThreadsAreUnattributed() {
        sample(1, 3, A, 1);
        sample(2, 5, B, 10);
        sample(1, 11, C, 100);
        join.slice(1, 4, 10, "HTTP/2", 1);
        sites.exchangeThread(1);
        join.finish();
        assertEquals(Map.of(), sites.bytesByProtocol());
        assertEquals(new SampleSummary(3, 111, 0, 3, 111, 101, 0), sites.summary(), "thread 1 ran exchange work");
    }

    @Test
    void samplesArrivingOutOfOrderAreStillFound() {
        sample(1, 9, A, 1);
        sample(1, 5, B, 10);
        sample(1, 7, C, 100);
        join.slice(1, 6, 8, "HTTP/2", 1);
        join.finish();
        assertEquals(Map.of("HTTP/2", 100L), sites.bytesByProtocol());
        assertEquals(2, sites.summary().unattributedSamples());
    }

    @Test
    void samplesOlderThanTheHorizonAreGivenUp() {
        sample(1, 0, A, 1);
        sample(1, SliceJoin.HORIZON_NANOS + 1, B, 10);
        join.slice(1, 0, SliceJoin.HORIZON_NANOS + 1, "HTTP/2", 1);
        join.finish();
        assertEquals(Map.of("HTTP/2", 10L), sites.bytesByProtocol());
        assertEquals(1, sites.summary().unattributedSamples());
    }

    @Test
    void manyClaimedSamplesAreCompactedAway() {
        for (int i = 0; i < 10_000; i++) {
            sample(1, 2L * i, A, 1);
            sample(1, 2L * i + 1, B, 1);
            join.slice(1, 2L * i + 1, 2L * i + 1, "HTTP/2", 1);
        }
        join.finish();
        assertEquals(Map.of("HTTP/2", 10_000L), sites.bytesByProtocol());
        assertEquals(10_000, sites.summary().unattributedSamples());
    }

    @Test
    void siteTableOverflowsIntoOtherSites() {
        SiteTable small = new SiteTable(1);
        assertEquals(A, small.intern(new Site("A", List.of())));
        assertEquals(SiteTable.OTHER, small.intern(B));
        small.claimed(new SiteTable.Sample(SiteTable.OTHER, 7, 1), "HTTP/2", 1);
        assertEquals(7, small.summary().overflowBytes());
    }

    @Test
    void samplesGivenBeforeTheSlicesWaitWithoutHorizon() {
        SliceJoin<SiteTable.Sample> holding = SliceJoin.holdingAll(sites);
        holding.sample(1, 10 * SliceJoin.HORIZON_NANOS, new SiteTable.Sample(A, 1, 1));
        holding.sample(1, 0, new SiteTable.Sample(B, 10, 1));
        holding.slice(1, 0, 0, "HTTP/2", 1);
        holding.slice(1, 10 * SliceJoin.HORIZON_NANOS, 10 * SliceJoin.HORIZON_NANOS, "HTTP/1.1", 1);
        holding.finish();
        assertEquals(Map.of("HTTP/1.1", 1L, "HTTP/2", 10L), sites.bytesByProtocol());
    }

    @Test
    void samplesGivenFirstAreClaimedByTheInnermostSliceWithoutKeepingSlices() {
        SliceJoin<SiteTable.Sample> given = SliceJoin.givenFirst(sites);
        given.sample(1, 5, new SiteTable.Sample(A, 1, 1));
        given.sample(1, 50, new SiteTable.Sample(B, 10, 1));
        given.slice(2, 0, 100, "HTTP/1.1", 3); // another thread's: nothing to claim
        given.slice(1, 4, 6, "HTTP/2", 2);
        given.slice(1, 0, 10, "HTTP/1.1", 1);
        given.flush();
        given.finish();
        assertEquals(Map.of("HTTP/2", 1L), sites.bytesByProtocol());
        assertThrows(IllegalStateException.class, () -> given.sample(1, 7, new SiteTable.Sample(A, 1, 1)));
    }

    private void sample(long thread, long time, Site site, long weight) {
        join.sample(thread, time, new SiteTable.Sample(site, weight, thread));
    }
}
