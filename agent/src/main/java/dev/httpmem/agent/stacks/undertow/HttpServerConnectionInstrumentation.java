package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An HTTP/1.1 connection: the request it starts serving once its headers are parsed (an h2c prior-knowledge
 * preface never gets here) opens its exchange, numbered on the connection and keyed as every Undertow exchange is
 * ({@link UndertowInstrumentation}).
 */
final class HttpServerConnectionInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.protocol.http.HttpServerConnection");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("setCurrentExchange").and(takesArguments(1)), ServingAdvice.class));
    }

    static final class ServingAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
        static void exit(@Advice.This Object connection, @Advice.Argument(0) HttpServerExchange exchange) {
            if (exchange != null) {
                Slices.adopt(Http1Connections.open(connection, exchange.getResponseHeaders(), UndertowInstrumentation.STACK, Role.SERVER,
                        exchange.getRequestMethod().toString(), exchange.getRequestURI()));
            }
        }
    }
}
