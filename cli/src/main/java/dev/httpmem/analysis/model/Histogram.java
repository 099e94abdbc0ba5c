package dev.httpmem.analysis.model;

import java.util.Arrays;

/**
 * Log-linear histogram of non-negative values in bounded memory: exact below 128, then 64 buckets per
 * power of two, so a reported quantile is within 1/128 (0.8%) of a recorded value of that rank.
 */
final class Histogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;

    private long[] counts = new long[2 * SUB];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    void record(long value) {
        long v = Math.max(0, value);
        int index = index(v);
        if (index >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(index + 1, counts.length * 2));
        }
        counts[index]++;
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    Distribution distribution() {
        return new Distribution(count, sum, count == 0 ? 0 : min, max, quantile(0.5), quantile(0.99));
    }

    long quantile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, midpoint(i)));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return (int) (SUB * ((long) shift) + (v >>> shift));
    }

    static long midpoint(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long lower = (long) (index - SUB * shift) << shift;
        return lower + ((1L << shift) - 1) / 2;
    }
}
