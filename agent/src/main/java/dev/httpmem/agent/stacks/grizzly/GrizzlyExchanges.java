package dev.httpmem.agent.stacks.grizzly;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Http2Frames;

/**
 * What Grizzly's advice tells of its exchanges, keyed by their {@code HttpContext}. Only the JDK's types here: this
 * class is loaded by the agent's loader, which need not see Grizzly's.
 */
public final class GrizzlyExchanges {
    private GrizzlyExchanges() {}

    /** An HTTP/1.1 request on {@code connection}, its headers parsed, starts being served. */
    public static void openHttp1(Object key, Object connection, String method, String path) {
        Http1Connections.open(connection, key, GrizzlyInstrumentation.STACK, Role.SERVER, method, path);
    }

    /** HTTP/2 stream {@code streamId} on {@code connection} starts being served. */
    public static void openHttp2(Object key, Object connection, int streamId, String method, String path) {
        Exchanges.open(key, GrizzlyInstrumentation.STACK, Role.SERVER, Exchange.HTTP_2,
                Connections.of(connection, GrizzlyInstrumentation.STACK), streamId, method, path);
    }

    /**
     * The exchange {@code key} keys completed with {@code status}: its response was finished. An HTTP/2 one ends
     * with its last frame, which flow control may hold back until later.
     */
    public static void completed(Object key, boolean http2, int status) {
        Exchanges.status(key, status);
        if (!http2) {
            Exchanges.end(key, Outcome.COMPLETED);
        }
    }

    /**
     * A frame of the exchange {@code key} keys was serialized: told as a write with its payload, and the response's
     * {@code status} (0: unknown); only DATA and HEADERS are the exchange's response, and the one ending the stream
     * ends the exchange.
     */
    public static void frame(Object key, int type, int payloadBytes, int flags, int status) {
        if (type == Http2Frames.DATA || type == Http2Frames.HEADERS) {
            boolean endStream = Http2Frames.endsStream(type, flags);
            Slices.exitFrame(Slices.enterFrame(key, null, status, null), Http2Frames.exchangeFrame(type), payloadBytes,
                    endStream);
            if (endStream) {
                Exchanges.end(key, Outcome.COMPLETED);
            }
        }
    }
}
