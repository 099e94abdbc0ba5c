package dev.httpmem.analysis.model;

import java.util.Map;
import java.util.TreeMap;

/** Accumulates {@link ExchangeStats} in bounded memory. */
public final class ExchangeTally {
    private final Histogram allocated = new Histogram();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    /** Exchanges by response status code, 0 for none: a handful of distinct codes. */
    private final Map<Integer, Long> statuses = new TreeMap<>();
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
        outcomes.merge(outcome, 1L, Long::sum);
        statuses.merge(status, 1L, Long::sum);
        if (failure != null) {
            failures.merge(failure, 1L, Long::sum);
        }
    }

    /** The exchange just added ran some of its work on a virtual thread: its allocation is only partly counted. */
    public void allocationUnmeasured() {
        allocationUnmeasured++;
    }

    public ExchangeStats stats() {
        Distribution distribution = allocated.distribution();
        return new ExchangeStats(distribution.count(), distribution, responseBodyBytes, responseWrites, outcomes,
                statuses, failures, allocationUnmeasured);
    }
}
