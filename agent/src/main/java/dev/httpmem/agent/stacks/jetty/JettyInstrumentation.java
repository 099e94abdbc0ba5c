package dev.httpmem.agent.stacks.jetty;

import dev.httpmem.agent.stacks.StackInstrumentation;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;

/**
 * Jetty 12.0 and 12.1. An HTTP/1.1 exchange is an {@code HttpStreamOverHTTP1}; an HTTP/2 exchange is an
 * {@code HTTP2Stream}, from its creation for the request HEADERS to its close (end of stream both ways, reset or
 * connection failure).
 */
public final class JettyInstrumentation implements StackInstrumentation {
    static final String STACK = "jetty";

    @Override
    public String name() {
        return STACK;
    }

    @Override
    public String presenceClass() {
        return "org.eclipse.jetty.server.Server";
    }

    @Override
    public List<String> landmarkClasses() {
        // Jetty 12 only: these packages do not exist in Jetty 9 to 11.
        return List.of("org.eclipse.jetty.server.internal.HttpChannelState", "org.eclipse.jetty.server.HttpStream");
    }

    @Override
    public String supportedVersions() {
        return "Jetty 12.0, 12.1";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HandlerInvokerInstrumentation(), new ChannelCallbackInstrumentation(), new HttpStreamOverHttp1Instrumentation(),
                new Http2SessionInstrumentation(), new Http2StreamInstrumentation(),
                new Http2DataEntryInstrumentation(), new Http2ControlEntryInstrumentation(),
                new EndPointInstrumentation(), new ConnectionFillableInstrumentation(), new WriteFlusherInstrumentation(),
                new SelectorProducerInstrumentation(), new ThreadPoolWaitInstrumentation(),
                new Http2ProducerInstrumentation(), new HeadersBodyParserInstrumentation(),
                new HttpParserInstrumentation());
    }
}
