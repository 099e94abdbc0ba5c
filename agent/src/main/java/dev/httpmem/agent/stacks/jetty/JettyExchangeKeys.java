package dev.httpmem.agent.stacks.jetty;

import dev.httpmem.agent.runtime.FieldReader;

/** Jetty objects that key an exchange, reached from where advice stands. */
public final class JettyExchangeKeys {
    /** An HTTP/2 exchange is keyed by its HTTP2Stream, which HttpStreamOverHTTP2 keeps private. */
    private static final FieldReader HTTP2_STREAM =
            new FieldReader("org.eclipse.jetty.http2.server.internal.HttpStreamOverHTTP2", "_stream");

    private JettyExchangeKeys() {}

    /** The key of the exchange an unwrapped {@code HttpStream} serves. */
    public static Object ofHttpStream(Object httpStream) throws Throwable {
        return HTTP2_STREAM.readOrSelf(httpStream);
    }
}
