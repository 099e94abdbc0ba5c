package dev.httpmem.agent.runtime;

/**
 * HTTP/1.1 connections of stacks that neither number their requests nor tell which request a closing connection
 * was serving. Each connection is tracked from its first request until the stack closes it, which must call
 * {@link #closed}: the entry holds the connection, never a request.
 */
public final class Http1Connections {
    private static final IdentityTable<Connection> OPEN = new IdentityTable<>(1 << 16);

    private Http1Connections() {}

    /**
     * Opens the exchange for the next request on {@code connection}, numbered 1, 2, ... on it. The connection's id
     * comes from the connection and the time of its first request.
     *
     * @return null when the agent's tables are full (counted as untracked)
     */
    public static Exchange open(Object connection, Object key, String stack, String method, String path) {
        Connection state = OPEN.get(connection);
        if (state == null) {
            state = new Connection(Connections.id(connection, System.currentTimeMillis()));
            if (!OPEN.put(connection, state)) {
                AgentCounters.UNTRACKED.increment();
                return null;
            }
        }
        Exchange exchange = Exchanges.open(key, stack, Exchange.HTTP_1_1, state.id, ++state.requests, method, path);
        if (exchange != null) {
            state.current = exchange;
            state.currentId = exchange.id();
        }
        return exchange;
    }

    /** The stack closed {@code connection}: the request it was serving, if still open, ends as closed. */
    public static void closed(Object connection) {
        Connection state = OPEN.remove(connection);
        if (state != null && state.current != null) {
            Exchanges.end(state.current, state.currentId, Exchange.CLOSED);
        }
    }

    /** One request at a time: the stack hands a connection from thread to thread with its own synchronization. */
    private static final class Connection {
        final long id;
        long requests;
        /** A pooled exchange, reused once finished: meaningful only while it still has {@link #currentId}. */
        Exchange current;
        long currentId;

        Connection(long id) {
            this.id = id;
        }
    }
}
