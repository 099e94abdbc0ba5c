package dev.httpmem.analysis;

import java.util.List;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One {@code httpmem.HeapCheckpoint}: memory after a GC, and the exchanges and response bytes each protocol had
 * completed by then, indexed as {@link #PROTOCOLS}. {@code rss} is -1 where the agent could not read it.
 */
record Checkpoint(long timeNanos, boolean forced, long heapUsed, long directMemoryUsed, long rss,
                  long[] exchanges, long[] responseBytes) {
    static final List<String> PROTOCOLS = List.of("HTTP/1.1", "HTTP/2");
    static final String[] FIELDS = {"forced", "heapUsed", "directMemoryUsed", "rss", "http1Exchanges",
            "http2Exchanges", "http1ResponseBytes", "http2ResponseBytes", "openConnections", "idleConnections"};

    /** An {@code httpmem.HeapCheckpoint} event holding {@link #FIELDS}. */
    static Checkpoint of(RecordedEvent event) {
        return new Checkpoint(Events.nanos(event.getStartTime()), event.getBoolean("forced"), event.getLong("heapUsed"),
                event.getLong("directMemoryUsed"), event.getLong("rss"),
                new long[] {event.getLong("http1Exchanges"), event.getLong("http2Exchanges")},
                new long[] {event.getLong("http1ResponseBytes"), event.getLong("http2ResponseBytes")});
    }

    long totalExchanges() {
        long total = 0;
        for (long count : exchanges) {
            total += count;
        }
        return total;
    }
}
