package dev.httpmem.analysis.retention;

import dev.httpmem.analysis.read.Events;
import dev.httpmem.analysis.read.ExchangeRole;
import dev.httpmem.schema.HeapCheckpointFields;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;

/**
 * One {@code httpmem.HeapCheckpoint}: memory after a GC, and per protocol (indexed as {@link #PROTOCOLS}: a
 * server's, then a client's, keyed as {@link ExchangeRole#protocolKey} keys them) the exchanges and response bytes
 * completed by then and the connections (see {@link Connections}). {@code rss} is -1 where the agent could not read
 * it.
 */
@SuppressWarnings("ArrayRecordComponent") // per-protocol counts, read by index; records of it are never compared
public record Checkpoint(long timeNanos, boolean forced, long heapUsed, long directMemoryUsed, long rss,
                         long[] exchanges, long[] responseBytes, Connections connections) {
    public static final List<String> PROTOCOLS = List.of("HTTP/1.1", "HTTP/2",
            ExchangeRole.CLIENT.protocolKey("HTTP/1.1"), ExchangeRole.CLIENT.protocolKey("HTTP/2"));
    public static final List<String> FIELDS = List.of(HeapCheckpointFields.FORCED, HeapCheckpointFields.HEAP_USED,
            HeapCheckpointFields.DIRECT_MEMORY_USED, HeapCheckpointFields.RSS,
            HeapCheckpointFields.HTTP1_EXCHANGES, HeapCheckpointFields.HTTP2_EXCHANGES,
            HeapCheckpointFields.HTTP1_RESPONSE_BYTES, HeapCheckpointFields.HTTP2_RESPONSE_BYTES,
            HeapCheckpointFields.OPEN_CONNECTIONS, HeapCheckpointFields.IDLE_CONNECTIONS);

    /**
     * Connections per protocol at one checkpoint: {@code open} ones, of which {@code peerClosed} their peer closed;
     * {@code held} after their peer left (closed and reachable, or peer-closed) and of those {@code leaked} for good.
     * All zero in recordings of agents that did not count them. A client's are its pools' connections, {@code open}
     * and {@code closed} alone (zero in recordings of agents before they were counted): a client that keeps a
     * connection after its peer left is no leak the agent knows how to tell.
     */
    @SuppressWarnings("ArrayRecordComponent") // per-protocol counts, read by index; records of it are never compared
    public record Connections(long[] open, long[] peerClosed, long[] closed, long[] held, long[] leaked) {
        static final Connections NONE = new Connections(new long[PROTOCOLS.size()], new long[PROTOCOLS.size()],
                new long[PROTOCOLS.size()], new long[PROTOCOLS.size()], new long[PROTOCOLS.size()]);

        /** Open connections whose peer is still there, as far as known. */
        long connected(int protocol) {
            return open[protocol] - peerClosed[protocol];
        }
    }

    Checkpoint(long timeNanos, boolean forced, long heapUsed, long directMemoryUsed, long rss, long[] exchanges,
               long[] responseBytes) {
        this(timeNanos, forced, heapUsed, directMemoryUsed, rss, exchanges, responseBytes, Connections.NONE);
    }

    /** A heap checkpoint's fields by name, as the JDK's parser or a reading by position gives them. */
    public interface Fields {
        boolean has(String field);

        /** A number field; 0 when absent. */
        long number(String field);

        boolean flag(String field);
    }

    /** An {@code httpmem.HeapCheckpoint} event holding {@link #FIELDS}, as the JDK's parser gives it. */
    public static Checkpoint of(RecordedEvent event) {
        return of(new Fields() {
            @Override
            public boolean has(String field) {
                return event.hasField(field);
            }

            @Override
            public long number(String field) {
                return event.hasField(field) ? event.getLong(field) : 0;
            }

            @Override
            public boolean flag(String field) {
                return event.getBoolean(field);
            }
        }, Events.nanos(event.getStartTime()));
    }

    /**
     * An {@code httpmem.HeapCheckpoint} event holding {@link #FIELDS}; a client's counts, absent in recordings of
     * agents before roles, count 0.
     *
     * @param startNanos when the event began, epoch nanoseconds: its time where the agent gave no GC end
     */
    public static Checkpoint of(Fields event, long startNanos) {
        Connections connections = event.has(HeapCheckpointFields.HTTP2_LEAKED_CONNECTIONS)
                ? new Connections(
                        perProtocol(event, HeapCheckpointFields.HTTP1_OPEN_CONNECTIONS,
                                HeapCheckpointFields.HTTP2_OPEN_CONNECTIONS, HeapCheckpointFields.CLIENT_HTTP1_OPEN_CONNECTIONS,
                                HeapCheckpointFields.CLIENT_HTTP2_OPEN_CONNECTIONS),
                        perProtocol(event, HeapCheckpointFields.HTTP1_PEER_CLOSED_CONNECTIONS,
                                HeapCheckpointFields.HTTP2_PEER_CLOSED_CONNECTIONS, null, null),
                        perProtocol(event, HeapCheckpointFields.HTTP1_CLOSED_CONNECTIONS,
                                HeapCheckpointFields.HTTP2_CLOSED_CONNECTIONS, HeapCheckpointFields.CLIENT_HTTP1_CLOSED_CONNECTIONS,
                                HeapCheckpointFields.CLIENT_HTTP2_CLOSED_CONNECTIONS),
                        perProtocol(event, HeapCheckpointFields.HTTP1_HELD_CONNECTIONS,
                                HeapCheckpointFields.HTTP2_HELD_CONNECTIONS, null, null),
                        perProtocol(event, HeapCheckpointFields.HTTP1_LEAKED_CONNECTIONS,
                                HeapCheckpointFields.HTTP2_LEAKED_CONNECTIONS, null, null))
                : Connections.NONE;
        // The GC's end (milliseconds since the epoch), where the agent gives it: the event is committed when the JVM
        // delivers its notification, and work done in between (a request that allocated after the GC) must not count
        // as before it.
        long time = event.has(HeapCheckpointFields.GC_END)
                ? event.number(HeapCheckpointFields.GC_END) * 1_000_000 : startNanos;
        return new Checkpoint(time, event.flag(HeapCheckpointFields.FORCED),
                event.number(HeapCheckpointFields.HEAP_USED),
                event.number(HeapCheckpointFields.DIRECT_MEMORY_USED), event.number(HeapCheckpointFields.RSS),
                perProtocol(event, HeapCheckpointFields.HTTP1_EXCHANGES, HeapCheckpointFields.HTTP2_EXCHANGES,
                        HeapCheckpointFields.CLIENT_HTTP1_EXCHANGES, HeapCheckpointFields.CLIENT_HTTP2_EXCHANGES),
                perProtocol(event, HeapCheckpointFields.HTTP1_RESPONSE_BYTES, HeapCheckpointFields.HTTP2_RESPONSE_BYTES,
                        HeapCheckpointFields.CLIENT_HTTP1_RESPONSE_BYTES, HeapCheckpointFields.CLIENT_HTTP2_RESPONSE_BYTES),
                connections);
    }

    /** Counts in the order of {@link #PROTOCOLS}, from a server's fields and a client's (none when null). */
    private static long[] perProtocol(Fields event, String http1, String http2, String clientHttp1, String clientHttp2) {
        return new long[] {event.number(http1), event.number(http2), clientHttp1 == null ? 0 : event.number(clientHttp1),
                clientHttp2 == null ? 0 : event.number(clientHttp2)};
    }

    /**
     * This checkpoint with at least {@code held} connections held per protocol: the agent counts a connection held
     * only once it sees it so, which may be a few GCs after its client left.
     */
    public Checkpoint holdingAtLeast(long[] held) {
        long[] atLeast = connections.held().clone();
        for (int p = 0; p < atLeast.length; p++) {
            atLeast[p] = Math.max(atLeast[p], held[p]);
        }
        return new Checkpoint(timeNanos, forced, heapUsed, directMemoryUsed, rss, exchanges, responseBytes,
                new Connections(connections.open(), connections.peerClosed(), connections.closed(), atLeast,
                        connections.leaked()));
    }

    long totalExchanges() {
        long total = 0;
        for (long count : exchanges) {
            total += count;
        }
        return total;
    }
}
