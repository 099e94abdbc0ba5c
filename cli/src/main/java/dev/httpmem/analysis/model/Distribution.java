package dev.httpmem.analysis.model;

/** Summary of a set of values; p50 and p99 come from a histogram and are within 1% of exact. */
public record Distribution(long count, long sum, long min, long max, long p50, long p99) {

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }
}
