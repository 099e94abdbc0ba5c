package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.OpenExchangeEvent;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Open exchanges, keyed by the stack's own per-exchange object (an HTTP/2 stream, an HTTP/1.1 request stream). */
public final class Exchanges {
    private static final int MAX_OPEN = 1 << 16;
    private static final IdentityTable<Exchange> OPEN = new IdentityTable<>(MAX_OPEN);
    private static final ExchangePool POOL = new ExchangePool();
    private static final AtomicLong IDS = new AtomicLong();
    /** Open this long, an exchange is listed as open (httpmem.OpenExchange). */
    private static final long LIST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Open this long, its key is held weakly: an exchange the stack never ends must not pin the stack's objects. */
    private static final long WEAKEN_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_LISTED = 100;

    private Exchanges() {}

    /**
     * Opens an exchange for {@code key}, or returns the one already open for it.
     *
     * @return null when the agent's table is full (counted as untracked)
     */
    public static Exchange open(Object key, String stack, Role role, String protocol, Connection connection,
                                long streamId, String method, String path) {
        Exchange existing = OPEN.get(key);
        if (existing != null) {
            AgentCounters.OPENED_TWICE.increment();
            return existing;
        }
        Exchange exchange = POOL.take();
        exchange.start(IDS.incrementAndGet(), stack, role, protocol, connection, streamId, method, path);
        exchange.key(key);
        // Counted on its connection before another thread can find it and end it.
        connection.exchangeOpened(role, protocol);
        if (!OPEN.put(key, exchange)) {
            AgentCounters.UNTRACKED.increment();
            connection.exchangeEnded();
            exchange.key(null);
            POOL.give(exchange);
            return null;
        }
        AgentCounters.EXCHANGES_STARTED.increment();
        watch(exchange, key);
        return exchange;
    }

    /** An object the advice saw for the exchange (a request, a response buffer): watched if the exchange is sampled. */
    static void watch(Exchange exchange, Object object) {
        if (exchange != null && exchange.tracked) {
            exchange.watch(object);
        }
    }

    /**
     * The exchange open for {@code key}, or null. Found, not held: until a slice holds it, it may end and be reused
     * for another key, so advice acts on an exchange through its key ({@link Slices#enterExchangeOf} and the
     * methods below), which hold it and check the key first.
     */
    static Exchange find(Object key) {
        return OPEN.get(key);
    }

