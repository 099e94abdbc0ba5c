package dev.httpmem.agent.stacks.jettyclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
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
 * A response, both transports: its begin, headers and content handed to the application's listeners (the content
 * listener reads the body inside) are slices of its exchange. The exchange ends where its last side terminates
 * ({@link TerminateResponseAdvice} here, {@link HttpSenderInstrumentation} for the request side), after the
 * application's completion listener, which is its work too.
 */
final class HttpReceiverInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.eclipse.jetty.client.transport.HttpReceiver");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("responseBegin").or(named("responseHeaders")).or(named("responseContentAvailable"))
                        .and(takesArguments(1)).and(takesArgument(0, named("org.eclipse.jetty.client.transport.HttpExchange"))),
                        ExchangeWorkAdvice.class),
                new AdviceBinding(named("terminateResponse").and(takesArguments(2)), TerminateResponseAdvice.class));
    }

    /** With a result, the exchange's both sides are done: status and failure, its end after the listeners'. */
    static final class TerminateResponseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) HttpExchange exchange, @Advice.Argument(1) Result result) {
            if (result == null) {
                return null;
            }
            Exchanges.responseEnded(exchange, exchange.getResponse().getStatus(), result.getResponseFailure());
            return Slices.enterExchangeOf(exchange, SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Argument(0) Object exchange, @Advice.Argument(1) Result result, @Advice.Enter Slices slices) {
            if (result != null) {
                Exchanges.end(exchange, Outcome.CLOSED);
            }
            Slices.exit(slices);
        }
    }
}
