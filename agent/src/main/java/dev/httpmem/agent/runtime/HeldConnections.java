package dev.httpmem.agent.runtime;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Connections the stack closed, watched weakly until the collector frees them. One that is still reachable two GCs
 * after its close, one of them a collection of the whole heap (a major GC, which clears the weak references of old
 * objects too; a young one does not), is held by something after its client left: the shape of a server that
 * keeps a connection's state (a session map, a failure registry) past its end. Counted per protocol after every
 * GC; the oldest are listed as {@code httpmem.LeakedConnection}.
 *
 * <p>A stack may keep a closed connection's object in a cache of its own until it reuses what holds it (Tomcat: a
 * socket channel cached for the next connection keeps its last socket wrapper). Such a connection is held by the
 * stack by design; the GCs that make it leaked count from when the stack released it.
 */
final class HeldConnections {
    static final String KIND = "held-after-close";
    /** Bounded: a leak that holds this many stops being watched further, with one log line. */
    private static final int MAX_WATCHED = 1 << 16;
    private static final int MAX_LISTED = 100;

    private static final List<Held> WATCHED = new ArrayList<>();
    /** Closed connections the stack's own cache still holds, by the stack's object, held weakly. */
    private static final IdentityTable<Held> CACHED = new IdentityTable<>(MAX_WATCHED);
    private static long gcs;
    private static long majorGcs;
    private static boolean fullLogged;

    /** Per protocol ({@link Exchange#protocolIndex}): closed and still reachable now; of those, leaked. */
    @SuppressWarnings("ArrayRecordComponent") // per-protocol counts, read by index; records of it are never compared
    record Counts(long[] held, long[] leaked) {
    }

    private HeldConnections() {}

    /**
     * The stack closed {@code connection}, whose record is {@code record}.
     *
     * @param cached the stack keeps {@code connection} in a cache of its own until it tells {@link #released}
     */
    static void closed(Object connection, Connection record, boolean cached) {
        Held held = new Held(connection, record, System.nanoTime());
        synchronized (HeldConnections.class) {
            if (WATCHED.size() < MAX_WATCHED) {
                held.closeGc = gcs;
                held.closeMajorGc = majorGcs;
                held.cached = cached && CACHED.putWeakIfAbsent(connection, held) == held;
                WATCHED.add(held);
                return;
            }
            if (fullLogged) {
                return;
            }
            fullLogged = true;
        }
        AgentLog.info("more closed connections still reachable than the agent watches (" + MAX_WATCHED
                + "): the others go uncounted");
    }

    /** The stack's cache let go of closed {@code connection}: what holds it from now on is not the stack's cache. */
    static void released(Object connection) {
        Held held = CACHED.remove(connection);
        if (held != null) {
            synchronized (HeldConnections.class) {
                held.cached = false;
                held.closeGc = gcs;
                held.closeMajorGc = majorGcs;
            }
        }
    }

    /**
     * Called after each GC, before its checkpoint: forgets the connections the collector freed and counts, per
     * protocol, those still reachable and those leaked.
     *
     * @param major the GC collected the whole heap
     */
    static synchronized Counts afterGc(boolean major) {
        gcs++;
        majorGcs += major ? 1 : 0;
        Counts counts = new Counts(new long[2], new long[2]);
        CACHED.removeCollected(held -> { });
        for (Iterator<Held> it = WATCHED.iterator(); it.hasNext(); ) {
            Held watched = it.next();
            if (watched.get() == null) {
                it.remove();
                continue;
            }
            // Counted per protocol for a server's connections alone, as Connections.census counts them.
            if (watched.record.role != Role.SERVER) {
                continue;
            }
            int protocol = Exchange.protocolIndex(watched.record.protocol);
            counts.held()[protocol]++;
            if (watched.leaked()) {
                counts.leaked()[protocol]++;
            }
        }
        return counts;
    }

    /** Lists the connections held longest after their close as {@code listing}. */
    static void list(long listing) {
        long now = System.nanoTime();
        PriorityQueue<Held> oldest = new PriorityQueue<>(Comparator.comparingLong((Held h) -> -h.closedNanos));
        synchronized (HeldConnections.class) {
            for (Held watched : WATCHED) {
                if (watched.leaked() && watched.get() != null) {
                    oldest.add(watched);
                    if (oldest.size() > MAX_LISTED) {
                        oldest.poll();
                    }
                }
            }
        }
        for (Held held : oldest) {
            Connections.listLeaked(listing, held.record, KIND, now - held.closedNanos, now);
        }
    }

    /** A closed connection, weakly, with the agent's record of it (which holds nothing of the stack's). */
    private static final class Held extends WeakReference<Object> {
        final Connection record;
        final long closedNanos;
        /** The GCs, and major ones, counted when it closed or left the stack's cache; guarded by the class. */
        long closeGc;
        long closeMajorGc;
        /** The stack's own cache holds it; guarded by the class. */
        boolean cached;

        Held(Object connection, Connection record, long closedNanos) {
            super(connection);
            this.record = record;
            this.closedNanos = closedNanos;
        }

        /** Still reachable (when its referent is) two GCs after its close, one of them major, out of the stack's cache. */
        boolean leaked() {
            return !cached && majorGcs > closeMajorGc && gcs - closeGc >= 2;
        }
    }
}
