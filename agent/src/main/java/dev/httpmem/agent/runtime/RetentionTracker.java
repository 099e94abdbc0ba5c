package dev.httpmem.agent.runtime;

import dev.httpmem.agent.events.RetentionEvent;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches, weakly, the objects the advice saw for one exchange in {@code sampling} (the stack's stream or
 * request, a response buffer) and, after every GC, counts those still reachable two GCs or more after their
 * exchange ended: per protocol, object type and whether the exchange's connection is still open.
 */
public final class RetentionTracker {
    /** Bounded: a leak that keeps everything it tracks stops adding entries here, it does not grow the agent. */
    private static final int MAX_TRACKED = 16_384;
    /** Objects watched per exchange. */
    static final int MAX_WATCHED = 4;

    /**
     * The last objects added: one shared by many exchanges (a cached response body) is watched once, not once
     * per exchange, so it neither fills the list nor reads as growth.
     */
    private static final int RECENT = 8;

    private static volatile int sampling = 16;
    private static final List<Watched> ENDED = new ArrayList<>();
    private static final Watched[] recent = new Watched[RECENT];
    private static int recentNext;
    /** Tracked exchanges ended so far, per protocol, and their values at the last GCs. */
    private static final long[] ended = new long[2];
    private static final long[][] endedAtGc = new long[3][2];
    private static long gcs;

    private RetentionTracker() {}

    /** One exchange in {@code oneIn} is tracked; 0 turns tracking off. */
    public static void sampling(int oneIn) {
        sampling = Math.max(0, oneIn);
    }

    static boolean sampled(long exchangeId) {
        int n = sampling;
        return n > 0 && exchangeId % n == 0;
    }

    static Watched watch(Exchange exchange, Object object) {
        return new Watched(object, exchange.protocol, exchange.connection);
    }

    /** The exchange's watched objects start counting once two GCs have passed. */
    static synchronized void ended(Exchange exchange, Watched[] watched, int count) {
        ended[Exchange.protocolIndex(exchange.protocol)]++;
        for (int i = 0; i < count; i++) {
            if (ENDED.size() < MAX_TRACKED && !recentlyAdded(watched[i].get())) {
                watched[i].endGc = gcs;
                ENDED.add(watched[i]);
                recent[recentNext++ % RECENT] = watched[i];
            }
            watched[i] = null;
        }
    }

    private static boolean recentlyAdded(Object object) {
        for (Watched added : recent) {
            if (added != null && added.get() == object) {
                return true;
            }
        }
        return false;
    }

    /** Called after each GC: counts and reports what is still reachable, forgets what was collected. */
    static void afterGc() {
        Map<String, long[]> retained = new TreeMap<>();
        IdentityHashMap<Object, Boolean> counted = new IdentityHashMap<>();
        long[] matured;
        synchronized (RetentionTracker.class) {
            gcs++;
            endedAtGc[(int) (gcs % 3)] = ended.clone();
            // Ended before the previous GC means ended two GCs ago or more, as counted below.
            matured = gcs >= 2 ? endedAtGc[(int) ((gcs - 1) % 3)] : new long[2];
            for (Iterator<Watched> it = ENDED.iterator(); it.hasNext(); ) {
                Watched watched = it.next();
                Object object = watched.get();
                if (object == null) {
                    it.remove();
                } else if (gcs - watched.endGc >= 2 && counted.put(object, Boolean.TRUE) == null) {
                    String key = watched.protocol + '|' + object.getClass().getName() + '|' + watched.connectionOpen();
                    retained.computeIfAbsent(key, k -> new long[1])[0]++;
                }
            }
        }
        int oneIn = sampling;
        for (Map.Entry<String, long[]> group : retained.entrySet()) {
            String[] parts = group.getKey().split("\\|");
            RetentionEvent event = new RetentionEvent();
            event.protocol = parts[0];
            event.objectType = parts[1];
            event.connectionOpen = Boolean.parseBoolean(parts[2]);
            event.retained = group.getValue()[0];
            event.trackedExchanges = matured[Exchange.protocolIndex(parts[0])];
            event.sampling = oneIn;
            event.commit();
        }
    }

    /** A weakly held object of one exchange. */
    static final class Watched extends WeakReference<Object> {
        final String protocol;
        /** The agent's record of the exchange's connection, never the stack's connection. */
        final Connection connection;
        long endGc;

        Watched(Object referent, String protocol, Connection connection) {
            super(referent);
            this.protocol = protocol;
            this.connection = connection;
        }

        boolean connectionOpen() {
            return connection != null && !connection.closed;
        }
    }
}
