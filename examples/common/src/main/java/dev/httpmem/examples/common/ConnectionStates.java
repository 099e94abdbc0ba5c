package dev.httpmem.examples.common;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The connection-leak scenario: a stream that fails in a stack hook files its HTTP/2 connection with a registry of
 * failed connections, with a snapshot of the connection's state ({@link #STATE_BYTES}) for diagnostics. The leaky
 * registry holds them strongly, forever: each such connection, its stack's objects and the snapshot stay
 * reachable after its client has gone. The clean twin's registry holds the connections weakly, so they and their
 * snapshots go with the connection.
 */
public final class ConnectionStates {
    /** A request with this header fails in the example's stack hook. */
    public static final String FAIL_HEADER = "x-httpmem-fail";
    /** The snapshot kept per failed connection: the planted bytes per leaked connection, beside the stack's own. */
    public static final int STATE_BYTES = 256 * 1024;

    private final Map<Object, byte[]> failed;

    ConnectionStates(boolean leaky) {
        this.failed = Collections.synchronizedMap(leaky ? new IdentityHashMap<>() : new WeakHashMap<>());
    }

    void streamFailed(Object connection) {
        failed.computeIfAbsent(connection, c -> new byte[STATE_BYTES]);
    }
}
