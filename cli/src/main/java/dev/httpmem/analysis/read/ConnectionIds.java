package dev.httpmem.analysis.read;

import java.util.concurrent.TimeUnit;

/**
 * What a connection id tells: the agent numbers each connection with the low 32 bits of the epoch millisecond it
 * first saw the connection, above 31 bits of its identity hash, so its first sight is known to the millisecond
 * without reading its first exchange.
 */
public final class ConnectionIds {
    public static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int HASH_BITS = 31;
    private static final long MILLIS_MASK = 0xFFFF_FFFFL;

    private ConnectionIds() {
    }

    /** When the connection was first seen (epoch nanos, to the millisecond), for an id seen near {@code nearNanos}. */
    public static long firstSeenNanos(long connectionId, long nearNanos) {
        long nearMillis = TimeUnit.NANOSECONDS.toMillis(nearNanos);
        long lowBits = (connectionId >>> HASH_BITS) & MILLIS_MASK;
        // The nearest millisecond with those low bits: within 2^31 ms (24 days) of nearMillis.
        long delta = (lowBits - nearMillis) & MILLIS_MASK;
        long millis = delta >= 1L << 31 ? nearMillis + delta - (1L << 32) : nearMillis + delta;
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
