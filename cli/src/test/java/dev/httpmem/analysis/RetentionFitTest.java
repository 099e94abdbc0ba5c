package dev.httpmem.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetentionFitTest {
    private final List<Checkpoint> series = new ArrayList<>();
    private final long[] exchanges = new long[2];
    private final Random random = new Random(5);

    private void advance(long h1, long h2) {
        exchanges[0] += h1;
        exchanges[1] += h2;
    }

    private void checkpoint(double heap) {
        series.add(new Checkpoint(series.size(), true, Math.round(heap), 0, -1, exchanges.clone(),
                new long[] {exchanges[0] * 1024, exchanges[1] * 2048}));
    }

    /** Heap after GC of a clean server, as measured on Jetty: 14 MB, noise of a few KB, 1-2 B/exchange of caches. */
    private double cleanHeap() {
        return 14e6 + 1.5 * (exchanges[0] + exchanges[1]) + 3_000 * random.nextGaussian();
    }

    @Test
    void phaseBoundaryStepOpensTheNextPhase() {
        for (int i = 0; i < 3; i++) {
            advance(0, 0);
            checkpoint(9e6); // startup, before any request
        }
        for (int i = 0; i < 20; i++) {
            advance(500, 0);
            checkpoint(cleanHeap());
        }
        advance(0, 0);
        checkpoint(cleanHeap() + 300_000); // HTTP/2's first streams opened, none ended yet
        for (int i = 0; i < 20; i++) {
            advance(0, 500);
            checkpoint(cleanHeap() + 300_000 + 468.0 * exchanges[1]);
        }
        advance(0, 0);
        checkpoint(cleanHeap() + 300_000 + 468.0 * exchanges[1]); // idle after the load
        int[] phases = new int[series.size()];
        // the last HTTP/1.1 checkpoint starts an idle interval, so it opens HTTP/2's phase too
        Arrays.fill(phases, 22, phases.length, 1);
        assertArrayEquals(phases, RetentionFit.phases(series));

        RetentionFit.Result fit = RetentionFit.fit("rec.jfr", series, series);
        PhasedLeastSquaresTest.assertCovers(fit.protocols().get("HTTP/1.1").heapPerExchange(), 1.5, 1);
        PhasedLeastSquaresTest.assertCovers(fit.protocols().get("HTTP/2").heapPerExchange(), 468 + 1.5, 2);
        PhasedLeastSquaresTest.assertCovers(fit.protocols().get("HTTP/2").heapPerResponseKiB(), (468 + 1.5) / 2, 1);
        assertEquals(new FitSummary("rec.jfr", true, 45, 45, 11, 34, 2), fit.summary());
        assertEquals(List.of(), fit.notes());
    }

    @Test
    void concurrentProtocolsShareOnePhase() {
        for (int i = 0; i < 30; i++) {
            boolean mostlyH2 = random.nextBoolean();
            advance(mostlyH2 ? 100 : 400, mostlyH2 ? 400 : 100);
            checkpoint(cleanHeap() + 300.0 * exchanges[1]);
        }
        RetentionFit.Result fit = RetentionFit.fit("rec.jfr", series, series);
        assertEquals(1, fit.summary().phases());
        PhasedLeastSquaresTest.assertCovers(fit.protocols().get("HTTP/1.1").heapPerExchange(), 1.5, 5);
        PhasedLeastSquaresTest.assertCovers(fit.protocols().get("HTTP/2").heapPerExchange(), 301.5, 5);
    }

    @Test
    void fixedMixIsSaidPlainly() {
        for (int i = 0; i < 20; i++) {
            advance(250, 250);
            checkpoint(cleanHeap());
        }
        RetentionFit.Result fit = RetentionFit.fit("rec.jfr", series, series);
        assertFalse(fit.protocols().get("HTTP/2").heapPerExchange().known());
        assertTrue(fit.notes().get(0).startsWith("HTTP/1.1 and HTTP/2 ran in a fixed proportion"), fit.notes().toString());
    }

    @Test
    void tooFewForcedGcsFallBackToAllAndSaySo() {
        for (int i = 0; i < 5; i++) {
            advance(0, 1000);
            checkpoint(cleanHeap());
        }
        List<Checkpoint> forced = series.subList(0, 2);
        RetentionFit.Result fit = RetentionFit.fit("rec.jfr", forced, series);
        assertFalse(fit.summary().forcedOnly());
        assertEquals("only 2 forced GCs: fitted on all 5 GCs, whose heap holds garbage not yet collected;"
                + " for exact slopes record with the agent option gc-every=N", fit.notes().get(0));
        RetentionFit.ProtocolFit h2 = fit.protocols().get("HTTP/2");
        assertEquals(4, h2.checkpoints());
        // 4 more checkpoints after warm-up, at 1,000 exchanges per checkpoint
        assertEquals(5000, h2.requestsNeeded());
        assertFalse(fit.protocols().containsKey("HTTP/1.1"));
    }

    @Test
    void thinnedSeriesStaysEvenlySpaced() {
        Thinned<Integer> thinned = new Thinned<>(4);
        for (int i = 0; i < 11; i++) {
            thinned.add(i);
        }
        assertEquals(List.of(0, 4, 8), thinned.items());
    }
}
