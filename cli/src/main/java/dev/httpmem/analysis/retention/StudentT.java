package dev.httpmem.analysis.retention;

/** The two-sided 95% quantile of Student's t distribution, for confidence intervals of fitted slopes. */
final class StudentT {
    private static final double Z = 1.959963984540054;
    /** Exact to three decimals for 1 to 30 degrees of freedom, where the expansion below is too coarse. */
    private static final double[] TABLE = {
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private StudentT() {
    }

    static double quantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            return Double.NaN;
        }
        if (degreesOfFreedom <= TABLE.length) {
            return TABLE[degreesOfFreedom - 1];
        }
        // Cornish-Fisher expansion around the normal quantile; within 1e-4 from 30 degrees of freedom on.
        double v = degreesOfFreedom;
        double z3 = Z * Z * Z;
        double z5 = z3 * Z * Z;
        double z7 = z5 * Z * Z;
        return Z + (z3 + Z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * Z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * Z) / (384 * v * v * v);
    }
}
