package dev.httpmem.analysis.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianSlopeTest {
    private final List<Checkpoint> series = new ArrayList<>();

    private void checkpoint(long http11, long http2, long heap) {
        long[] exchanges = new long[Checkpoint.PROTOCOLS.size()];
        exchanges[0] = http11;
        exchanges[1] = http2;
        series.add(new Checkpoint(series.size(), true, heap, 0, -1, exchanges, new long[exchanges.length]));
    }

    private Estimate http11(int[] segment) {
        boolean[] kept = new boolean[series.size()];
        Arrays.fill(kept, true);
        return MedianSlope.of(series, segment, kept, Checkpoint::heapUsed, 0);
    }

    @Test
    void twoOutliersMoveNeitherTheSlopeNorItsInterval() {
        for (int i = 1; i <= 12; i++) {
            checkpoint(1_000L * i, 0, 10_000_000 + 50L * 1_000 * i + (i == 11 || i == 12 ? 2_000_000 : 0));
        }
        Estimate slope = http11(new int[12]);
        assertEquals(50, slope.estimate(), 1e-9);
        // Sen's bounds for 12 points: the 18th and 49th of the 66 slopes, of which 20 (those to the outliers) are
        // steeper than 50.
        assertEquals(50, slope.ciLow(), 1e-9);
        assertTrue(slope.ciHigh() > 50, slope.toString());
    }

    @Test
    void pairsStayWithinASegmentAndAPhaseOfTheProtocolAlone() {
        for (int i = 1; i <= 6; i++) {
            checkpoint(1_000L * i, 0, 10_000_000 + 20L * 1_000 * i);
        }
        for (int i = 1; i <= 6; i++) {
            // HTTP/2 ran after, and a step of 5 MB opens a segment of its own: no pair spans either.
            checkpoint(6_000 + 1_000L * i, 1_000L * i, 15_000_000 + 20L * (6_000 + 1_000 * i));
        }
        Estimate slope = http11(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1});
        assertEquals(20, slope.estimate(), 1e-9);
        assertEquals(new Estimate(20, 20, 20), slope);
    }

    /** A day of GCs in one phase: thinned to a few hundred points, in a blink rather than a billion pairs. */
    @Test
    void fiftyThousandCheckpointsAreThinned() {
        for (int i = 1; i <= 50_000; i++) {
            checkpoint(100L * i, 0, 10_000_000 + 30L * 100 * i + (i % 2) * 90_000);
        }
        Estimate slope = http11(new int[50_000]);
        assertEquals(30, slope.estimate(), 1);
        assertTrue(slope.ciLow() <= 30 && 30 <= slope.ciHigh(), slope.toString());
    }

    @Test
    void tooFewPointsGiveNoSlope() {
        for (int i = 1; i <= 4; i++) {
            checkpoint(1_000L * i, 0, 10_000_000 + 20L * 1_000 * i);
        }
        assertFalse(http11(new int[4]).known());
    }
}
