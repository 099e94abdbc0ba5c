package dev.httpmem.agent.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** Open exchanges, keyed by the stack's own per-exchange object (an HTTP/2 stream, an HTTP/1.1 request stream). */
public final class Exchanges {
    private static final int MAX_OPEN = 1 << 16;
    private static final IdentityTable<Exchange> OPEN = new IdentityTable<>(MAX_OPEN);
    private static final ExchangePool POOL = new ExchangePool();
    private static final AtomicLong IDS = new AtomicLong();

    private Exchanges() {}

    /**
     * Opens an exchange for {@code key}, or returns the one already open for it.
     *
     * @return null when the agent's table is full (counted as untracked)
     */
    public static Exchange open(Object key, String stack, String protocol, long connectionId, long streamId,
                                String method, String path) {
        Exchange existing = OPEN.get(key);
        if (existing != null) {
            return existing;
        }
        Exchange exchange = POOL.take();
        exchange.start(IDS.incrementAndGet(), stack, protocol, connectionId, streamId, method, path);
        exchange.key = key;
        if (!OPEN.put(key, exchange)) {
            AgentCounters.UNTRACKED.increment();
            exchange.key = null;
            POOL.give(exchange);
            return null;
        }
        AgentCounters.EXCHANGES_STARTED.increment();
        return exchange;
    }

    public static Exchange find(Object key) {
        return OPEN.get(key);
    }

    /** Ends the exchange open for {@code key}, if any; it finishes once its running slices exit. */
    public static void end(Object key, String outcome) {
        Exchange exchange = OPEN.remove(key);
        if (exchange != null && exchange.end(outcome)) {
            AgentCounters.EXCHANGES_ENDED.increment();
        }
    }

    /**
     * Ends {@code exchange} if it is still the open exchange numbered {@code id}: for state that outlives an
     * exchange (a connection's) and must not hold the stack's key. Pooled exchanges are reused only after hundreds
     * of others finished, so an exchange still numbered {@code id} still has its own key.
     */
    static void end(Exchange exchange, long id, String outcome) {
        Object key = exchange.key;
        if (key != null && exchange.id == id && OPEN.remove(key, exchange) && exchange.end(outcome)) {
            AgentCounters.EXCHANGES_ENDED.increment();
        }
    }

    public static int openCount() {
        return OPEN.size();
    }

    static void finished(Exchange exchange) {
        POOL.give(exchange);
    }
}
