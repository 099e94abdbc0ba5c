package dev.httpmem.agent.stacks.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A handler chain run for an exchange, on its I/O thread or on the worker it was dispatched to (a dispatched
 * handler runs through here again): a handle slice of the exchange, whichever protocol carries it.
 */
final class ConnectorsInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.Connectors");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("executeRootHandler").and(isStatic()).and(takesArguments(2)),
                HandlerAdvice.class));
    }

    static final class HandlerAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(1) HttpServerExchange exchange) {
            return Slices.enterExchangeOf(exchange.getResponseHeaders(), SliceKind.HANDLE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices) {
            Slices.exit(slices);
        }
    }
}
