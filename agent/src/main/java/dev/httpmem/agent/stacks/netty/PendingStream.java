package dev.httpmem.agent.stacks.netty;

import dev.httpmem.agent.runtime.Connection;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Slices;

/**
 * The HTTP/2 stream a request is about to create on this thread. The HEADERS reader (or the h2c upgrade) knows
 * the request but has no stream yet; the stream's constructor has the stream but not the request. So the
 * reader arms this, the constructor opens the exchange and enters its handle slice before anything else happens
 * to the stream (its child channel is registered while it is created), and the reader's exit leaves that slice.
 * One per thread, allocated once.
 */
public final class PendingStream {
    private static final ThreadLocal<PendingStream> CURRENT = ThreadLocal.withInitial(PendingStream::new);

    private boolean armed;
    private boolean created;
    private int streamId;
    private Connection connection;
    private String method;
    private String path;
    private Slices slices;

    private PendingStream() {}

    /** @return the token for {@link #disarm}, or null when this thread already waits for a stream */
    public static PendingStream arm(int streamId, Connection connection, String method, String path) {
        PendingStream pending = CURRENT.get();
        if (pending.armed) {
            return null;
        }
        pending.armed = true;
        pending.created = false;
        pending.streamId = streamId;
        pending.connection = connection;
        pending.method = method;
        pending.path = path;
        return pending;
    }

    /** A stream was constructed on this thread: if it is the armed one, its exchange opens and its slice starts. */
    public static void created(Object stream, int streamId) {
        PendingStream pending = CURRENT.get();
        if (!pending.armed || pending.created || pending.streamId != streamId) {
            return;
        }
        pending.created = true;
        Exchange exchange = Exchanges.open(stream, NettyInstrumentation.STACK, Exchange.HTTP_2,
                pending.connection, streamId, pending.method, pending.path);
        pending.method = null;
        pending.path = null;
        Slices.adopt(exchange); // the HEADERS frame's reading, its HPACK decoding included
        pending.slices = Slices.enter(exchange, Slices.HANDLE);
    }

    /** The arming method returns: the stream's slice, if one started, ends. */
    public static void disarm(PendingStream pending) {
        if (pending == null) {
            return;
        }
        Slices slices = pending.slices;
        pending.slices = null;
        pending.armed = false;
        pending.connection = null;
        pending.method = null;
        pending.path = null;
        Slices.exit(slices);
    }
}
