package dev.httpmem.agent.stacks.jetty;

import dev.httpmem.agent.runtime.FieldReader;

/** Jetty objects that key an exchange, reached from where advice stands. */
public final class JettyExchangeKeys {
    /** An HTTP/2 exchange is keyed by its HTTP2Stream, which HttpStreamOverHTTP2 keeps private. */
    private static final FieldReader HTTP2_STREAM =
            new FieldReader("org.eclipse.jetty.http2.server.internal.HttpStreamOverHTTP2", "_stream");

    /** A request's channel, which {@code HttpChannelState.ChannelRequest} keeps private and drops on completion. */
    private static final FieldReader REQUEST_CHANNEL =
            new FieldReader("org.eclipse.jetty.server.internal.HttpChannelState$ChannelRequest", "_httpChannelState");

    private JettyExchangeKeys() {}

    /** The {@code HttpChannelState} of a {@code ChannelRequest}, or null once the request completed. */
    public static Object channelOf(Object request) throws Throwable {
        return request == null ? null : REQUEST_CHANNEL.readOrSelf(request);
    }

    /** The key of the exchange an unwrapped {@code HttpStream} serves. */
    public static Object ofHttpStream(Object httpStream) throws Throwable {
        return HTTP2_STREAM.readOrSelf(httpStream);
    }
}
