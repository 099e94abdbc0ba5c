package dev.httpmem.agent.runtime;

/**
 * HTTP/1.1 connections of stacks that neither number their requests nor tell which request a closing connection
 * was serving: requests are numbered on the connection's {@link Connection} record, which also keeps the one
 * being served, so that the stack's close (which must call {@link Connections#closed}) ends it.
 */
public final class Http1Connections {
    private Http1Connections() {}

    /**
     * Opens the exchange for the next request on {@code connection}, numbered 1, 2, ... on it.
     *
     * @return null when the agent's tables are full (counted as untracked)
     */
    public static Exchange open(Object connection, Object key, String stack, Role role, String method, String path) {
        Connection record = Connections.of(connection, stack);
        Exchange exchange = Exchanges.open(key, stack, role, Exchange.HTTP_1_1, record, ++record.http1Requests, method, path);
        if (exchange != null) {
            record.http1Current = exchange;
            record.http1CurrentId = exchange.id();
        }
        return exchange;
    }
}
