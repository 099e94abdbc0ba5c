package dev.httpmem.analysis;

import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One {@code httpmem.HeapCheckpoint}: memory after a GC, and per protocol (indexed as {@link #PROTOCOLS}) the
 * exchanges and response bytes completed by then and the connections open, closed so far, held (closed by the stack
 * but still reachable after this GC) and leaked (held past a major GC well after their close: held after their
 * clients left). {@code rss} is -1 where the agent could not read it.
 */
record Checkpoint(long timeNanos, boolean forced, long heapUsed, long directMemoryUsed, long rss,
                  long[] exchanges, long[] responseBytes, Connections connections) {
    static final List<String> PROTOCOLS = List.of("HTTP/1.1", "HTTP/2");
    static final String[] FIELDS = {"forced", "heapUsed", "directMemoryUsed", "rss", "http1Exchanges",
            "http2Exchanges", "http1ResponseBytes", "http2ResponseBytes", "openConnections", "idleConnections"};

    /** Connections per protocol at one checkpoint; all zero in recordings of agents that did not count them. */
    record Connections(long[] open, long[] closed, long[] held, long[] leaked) {
        static final Connections NONE = new Connections(new long[2], new long[2], new long[2], new long[2]);
    }

    Checkpoint(long timeNanos, boolean forced, long heapUsed, long directMemoryUsed, long rss, long[] exchanges,
               long[] responseBytes) {
        this(timeNanos, forced, heapUsed, directMemoryUsed, rss, exchanges, responseBytes, Connections.NONE);
    }

    /** An {@code httpmem.HeapCheckpoint} event holding {@link #FIELDS}. */
    static Checkpoint of(RecordedEvent event) {
        Connections connections = event.hasField("http2LeakedConnections")
                ? new Connections(
                        new long[] {event.getLong("http1OpenConnections"), event.getLong("http2OpenConnections")},
                        new long[] {event.getLong("http1ClosedConnections"), event.getLong("http2ClosedConnections")},
                        new long[] {event.getLong("http1HeldConnections"), event.getLong("http2HeldConnections")},
                        new long[] {event.getLong("http1LeakedConnections"), event.getLong("http2LeakedConnections")})
                : Connections.NONE;
        // The GC's end, where the agent gives it: the event is committed when the JVM delivers its notification,
        // and work done in between (a request that allocated after the GC) must not count as before it.
        Instant time = event.hasField("gcEnd") ? event.getInstant("gcEnd") : event.getStartTime();
        return new Checkpoint(Events.nanos(time), event.getBoolean("forced"), event.getLong("heapUsed"),
                event.getLong("directMemoryUsed"), event.getLong("rss"),
                new long[] {event.getLong("http1Exchanges"), event.getLong("http2Exchanges")},
                new long[] {event.getLong("http1ResponseBytes"), event.getLong("http2ResponseBytes")}, connections);
    }

    long totalExchanges() {
        long total = 0;
        for (long count : exchanges) {
            total += count;
        }
        return total;
    }
}
