package dev.httpmem.analysis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void smallValuesAreExact() {
        Histogram histogram = new Histogram();
        for (int v = 0; v < 100; v++) {
            histogram.record(v);
        }
        Distribution d = histogram.distribution();
        assertEquals(100, d.count());
        assertEquals(49, d.p50());
        assertEquals(98, d.p99());
        assertEquals(99, d.max());
        assertEquals(49.5, d.mean());
    }

    @Test
    void bucketMidpointIsWithinOnePercentOfEveryValueInTheBucket() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >>> random.nextInt(1, 64);
            long reported = Histogram.midpoint(Histogram.index(v));
            assertTrue(Math.abs(reported - v) <= v / 128.0, v + " reported as " + reported);
        }
    }

    @Test
    void quantilesOfUniformValues() {
        Histogram histogram = new Histogram();
        for (int v = 1; v <= 100_000; v++) {
            histogram.record(v * 10L);
        }
        Distribution d = histogram.distribution();
        assertEquals(500_000, d.p50(), 500_000 * 0.01);
        assertEquals(990_000, d.p99(), 990_000 * 0.01);
        assertEquals(1_000_000, d.max());
        assertEquals(10, d.min());
        assertEquals(500_005.0, d.mean());
    }

    @Test
    void emptyAndNegative() {
        assertEquals(new Distribution(0, 0, 0, 0, 0, 0), new Histogram().distribution());
        Histogram histogram = new Histogram();
        histogram.record(-5);
        assertEquals(new Distribution(1, 0, 0, 0, 0, 0), histogram.distribution());
    }
}
