package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's record of one connection, from its first exchange until the stack closes it: how many of its
 * exchanges are open, and since when none is. It holds no object of the stack's; {@link Connections} keys it by
 * the stack's connection object, weakly.
 */
public final class Connection {
    final long id;
    final String stack;
    final long firstExchangeNanos;
    /** The protocol of its latest exchange: an h2c connection starts with an HTTP/1.1 Upgrade request. */
    volatile String protocol;
    private final AtomicInteger openExchanges = new AtomicInteger();
    private final AtomicLong exchanges = new AtomicLong();
    /** When its last open exchange ended. */
    private volatile long idleSinceNanos;

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

    void exchangeOpened(String protocol) {
        this.protocol = protocol;
        exchanges.incrementAndGet();
        openExchanges.incrementAndGet();
    }

    void exchangeEnded() {
        idleSinceNanos = System.nanoTime();
        openExchanges.decrementAndGet();
    }

    int openExchanges() {
        return openExchanges.get();
    }

    long exchanges() {
        return exchanges.get();
    }

    /** How long it has had no open exchange, or -1 while it has one. */
    long idleNanos(long nowNanos) {
        long since = idleSinceNanos;
        return openExchanges.get() > 0 ? -1 : Math.max(0, nowNanos - since);
    }
}
