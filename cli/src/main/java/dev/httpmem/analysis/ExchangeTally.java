package dev.httpmem.analysis;

import java.util.Map;
import java.util.TreeMap;

/** Accumulates {@link ExchangeStats} in bounded memory. */
final class ExchangeTally {
    private final Histogram allocated = new Histogram();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long responseBodyBytes;
    private long responseWrites;

    void add(long allocatedBytes, long responseBytes, long writes, String outcome) {
        allocated.record(allocatedBytes);
        responseBodyBytes += Math.max(0, responseBytes);
        responseWrites += Math.max(0, writes);
        outcomes.merge(outcome, 1L, Long::sum);
    }

    ExchangeStats stats() {
        Distribution distribution = allocated.distribution();
        return new ExchangeStats(distribution.count(), distribution, responseBodyBytes, responseWrites, outcomes);
    }
}
