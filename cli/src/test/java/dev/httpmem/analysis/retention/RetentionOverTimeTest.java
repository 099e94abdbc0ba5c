package dev.httpmem.analysis.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetentionOverTimeTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final double MIB = 1 << 20;

    @Test
    void theHeapsSlopeAgainstTimeIsFittedAfterItsWarmUp() {
        Random noise = new Random(3);
        List<Checkpoint> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Warm-up: the first fifth climbs steeply, as pools fill; then 1 MiB per minute and noise.
            double heap = i < 8 ? 200 * MIB * i : 1600 * MIB + MIB * i + noise.nextGaussian() * 0.2 * MIB;
            series.add(checkpoint(i * MINUTE, heap));
        }
        RetentionOverTime fitted = RetentionOverTime.fit("r.jfr", series, List.of());
        Estimate slope = fitted.heapPerMinute();
        assertEquals(MIB, slope.estimate(), 0.05 * MIB);
        assertTrue(slope.ciLow() > 0 && slope.ciHigh() < 1.1 * MIB, slope.toString());
        assertEquals(32, fitted.checkpoints());
        assertTrue(fitted.grows());
    }

    @Test
    void aFlatHeapDoesNotGrowAndTooFewGcsGiveNoSlope() {
        Random noise = new Random(5);
        List<Checkpoint> series = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            series.add(checkpoint(i * MINUTE, 500 * MIB + noise.nextGaussian() * MIB));
        }
        assertFalse(RetentionOverTime.fit("r.jfr", series, List.of()).grows());
        RetentionOverTime tooFew = RetentionOverTime.fit("r.jfr", series.subList(0, 2), List.of());
        assertFalse(tooFew.heapPerMinute().known(), "2 GCs");
        assertEquals(0, tooFew.checkpoints());
    }

    private static Checkpoint checkpoint(long timeNanos, double heap) {
        return new Checkpoint(timeNanos, false, Math.round(heap), 0, -1, new long[2], new long[2]);
    }
}
