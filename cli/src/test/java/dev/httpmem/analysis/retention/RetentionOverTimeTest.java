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

    @Test
    void enoughForcedFullGcsAreFittedAloneAsYoungGcsLeaveGarbageInTheHeap() {
        Random garbage = new Random(7);
        List<Checkpoint> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double live = 500 * MIB + MIB * i;
            boolean forced = i % 5 == 4;
            // After a young GC the old generation's garbage comes and goes by hundreds of MiB.
            series.add(checkpoint(i * MINUTE, forced, forced ? live : live + garbage.nextDouble() * 400 * MIB));
        }
        RetentionOverTime fitted = RetentionOverTime.fit("r.jfr", series, List.of());
        assertTrue(fitted.forcedOnly());
        assertEquals(7, fitted.checkpoints(), "8 forced, the first left out as warm-up");
        assertEquals(MIB, fitted.heapPerMinute().estimate(), 0.01 * MIB);
        assertTrue(fitted.grows());
        assertEquals("7 forced full GCs", fitted.fittedOn());

        RetentionOverTime fewForced = RetentionOverTime.fit("r.jfr", series.subList(0, 10), List.of());
        assertFalse(fewForced.forcedOnly(), "2 forced GCs are too few: all GCs are fitted");
        assertEquals("8 GCs", fewForced.fittedOn());
    }

    private static Checkpoint checkpoint(long timeNanos, double heap) {
        return checkpoint(timeNanos, false, heap);
    }

    private static Checkpoint checkpoint(long timeNanos, boolean forced, double heap) {
        return new Checkpoint(timeNanos, forced, Math.round(heap), 0, -1, new long[Checkpoint.PROTOCOLS.size()],
                new long[Checkpoint.PROTOCOLS.size()]);
    }
}
