package dev.httpmem.agent.stacks.jettyclient;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * Jetty's {@code HttpClient} 12, a client, over its HTTP/1.1 transport and its HTTP/2 one (h2c by prior knowledge, h2
 * by ALPN, or either through the dynamic transport): an exchange is an {@code HttpExchange}, one attempt of one
 * request, never reused (the channels that carry exchanges are: a connection's, or recycled), from the channel's
 * send to the end of the exchange's last side, after the application's completion listener. Its own hooks are on
 * the client's classes alone: the jetty stack's hooks on classes server and client share (the parser, endpoints)
 * are the server's.
 */
public final class JettyClientInstrumentation implements StackInstrumentation {
    static final String STACK = "jettyclient";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "org.eclipse.jetty.client.HttpClient";
    }

    @Override
    public List<String> landmarkClasses() {
        // Jetty 12's packages (9 to 11 had org.eclipse.jetty.client.http); the exchange and the HTTP/1.1 receiver a
        // later line would have to keep for the hooks to hold.
        return List.of("org.eclipse.jetty.client.transport.HttpExchange",
                "org.eclipse.jetty.client.transport.internal.HttpReceiverOverHTTP");
    }

    @Override
    public String supportedVersions() {
        return "Jetty 12.0 and 12.1";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HttpChannelOverHttpInstrumentation(), new HttpChannelOverHttp2Instrumentation(),
                new HttpSenderInstrumentation(), new HttpReceiverInstrumentation(), new HttpConnectionOverHttpInstrumentation(),
                new HttpConnectionOverHttp2Instrumentation(), new ContentReadInstrumentation());
    }
}
