package dev.httpmem.agent.stacks.netty;

import dev.httpmem.agent.runtime.Connection;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;

/**
 * The HTTP/2 stream a request is about to create on this thread. The HEADERS reader (or the h2c upgrade) of a
 * server, or the HEADERS writer of a client, knows the request but has no stream yet; the stream's constructor has
 * the stream but not the request. So the reader or writer arms this, and the constructor opens the exchange before
 * anything else happens to the stream (its child channel is registered while it is created): the frame reader's
 * pending slice becomes its handle slice, or, for an h2c Upgrade's stream or a client's, the constructor enters
 * one, which the arming method's exit leaves.
 * One per thread, allocated once.
 */
public final class PendingStream {
    private static final ThreadLocal<PendingStream> CURRENT = ThreadLocal.withInitial(PendingStream::new);

    private boolean armed;
    private boolean created;
    private int streamId;
    private Role role;
    private Connection connection;
    private String method;
    private String path;
    private Slices slices;

    private PendingStream() {}

    /** Returns the token for {@link #disarm}, or null when this thread already waits for a stream. */
    public static PendingStream arm(int streamId, Role role, Connection connection, String method, String path) {
        PendingStream pending = CURRENT.get();
        if (pending.armed) {
            return null;
        }
        pending.armed = true;
        pending.created = false;
        pending.streamId = streamId;
        pending.role = role;
        pending.connection = connection;
        pending.method = method;
        pending.path = path;
        return pending;
    }

    /** A stream was constructed on this thread: if it is the armed one, its exchange opens and its handling starts. */
    public static void created(Object stream, int streamId) {
        PendingStream pending = CURRENT.get();
        if (!pending.armed || pending.created || pending.streamId != streamId) {
            return;
        }
        pending.created = true;
        Exchange exchange = Exchanges.open(stream, NettyInstrumentation.STACK, pending.role, Exchange.HTTP_2,
                pending.connection, streamId, pending.method, pending.path);
        pending.method = null;
        pending.path = null;
        // A server's HEADERS frame's reading, its HPACK decoding included, is its handling; an h2c Upgrade's
        // stream has no such frame, and a client's writes its HEADERS next: their handling starts here.
        pending.slices = Slices.adopt(exchange) ? null : Slices.enter(exchange, SliceKind.HANDLE);
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
