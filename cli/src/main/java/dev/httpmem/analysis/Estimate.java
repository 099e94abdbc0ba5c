package dev.httpmem.analysis;

/** A fitted slope and its 95% confidence interval; all NaN when the data cannot give one. */
public record Estimate(double estimate, double ciLow, double ciHigh) {
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(estimate);
    }

    /** The estimate scaled, e.g. per byte to per KiB. */
    Estimate times(double factor) {
        return new Estimate(estimate * factor, ciLow * factor, ciHigh * factor);
    }
}
