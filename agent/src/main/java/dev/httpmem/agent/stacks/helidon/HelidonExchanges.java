package dev.httpmem.agent.stacks.helidon;

import dev.httpmem.agent.runtime.Connections;
import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.Http2Frames;

/** What the Helidon advice does, out of Helidon's byte code; only the JDK's types here. */
public final class HelidonExchanges {
    private HelidonExchanges() {}

    /** An HTTP/1.1 request on {@code connection}, keyed by its request line, is routed: its handle slice. */
    public static Slices routing(Object connection, Object prologue, String method, String path) {
        return Slices.enter(Http1Connections.open(connection, prologue, HelidonInstrumentation.STACK, Role.SERVER, method, path),
                SliceKind.HANDLE);
    }

    /** The request keyed by {@code prologue} was routed, or routing threw {@code thrown}: its exchange ends. */
    public static void routed(Slices slices, Object prologue, Throwable thrown) {
        failed(thrown);
        Slices.exit(slices);
        Exchanges.end(prologue, Outcome.CLOSED);
    }

    /** A stream's request HEADERS: its exchange opens. */
    public static void streamOpened(Object stream, Object connection, int streamId, String method, String path) {
        Exchanges.open(stream, HelidonInstrumentation.STACK, Role.SERVER, Exchange.HTTP_2, Connections.of(connection, HelidonInstrumentation.STACK),
                streamId, method, path);
    }

    /** The stream's thread ran its handler, which threw {@code thrown} or not: its exchange ends. */
    public static void streamRan(Slices slices, Object stream, Throwable thrown) {
        failed(thrown);
        Slices.exit(slices);
        Exchanges.end(stream, Outcome.CLOSED);
    }

    /** The response status, told to the exchange this thread works for. */
    public static void status(int status) {
        Exchange exchange = Slices.current();
        if (exchange != null) {
            exchange.status(status);
        }
    }

    /** A frame for stream {@code streamId}, written on the stream's own thread: a frame slice of its exchange. */
    public static Slices enterFrame(int streamId, int type) {
        String frame = streamId == 0 ? null : Http2Frames.exchangeFrame(type);
        Exchange exchange = frame == null ? null : Slices.current();
        return exchange == null ? null : Slices.enterFrame(exchange, frame);
    }

    public static void exitFrame(Slices slices, int type, int payloadBytes, int flags) {
        Slices.exitFrame(slices, payloadBytes, Http2Frames.endsStream(type, flags));
    }

    /** The exchange this thread works for failed with {@code thrown}, if any was thrown. */
    public static void failed(Throwable thrown) {
        Exchange exchange = thrown == null ? null : Slices.current();
        if (exchange != null) {
            exchange.failed(thrown);
        }
    }
}
