package dev.httpmem.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {
    @Test
    void needsThreePointsWithDifferentX() {
        LeastSquares fit = new LeastSquares();
        fit.add(1, 10);
        fit.add(2, 20);
        assertTrue(fit.slope().isEmpty());
        LeastSquares flat = new LeastSquares();
        for (int i = 0; i < 5; i++) {
            flat.add(7, i);
        }
        assertTrue(flat.slope().isEmpty());
    }

    @Test
    void anExactLineHasNoError() {
        LeastSquares fit = new LeastSquares();
        for (long exchanges = 0; exchanges <= 1_000_000; exchanges += 100_000) {
            fit.add(exchanges, 300_000_000 + 512.0 * exchanges);
        }
        Slope slope = fit.slope().orElseThrow();
        assertEquals(512, slope.value(), 1e-6);
        assertEquals(0, slope.ci95(), 1e-3);
        assertEquals(11, slope.points());
    }

    @Test
    void noisyPointsGiveTheTextbookSlopeAndInterval() {
        // x 1..5, y 2.1 3.9 6.2 7.8 10.1: slope 1.99, residual SS 0.107, Sxx 10, t(3) 3.182
        LeastSquares fit = new LeastSquares();
        double[] y = {2.1, 3.9, 6.2, 7.8, 10.1};
        for (int i = 0; i < y.length; i++) {
            fit.add(i + 1, y[i]);
        }
        Slope slope = fit.slope().orElseThrow();
        assertEquals(1.99, slope.value(), 1e-9);
        assertEquals(3.182 * Math.sqrt(0.107 / 3 / 10), slope.ci95(), 1e-9);
    }

    @Test
    void tQuantileIsContinuousPastTheTable() {
        assertEquals(2.042, LeastSquares.t95(30), 1e-9);
        assertEquals(2.0395, LeastSquares.t95(31), 0.004);
        assertEquals(1.984, LeastSquares.t95(100), 0.002);
    }
}
