package dev.httpmem.agent.stacks.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.net.URI;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One request: created by the server's task once the request is parsed, it opens the exchange and enters its
 * handle slice, which the task's end exits (no method of the task wraps the handler alone). The response headers
 * carry the status.
 */
final class ExchangeImplInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.httpserver.ExchangeImpl");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(isConstructor().and(takesArguments(5)), OpenAdvice.class),
                new AdviceBinding(named("sendResponseHeaders").and(takesArguments(2)), SendResponseHeadersAdvice.class));
    }

    static final class OpenAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object exchange, @Advice.Argument(0) String method, @Advice.Argument(1) URI uri,
                         @Advice.Argument(4) Object connection) {
            Exchange opened = Http1Connections.open(connection, exchange, JdkHttpServerInstrumentation.STACK, Role.SERVER, method,
                    uri.getRawPath());
            if (!Slices.adopt(opened)) {
                Slices.enter(opened, SliceKind.HANDLE);
            }
        }
    }

    static final class SendResponseHeadersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object exchange, @Advice.Argument(0) int status) {
            Exchanges.status(exchange, status);
        }
    }
}
