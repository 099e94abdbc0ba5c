package dev.httpmem.analysis.retention;

/** A fitted slope and its 95% confidence interval; all NaN when the data cannot give one. */
public record Estimate(double estimate, double ciLow, double ciHigh) {
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(estimate);
    }
}
