package dev.httpmem.agent.stacks.undertow;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * Undertow 2.3 and 2.4 core (WildFly, Quarkus classic, Spring Boot's Undertow option), its servlets included as
 * they run on it. Every exchange is an {@code HttpServerExchange}, from its request's parsing (HTTP/1.1) or its
 * stream's HEADERS (HTTP/2) until it completes. Exchanges are keyed by their response's {@code HeaderMap}: one per
 * exchange, the exchange's own and, on HTTP/2, also its stream's response channel's, so that the frames the
 * channel writes find their exchange without a table of their own.
 */
public final class UndertowInstrumentation implements StackInstrumentation {
    static final String STACK = "undertow";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "io.undertow.server.HttpServerExchange";
    }

    @Override
    public List<String> landmarkClasses() {
        // New in 2.3 (absent from every 2.2 and older), and one that 2.5 would need to keep for us to be right.
        return List.of("io.undertow.server.handlers.ActiveRequestTrackerHandler",
                "io.undertow.server.protocol.http2.Http2ServerConnection");
    }

    @Override
    public String supportedVersions() {
        return "Undertow 2.3, 2.4";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HttpReadListenerInstrumentation(), new HttpServerConnectionInstrumentation(),
                new ConnectorsInstrumentation(), new HttpResponseConduitInstrumentation(),
                new HttpServerExchangeInstrumentation(), new Http2ServerConnectionInstrumentation(),
                new Http2ReceiveListenerInstrumentation(), new Http2DataStreamSinkChannelInstrumentation(),
                new FramedChannelInstrumentation(), new Http2StreamSinkChannelInstrumentation(),
                new CloseSetterInstrumentation());
    }
}
