package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.protocols.http2.Http2Channel;
import io.undertow.protocols.http2.Http2DataStreamSinkChannel;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One HTTP/2 stream's server side (Undertow makes one per stream, its TCP connection being the {@code Http2Channel}):
 * the exchange it is given opens, for a request's HEADERS, h2c's stream 1 and a pushed stream alike. The request's
 * method and path are its pseudo-headers, or those of the HTTP/1.1 request an h2c Upgrade carried.
 */
final class Http2ServerConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.protocol.http2.Http2ServerConnection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("setExchange").and(takesArguments(1)), ExchangeAdvice.class));
    }

    static final class ExchangeAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) HttpServerExchange exchange, @Advice.FieldValue("channel") Http2Channel channel,
                         @Advice.FieldValue("responseChannel") Http2DataStreamSinkChannel stream) {
            HeaderMap request = exchange.getRequestHeaders();
            UndertowExchanges.openHttp2(exchange.getResponseHeaders(), channel, stream.getStreamId(),
                    request.getFirst(Http2Channel.METHOD), request.getFirst(Http2Channel.PATH));
        }
    }
}
