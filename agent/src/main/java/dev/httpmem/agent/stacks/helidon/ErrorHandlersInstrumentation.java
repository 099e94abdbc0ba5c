package dev.httpmem.agent.stacks.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Helidon's routing error handling: an exception a filter or handler throws is caught here and answered (500, or
 * by the application's error handler), so the exchange learns of it here, not from routing, which returns.
 */
final class ErrorHandlersInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.helidon.webserver.http.ErrorHandlers");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("handleError").and(takesArguments(4)).and(takesArgument(3, Throwable.class)),
                HandleErrorAdvice.class));
    }

    static final class HandleErrorAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(3) Throwable thrown) {
            HelidonExchanges.failed(thrown);
        }
    }
}
