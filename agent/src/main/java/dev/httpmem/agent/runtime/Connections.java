package dev.httpmem.agent.runtime;

/** Connection ids derived from the connection object itself, so they cost no table and no allocation. */
public final class Connections {
    private Connections() {}

    /**
     * A connection's creation time (low 32 bits of its milliseconds) and identity hash: unique unless two
     * connections share both, which needs the same millisecond and a 1-in-2^31 hash collision.
     */
    public static long id(Object connection, long createdMillis) {
        return (createdMillis & 0xFFFF_FFFFL) << 31 | (System.identityHashCode(connection) & 0x7FFF_FFFFL);
    }
}
