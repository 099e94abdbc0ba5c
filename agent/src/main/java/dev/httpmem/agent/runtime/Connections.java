package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.IdleConnectionEvent;
import dev.httpmem.agent.events.LeakedConnectionEvent;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
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
    /** Counts by role and protocol: a server's HTTP/1.1 and HTTP/2, then a client's (see {@link #slot}). */
    static final int SLOTS = 4;
    /** Closed connections by {@link #slot}. */
    private static final LongAdder[] CLOSED = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    /**
     * The kernel's socket tables are read at checkpoints with idle connections, at most every
     * {@link #PEER_READ_NANOS} and after waiting {@link #PEER_READ_SHARE} times as long as the last read took (a
     * busy server has many sockets, and GCs may come many times a second), but at least every
     * {@link #PEER_READ_MAX_WAIT_NANOS} (the first reads, before the JIT compiles them, are slow).
     */
    private static final long PEER_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long PEER_READ_MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int PEER_READ_SHARE = 20;
    private static long peerReadCostNanos;
    /** A stack takes a moment to notice its peer's close and close too: so long, it does not. */
    private static final long PEER_CLOSED_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static long lastPeerRead = Long.MIN_VALUE / 2;
    /** How a connection whose peer closed while the stack keeps it open is listed as leaked. */
    static final String PEER_CLOSED_KIND = "close-wait";
    private static final String PEER_CONNECTED = "connected";
    private static final String PEER_CLOSED = "closed";
    private static final String PEER_UNKNOWN = "unknown";

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
     * A record for the exchanges of a stack that does not show their connections (the servlet fallback sees a
     * request, not its socket), one per stack: no checkpoint counts it and no listing names it, as it is no
     * connection. Its id is 0, which no connection has.
     */
    public static Connection unknown(String stack) {
        return new Connection(0, stack, System.nanoTime());
    }

    /** The record of {@code connection} once it has carried an exchange, or null. */
    static Connection find(Object connection) {
        return OPEN.get(connection);
    }

    /**
     * The stack closed {@code connection}: the HTTP/1.1 request it was serving, if still open, ends as closed, and
     * the connection is watched until the collector frees it.
     */
    public static void closed(Object connection) {
        closed(connection, false);
    }

    /**
     * Like {@link #closed(Object)}, for a stack that keeps the closed connection's object in a cache of its own
     * until it tells {@link #released}: until then it is not held after its close by anything but the stack.
     */
    public static void closedIntoCache(Object connection) {
        closed(connection, true);
    }

    /** The stack's cache let go of closed {@code connection} (Tomcat: its channel serves another connection). */
    public static void released(Object connection) {
        if (connection != null) {
            HeldConnections.released(connection);
        }
    }

    private static void closed(Object connection, boolean cached) {
        Connection record = OPEN.remove(connection);
        if (record != null) {
            forget(record);
            HeldConnections.closed(connection, record, cached);
        }
    }

    private static void forget(Connection record) {
        Exchange current = record.http1Current;
        if (current != null) {
            record.http1Current = null;
            Exchanges.end(current, record.http1CurrentId, Outcome.CLOSED);
        }
        record.closed = true;
        CLOSED[slot(record.role, Exchange.protocolIndex(record.protocol))].increment();
    }

    /** Where a role's counts per protocol ({@link Exchange#protocolIndex}) are: a server's, then a client's. */
    static int slot(Role role, int protocol) {
        return (role == Role.SERVER ? 0 : 2) + protocol;
    }

    /** A role's connections closed so far (or dropped unclosed), per protocol of their latest exchange. */
    static long closedCount(Role role, int protocol) {
        return CLOSED[slot(role, protocol)].sum();
    }

    /**
     * Connections open now: {@code openByProtocol} the stack has not closed, by {@link #slot} (a client's are its
     * pools' connections, busy and idle); a server's alone per protocol of their latest exchange
     * ({@link Exchange#protocolIndex}), {@code peerClosed} whose peer has closed its side (the kernel holds their
     * socket in CLOSE_WAIT), and of those {@code leaked}, seen so for over {@link #PEER_CLOSED_SETTLE_NANOS};
     * {@code open} and {@code idle} (with no open exchange) of all protocols and roles.
     */
    @SuppressWarnings("ArrayRecordComponent") // per-protocol counts, read by index; records of it are never compared
    record Census(long open, long idle, long[] openByProtocol, long[] peerClosed, long[] leaked) {
    }

    /** Counts the open connections, asking the kernel about the peers of idle ones when a read is due. */
    static synchronized Census census() {
        long now = System.nanoTime();
        long wait = Math.min(PEER_READ_MAX_WAIT_NANOS, Math.max(PEER_READ_NANOS, PEER_READ_SHARE * peerReadCostNanos));
        if (now - lastPeerRead >= wait && TcpStates.available()) {
            askKernel(now);
        }
        long[] counts = new long[2];
        long[] byProtocol = new long[SLOTS];
        long[] peerClosed = new long[2];
        long[] leaked = new long[2];
        OPEN.forEach((connection, record) -> {
            if (connection == null) {
                return;
            }
            int protocol = Exchange.protocolIndex(record.protocol);
            boolean server = record.role == Role.SERVER;
            counts[0]++;
            byProtocol[slot(record.role, protocol)]++;
            if (record.idleNanos(now) < 0) {
                record.peerClosedSinceNanos = 0;
                return;
            }
            counts[1]++;
            if (server && record.peerClosedSinceNanos != 0) {
                peerClosed[protocol]++;
                if (now - record.peerClosedSinceNanos >= PEER_CLOSED_SETTLE_NANOS) {
                    leaked[protocol]++;
                }
            }
        });
        return new Census(counts[0], counts[1], byProtocol, peerClosed, leaked);
    }

    /**
     * Reads the kernel's socket states of the idle connections' local ports (the server's) and notes since when
     * each idle connection's peer has closed its side.
     */
    private static void askKernel(long now) {
        List<Connection> idle = new ArrayList<>();
        Set<Integer> localPorts = new HashSet<>();
        OPEN.forEach((connection, record) -> {
            if (connection != null && record.idleNanos(now) >= 0) {
                if (!record.addressesRead) {
                    record.addressesRead = true;
                    record.addresses = SocketAddresses.of(connection);
                }
                if (record.addresses != null) {
                    idle.add(record);
                    localPorts.add(record.addresses[0].getPort());
                }
            }
        });
        if (idle.isEmpty()) {
            return;
        }
        TcpStates kernel = TcpStates.read(localPorts);
        lastPeerRead = now;
        peerReadCostNanos = System.nanoTime() - now;
        idle.forEach(record -> {
            TcpStates.Peer peer = kernel.peer(record.addresses[0], record.addresses[1]);
            if (peer == TcpStates.Peer.CLOSED) {
                record.peerClosedSinceNanos = record.peerClosedSinceNanos == 0 ? now : record.peerClosedSinceNanos;
            } else if (peer == TcpStates.Peer.CONNECTED) {
                record.peerClosedSinceNanos = 0;
            }
        });
    }

    /**
     * At every heap checkpoint and chunk boundary: forgets the connections the stack dropped unclosed and lists
     * those idle the longest as {@code listing}.
     */
    static synchronized void checkpoint(long listing) {
        OPEN.removeCollected(Connections::forget);
        long now = System.nanoTime();
        PriorityQueue<Idle> longestIdle = new PriorityQueue<>(Comparator.comparingLong(Idle::nanos));
        PriorityQueue<Idle> longestLeaked = new PriorityQueue<>(Comparator.comparingLong(Idle::nanos));
        OPEN.forEach((connection, record) -> {
            long idle = record.idleNanos(now);
            if (connection == null || idle < 0) {
                return;
            }
            boolean leaked = record.peerClosedSinceNanos != 0 && now - record.peerClosedSinceNanos >= PEER_CLOSED_SETTLE_NANOS;
            PriorityQueue<Idle> listed = leaked ? longestLeaked : idle > LIST_AFTER_NANOS ? longestIdle : null;
            if (listed != null) {
                listed.add(new Idle(record, idle));
                if (listed.size() > MAX_LISTED) {
                    listed.poll();
                }
            }
        });
        for (Idle idle : longestIdle) {
            IdleConnectionEvent event = new IdleConnectionEvent();
            event.listing = listing;
            event.connectionId = idle.connection.id;
            event.stack = idle.connection.stack;
            event.protocol = idle.connection.protocol;
            event.role = idle.connection.role.label;
            event.age = now - idle.connection.firstExchangeNanos;
            event.idle = idle.nanos;
            event.exchanges = idle.connection.exchanges();
            event.peer = idle.connection.addresses == null ? PEER_UNKNOWN
                    : idle.connection.peerClosedSinceNanos != 0 ? PEER_CLOSED : PEER_CONNECTED;
            event.commit();
        }
        for (Idle leaked : longestLeaked) {
            listLeaked(listing, leaked.connection, PEER_CLOSED_KIND, leaked.nanos, now);
        }
    }

    /** Lists a leaked connection as {@code listing}: {@code leakedFor} since its client left, as far as known. */
    static void listLeaked(long listing, Connection record, String kind, long leakedFor, long now) {
        LeakedConnectionEvent event = new LeakedConnectionEvent();
        event.listing = listing;
        event.connectionId = record.id;
        event.stack = record.stack;
        event.protocol = record.protocol;
        event.role = record.role.label;
        event.kind = kind;
        event.age = now - record.firstExchangeNanos;
        event.leakedFor = leakedFor;
        event.exchanges = record.exchanges();
        event.failedExchanges = record.failedExchanges();
        event.commit();
    }

    /** A connection's idle time as of one checkpoint, so that the ordering holds while exchanges come and go. */
    private record Idle(Connection connection, long nanos) {
    }
}