    /** Watches {@code object} (a request, a response buffer) with the exchange open for {@code key}, if it is sampled. */
    public static void watchWith(Object key, Object object) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            watch(exchange, object);
            exchange.release();
        }
    }

    /** The response status of the exchange open for {@code key}, if any. */
    public static void status(Object key, int status) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.status(status);
            exchange.release();
        }
    }

    /** {@link Exchange#failed}, for the exchange open for {@code key}, if any. */
    public static void failed(Object key, Throwable thrown) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.failed(thrown);
            exchange.release();
        }
    }

    /** {@link Exchange#rejected}, for the exchange open for {@code key}, if any. */
    public static void rejected(Object key, String failure) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.rejected(failure);
            exchange.release();
        }
    }

    /** The HTTP/2 stream id the stack assigned to the exchange open for {@code key}, if any, after opening it. */
    public static void streamId(Object key, long streamId) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.streamId(streamId);
            exchange.release();
        }
    }

    /**
     * A client's exchange open for {@code key}, if any, has its response: answered {@code status} (0: no answer), read
     * whole when {@code failure} is null, else failed by it. The stack ends it afterwards, closed: complete when read
     * whole ({@link Exchange#reportedOutcome}).
     */
    public static void responseEnded(Object key, int status, Throwable failure) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.status(status);
            if (failure == null) {
                exchange.responseRead();
            } else {
                exchange.failed(failure);
            }
            exchange.release();
        }
    }

    /** {@link Exchange#responseRead}, for the exchange open for {@code key}, if any. */
    public static void responseRead(Object key) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.responseRead();
            exchange.release();
        }
    }

    /** {@code bytes} more of the request body of the exchange open for {@code key}, if any. */
    public static void requestBody(Object key, long bytes) {
        Exchange exchange = hold(key);
        if (exchange != null) {
            exchange.requestBody(bytes);
            exchange.release();
        }
    }

    /**
     * {@link Exchange#describeRequest}, for the exchange open for {@code key}.
     *
     * @return false when none is
     */
    public static boolean describeRequest(Object key, String method, String path) {
        Exchange exchange = hold(key);
        if (exchange == null) {
            return false;
        }
        exchange.describeRequest(method, path);
        exchange.release();
        return true;
    }

    private static Exchange hold(Object key) {
        Exchange exchange = key == null ? null : OPEN.get(key);
        return exchange != null && exchange.tryHold(key) ? exchange : null;
    }

    /**
     * A stream the stack rejected before it became anything of its own (a HEADERS frame whose headers break the
     * protocol, refused while decoding): an exchange that opens and ends at once, {@code failed} with
     * {@code failure}, the exception's class or the error the stack answered with.
     */
    public static void rejected(String stack, String protocol, Connection connection, long streamId, String failure) {
        Object key = new Object();
        Exchange exchange = open(key, stack, Role.SERVER, protocol, connection, streamId, null, null);
        if (exchange != null) {
            exchange.rejected(failure);
            end(key, Outcome.RESET);
        }
    }

    /** Ends the exchange open for {@code key}, if any; it finishes once its running slices exit. */
    public static void end(Object key, Outcome outcome) {
        Exchange exchange = OPEN.remove(key);
        if (exchange != null && exchange.end(outcome)) {
            AgentCounters.EXCHANGES_ENDED.increment();
        }
    }

    /**
     * Ends {@code exchange} if it is still the open exchange numbered {@code id}: for state that outlives an
     * exchange (a connection's) and must not hold the stack's key. An exchange still numbered {@code id} has its
     * own key, which is read before the number is checked: an exchange pooled and reused between the two reads has
     * another number.
     */
    static void end(Exchange exchange, long id, Outcome outcome) {
        Object key = exchange.key();
        if (key != null && exchange.id == id && OPEN.remove(key, exchange) && exchange.end(outcome)) {
            AgentCounters.EXCHANGES_ENDED.increment();
        }
    }

    public static int openCount() {
        return OPEN.size();
    }

    /**
     * At every heap checkpoint and chunk boundary: ends the exchanges whose object the stack dropped unended,
     * weakens the keys of long-open ones, and lists the oldest open ones as {@code listing}.
     */
    static void checkpoint(long listing) {
        long now = System.nanoTime();
        OPEN.removeCollected(exchange -> {
            if (exchange.end(Outcome.ABANDONED)) {
                AgentCounters.EXCHANGES_ENDED.increment();
            }
        });
        OPEN.weaken(exchange -> {
            boolean old = now - exchange.startNanos > WEAKEN_AFTER_NANOS;
            if (old) {
                exchange.weakenKey();
            }
            return old;
        });
        PriorityQueue<Exchange> oldest = new PriorityQueue<>(Comparator.comparingLong((Exchange e) -> -e.startNanos));
        OPEN.forEach((key, exchange) -> {
            if (now - exchange.startNanos > LIST_AFTER_NANOS) {
                oldest.add(exchange);
                if (oldest.size() > MAX_LISTED) {
                    oldest.poll();
                }
            }
        });
        for (Exchange exchange : oldest) {
            OpenExchangeEvent event = new OpenExchangeEvent();
            event.listing = listing;
            event.exchangeId = exchange.id;
            event.age = now - exchange.startNanos;
            event.stack = exchange.stack;
            event.protocol = exchange.protocol;
            event.role = exchange.role.label;
            event.connectionId = exchange.connection.id;
            event.streamId = exchange.streamId;
            event.method = exchange.method;
            event.path = exchange.path;
            event.weaklyHeld = event.age > WEAKEN_AFTER_NANOS;
            event.commit();
        }
    }

    static void finished(Exchange exchange) {
        POOL.give(exchange);
    }
}
