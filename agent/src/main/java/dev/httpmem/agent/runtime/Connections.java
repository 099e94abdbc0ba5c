package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.IdleConnectionEvent;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connections that carried an exchange and are not closed yet, keyed weakly by the stack's connection object
 * (a Jetty endpoint, a Netty channel, a Tomcat socket wrapper): a connection the stack drops without the close
 * the advice sees is forgotten at the next checkpoint, never kept alive. Counted at every heap checkpoint; the
 * ones that outlived all their exchanges for long are listed (httpmem.IdleConnection).
 */
public final class Connections {
    private static final IdentityTable<Connection> OPEN = new IdentityTable<>(1 << 16);
    /** Idle this long, a connection is listed. */
    private static final long LIST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_LISTED = 100;
    private static final AtomicBoolean FULL_LOGGED = new AtomicBoolean();
    private static final LongAdder[] CLOSED = {new LongAdder(), new LongAdder()};

    private Connections() {}

    /**
     * The record of {@code connection}, created at its first exchange. Its id is the identity hash of the
     * connection and the low 32 bits of the millisecond it was first seen: unique unless two connections share
     * both, which needs the same millisecond and a 1-in-2^31 hash collision.
     *
     * <p>When the agent's table is full, a record of its own, which no checkpoint counts: its exchanges are still
     * tracked, but an HTTP/1.1 connection's requests are then each numbered 1 and its close ends none of them.
     */
    public static Connection of(Object connection, String stack) {
        Connection record = OPEN.get(connection);
        if (record != null) {
            return record;
        }
        long id = (System.currentTimeMillis() & 0xFFFF_FFFFL) << 31 | (System.identityHashCode(connection) & 0x7FFF_FFFFL);
        record = new Connection(id, stack, System.nanoTime());
        Connection registered = OPEN.putWeakIfAbsent(connection, record);
        if (registered == null && FULL_LOGGED.compareAndSet(false, true)) {
            AgentLog.info("more open connections than the agent counts (" + OPEN.size() + "): the others go uncounted");
        }
        return registered == null ? record : registered;
    }

    /**
     * The stack closed {@code connection}: the HTTP/1.1 request it was serving, if still open, ends as closed, and
     * the connection is watched until the collector frees it.
     */
    public static void closed(Object connection) {
        Connection record = OPEN.remove(connection);
        if (record != null) {
            forget(record);
            HeldConnections.closed(connection, record);
        }
    }

    private static void forget(Connection record) {
        Exchange current = record.http1Current;
        if (current != null) {
            record.http1Current = null;
            Exchanges.end(current, record.http1CurrentId, Exchange.CLOSED);
        }
        record.closed = true;
        CLOSED[index(record.protocol)].increment();
    }

    /** Connections closed so far (or dropped unclosed), per protocol of their latest exchange. */
    static long closedCount(int protocol) {
        return CLOSED[protocol].sum();
    }

    /** 0 for HTTP/1.1, 1 for HTTP/2: how per-protocol counts are indexed. */
    static int index(String protocol) {
        return protocol == Exchange.HTTP_2 ? 1 : 0;
    }

    /**
     * Connections open now: all, those with no open exchange, and per protocol of their latest exchange
     * ({@link #index}).
     */
    record Census(long open, long idle, long[] openByProtocol) {
    }

    static Census census() {
        long now = System.nanoTime();
        long[] counts = new long[2];
        long[] byProtocol = new long[2];
        OPEN.forEach((connection, record) -> {
            if (connection != null) {
                counts[0]++;
                byProtocol[index(record.protocol)]++;
                if (record.idleNanos(now) >= 0) {
                    counts[1]++;
                }
            }
        });
        return new Census(counts[0], counts[1], byProtocol);
    }

    /**
     * At every heap checkpoint and chunk boundary: forgets the connections the stack dropped unclosed and lists
     * those idle the longest as {@code listing}.
     */
    static void checkpoint(long listing) {
        OPEN.removeCollected(Connections::forget);
        long now = System.nanoTime();
        PriorityQueue<Idle> longestIdle = new PriorityQueue<>(Comparator.comparingLong(Idle::nanos));
        OPEN.forEach((connection, record) -> {
            long idle = record.idleNanos(now);
            if (connection != null && idle > LIST_AFTER_NANOS) {
                longestIdle.add(new Idle(record, idle));
                if (longestIdle.size() > MAX_LISTED) {
                    longestIdle.poll();
                }
            }
        });
        for (Idle idle : longestIdle) {
            IdleConnectionEvent event = new IdleConnectionEvent();
            event.listing = listing;
            event.connectionId = idle.connection.id;
            event.stack = idle.connection.stack;
            event.protocol = idle.connection.protocol;
            event.age = now - idle.connection.firstExchangeNanos;
            event.idle = idle.nanos;
            event.exchanges = idle.connection.exchanges();
            event.commit();
        }
    }

    /** A connection's idle time as of one checkpoint, so that the ordering holds while exchanges come and go. */
    private record Idle(Connection connection, long nanos) {
    }
}
