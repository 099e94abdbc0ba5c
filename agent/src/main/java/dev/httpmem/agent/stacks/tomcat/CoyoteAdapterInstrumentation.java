package dev.httpmem.agent.stacks.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.httpmem.agent.runtime.Exchange;
import dev.httpmem.agent.runtime.SliceKind;
import dev.httpmem.agent.runtime.Slices;
import dev.httpmem.agent.stacks.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.coyote.Request;

/**
 * The container (filters, servlet) running an HTTP/1.1 request, first or after an async dispatch: a handle slice.
 * An HTTP/2 request runs here too, inside its stream processor's handle slice; its request keys nothing. What
 * escapes the container fails the exchange.
 */
final class CoyoteAdapterInstrumentation implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.catalina.connector.CoyoteAdapter");
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("service").and(takesArguments(2)), HandleAdvice.class),
                new AdviceBinding(named("asyncDispatch").and(takesArguments(3)), HandleAdvice.class));
    }

    static final class HandleAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Slices enter(@Advice.Argument(0) Request request) {
            return Slices.enterExchangeOf(request, SliceKind.HANDLE);
        }

        /** What the container threw (the processor answers 500 next) fails the exchange running here. */
        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, backupArguments = false)
        static void exit(@Advice.Enter Slices slices, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                Exchange exchange = Slices.current();
                if (exchange != null) {
                    exchange.failed(thrown);
                }
            }
            Slices.exit(slices);
        }
    }
}
