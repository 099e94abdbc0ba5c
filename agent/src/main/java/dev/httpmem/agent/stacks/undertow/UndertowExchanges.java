package dev.httpmem.agent.stacks.undertow;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;

/**
 * What Undertow's advice tells of its exchanges, keyed by their response {@code HeaderMap}
 * ({@link UndertowInstrumentation}). Only the JDK's types here: this class is loaded by the agent's loader, which
 * need not see Undertow's.
 */
public final class UndertowExchanges {
    private static final int SWITCHING_PROTOCOLS = 101;
    /**
     * The method and path of the HTTP/1.1 request an h2c Upgrade is serving again as stream 1 on this thread:
     * Undertow gives them to the stream's exchange only after it is opened.
     */
    private static final ThreadLocal<String[]> UPGRADED_REQUEST = new ThreadLocal<>();

    private UndertowExchanges() {}

    /**
     * Opens the exchange of HTTP/2 stream {@code streamId} on {@code channel}, the connection, adopting the pending
     * slice of its request's setup.
     *
     * @param method the request's {@code :method}, or null for h2c's stream 1
     */
    public static void openHttp2(Object key, Object channel, int streamId, String method, String path) {
        String[] upgraded = method == null ? UPGRADED_REQUEST.get() : null;
        Slices.adopt(Exchanges.open(key, UndertowInstrumentation.STACK, Role.SERVER, Exchange.HTTP_2,
                Connections.of(channel, UndertowInstrumentation.STACK), streamId,
                upgraded == null ? method : upgraded[0], upgraded == null ? path : upgraded[1]));
    }

    /** An h2c Upgrade's request is about to be served again as stream 1 on this thread. */
    public static void upgrading(String method, String path) {
        UPGRADED_REQUEST.set(new String[] {method, path});
    }

    public static void upgraded() {
        UPGRADED_REQUEST.remove();
    }

    /** Undertow reset HTTP/2 stream {@code streamId} on {@code channel} for headers that break the protocol. */
    public static void rejected(Object channel, int streamId) {
        Exchanges.rejected(UndertowInstrumentation.STACK, Exchange.HTTP_2,
                Connections.of(channel, UndertowInstrumentation.STACK), streamId, "PROTOCOL_ERROR");
    }

    /**
     * The exchange {@code key} keys completed: its response was sent, or will not be. It ends with its status,
     * failed when its handler threw {@code failure} (Undertow then answers 500), closed when its body was cut short
     * (a client gone, its write failed); an HTTP/1.1 request answered 101 was upgraded (h2c), its request served
     * again as an HTTP/2 stream.
     */
    public static void completed(Object key, int status, Throwable failure, boolean cutShort) {
        Exchanges.status(key, status);
        if (failure != null) {
            Exchanges.failed(key, failure);
        }
        Exchanges.end(key, status == SWITCHING_PROTOCOLS ? Outcome.UPGRADED : cutShort ? Outcome.CLOSED : Outcome.COMPLETED);
    }
}
