package dev.httpmem.analysis.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class PhasedLeastSquaresTest {

    @Test
    void exactLineHasZeroWidthInterval() {
        PhasedLeastSquares squares = new PhasedLeastSquares(1);
        for (int i = 0; i < 10; i++) {
            squares.add(0, 1000 + 3.0 * i, i);
        }
        PhasedLeastSquares.Fit fit = squares.fit();
        assertEquals(3.0, fit.slopes()[0].estimate(), 1e-9);
        assertEquals(3.0, fit.slopes()[0].ciLow(), 1e-6);
        assertEquals(8, fit.degreesOfFreedom());
    }

    @Test
    void intervalCoversThePlantedSlopeNineteenTimesInTwenty() {
        Random random = new Random(42);
        int trials = 2000;
        int covered = 0;
        double worstError = 0;
        for (int trial = 0; trial < trials; trial++) {
            PhasedLeastSquares squares = new PhasedLeastSquares(1);
            for (int i = 0; i < 12; i++) {
                double exchanges = 500.0 * i;
                squares.add(0, 50e6 + 468 * exchanges + 100_000 * random.nextGaussian(), exchanges);
            }
            Estimate slope = squares.fit().slopes()[0];
            covered += slope.ciLow() <= 468 && 468 <= slope.ciHigh() ? 1 : 0;
            worstError = Math.max(worstError, Math.abs(slope.estimate() - 468));
        }
        assertEquals(0.95, (double) covered / trials, 0.015);
        assertTrue(worstError < 100, "worst error " + worstError);
    }

    @Test
    void stepsBetweenPhasesMoveNoSlope() {
        Random random = new Random(7);
        PhasedLeastSquares squares = new PhasedLeastSquares(2);
        for (int i = 0; i < 20; i++) {
            double h1 = 500.0 * i;
            squares.add(0, 40e6 + 10 * h1 + 20_000 * random.nextGaussian(), h1, 0);
        }
        for (int i = 0; i < 20; i++) {
            double h2 = 500.0 * i;
            squares.add(1, 48e6 + 5e6 + 300 * h2 + 20_000 * random.nextGaussian(), 10_000, h2);
        }
        Estimate[] slopes = squares.fit().slopes();
        assertCovers(slopes[0], 10, 4);
        assertCovers(slopes[1], 300, 4);
    }

    @Test
    void aNoisyPhaseDoesNotWidenTheIntervalOfAnotherProtocolsPhase() {
        Random random = new Random(11);
        PhasedLeastSquares both = new PhasedLeastSquares(2);
        PhasedLeastSquares quietAlone = new PhasedLeastSquares(2);
        for (int i = 0; i < 16; i++) {
            double h1 = 500.0 * i;
            double y = 14e6 + 4 * h1 + 3_000 * random.nextGaussian();
            both.add(0, y, h1, 0);
            quietAlone.add(0, y, h1, 0);
        }
        for (int i = 0; i < 16; i++) {
            double h2 = 500.0 * i;
            both.add(1, 15e6 + 300 * h2 + 400_000 * random.nextGaussian(), 8_000, h2);
        }
        PhasedLeastSquares.Fit fit = both.fit();
        assertEquals(quietAlone.fit().slopes()[0], fit.slopes()[0]);
        assertTrue(fit.slopes()[0].ciHigh() - fit.slopes()[0].ciLow() < 3, fit.slopes()[0].toString());
        assertEquals(2 * (16 - 1 - 1), fit.degreesOfFreedom());
    }

    @Test
    void concurrentProtocolsAreSeparatedWhenTheMixVaries() {
        Random random = new Random(3);
        PhasedLeastSquares squares = new PhasedLeastSquares(2);
        double h1 = 0;
        double h2 = 0;
        for (int i = 0; i < 40; i++) {
            boolean mostlyH1 = random.nextBoolean();
            h1 += mostlyH1 ? 500 : 50;
            h2 += mostlyH1 ? 50 : 500;
            squares.add(0, 60e6 + 0 * h1 + 200 * h2 + 30_000 * random.nextGaussian(), h1, h2);
        }
        Estimate[] slopes = squares.fit().slopes();
        assertCovers(slopes[0], 0, 15);
        assertCovers(slopes[1], 200, 15);
    }

    @Test
    void fixedProportionIsCollinear() {
        PhasedLeastSquares squares = new PhasedLeastSquares(2);
        for (int i = 0; i < 10; i++) {
            squares.add(0, 1000 + 5.0 * i + (i % 2), i, 2 * i);
        }
        PhasedLeastSquares.Fit fit = squares.fit();
        assertEquals(Set.of(0, 1), fit.collinear());
        assertFalse(fit.slopes()[0].known());
    }

    @Test
    void anOptionalRegressorInLockstepIsLeftOutAndTheEssentialOnesKeepTheirSlopes() {
        PhasedLeastSquares squares = new PhasedLeastSquares(3, 2);
        for (int i = 0; i < 20; i++) {
            double h1 = i < 10 ? 100 * i : 900;
            double h2 = i < 10 ? 0 : 100 * (i - 9);
            squares.add(0, 1000 + 5 * h1 + 300 * h2 + (i % 2), h1, h2, h2 / 10);
        }
        PhasedLeastSquares.Fit fit = squares.fit();
        assertEquals(Set.of(2), fit.collinear());
        assertCovers(fit.slopes()[0], 5, 0.1);
        assertFalse(fit.slopes()[2].known());
    }

    @Test
    void regressorConstantWithinEveryPhaseHasNoSlope() {
        PhasedLeastSquares squares = new PhasedLeastSquares(2);
        for (int i = 0; i < 10; i++) {
            squares.add(0, 1000 + 5.0 * i + (i % 3), i, 0);
            squares.add(1, 9000 + 5.0 * i + (i % 2), i, 70_000);
        }
        PhasedLeastSquares.Fit fit = squares.fit();
        assertEquals(5.0, fit.slopes()[0].estimate(), 0.2);
        assertFalse(fit.slopes()[1].known());
        assertEquals(20 - 2 - 1, fit.degreesOfFreedom());
    }

    @Test
    void tooFewPointsGiveNoEstimate() {
        PhasedLeastSquares squares = new PhasedLeastSquares(1);
        squares.add(0, 1, 1);
        squares.add(0, 2, 2);
        assertFalse(squares.fit().slopes()[0].known());
    }

    @Test
    void studentQuantiles() {
        assertEquals(12.706, StudentT.quantile975(1));
        assertEquals(2.042, StudentT.quantile975(30));
        assertEquals(2.0395, StudentT.quantile975(31), 2e-4);
        assertEquals(2.0003, StudentT.quantile975(60), 2e-4);
        assertEquals(1.9840, StudentT.quantile975(100), 2e-4);
        assertEquals(1.96, StudentT.quantile975(100_000), 1e-3);
    }

    public static void assertCovers(Estimate estimate, double truth, double tolerance) {
        assertTrue(estimate.ciLow() <= truth && truth <= estimate.ciHigh(), estimate + " does not cover " + truth);
        assertEquals(truth, estimate.estimate(), tolerance, estimate.toString());
    }
}
