package dev.httpmem.agent.runtime;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's record of one connection, from its first exchange until the stack closes it: how many of its
 * exchanges are open, and since when none is. It holds no object of the stack's; {@link Connections} keys it by
 * the stack's connection object, weakly.
 */
public final class Connection {
    /** {@link #exchanges} packs the open exchanges (low bits) and all exchanges so far: one atomic add per change. */
    private static final int OPEN_BITS = 24;
    private static final long OPEN_MASK = (1L << OPEN_BITS) - 1;
    private static final long ONE_MORE = 1L << OPEN_BITS | 1;

    final long id;
    final String stack;
    final long firstExchangeNanos;
    /**
     * The protocol of its latest exchange (an h2c connection starts with an HTTP/1.1 Upgrade request); read only
     * to be listed, so written without a fence.
     */
    String protocol;
    /** The role of its latest exchange, likewise: a connection's exchanges all have one. */
    Role role = Role.SERVER;
    private final AtomicLong exchanges = new AtomicLong();
    /** Its exchanges that ended other than completed. */
    private final AtomicLong failedExchanges = new AtomicLong();
    /** The stack closed it, or dropped it unclosed. */
    volatile boolean closed;
    /** When an exchange last ended with none left open. */
    private volatile long idleSinceNanos;

    /**
     * Its socket's {@code {local, remote}} addresses, read once it has been idle at a checkpoint (null before, or
     * where they cannot be read), and since when the kernel has said its peer closed (0: not seen so). Checkpoints
     * run one at a time, on the JVM's notification thread or the recording's, under {@link Connections}' lock.
     */
    InetSocketAddress[] addresses;
    boolean addressesRead;
    long peerClosedSinceNanos;

    /** HTTP/1.1 bookkeeping of {@link Http1Connections}: one request at a time, so the stack's thread handoffs order it. */
    long http1Requests;
    /** A pooled exchange, reused once finished: meaningful only while it still has {@link #http1CurrentId}. */
    Exchange http1Current;
    long http1CurrentId;

    Connection(long id, String stack, long nowNanos) {
        this.id = id;
        this.stack = stack;
        this.firstExchangeNanos = nowNanos;
        this.idleSinceNanos = nowNanos;
    }

    public long id() {
        return id;
    }

    void exchangeOpened(Role role, String protocol) {
        if (!protocol.equals(this.protocol)) {
            this.protocol = protocol;
        }
        if (role != this.role) {
            this.role = role;
        }
        exchanges.getAndAdd(ONE_MORE);
    }

    void exchangeEnded() {
        if ((exchanges.decrementAndGet() & OPEN_MASK) == 0) {
            idleSinceNanos = System.nanoTime();
        }
    }

    void exchangeFailed() {
        failedExchanges.incrementAndGet();
    }

    long failedExchanges() {
        return failedExchanges.get();
    }

    /** Exchanges it carried, open ones included. */
    long exchanges() {
        return exchanges.get() >>> OPEN_BITS;
    }

    /** How long it has had no open exchange, or -1 while it has one. */
    long idleNanos(long nowNanos) {
        long since = idleSinceNanos;
        return (exchanges.get() & OPEN_MASK) != 0 ? -1 : Math.max(0, nowNanos - since);
    }
}
