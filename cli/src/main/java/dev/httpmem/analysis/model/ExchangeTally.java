package dev.httpmem.analysis.model;

import java.util.Map;
import java.util.TreeMap;

/** Accumulates {@link ExchangeStats} in bounded memory. */
public final class ExchangeTally {
    private final Histogram allocated = new Histogram();
    // Counts in arrays, and the last status's at hand: a count boxed anew for every exchange was a tenth of what
    // a reading allocated.
    private final Map<String, long[]> outcomes = new TreeMap<>();
    private final Map<String, long[]> failures = new TreeMap<>();
    /** Exchanges by response status code, 0 for none: a handful of distinct codes. */
    private final Map<Integer, long[]> statuses = new TreeMap<>();
    private int lastStatus = -1;
    private long[] lastStatusCount;
    private long responseBodyBytes;
    private long responseWrites;
    private long allocationUnmeasured;

    /**
     * Counts one ended exchange.
     *
     * @param status  the response status code, 0 when none was committed
     * @param failure the exception class that failed the exchange, or null
     */
    public void add(long allocatedBytes, long responseBytes, long writes, String outcome, int status, String failure) {
        allocated.record(allocatedBytes);
        responseBodyBytes += Math.max(0, responseBytes);
        responseWrites += Math.max(0, writes);
        outcomes.computeIfAbsent(outcome, o -> new long[1])[0]++;
        if (status != lastStatus || lastStatusCount == null) {
            lastStatusCount = statuses.computeIfAbsent(status, s -> new long[1]);
            lastStatus = status;
        }
        lastStatusCount[0]++;
        if (failure != null) {
            failures.computeIfAbsent(failure, f -> new long[1])[0]++;
        }
    }

    /** The exchange just added ran some of its work on a virtual thread: its allocation is only partly counted. */
    public void allocationUnmeasured() {
        allocationUnmeasured++;
    }

    public ExchangeStats stats() {
        Distribution distribution = allocated.distribution();
        return new ExchangeStats(distribution.count(), distribution, responseBodyBytes, responseWrites, counts(outcomes),
                counts(statuses), counts(failures), allocationUnmeasured);
    }

    private static <K> Map<K, Long> counts(Map<K, long[]> counted) {
        Map<K, Long> counts = new TreeMap<>();
        counted.forEach((key, count) -> counts.put(key, count[0]));
        return counts;
    }
}
