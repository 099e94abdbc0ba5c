package dev.httpmem.analysis;

import java.util.Optional;

/**
 * A straight-line least-squares fit of y on x, accumulated point by point with Welford's co-moments (raw sums
 * of squares of heap sizes would cancel catastrophically). The retention estimate fits heap after GC on one
 * protocol's cumulative exchanges: a placeholder until a model of both protocols at once replaces it.
 */
final class LeastSquares {
    /** Student's t, two-sided 95%, for 1 to 30 degrees of freedom. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private long n;
    private double meanX;
    private double meanY;
    private double sxx;
    private double sxy;
    private double syy;

    void add(double x, double y) {
        n++;
        double dx = x - meanX;
        double dy = y - meanY;
        meanX += dx / n;
        meanY += dy / n;
        sxx += dx * (x - meanX);
        sxy += dx * (y - meanY);
        syy += dy * (y - meanY);
    }

    /** Empty until three points with different x: two always fit exactly and say nothing of the error. */
    Optional<Slope> slope() {
        if (n < 3 || sxx <= 0) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double residual = Math.max(0, syy - slope * sxy);
        double standardError = Math.sqrt(residual / (n - 2) / sxx);
        return Optional.of(new Slope(slope, t95(n - 2) * standardError, n));
    }

    /** Beyond the table, the Cornish-Fisher expansion's first term: within 0.2% of t from 31 degrees on. */
    static double t95(long degrees) {
        if (degrees <= T95.length) {
            return T95[(int) degrees - 1];
        }
        double z = 1.959964;
        return z + (z * z * z + z) / (4 * degrees);
    }
}
