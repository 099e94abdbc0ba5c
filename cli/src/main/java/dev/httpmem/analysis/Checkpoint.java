package dev.httpmem.analysis;

import java.util.List;

/**
 * One {@code httpmem.HeapCheckpoint}: memory after a GC, and the exchanges and response bytes each protocol had
 * completed by then, indexed as {@link #PROTOCOLS}. {@code rss} is -1 where the agent could not read it.
 */
record Checkpoint(long timeNanos, boolean forced, long heapUsed, long directMemoryUsed, long rss,
                  long[] exchanges, long[] responseBytes) {
    static final List<String> PROTOCOLS = List.of("HTTP/1.1", "HTTP/2");

    long totalExchanges() {
        long total = 0;
        for (long count : exchanges) {
            total += count;
        }
        return total;
    }
}
