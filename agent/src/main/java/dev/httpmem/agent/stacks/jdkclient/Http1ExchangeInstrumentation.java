package dev.httpmem.agent.stacks.jdkclient;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Handoffs;
import dev.httpmem.agent.runtime.Http1Connections;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.Role;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.KeyedWorkAdvice;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.net.http.HttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One HTTP/1.1 attempt of a request, created on its connection once the client chose the protocol: it opens the
 * exchange, its request's writer stands for it on the threads that write ({@link Http1WriteTaskInstrumentation}),
 * and its own steps are slices of it. It ends upgraded when the server took its h2c Upgrade, and closed when it
 * is cancelled (a timeout, the application, a protocol error: the client then closes its connection).
 */
final class Http1ExchangeInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http1Exchange");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(isConstructor().and(takesArguments(2)), OpenAdvice.class),
                new AdviceBinding(named("sendHeadersAsync").or(named("sendBodyAsync")).or(named("getResponseAsync"))
                        .or(named("readBodyAsync")).or(named("ignoreBody")), KeyedWorkAdvice.class),
                new AdviceBinding(named("upgraded").and(takesArguments(0)), UpgradedAdvice.class),
                new AdviceBinding(named("cancelImpl").and(takesArguments(1)), CancelAdvice.class));
    }

    static final class OpenAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object exchange, @Advice.FieldValue("request") HttpRequest request,
                         @Advice.FieldValue("connection") Object connection,
                         @Advice.FieldValue("writePublisher") Object writePublisher) {
            // A proxy's CONNECT is the client's own request, made to reach the server: not one the application sent.
            if (request.method().equals("CONNECT")) {
                return;
            }
            Exchange opened = Http1Connections.open(connection, exchange, JdkHttpClientInstrumentation.STACK, Role.CLIENT,
                    request.method(), request.uri().getRawPath());
            if (opened == null) {
                return;
            }
            Slices slices = Slices.adopt(opened) ? null : Slices.enter(opened, SliceKind.HANDLE);
            Handoffs.alias(writePublisher);
            Slices.exit(slices);
        }
    }

    static final class UpgradedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object exchange) {
            Exchanges.end(exchange, Outcome.UPGRADED);
        }
    }

    static final class CancelAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object exchange, @Advice.Argument(0) Throwable cause) {
            Exchanges.failed(exchange, cause);
            Exchanges.end(exchange, Outcome.CLOSED);
        }
    }
}
