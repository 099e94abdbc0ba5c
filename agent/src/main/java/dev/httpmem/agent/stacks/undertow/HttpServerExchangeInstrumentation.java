package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.server.Connectors;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An exchange completes, on HTTP/1.1 or HTTP/2: its request and response are both terminated (or it ended on an
 * error), and Undertow runs its completion listeners, once, on whichever thread ended it; a handler's exception is
 * attached to it by then.
 */
final class HttpServerExchangeInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.HttpServerExchange");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("invokeExchangeCompleteListeners").and(takesArguments(0)),
                CompleteAdvice.class));
    }

    static final class CompleteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This HttpServerExchange exchange) {
            long length = exchange.getResponseContentLength();
            // A body cut short: its connection failed under it (a body Undertow may not send, HEAD's, counts 0 sent).
            boolean cutShort = length > 0 && Connectors.isEntityBodyAllowed(exchange)
                    && !exchange.getRequestMethod().equals(Methods.HEAD) && exchange.getResponseBytesSent() < length;
            UndertowExchanges.completed(exchange.getResponseHeaders(), exchange.getStatusCode(),
                    exchange.getAttachment(DefaultResponseListener.EXCEPTION), cutShort);
        }
    }
}
