package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An exchange completes, on HTTP/1.1 or HTTP/2: its request and response are both terminated (or it ended on an
 * error), and Undertow runs its completion listeners, once, on whichever thread ended it.
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
            UndertowExchanges.completed(exchange.getResponseHeaders(), exchange.getStatusCode());
        }
    }
}
