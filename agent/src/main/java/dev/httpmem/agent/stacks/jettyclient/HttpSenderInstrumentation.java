package dev.httpmem.agent.stacks.jettyclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchanges;
import dev.httpmem.agent.runtime.Outcome;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpExchange;

/**
 * A request, both transports: sending it (its listeners, its headers, its first write) is a slice of its exchange;
 * when its side terminates last (a response read before its request was sent whole), the exchange ends here, after
 * the application's completion listener.
 */
final class HttpSenderInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.client.transport.HttpSender");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("send").and(takesArguments(1)), ExchangeWorkAdvice.class),
                new AdviceBinding(named("terminateRequest").and(takesArguments(3)), TerminateRequestAdvice.class));
    }

    static final class TerminateRequestAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) HttpExchange exchange, @Advice.Argument(2) Result result) {
            if (result == null) {
                return null;
            }
            Exchanges.responseEnded(exchange, exchange.getResponse().getStatus(), result.getResponseFailure());
            return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) Object exchange, @Advice.Argument(2) Result result, @Advice.Enter Slices slices) {
            if (result != null) {
                Exchanges.end(exchange, Outcome.CLOSED);
            }
            Slices.exit(slices);
        }
    }
}
