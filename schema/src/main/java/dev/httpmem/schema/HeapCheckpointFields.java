package dev.httpmem.schema;

/** The fields of {@code httpmem.HeapCheckpoint} ({@link EventNames#HEAP_CHECKPOINT}), by the names the agent records them under. */
public final class HeapCheckpointFields {
    public static final String GC_ID = "gcId";
    public static final String GC_END = "gcEnd";
    public static final String FORCED = "forced";
    public static final String HEAP_USED = "heapUsed";
    public static final String OLD_GEN_USED = "oldGenUsed";
    public static final String HEAP_COMMITTED = "heapCommitted";
    public static final String DIRECT_MEMORY_USED = "directMemoryUsed";
    public static final String RSS = "rss";
    public static final String HTTP1_EXCHANGES = CommonFields.HTTP1_EXCHANGES;
    public static final String HTTP2_EXCHANGES = CommonFields.HTTP2_EXCHANGES;
    public static final String HTTP1_RESPONSE_BYTES = "http1ResponseBytes";
    public static final String HTTP2_RESPONSE_BYTES = "http2ResponseBytes";
    public static final String CLIENT_HTTP1_EXCHANGES = "clientHttp1Exchanges";
    public static final String CLIENT_HTTP2_EXCHANGES = "clientHttp2Exchanges";
    public static final String CLIENT_HTTP1_RESPONSE_BYTES = "clientHttp1ResponseBytes";
    public static final String CLIENT_HTTP2_RESPONSE_BYTES = "clientHttp2ResponseBytes";
    public static final String OPEN_EXCHANGES = "openExchanges";
    public static final String OPEN_CONNECTIONS = "openConnections";
    public static final String IDLE_CONNECTIONS = "idleConnections";
    public static final String HTTP1_OPEN_CONNECTIONS = "http1OpenConnections";
    public static final String HTTP2_OPEN_CONNECTIONS = "http2OpenConnections";
    public static final String HTTP1_PEER_CLOSED_CONNECTIONS = "http1PeerClosedConnections";
    public static final String HTTP2_PEER_CLOSED_CONNECTIONS = "http2PeerClosedConnections";
    public static final String HTTP1_CLOSED_CONNECTIONS = "http1ClosedConnections";
    public static final String HTTP2_CLOSED_CONNECTIONS = "http2ClosedConnections";
    public static final String HTTP1_HELD_CONNECTIONS = "http1HeldConnections";
    public static final String HTTP2_HELD_CONNECTIONS = "http2HeldConnections";
    public static final String HTTP1_LEAKED_CONNECTIONS = "http1LeakedConnections";
    public static final String HTTP2_LEAKED_CONNECTIONS = "http2LeakedConnections";
    public static final String CLIENT_HTTP1_OPEN_CONNECTIONS = "clientHttp1OpenConnections";
    public static final String CLIENT_HTTP2_OPEN_CONNECTIONS = "clientHttp2OpenConnections";
    public static final String CLIENT_HTTP1_CLOSED_CONNECTIONS = "clientHttp1ClosedConnections";
    public static final String CLIENT_HTTP2_CLOSED_CONNECTIONS = "clientHttp2ClosedConnections";
    public static final String LISTING = CommonFields.LISTING;

    private HeapCheckpointFields() {}
}
